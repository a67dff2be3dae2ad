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

#[cfg(test)]
mod tests {
    use super::*;
    use k256::elliptic_curve::sec1::FromEncodedPoint;
    use k256::{EncodedPoint, FieldBytes};

    /// The address of a public key point (Ethereum's: the low 20 bytes of Keccak-256 of x‖y).
    fn address_of(point: &ProjectivePoint) -> U256 {
        let encoded = point.to_affine().to_encoded_point(false);
        let digest = Keccak256::digest(&encoded.as_bytes()[1..]);
        U256::from_be_slice(&digest[12..])
    }

    #[test]
    fn bit_1_of_v_takes_r_plus_n_as_the_x_of_r() {
        // The ecrecover circuit's reading of v (zk_evm asserts v is 0 or 1). Find a point whose
        // x is at least n, sign "with" it by choosing s and z freely, and check the key
        // r⁻¹(s·R − z·G) computed here with k256's group operations.
        let mut seed = 1u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed
        };
        let (point, r_x) = loop {
            let x = ORDER + U256::from(next() >> 2);
            let mut encoded = [0u8; 33];
            encoded[0] = 2 + (next() & 1) as u8;
            encoded[1..].copy_from_slice(&x.to_be_bytes::<32>());
            let Ok(encoded) = EncodedPoint::from_bytes(encoded) else { continue };
            if let Some(point) =
                Option::<AffinePoint>::from(AffinePoint::from_encoded_point(&encoded))
            {
                break (point, x);
            }
        };
        let r = r_x - ORDER;
        let y_odd = point.to_encoded_point(false).y().is_some_and(|y| y[31] & 1 == 1);
        let (s_scalar, message) = (Scalar::from(next()), Scalar::from(next()));
        let r_scalar =
            Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(r.to_be_bytes::<32>())))
                .unwrap_or_else(|| panic!("r < n"));
        let r_inv = Option::<Scalar>::from(r_scalar.invert()).unwrap_or_else(|| panic!("r ≠ 0"));
        let key = (ProjectivePoint::from(point) * s_scalar - ProjectivePoint::GENERATOR * message)
            * r_inv;
        let hash = U256::from_be_slice(&message.to_repr());
        let s_word = U256::from_be_slice(&s_scalar.to_repr());
        let v = 2 | u8::from(y_odd);
        assert_eq!(recover(&hash, v, &r, &s_word), Some(address_of(&key)));
        // Without bit 1 the same r names another point (or none).
        assert_ne!(recover(&hash, v & 1, &r, &s_word), Some(address_of(&key)));
        // Bits above bit 1 do not count.
        assert_eq!(recover(&hash, v | 0xf0, &r, &s_word), Some(address_of(&key)));
        // r + n past 2^256 fails.
        assert_eq!(recover(&hash, 2, &U256::MAX, &s_word), None);
    }
}
