//! SHA-256 (precompile 0x02, the round-function interface of the `SHA256` system contract).
//!
//! Runs `interpreted_data` rounds of the SHA-256 compression function from the standard initial
//! state; round `i` compresses the 64-byte block made of cells `input_offset + 2i` and
//! `input_offset + 2i + 1`. The caller pads the message itself: no padding is added. After the
//! last round the state, big-endian, goes to cell `output_offset`; with zero rounds nothing is
//! written. Nothing can fail.
//!
//! zk_evm loops over the round count unbounded (it is the caller's `u64`, the system contract
//! charges ergs per round); so does this one, without allocating.

use alloy_primitives::U256;
use sha2::Sha256VarCore;
use sha2::digest::core_api::Block;

use super::PrecompileAbi;
use crate::memory::Memory;

/// The SHA-256 initial hash value H(0) (FIPS 180-4, section 5.3.3).
const INITIAL_STATE: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// Runs the precompile; returns its round count.
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let rounds = abi.interpreted_data;
    if rounds == 0 {
        return 0;
    }
    let mut state = INITIAL_STATE;
    let mut index = abi.input_offset;
    let page = memory.page(abi.read_page);
    let mut block = Block::<Sha256VarCore>::default();
    for _ in 0..rounds {
        let (low, high) = block.split_at_mut(32);
        for half in [low, high] {
            let cell = page.map_or(U256::ZERO, |p| p.read_cell(index));
            half.copy_from_slice(&cell.to_be_bytes::<32>());
            index = index.wrapping_add(1);
        }
        sha2::compress256(&mut state, core::slice::from_ref(&block));
    }
    let mut digest = [0u8; 32];
    for (chunk, word) in digest.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    abi.write_cells(memory, &[U256::from_be_bytes(digest)]);
    rounds
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// Writes `message` with SHA-256 padding into cells from `index`; returns the block count.
    fn padded(memory: &mut Memory, page: u32, index: u32, message: &[u8]) -> u64 {
        let mut bytes = message.to_vec();
        bytes.push(0x80);
        while bytes.len() % 64 != 56 {
            bytes.push(0);
        }
        bytes.extend_from_slice(&(message.len() as u64 * 8).to_be_bytes());
        for (i, cell) in bytes.chunks_exact(32).enumerate() {
            memory.write_cell(page, index + i as u32, &U256::from_be_slice(cell));
        }
        bytes.len() as u64 / 64
    }

    #[test]
    fn padded_messages_hash_to_sha256() {
        // The expected digests are the sha2 crate's SHA-256 of the same message; "abc" is also
        // FIPS 180-2 appendix B.1's example, ba7816bf...f20015ad.
        let long: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
        for message in [&b"abc"[..], b"", &long] {
            let mut memory = Memory::new();
            let rounds = padded(&mut memory, 7, 3, message);
            let abi = PrecompileAbi {
                input_offset: 3,
                output_offset: 100,
                read_page: 7,
                write_page: 8,
                interpreted_data: rounds,
                ..PrecompileAbi::default()
            };
            assert_eq!(run(&abi, &mut memory), rounds);
            let expected = U256::from_be_bytes::<32>(Sha256::digest(message).into());
            assert_eq!(memory.read_cell(8, 100), expected);
        }
        let mut memory = Memory::new();
        padded(&mut memory, 7, 0, b"abc");
        run(
            &PrecompileAbi {
                read_page: 7,
                write_page: 7,
                interpreted_data: 1,
                ..Default::default()
            },
            &mut memory,
        );
        assert_eq!(memory.read_cell(7, 0).to_be_bytes::<32>()[..4], [0xba, 0x78, 0x16, 0xbf]);
    }

    #[test]
    fn zero_rounds_write_nothing() {
        let mut memory = Memory::new();
        let abi = PrecompileAbi { write_page: 2, ..PrecompileAbi::default() };
        assert_eq!(run(&abi, &mut memory), 0);
        assert!(memory.page(2).is_none());
    }
}
