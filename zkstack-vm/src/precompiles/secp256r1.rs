//! P256 signature verification (precompile 0x100, RIP-7212's `P256VERIFY` behind the
//! `P256Verify` system contract).
//!
//! Reads five cells from `input_offset`: the message hash, `r`, `s`, and the public key's `x`
//! and `y`; writes two cells from `output_offset`: 1 and then 1 or 0 for a valid or invalid
//! signature, or 0 and 0 when the input cannot be checked at all (`r` or `s` zero or not below
//! the group order, the key not a point of the curve). High `s` values are valid, as in
//! zk_evm 0.153.12 (both use the `p256` crate's verification).

use alloy_primitives::U256;
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::FromEncodedPoint;
use p256::{AffinePoint, EncodedPoint};

use super::PrecompileAbi;
use super::abi::marked;
use crate::memory::Memory;

/// Runs the precompile; returns its round count (always 1).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let [hash, r, s, x, y] = abi.read_cells::<5>(memory, 0);
    let outcome = verify(&hash, &r, &s, &x, &y).map(|valid| U256::from(u8::from(valid)));
    abi.write_cells(memory, &marked(outcome));
    1
}

/// Whether (`r`, `s`) signs `hash` for the key (`x`, `y`); `None` if the signature's scalars
/// or the key are malformed.
pub fn verify(hash: &U256, r: &U256, s: &U256, x: &U256, y: &U256) -> Option<bool> {
    let signature = Signature::from_scalars(r.to_be_bytes::<32>(), s.to_be_bytes::<32>()).ok()?;
    let encoded = EncodedPoint::from_affine_coordinates(
        &x.to_be_bytes::<32>().into(),
        &y.to_be_bytes::<32>().into(),
        false,
    );
    let point = Option::<AffinePoint>::from(AffinePoint::from_encoded_point(&encoded))?;
    let key = VerifyingKey::from_affine(point).ok()?;
    Some(key.verify_prehash(&hash.to_be_bytes::<32>(), &signature).is_ok())
}
