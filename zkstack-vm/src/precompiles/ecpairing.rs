//! BN254 pairing check (precompile 0x08, EIP-197's ecPairing behind the `EcPairing` system
//! contract).
//!
//! Reads `interpreted_data` pairs of six cells each from `input_offset`: a G1 point
//! `(x, y)` and a G2 point `(x_im, x_re, y_im, y_re)` (see [`super::bn254`]), and writes two
//! cells from `output_offset`: 1 and then 1 if the product of the pairings is 1 (so for zero
//! pairs) and 0 otherwise, or 0 and 0 when any pair is invalid.
//!
//! zk_evm 0.153.12 collects every pair in a vector sized by the caller's `u64` round count
//! before checking any; here pairs are checked as they are read, and Miller loops run in
//! batches of [`BATCH`], so memory stays bounded whatever the count. The outcome is the same:
//! the first invalid pair fails the call.

use alloy_primitives::U256;
use ark_bn254::{Bn254, Fq12, G1Affine, G2Affine};
use ark_ec::pairing::{MillerLoopOutput, Pairing};
use ark_ff::Field;

use super::PrecompileAbi;
use super::abi::marked;
use super::bn254::{g1, g2};
use crate::memory::Memory;

/// Pairs per multi-Miller-loop.
pub const BATCH: usize = 16;

/// Runs the precompile; returns its round count (the number of pairs).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let rounds = abi.interpreted_data;
    let mut check = PairingCheck::new();
    let mut valid = true;
    let mut start = 0u32;
    for _ in 0..rounds {
        let [x, y, x_im, x_re, y_im, y_re] = abi.read_cells::<6>(memory, start);
        start = start.wrapping_add(6);
        if !check.push(&[x, y], &[x_im, x_re, y_im, y_re]) {
            valid = false;
            break;
        }
    }
    let outcome = valid.then(|| U256::from(u8::from(check.holds())));
    abi.write_cells(memory, &marked(outcome));
    rounds
}

/// Whether the product of the pairings of `pairs` (each a G1 point's two words and a G2
/// point's four) is 1; `None` if a pair is invalid.
pub fn pairing_check(pairs: &[([U256; 2], [U256; 4])]) -> Option<bool> {
    let mut check = PairingCheck::new();
    for (p, q) in pairs {
        if !check.push(p, q) {
            return None;
        }
    }
    Some(check.holds())
}

/// A running product of Miller loops over the pairs pushed so far.
struct PairingCheck {
    product: Fq12,
    g1: Vec<G1Affine>,
    g2: Vec<G2Affine>,
}

impl PairingCheck {
    fn new() -> Self {
        PairingCheck { product: Fq12::ONE, g1: Vec::new(), g2: Vec::new() }
    }

    /// Adds a pair; false if it is invalid.
    fn push(&mut self, p: &[U256; 2], q: &[U256; 4]) -> bool {
        let (Some(p), Some(q)) = (g1(&p[0], &p[1]), g2(q)) else {
            return false;
        };
        self.g1.push(p);
        self.g2.push(q);
        if self.g1.len() == BATCH {
            self.flush();
        }
        true
    }

    fn flush(&mut self) {
        if !self.g1.is_empty() {
            let MillerLoopOutput(f) =
                Bn254::multi_miller_loop(self.g1.drain(..), self.g2.drain(..));
            self.product *= f;
        }
    }

    /// Whether the product of the pairings is 1.
    fn holds(mut self) -> bool {
        self.flush();
        Bn254::final_exponentiation(MillerLoopOutput(self.product))
            .is_some_and(|out| out.0 == Fq12::ONE)
    }
}
