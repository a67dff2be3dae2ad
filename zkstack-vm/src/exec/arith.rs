//! Arithmetic helpers: flags, `mul` and `div`.

use alloy_primitives::U256;

use super::code::{Instr, SET_FLAGS};
use super::vm::Vm;
use crate::state::Flags;
use crate::tracer::Tracer;

impl<T: Tracer> Vm<T> {
    /// `add`/`sub` flags: overflow, zero, and greater (neither).
    #[inline(always)]
    pub(super) fn set_arith_flags(&mut self, instr: &Instr, of: bool, eq: bool) {
        if instr.flags & SET_FLAGS != 0 {
            self.state.flags = Flags::new(of, eq, !of && !eq);
        }
    }

    /// Bitwise and shift flags: only `eq`, the others cleared.
    #[inline(always)]
    pub(super) fn set_eq_flag(&mut self, instr: &Instr, eq: bool) {
        if instr.flags & SET_FLAGS != 0 {
            self.state.flags = Flags::new(false, eq, false);
        }
    }

    /// `mul`: low half to `dst0`, high half to `dst1`; `of` if the high half is not zero.
    pub(super) fn mul(&mut self, instr: &Instr, dst0: Option<u16>, a: &U256, b: &U256) {
        let wide = a.widening_mul::<256, 4, 512, 8>(*b);
        let limbs = wide.as_limbs();
        let low = U256::from_limbs([limbs[0], limbs[1], limbs[2], limbs[3]]);
        let high = U256::from_limbs([limbs[4], limbs[5], limbs[6], limbs[7]]);
        if instr.flags & SET_FLAGS != 0 {
            let of = !high.is_zero();
            let eq = low.is_zero();
            self.state.flags = Flags::new(of, eq, !of && !eq);
        }
        self.write_dst0(instr, dst0, low, false);
        self.state.registers.set(instr.dst1, high, false);
    }

    /// `div`: quotient to `dst0`, remainder to `dst1`. By zero: both zero and `of` set.
    pub(super) fn div(&mut self, instr: &Instr, dst0: Option<u16>, a: &U256, b: &U256) {
        let set = instr.flags & SET_FLAGS != 0;
        if b.is_zero() {
            if set {
                self.state.flags = Flags::new(true, false, false);
            }
            self.write_dst0(instr, dst0, U256::ZERO, false);
            self.state.registers.set(instr.dst1, U256::ZERO, false);
        } else {
            let (q, r) = a.div_rem(*b);
            if set {
                self.state.flags = Flags::new(false, q.is_zero(), r.is_zero());
            }
            self.write_dst0(instr, dst0, q, false);
            self.state.registers.set(instr.dst1, r, false);
        }
    }
}

/// `a + b` and whether it overflowed 256 bits (inlined limb by limb: the generic `ruint` routine
/// is not inlined into the interpreter loop).
#[inline(always)]
#[allow(clippy::cast_possible_truncation, reason = "splitting a u128 into limbs")]
pub fn add_overflowing(a: &U256, b: &U256) -> (U256, bool) {
    let mut out = U256::ZERO;
    let (of, _) = add_into(&mut out, a, b);
    (out, of)
}

/// Writes `a + b` to `out`; returns whether it overflowed and whether the sum is zero, both
/// computed alongside the limbs. Reading the sum back from memory right after storing it limb by
/// limb (for the zero test, or to copy it into a register) stalls on store forwarding: that was
/// the loop's hottest cost.
#[inline(always)]
#[allow(clippy::cast_possible_truncation, reason = "splitting a u128 into limbs")]
pub fn add_into(out: &mut U256, a: &U256, b: &U256) -> (bool, bool) {
    let (a, b) = (a.as_limbs(), b.as_limbs());
    let mut limbs = [0u64; 4];
    let mut carry = 0u128;
    let mut any = 0u64;
    for i in 0..4 {
        let s = u128::from(a[i]) + u128::from(b[i]) + carry;
        limbs[i] = s as u64;
        any |= s as u64;
        carry = s >> 64;
    }
    *out = U256::from_limbs(limbs);
    (carry != 0, any == 0)
}

/// `a - b` and whether it borrowed (inlined limb by limb, as [`add_overflowing`]).
#[inline(always)]
pub fn sub_overflowing(a: &U256, b: &U256) -> (U256, bool) {
    let mut out = U256::ZERO;
    let (of, _) = sub_into(&mut out, a, b);
    (out, of)
}

/// Writes `a - b` to `out`; returns whether it borrowed and whether the difference is zero (see
/// [`add_into`]).
#[inline(always)]
pub fn sub_into(out: &mut U256, a: &U256, b: &U256) -> (bool, bool) {
    let (a, b) = (a.as_limbs(), b.as_limbs());
    let mut limbs = [0u64; 4];
    let mut borrow = false;
    let mut any = 0u64;
    for i in 0..4 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        limbs[i] = d;
        any |= d;
        borrow = b1 | b2;
    }
    *out = U256::from_limbs(limbs);
    (borrow, any == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limb_arithmetic_matches_ruint() {
        let samples = [
            U256::ZERO,
            U256::from(1u8),
            U256::MAX,
            U256::from(u64::MAX),
            U256::from_limbs([u64::MAX, 0, u64::MAX, 7]),
            U256::from_limbs([3, u64::MAX, u64::MAX, u64::MAX]),
        ];
        for a in &samples {
            for b in &samples {
                assert_eq!(add_overflowing(a, b), a.overflowing_add(*b));
                assert_eq!(sub_overflowing(a, b), a.overflowing_sub(*b));
                let (sum, of) = a.overflowing_add(*b);
                let mut out = U256::MAX;
                assert_eq!(add_into(&mut out, a, b), (of, sum.is_zero()));
                assert_eq!(out, sum);
                let (diff, of) = a.overflowing_sub(*b);
                assert_eq!(sub_into(&mut out, a, b), (of, diff.is_zero()));
                assert_eq!(out, diff);
            }
        }
    }
}
