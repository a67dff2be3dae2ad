//! BN254 point addition (precompile 0x06, EIP-196's ecAdd behind the `EcAdd` system contract).
//!
//! Reads four cells from `input_offset`: `x1, y1, x2, y2`; writes three cells from
//! `output_offset`: 1 and the sum's coordinates (`(0, 0)` for infinity), or 0, 0, 0 when a
//! coordinate is not below p or a point is not on the curve (see [`super::bn254`]).

use alloy_primitives::U256;

use super::PrecompileAbi;
use super::bn254::{g1, g1_words};
use crate::memory::Memory;

/// Runs the precompile; returns its round count (always 1).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let [x1, y1, x2, y2] = abi.read_cells::<4>(memory, 0);
    let out = match add(&[x1, y1], &[x2, y2]) {
        Some([x, y]) => [U256::from(1u8), x, y],
        None => [U256::ZERO; 3],
    };
    abi.write_cells(memory, &out);
    1
}

/// The sum of two G1 points given by their coordinates; `None` if either is invalid.
pub fn add(p: &[U256; 2], q: &[U256; 2]) -> Option<[U256; 2]> {
    let (p, q) = (g1(&p[0], &p[1])?, g1(&q[0], &q[1])?);
    Some(g1_words(&(p + q).into()))
}
