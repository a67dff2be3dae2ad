//! The stack page of a frame: 2^16 words, each with a pointer tag.

use alloy_primitives::U256;

/// Words in a stack page (the stack pointer is 16 bits wide).
pub const STACK_WORDS: usize = 1 << 16;

/// A stack page. Zero-initialised and allocated as zeroed memory, so an untouched stack costs
/// no page faults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stack {
    words: Box<[[u64; 4]]>,
    pointer_tags: Box<[u64]>,
}

impl Default for Stack {
    fn default() -> Self {
        Self::new()
    }
}

impl Stack {
    /// A zeroed stack.
    pub fn new() -> Self {
        Stack {
            words: vec![[0u64; 4]; STACK_WORDS].into_boxed_slice(),
            pointer_tags: vec![0u64; STACK_WORDS / 64].into_boxed_slice(),
        }
    }

    /// The word at `slot` and whether it is tagged as a pointer.
    #[inline]
    pub fn get(&self, slot: u16) -> (U256, bool) {
        let i = usize::from(slot);
        let w = self.words.get(i).copied().unwrap_or_default();
        (U256::from_limbs(w), self.is_pointer(slot))
    }

    /// Whether `slot` is tagged as a pointer.
    #[inline]
    pub fn is_pointer(&self, slot: u16) -> bool {
        let i = usize::from(slot);
        self.pointer_tags.get(i / 64).is_some_and(|t| t >> (i % 64) & 1 != 0)
    }

    /// Stores `value` with its pointer tag at `slot`.
    #[inline]
    pub fn set(&mut self, slot: u16, value: &U256, is_pointer: bool) {
        let i = usize::from(slot);
        if let Some(w) = self.words.get_mut(i) {
            *w = *value.as_limbs();
        }
        if let Some(t) = self.pointer_tags.get_mut(i / 64) {
            let bit = 1u64 << (i % 64);
            if is_pointer {
                *t |= bit;
            } else {
                *t &= !bit;
            }
        }
    }
}
