//! A byte-addressed heap page, allocated lazily in fixed-size chunks.
//!
//! EraVM heaps are 2^32 bytes wide; a program that pays for growth may touch any of them, so a
//! heap is sparse: a table of chunks, each allocated on first write. Unwritten bytes read zero.

use alloy_primitives::U256;

/// Bytes per lazily allocated chunk.
const CHUNK: usize = 1 << 12;

/// One heap-like memory page (heap, aux heap, calldata, returndata or static memory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeapPage {
    chunks: Vec<Option<Box<[u8; CHUNK]>>>,
}

impl HeapPage {
    /// An empty (all-zero) page.
    pub const fn new() -> Self {
        HeapPage { chunks: Vec::new() }
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

    /// The 32-byte-aligned words of the page that are not zero, as `(word index, value)`.
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
}
