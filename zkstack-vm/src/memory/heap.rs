//! A byte-addressed heap page, allocated lazily in fixed-size chunks.
//!
//! EraVM heaps are 2^32 bytes wide; a program that pays for growth may touch any of them, so a
//! heap is sparse: a table of chunks, each allocated on first write. Unwritten bytes read zero.
//!
//! zk_evm's memory is a map of 32-byte cells indexed by a `u32`, so cells `2^27..2^32` lie past
//! byte `2^32`. Heap and pointer accesses never reach them (their offsets stay below `2^32`, and
//! pointer reads mask bytes past the pointer's end), but precompiles address memory by cell and
//! may write and read them; those cells live in a sparse map of their own.

use std::collections::BTreeMap;

use alloy_primitives::U256;

/// Bytes per lazily allocated chunk.
const CHUNK: usize = 1 << 12;
/// The first cell index whose bytes lie past byte `2^32`.
const FIRST_HIGH_CELL: u32 = 1 << 27;

/// One heap-like memory page (heap, aux heap, calldata, returndata or static memory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeapPage {
    chunks: Vec<Option<Box<[u8; CHUNK]>>>,
    high: BTreeMap<u32, U256>,
}

impl HeapPage {
    /// An empty (all-zero) page.
    pub const fn new() -> Self {
        HeapPage { chunks: Vec::new(), high: BTreeMap::new() }
    }

    /// The 32-byte cell `index` (bytes `32 * index..32 * index + 32`), as zk_evm's memory and
    /// the precompiles address it; any `u32` index is valid.
    #[inline]
    pub fn read_cell(&self, index: u32) -> U256 {
        if index < FIRST_HIGH_CELL {
            self.read_word(index << 5)
        } else {
            self.high.get(&index).copied().unwrap_or(U256::ZERO)
        }
    }

    /// Writes the 32-byte cell `index` (see [`HeapPage::read_cell`]).
    #[inline]
    pub fn write_cell(&mut self, index: u32, value: &U256) {
        if index < FIRST_HIGH_CELL {
            self.write_word(index << 5, value);
        } else if value.is_zero() {
            self.high.remove(&index);
        } else {
            self.high.insert(index, *value);
        }
    }

    /// The 32 bytes at `offset` (which may run past 2^32: those bytes read zero), big-endian.
    pub fn read_word(&self, offset: u32) -> U256 {
        let start = offset as usize;
        let mut bytes = [0u8; 32];
        let chunk = start / CHUNK;
        let within = start % CHUNK;
        if within + 32 <= CHUNK {
            if let Some(Some(c)) = self.chunks.get(chunk) {
                bytes.copy_from_slice(&c[within..within + 32]);
            }
        } else {
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = self.byte(start + i);
            }
        }
        U256::from_be_bytes(bytes)
    }

    /// Writes `value` big-endian at bytes `offset..offset + 32`.
    pub fn write_word(&mut self, offset: u32, value: &U256) {
        let bytes: [u8; 32] = value.to_be_bytes();
        let start = offset as usize;
        let within = start % CHUNK;
        if within + 32 <= CHUNK {
            self.chunk_mut(start / CHUNK)[within..within + 32].copy_from_slice(&bytes);
        } else {
            for (i, b) in bytes.iter().enumerate() {
                let at = start + i;
                self.chunk_mut(at / CHUNK)[at % CHUNK] = *b;
            }
        }
    }

    /// The byte at `at` (zero if never written).
    #[inline]
    pub fn byte(&self, at: usize) -> u8 {
        match self.chunks.get(at / CHUNK) {
            Some(Some(c)) => c[at % CHUNK],
            _ => 0,
        }
    }

    fn chunk_mut(&mut self, index: usize) -> &mut [u8; CHUNK] {
        if self.chunks.len() <= index {
            self.chunks.resize_with(index + 1, || None);
        }
        self.chunks[index].get_or_insert_with(|| Box::new([0u8; CHUNK]))
    }

    /// The 32-byte-aligned words (cells) of the page that are not zero, as `(cell index,
    /// value)`, in index order.
    pub fn nonzero_words(&self) -> Vec<(u32, U256)> {
        let mut out = Vec::new();
        for (ci, chunk) in self.chunks.iter().enumerate() {
            let Some(c) = chunk else { continue };
            for (wi, w) in c.chunks_exact(32).enumerate() {
                if w.iter().any(|b| *b != 0) {
                    let index = (ci * CHUNK / 32 + wi) as u64;
                    out.push((u32::try_from(index).unwrap_or(u32::MAX), U256::from_be_slice(w)));
                }
            }
        }
        out.extend(self.high.iter().map(|(i, v)| (*i, *v)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unaligned_words_cross_chunks() {
        let mut page = HeapPage::new();
        let v = U256::from_be_bytes(core::array::from_fn::<u8, 32, _>(|i| i as u8 + 1));
        let at = (CHUNK - 5) as u32;
        page.write_word(at, &v);
        assert_eq!(page.read_word(at), v);
        assert_eq!(page.byte(CHUNK - 5), 1);
        assert_eq!(page.byte(CHUNK + 26), 32);
        assert_eq!(page.read_word(at + 1), v << 8);
        assert_eq!(page.read_word(u32::MAX - 3), U256::ZERO);
    }

    #[test]
    fn cells_past_byte_2_pow_32_are_kept_apart() {
        let mut page = HeapPage::new();
        let v = U256::from(7u8);
        page.write_cell(FIRST_HIGH_CELL - 1, &v);
        page.write_cell(FIRST_HIGH_CELL, &v);
        page.write_cell(u32::MAX, &v);
        assert_eq!(page.read_word(u32::MAX - 31), v);
        assert_eq!(page.read_cell(FIRST_HIGH_CELL), v);
        assert_eq!(page.read_cell(u32::MAX), v);
        // No byte-addressed read reaches a high cell: past byte 2^32 - 1 (the 7 of cell
        // 2^27 - 1) it reads zeros.
        assert_eq!(page.read_word(u32::MAX), v << 248);
        let words = page.nonzero_words();
        assert_eq!(words, vec![(FIRST_HIGH_CELL - 1, v), (FIRST_HIGH_CELL, v), (u32::MAX, v)]);
        page.write_cell(u32::MAX, &U256::ZERO);
        assert_eq!(page.nonzero_words().len(), 2);
    }
}
