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

pub use fat_pointer::{FatPointer, erase_metadata};
pub use heap::HeapPage;
pub use stack::Stack;

use alloy_primitives::U256;

/// All heap-like pages of a VM, by page number.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    pages: Vec<Option<HeapPage>>,
}

impl Memory {
    /// No pages.
    pub const fn new() -> Self {
        Memory { pages: Vec::new() }
    }

    /// The page `page`, if it was ever written.
    #[inline]
    pub fn page(&self, page: u32) -> Option<&HeapPage> {
        self.pages.get(page as usize).and_then(Option::as_ref)
    }

    /// The page `page`, created empty on first use.
    pub fn page_mut(&mut self, page: u32) -> &mut HeapPage {
        let i = page as usize;
        if self.pages.len() <= i {
            self.pages.resize_with(i + 1, || None);
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
