//! The stack page of a frame: 2^16 words, each with a pointer tag.

use alloy_primitives::U256;

/// Words in a stack page (the stack pointer is 16 bits wide).
pub const STACK_WORDS: usize = 1 << 16;

/// A stack page, all zero at first. Storage grows to the highest slot written (in powers of
/// two), so a new frame allocates nothing: a far call that zeroed a whole 2 MiB page would cost
/// more than the call itself. Slots past the storage read as zero.
#[derive(Clone, Debug)]
pub struct Stack {
    words: Vec<[u64; 4]>,
    pointer_tags: Vec<u64>,
}

/// Slots the storage grows by at least (one pointer-tag word).
const MIN_GROWTH: usize = 64;

impl PartialEq for Stack {
    /// Equal when every slot holds the same word and tag, however much storage each has.
    fn eq(&self, other: &Self) -> bool {
        (0..=u16::MAX).all(|slot| self.get(slot) == other.get(slot))
    }
}

impl Eq for Stack {}

impl Default for Stack {
    fn default() -> Self {
        Self::new()
    }
}

impl Stack {
    /// A zeroed stack (allocates nothing).
    pub const fn new() -> Self {
        Stack { words: Vec::new(), pointer_tags: Vec::new() }
    }

    /// Grows the storage to hold slot `i` (`i < STACK_WORDS`).
    #[cold]
    #[inline(never)]
    fn grow(&mut self, i: usize) {
        let len = (i + 1).next_power_of_two().clamp(MIN_GROWTH, STACK_WORDS);
        self.words.resize(len, [0; 4]);
        self.pointer_tags.resize(len / 64, 0);
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
        if i >= self.words.len() {
            self.grow(i);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_on_demand_and_reads_zero_beyond() {
        let mut stack = Stack::new();
        assert_eq!(stack.get(u16::MAX), (U256::ZERO, false));
        stack.set(u16::MAX, &U256::from(7), true);
        stack.set(3, &U256::from(9), false);
        assert_eq!(stack.get(u16::MAX), (U256::from(7), true));
        assert_eq!(stack.get(3), (U256::from(9), false));
        assert_eq!(stack.get(4), (U256::ZERO, false));
        let mut small = Stack::new();
        small.set(3, &U256::from(9), false);
        assert_ne!(small, stack);
        small.set(u16::MAX, &U256::from(7), true);
        assert_eq!(small, stack);
        stack.set(u16::MAX, &U256::ZERO, false);
        assert_eq!(stack, {
            let mut s = Stack::new();
            s.set(3, &U256::from(9), false);
            s
        });
    }
}
