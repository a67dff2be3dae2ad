//! The BN254 contracts EcAdd (0x06), EcMul (0x07) and EcPairing (0x08): Ethereum's
//! precompiles 6–8 (EIP-196, EIP-197) written in Yul in era-contracts v26
//! (`precompiles/EcAdd.yul`, `EcMul.yul`, `EcPairing.yul`), computed here with zkstack-vm's
//! [`zkstack_vm::precompiles`] curve code.
//!
//! Input words are read with `calldataload` (zero past the end; EcAdd and EcMul ignore bytes
//! past their 128 / 96). Output: 64 bytes (a point, `(0, 0)` for infinity) or 32 (pairing: 1
//! or 0; empty input gives 1). Invalid input (a coordinate not below the field modulus, a point
//! off the curve, a G2 point outside the subgroup, a pairing input not a multiple of 192 bytes)
//! makes the contract burn all its ergs (`burnGas`), which ends in a panic: so here.
//!
//! Differs from the contracts: ergs (a valid call charges nothing).

use alloy_primitives::U256;
use zkstack_vm::precompiles::{ecadd, ecmul, ecpairing};
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::calldata::Calldata;

/// Size of one pairing input: a G1 point (2 words) and a G2 point (4 words).
pub const PAIR_LENGTH: usize = 192;

/// The EcAdd native.
#[derive(Clone, Copy, Debug, Default)]
pub struct EcAdd;

/// The EcMul native.
#[derive(Clone, Copy, Debug, Default)]
pub struct EcMul;

/// The EcPairing native.
#[derive(Clone, Copy, Debug, Default)]
pub struct EcPairing;

fn burn_all(call: &mut NativeCall<'_>) -> NativeOutcome {
    let _ = call.charge(call.ergs_left());
    NativeOutcome::Panic
}

fn point(words: [U256; 2]) -> Vec<u8> {
    let mut out = words[0].to_be_bytes::<32>().to_vec();
    out.extend_from_slice(&words[1].to_be_bytes::<32>());
    out
}

impl NativeContract for EcAdd {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = call.calldata().to_vec();
        let cd = Calldata::new(&data);
        let p = [cd.load_u256(0), cd.load_u256(32)];
        let q = [cd.load_u256(64), cd.load_u256(96)];
        match ecadd::add(&p, &q) {
            Some(sum) => NativeOutcome::Ok(point(sum)),
            None => burn_all(call),
        }
    }
}

impl NativeContract for EcMul {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = call.calldata().to_vec();
        let cd = Calldata::new(&data);
        let p = [cd.load_u256(0), cd.load_u256(32)];
        match ecmul::mul(&p, &cd.load_u256(64)) {
            Some(product) => NativeOutcome::Ok(point(product)),
            None => burn_all(call),
        }
    }
}

impl NativeContract for EcPairing {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = call.calldata().to_vec();
        if !data.len().is_multiple_of(PAIR_LENGTH) {
            return burn_all(call);
        }
        let cd = Calldata::new(&data);
        let pairs: Vec<([U256; 2], [U256; 4])> = (0..data.len() / PAIR_LENGTH)
            .map(|i| {
                let w = |k: usize| cd.load_u256(i * PAIR_LENGTH + 32 * k);
                ([w(0), w(1)], [w(2), w(3), w(4), w(5)])
            })
            .collect();
        match ecpairing::pairing_check(&pairs) {
            Some(holds) => {
                NativeOutcome::Ok(U256::from(u8::from(holds)).to_be_bytes::<32>().to_vec())
            }
            None => burn_all(call),
        }
    }
}
