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
