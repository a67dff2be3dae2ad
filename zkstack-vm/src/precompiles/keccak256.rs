//! Keccak-256 (precompile 0x8010, the round-function interface of the `Keccak256` system
//! contract).
//!
//! Reads `input_length` bytes from *byte* `input_offset` of the read page (the only precompile
//! whose offset counts bytes), hashes them with Keccak-256's standard padding and writes the
//! digest to cell `output_offset` of the write page. zk_evm 0.153.12 feeds 136-byte blocks
//! through the Keccak-f permutation itself and pads the last one by hand (`0x01 .. 0x80`, or
//! `0x81` alone when one byte is left, or a whole padding block when the input fills its
//! blocks exactly); that is Keccak-256 of the input, which the `sha3` crate computes here.
//! Nothing can fail.

use alloy_primitives::U256;
use sha3::{Digest, Keccak256};

use super::PrecompileAbi;
use crate::memory::Memory;

/// Bytes absorbed per Keccak-f round (the rate of Keccak-256).
pub const KECCAK_RATE_BYTES: u64 = 136;

/// The rounds zk_evm counts for `length` input bytes: one per started 136-byte block, plus a
/// padding-only block when the input fills its blocks exactly (so at least one).
pub const fn rounds(length: u32) -> u64 {
    length as u64 / KECCAK_RATE_BYTES + 1
}

/// Runs the precompile; returns its round count.
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let digest = hash(memory, abi.read_page, abi.input_offset, abi.input_length);
    abi.write_cells(memory, &[digest]);
    rounds(abi.input_length)
}

/// Keccak-256 of `length` bytes from byte `offset` of `page`, read cell by cell (bytes past
/// byte `2^32` come from the cells beyond it, as zk_evm's `u32` cell index reaches them).
pub fn hash(memory: &Memory, page: u32, offset: u32, length: u32) -> U256 {
    const CELLS: usize = 64;
    let mut hasher = Keccak256::new();
    let mut buffer = [0u8; CELLS * 32];
    let start = u64::from(offset);
    let end = start + u64::from(length);
    let mut at = start;
    while at < end {
        // Fill the buffer with whole cells from the cell holding `at`, then hash the part of
        // it that lies inside `at..end`.
        let first_cell = at / 32;
        let skip = (at % 32) as usize;
        let cells = ((end - first_cell * 32).div_ceil(32)).min(CELLS as u64) as usize;
        for (i, chunk) in buffer.chunks_exact_mut(32).take(cells).enumerate() {
            let index = (first_cell + i as u64) as u32;
            chunk.copy_from_slice(&memory.read_cell(page, index).to_be_bytes::<32>());
        }
        let available = cells * 32 - skip;
        let take = available.min((end - at) as usize);
        hasher.update(buffer.get(skip..skip + take).unwrap_or_default());
        at += take as u64;
    }
    U256::from_be_bytes::<32>(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory_with(page: u32, byte_offset: u32, bytes: &[u8]) -> Memory {
        let mut memory = Memory::new();
        let heap = memory.page_mut(page);
        for (i, chunk) in bytes.chunks(32).enumerate() {
            let mut word = [0u8; 32];
            word[..chunk.len()].copy_from_slice(chunk);
            heap.write_word(byte_offset + 32 * i as u32, &U256::from_be_bytes(word));
        }
        memory
    }

    #[test]
    fn known_digests() {
        // Keccak-256 test values: the empty string (the well-known empty code hash of Ethereum,
        // c5d2..a470) and "abc" (4e03..6c45, the Keccak team's KAT as listed for Keccak-256).
        let empty = U256::from_be_slice(&[
            0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7,
            0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04,
            0x5d, 0x85, 0xa4, 0x70,
        ]);
        assert_eq!(hash(&Memory::new(), 5, 0, 0), empty);
        let abc = U256::from_be_slice(&[
            0x4e, 0x03, 0x65, 0x7a, 0xea, 0x45, 0xa9, 0x4f, 0xc7, 0xd4, 0x7b, 0xa8, 0x26, 0xc8,
            0xd6, 0x67, 0xc0, 0xd1, 0xe6, 0xe3, 0x3a, 0x64, 0xa0, 0x36, 0xec, 0x44, 0xf5, 0x8f,
            0xa1, 0x2d, 0x6c, 0x45,
        ]);
        // "abc" placed three bytes into a cell: an unaligned read.
        let memory = memory_with(5, 0, b"xyzabc");
        assert_eq!(hash(&memory, 5, 3, 3), abc);
    }

    #[test]
    fn long_unaligned_input_matches_a_plain_hash() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 + 3) as u8).collect();
        let memory = memory_with(4, 64, &bytes);
        for (skip, len) in [(0usize, 4000usize), (1, 136), (31, 271), (17, 4983), (5, 0)] {
            let expected =
                U256::from_be_bytes::<32>(Keccak256::digest(&bytes[skip..skip + len]).into());
            assert_eq!(hash(&memory, 4, 64 + skip as u32, len as u32), expected);
        }
    }

    #[test]
    fn writes_the_digest_to_the_output_cell() {
        let mut memory = memory_with(3, 0, b"abc");
        let abi = PrecompileAbi {
            input_length: 3,
            output_offset: 10,
            read_page: 3,
            write_page: 4,
            ..PrecompileAbi::default()
        };
        assert_eq!(run(&abi, &mut memory), 1);
        assert_eq!(memory.read_cell(4, 10), hash(&memory, 3, 0, 3));
        assert_eq!(rounds(135), 1);
        assert_eq!(rounds(136), 2);
        assert_eq!(rounds(137), 2);
    }

    #[test]
    fn input_past_byte_2_pow_32_reads_high_cells() {
        let mut memory = Memory::new();
        memory.write_cell(1, 1 << 27, &U256::from(0xabu8));
        let at = u32::MAX - 4; // five bytes below 2^32, then 32 bytes of cell 2^27
        let mut bytes = vec![0u8; 37];
        bytes[36] = 0xab;
        let expected = U256::from_be_bytes::<32>(Keccak256::digest(&bytes).into());
        assert_eq!(hash(&memory, 1, at, 37), expected);
    }
}
