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

use alloy_primitives::{U256, uint};
use k256::elliptic_curve::PrimeField;
use k256::elliptic_curve::group::Group;
use k256::elliptic_curve::ops::{LinearCombination, Reduce};
use k256::elliptic_curve::point::DecompressPoint;
use k256::elliptic_curve::sec1::ToEncodedPoint;
use k256::elliptic_curve::subtle::Choice;
use k256::{AffinePoint, ProjectivePoint, Scalar};
use sha3::{Digest, Keccak256};

use super::PrecompileAbi;
use super::abi::marked;
use crate::memory::Memory;

/// The order n of secp256k1's group (SEC 2, section 2.4.1).
const ORDER: U256 = uint!(0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141_U256);

/// Runs the precompile; returns its round count (always 1).
pub fn run(abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
    let [hash, v, r, s] = abi.read_cells::<4>(memory, 0);
    let address = recover(&hash, v.byte(0), &r, &s);
    abi.write_cells(memory, &marked(address));
    1
}

/// The address of the key that signed `hash` with (`r`, `s`) and recovery byte `v` (bit 0: y
/// of R is odd, bit 1: R's x is `r + n`), as a word; `None` if there is none.
///
/// The recovery `r⁻¹(s·R − z·G)` of zk_evm's `recover_no_malleability_check`, which then
/// verifies the signature against the key it found; that check cannot fail for a key not at
/// infinity (the verification recomputes R itself, whose x is `r`), so it is left out.
pub fn recover(hash: &U256, v: u8, r: &U256, s: &U256) -> Option<U256> {
    let r_scalar = nonzero_scalar(r)?;
    let s_scalar = nonzero_scalar(s)?;
    let r_x = if v & 2 == 2 { r.checked_add(ORDER)? } else { *r };
    let big_r = AffinePoint::decompress(&r_x.to_be_bytes::<32>().into(), Choice::from(v & 1));
    let big_r = ProjectivePoint::from(Option::<AffinePoint>::from(big_r)?);
    let message = <Scalar as Reduce<k256::U256>>::reduce_bytes(&hash.to_be_bytes::<32>().into());
    let r_inv = Option::<Scalar>::from(r_scalar.invert())?;
    let key = ProjectivePoint::lincomb(
        &ProjectivePoint::GENERATOR,
        &-(r_inv * message),
        &big_r,
        &(r_inv * s_scalar),
    );
    if bool::from(key.is_identity()) {
        return None;
    }
    let point = key.to_affine().to_encoded_point(false);
    let digest = Keccak256::digest(point.as_bytes().get(1..)?);
    let mut address = [0u8; 32];
    address[12..].copy_from_slice(digest.get(12..)?);
    Some(U256::from_be_bytes(address))
}

/// A scalar from a word that is nonzero and below n (what k256's `Signature` accepts).
fn nonzero_scalar(word: &U256) -> Option<Scalar> {
    let scalar = Option::<Scalar>::from(Scalar::from_repr(word.to_be_bytes::<32>().into()))?;
    (!bool::from(scalar.is_zero())).then_some(scalar)
}
