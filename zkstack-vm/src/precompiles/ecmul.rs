//! BN254 scalar multiplication (precompile 0x07, EIP-196's ecMul behind the `EcMul` system
//! contract).
//!
//! Reads three cells from `input_offset`: `x, y, s`; writes three cells from `output_offset`:
//! 1 and the coordinates of `s·(x, y)` (`(0, 0)` for infinity), or 0, 0, 0 when a coordinate is
//! not below p or the point is not on the curve. Any 256-bit `s` is valid: it acts modulo the
//! group order r, as zk_evm 0.153.12 reduces it.

use alloy_primitives::U256;
use ark_bn254::Fr;
use ark_ff::PrimeField;

use super::PrecompileAbi;
use super::bn254::{g1, g1_words};
use crate::memory::Memory;

/// Runs the precompile; returns its round count (always 1).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let [x, y, s] = abi.read_cells::<3>(memory, 0);
    let out = match mul(&[x, y], &s) {
        Some([x, y]) => [U256::from(1u8), x, y],
        None => [U256::ZERO; 3],
    };
    abi.write_cells(memory, &out);
    1
}

/// `s` times the G1 point given by its coordinates; `None` if the point is invalid.
pub fn mul(p: &[U256; 2], s: &U256) -> Option<[U256; 2]> {
    let p = g1(&p[0], &p[1])?;
    let s = Fr::from_le_bytes_mod_order(&s.to_le_bytes::<32>());
    Some(g1_words(&(p * s).into()))
}
