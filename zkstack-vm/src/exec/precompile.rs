//! `log.precompile`: ergs, pubdata and ABI plumbing around the world's precompile hook.

use alloy_primitives::U256;

use super::code::{FIRST_MESSAGE, Instr};
use super::vm::Vm;
use crate::tracer::Tracer;
use crate::witness::WitnessEvent;
use crate::witness::query::PRECOMPILE_AUX_BYTE;

impl<T: Tracer> Vm<T> {
    /// Executes `log.precompile` (pc already advanced). `src1` carries the extra ergs (low 32
    /// bits) and extra pubdata (next 32 bits); without enough ergs the frame is left with none
    /// and `dst0` is 0, else the precompile runs and `dst0` is 1.
    #[allow(clippy::cast_possible_truncation, reason = "ABI fields are 32-bit")]
    #[allow(clippy::cast_possible_wrap, reason = "zk_evm asserts the pubdata fits i32")]
    pub(super) fn precompile_call(
        &mut self,
        instr: &Instr,
        dst0: Option<u16>,
        src0: &U256,
        src1: &U256,
    ) {
        let aux = src1.as_limbs()[0];
        let (extra_ergs, extra_pubdata) = (aux as u32, (aux >> 32) as u32);
        let frame = &mut self.state.current;
        let Some(left) = frame.ergs.checked_sub(extra_ergs) else {
            frame.ergs = 0;
            self.write_dst0(instr, dst0, U256::ZERO, false);
            return;
        };
        frame.ergs = left;
        let heap = u64::from(frame.heap_page());
        let mut limbs = *src0.as_limbs();
        if limbs[2].trailing_zeros() >= 32 {
            limbs[2] |= heap;
        }
        if limbs[2] >> 32 == 0 {
            limbs[2] |= heap << 32;
        }
        let address = frame.this_address;
        if T::WITNESS {
            let shard = frame.this_shard_id;
            let first = instr.flags & FIRST_MESSAGE != 0;
            let abi = U256::from_limbs(limbs);
            let q = self.log_query(
                PRECOMPILE_AUX_BYTE,
                (shard, address),
                abi,
                (U256::ZERO, U256::ZERO),
                false,
                first,
            );
            self.tracer.witness(WitnessEvent::Log(q));
        }
        self.world.precompiles.call(&address, &U256::from_limbs(limbs), &mut self.memory);
        self.write_dst0(instr, dst0, U256::from(1u8), false);
        self.add_pubdata(extra_pubdata as i32);
    }
}
