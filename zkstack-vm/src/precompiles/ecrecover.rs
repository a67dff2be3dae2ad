//! ecrecover (precompile 0x01, the inner function of the `Ecrecover` system contract).
//!
//! Reads four cells from `input_offset`: the message hash, `v`, `r`, `s`, recovers the
//! secp256k1 public key and writes two cells from `output_offset`: 1 and the address (the low
//! 20 bytes of the key's Keccak-256), or 0 and 0 when nothing can be recovered (`r` or `s` zero
//! or not below the group order, no curve point with x = `r`, the key at infinity).
//!
//! As in zk_evm 0.153.12, a high `s` is accepted (the system contract rejects it before); the
//! key is that of the standard recovery `r⁻¹(s·R − z·G)`. Only the last byte of `v` counts.
//! zk_evm asserts that byte is 0 or 1 (it panics otherwise); the ecrecover circuit reads its
//! bit 0 as the parity of R's y and bit 1 as "x = r + n", and so does this implementation.

use alloy_primitives::U256;
use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
use k256::elliptic_curve::sec1::ToEncodedPoint;
use sha3::{Digest, Keccak256};

use super::PrecompileAbi;
use super::abi::marked;
use crate::memory::Memory;

/// Runs the precompile; returns its round count (always 1).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let [hash, v, r, s] = abi.read_cells::<4>(memory, 0);
    let address = recover(&hash, v.byte(0), &r, &s);
    abi.write_cells(memory, &marked(address));
    1
}

/// The address of the key that signed `hash` with (`r`, `s`) and recovery byte `v` (bit 0: y
/// of R is odd, bit 1: R's x is `r + n`), as a word; `None` if there is none.
pub fn recover(hash: &U256, v: u8, r: &U256, s: &U256) -> Option<U256> {
    let signature = Signature::from_scalars(r.to_be_bytes::<32>(), s.to_be_bytes::<32>()).ok()?;
    let mut y_odd = v & 1 == 1;
    // k256 verifies the recovered key against the signature and wants a low s for that; the
    // signature (r, n - s) with R's reflection recovers the same key r⁻¹(s·R − z·G).
    let signature = match signature.normalize_s() {
        Some(low) => {
            y_odd = !y_odd;
            low
        }
        None => signature,
    };
    let recovery_id = RecoveryId::new(y_odd, v & 2 == 2);
    let key =
        VerifyingKey::recover_from_prehash(&hash.to_be_bytes::<32>(), &signature, recovery_id)
            .ok()?;
    let point = key.as_affine().to_encoded_point(false);
    let digest = Keccak256::digest(point.as_bytes().get(1..)?);
    let mut address = [0u8; 32];
    address[12..].copy_from_slice(digest.get(12..)?);
    Some(U256::from_be_bytes(address))
}
