//! BN254 (alt_bn128) points as the ecAdd, ecMul and ecPairing precompiles read and write them:
//! EIP-196/197 encodings over 32-byte cells, arithmetic by arkworks (`ark-bn254`).
//!
//! A G1 point is `(x, y)`, both below the field modulus p; `(0, 0)` is the point at infinity,
//! any other pair must be on the curve `y² = x³ + 3` (G1 is the whole curve group). A G2 point
//! is `(x_im, x_re, y_im, y_re)` over Fp² (imaginary part first, as EIP-197), all four below p;
//! all zero is infinity, anything else must be on the twist and in the order-r subgroup
//! (zk_evm 0.153.12 and arkworks both test `ψ(Q) = [6u²]Q`, eprint 2022/352 section 4.3).

use alloy_primitives::U256;
use ark_bn254::{Fq, Fq2, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInt, PrimeField, Zero};

/// A base-field element from a word; `None` unless it is below p.
pub fn fq(word: &U256) -> Option<Fq> {
    Fq::from_bigint(BigInt::new(*word.as_limbs()))
}

/// A base-field element as a word.
pub fn fq_word(value: &Fq) -> U256 {
    U256::from_limbs(value.into_bigint().0)
}

/// A G1 point from its coordinates; `None` if a coordinate is not below p or the point is not
/// on the curve.
pub fn g1(x: &U256, y: &U256) -> Option<G1Affine> {
    let (x, y) = (fq(x)?, fq(y)?);
    if x.is_zero() && y.is_zero() {
        return Some(G1Affine::identity());
    }
    let point = G1Affine::new_unchecked(x, y);
    point.is_on_curve().then_some(point)
}

/// The coordinates of a G1 point, `(0, 0)` for infinity.
pub fn g1_words(point: &G1Affine) -> [U256; 2] {
    point.xy().map_or([U256::ZERO; 2], |(x, y)| [fq_word(&x), fq_word(&y)])
}

/// A G2 point from its four words (`x_im, x_re, y_im, y_re`); `None` if a word is not below p,
/// or the point is not on the twist or not in the order-r subgroup.
pub fn g2(words: &[U256; 4]) -> Option<G2Affine> {
    let [x_im, x_re, y_im, y_re] = words;
    let x = Fq2::new(fq(x_re)?, fq(x_im)?);
    let y = Fq2::new(fq(y_re)?, fq(y_im)?);
    if x.is_zero() && y.is_zero() {
        return Some(G2Affine::identity());
    }
    let point = G2Affine::new_unchecked(x, y);
    (point.is_on_curve() && point.is_in_correct_subgroup_assuming_on_curve()).then_some(point)
}
