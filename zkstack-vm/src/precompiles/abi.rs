//! The precompile-call ABI word `log.precompile` passes in `src0`, and the memory access every
//! precompile shares: 32-byte cells addressed by index, as zk_evm's memory queries address them.

use alloy_primitives::U256;

use crate::memory::Memory;

/// The fields of the precompile-call ABI word (`zkevm_opcode_defs::PrecompileCallABI`), limb by
/// limb from the least significant 64 bits: input offset and length, output offset and
/// length, read and write page (32 bits each), then 64 bits each precompile reads its own way.
///
/// Which fields a precompile uses, and in which unit, is its own: keccak256 reads
/// `input_length` bytes from byte `input_offset`; every other precompile reads cells from cell
/// `input_offset`. All of them write cells from cell `output_offset`; none reads the lengths
/// otherwise. sha256 and ecPairing take their round count from `interpreted_data`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PrecompileAbi {
    /// Where the input starts (bytes for keccak256, cells for the others).
    pub input_offset: u32,
    /// Input length in bytes (keccak256 only).
    pub input_length: u32,
    /// The cell the first output word goes to.
    pub output_offset: u32,
    /// Output length (read by no precompile).
    pub output_length: u32,
    /// The page the input is read from (the VM puts the caller's heap here when it is 0).
    pub read_page: u32,
    /// The page the output is written to (the VM puts the caller's heap here when it is 0).
    pub write_page: u32,
    /// Precompile-specific: the number of rounds for sha256 and ecPairing.
    pub interpreted_data: u64,
}

impl PrecompileAbi {
    /// Decodes the ABI word.
    pub const fn from_word(word: &U256) -> Self {
        let limbs = word.as_limbs();
        PrecompileAbi {
            input_offset: limbs[0] as u32,
            input_length: (limbs[0] >> 32) as u32,
            output_offset: limbs[1] as u32,
            output_length: (limbs[1] >> 32) as u32,
            read_page: limbs[2] as u32,
            write_page: (limbs[2] >> 32) as u32,
            interpreted_data: limbs[3],
        }
    }

    /// Encodes the ABI word (the inverse of [`PrecompileAbi::from_word`]).
    pub const fn to_word(&self) -> U256 {
        U256::from_limbs([
            self.input_offset as u64 | (self.input_length as u64) << 32,
            self.output_offset as u64 | (self.output_length as u64) << 32,
            self.read_page as u64 | (self.write_page as u64) << 32,
            self.interpreted_data,
        ])
    }

    /// The `N` cells from cell `input_offset + start` of the read page; indices wrap at
    /// `2^32` as zk_evm's (unchecked, release-mode) `u32` increments do.
    pub(crate) fn read_cells<const N: usize>(&self, memory: &Memory, start: u32) -> [U256; N] {
        let first = self.input_offset.wrapping_add(start);
        core::array::from_fn(|i| memory.read_cell(self.read_page, first.wrapping_add(i as u32)))
    }

    /// Writes `values` to consecutive cells from cell `output_offset` of the write page
    /// (indices wrap at `2^32`).
    pub(crate) fn write_cells(&self, memory: &mut Memory, values: &[U256]) {
        let page = memory.page_mut(self.write_page);
        let mut index = self.output_offset;
        for value in values {
            page.write_cell(index, value);
            index = index.wrapping_add(1);
        }
    }
}

/// The two-cell output of the precompiles that can fail (ecrecover, P256 verify, ecPairing):
/// the success marker 1 and the result, or 0 and 0.
pub(crate) fn marked(result: Option<U256>) -> [U256; 2] {
    match result {
        Some(value) => [U256::from(1u8), value],
        None => [U256::ZERO, U256::ZERO],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_through_the_word() {
        // Layout from zkevm_opcode_defs 0.153.12 `PrecompileCallABI::{from_u256, to_u256}`.
        let abi = PrecompileAbi {
            input_offset: 1,
            input_length: 2,
            output_offset: 3,
            output_length: 4,
            read_page: 5,
            write_page: 6,
            interpreted_data: 7,
        };
        let word = abi.to_word();
        assert_eq!(word.as_limbs(), &[1 | 2 << 32, 3 | 4 << 32, 5 | 6 << 32, 7]);
        assert_eq!(PrecompileAbi::from_word(&word), abi);
    }

    #[test]
    fn cell_indices_wrap() {
        let mut memory = Memory::new();
        let abi = PrecompileAbi {
            input_offset: u32::MAX,
            output_offset: u32::MAX,
            read_page: 9,
            write_page: 9,
            ..PrecompileAbi::default()
        };
        abi.write_cells(&mut memory, &[U256::from(1u8), U256::from(2u8)]);
        assert_eq!(memory.read_cell(9, u32::MAX), U256::from(1u8));
        assert_eq!(memory.read_cell(9, 0), U256::from(2u8));
        assert_eq!(abi.read_cells::<2>(&memory, 0), [U256::from(1u8), U256::from(2u8)]);
    }
}
