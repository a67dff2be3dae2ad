//! Modular exponentiation (precompile 0x05, the 256-bit round of the `ModExp` system contract).
//!
//! Reads three cells from `input_offset`: base, exponent, modulus, and writes
//! `base^exponent mod modulus` to cell `output_offset`, or 0 when the modulus is 0 (zk_evm
//! 0.153.12's `modexp_inner`: `x mod 1` is 0, `x^0` is 1 otherwise, including `0^0`). Operands
//! are single words: the system contract splits longer EIP-198 inputs itself, so nothing here
//! grows with the input. The arithmetic is ruint's (the integers of alloy-primitives).

use alloy_primitives::U256;

use super::PrecompileAbi;
use crate::memory::Memory;

/// Runs the precompile; returns its round count (always 1).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let [base, exponent, modulus] = abi.read_cells::<3>(memory, 0);
    abi.write_cells(memory, &[modexp(base, exponent, modulus)]);
    1
}

/// `base^exponent mod modulus`; 0 for a zero modulus.
pub fn modexp(base: U256, exponent: U256, modulus: U256) -> U256 {
    base.pow_mod(exponent, modulus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // 8^9 mod 10 = 134217728 mod 10 = 8 (evm.codes' MODEXP example).
        assert_eq!(modexp(U256::from(8), U256::from(9), U256::from(10)), U256::from(8));
        // Fermat: 3^(p-1) mod p = 1 for the prime p = 2^255 - 19.
        let p = (U256::from(1) << 255) - U256::from(19);
        assert_eq!(modexp(U256::from(3), p - U256::from(1), p), U256::from(1));
        // The conventions of zk_evm's modexp_inner.
        assert_eq!(modexp(U256::from(5), U256::from(3), U256::ZERO), U256::ZERO);
        assert_eq!(modexp(U256::from(5), U256::ZERO, U256::from(1)), U256::ZERO);
        assert_eq!(modexp(U256::ZERO, U256::ZERO, U256::from(7)), U256::from(1));
        assert_eq!(modexp(U256::from(12), U256::from(1), U256::from(7)), U256::from(5));
        assert_eq!(modexp(U256::MAX, U256::MAX, U256::MAX), U256::ZERO);
    }

    #[test]
    fn reads_three_cells_and_writes_one() {
        let mut memory = Memory::new();
        for (i, v) in [2u16, 10, 1000].into_iter().enumerate() {
            memory.write_cell(1, 4 + i as u32, &U256::from(v));
        }
        let abi = PrecompileAbi {
            input_offset: 4,
            output_offset: 0,
            read_page: 1,
            write_page: 2,
            ..PrecompileAbi::default()
        };
        assert_eq!(run(&abi, &mut memory), 1);
        assert_eq!(memory.read_cell(2, 0), U256::from(24));
        assert_eq!(memory.read_cell(2, 1), U256::ZERO);
    }
}
