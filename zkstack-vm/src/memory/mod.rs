//! The EraVM memory model: per-frame stack pages, heap-like pages addressed by page number, the
//! shared static memory page, fat pointers and the constants that bound them.
//!
//! A far frame with base page `b` owns the code page `b`, the stack page `b + 1`, the heap
//! `b + 2` and the aux heap `b + 3` (zk_evm's numbering, which fat pointers expose). Stacks live
//! in their frames; every heap-like page lives here, indexed by page number.

pub mod fat_pointer;
pub mod heap;
pub mod params;
pub mod stack;
pub mod words;

pub use fat_pointer::{FatPointer, erase_metadata};
pub use heap::HeapPage;
pub use stack::Stack;
pub use words::{word_of, words_of};

use std::collections::BTreeMap;

use alloy_primitives::U256;

/// All heap-like pages of a VM, by page number.
///
/// Pages the VM creates are numbered densely (far calls take 8 each) and live in a vector; a
/// page named far beyond the others (a precompile's ABI may name any `u32` page) lives in a map
/// instead, so that no page number makes the vector grow by more than [`DENSE_GROWTH`] slots.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    pages: Vec<Option<HeapPage>>,
    far: BTreeMap<u32, HeapPage>,
}

/// The most slots one new page may add to the vector of dense pages.
pub const DENSE_GROWTH: usize = 1 << 16;

impl Memory {
    /// No pages.
    pub const fn new() -> Self {
        Memory { pages: Vec::new(), far: BTreeMap::new() }
    }

    /// The page `page`, if it was ever written.
    #[inline]
    pub fn page(&self, page: u32) -> Option<&HeapPage> {
        match self.pages.get(page as usize) {
            Some(slot) => slot.as_ref(),
            None => self.far.get(&page),
        }
    }

    /// The page `page`, created empty on first use.
    pub fn page_mut(&mut self, page: u32) -> &mut HeapPage {
        let i = page as usize;
        if i >= self.pages.len() {
            if i - self.pages.len() >= DENSE_GROWTH {
                return self.far.entry(page).or_default();
            }
            self.pages.resize_with(i + 1, || None);
            // Far pages the vector now reaches move into it.
            let above = self.far.split_off(&page.saturating_add(1));
            for (number, moved) in core::mem::replace(&mut self.far, above) {
                if let Some(slot) = self.pages.get_mut(number as usize) {
                    *slot = Some(moved);
                }
            }
        }
        self.pages[i].get_or_insert_with(HeapPage::new)
    }

    /// The 32 bytes at byte `offset` of `page` (zero where nothing was written).
    #[inline]
    pub fn read_word(&self, page: u32, offset: u32) -> U256 {
        self.page(page).map_or(U256::ZERO, |p| p.read_word(offset))
    }

    /// Writes 32 bytes big-endian at byte `offset` of `page`.
    #[inline]
    pub fn write_word(&mut self, page: u32, offset: u32, value: &U256) {
        self.page_mut(page).write_word(offset, value);
    }

    /// The 32-byte cell `index` of `page`, as zk_evm's memory queries (and so the precompiles)
    /// address memory: bytes `32 * index..32 * index + 32`, any `u32` index.
    #[inline]
    pub fn read_cell(&self, page: u32, index: u32) -> U256 {
        self.page(page).map_or(U256::ZERO, |p| p.read_cell(index))
    }

    /// Writes the 32-byte cell `index` of `page` (see [`Memory::read_cell`]).
    #[inline]
    pub fn write_cell(&mut self, page: u32, index: u32, value: &U256) {
        self.page_mut(page).write_cell(index, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_pages_do_not_grow_the_vector_and_move_in_when_reached() {
        let mut memory = Memory::new();
        memory.write_word(u32::MAX, 0, &U256::from(1u8));
        memory.write_word(70_000, 0, &U256::from(2u8));
        assert!(memory.pages.len() < DENSE_GROWTH);
        assert_eq!(memory.read_word(u32::MAX, 0), U256::from(1u8));
        assert_eq!(memory.read_word(70_000, 0), U256::from(2u8));
        // Growing the dense pages past 70,000 takes that page in, unchanged.
        memory.write_word(60_000, 0, &U256::from(3u8));
        memory.write_word(70_001, 0, &U256::from(4u8));
        assert_eq!(memory.far.len(), 1);
        assert_eq!(memory.read_word(70_000, 0), U256::from(2u8));
        memory.write_word(70_000, 32, &U256::from(5u8));
        assert_eq!(memory.read_word(70_000, 32), U256::from(5u8));
        assert_eq!(memory.read_word(70_001, 0), U256::from(4u8));
    }
}
