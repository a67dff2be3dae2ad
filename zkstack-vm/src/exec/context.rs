//! `context.*`: reading the frame's identity and parameters, and the kernel-only context
//! mutators.

use alloy_primitives::{Address, U256};

use super::code::Instr;
use super::vm::Vm;
use crate::memory::params::INTERNAL_ERGS_TO_VISIBLE_ERGS;
use crate::opcodes::ContextOp;
use crate::tracer::Tracer;

/// An address as a word (the low 160 bits).
#[inline]
pub fn address_to_u256(address: &Address) -> U256 {
    U256::from_be_slice(address.as_slice())
}

impl<T: Tracer> Vm<T> {
    /// Executes a context instruction (pc already advanced).
    #[allow(clippy::cast_possible_truncation, reason = "context_u128 is the low 128 bits")]
    #[allow(clippy::cast_sign_loss, reason = "zk_evm reinterprets the counter as u32")]
    pub(super) fn context(&mut self, op: ContextOp, instr: &Instr, dst0: Option<u16>, src0: &U256) {
        let frame = &self.state.current;
        let value = match op {
            ContextOp::SetContextU128 => {
                let l = src0.as_limbs();
                self.state.context_u128 = u128::from(l[0]) | u128::from(l[1]) << 64;
                return;
            }
            ContextOp::AuxMutating0 => return,
            ContextOp::IncrementTxNumber => {
                self.state.tx_number = self.state.tx_number.wrapping_add(1);
                self.world.diff.clear_transient();
                return;
            }
            ContextOp::This => address_to_u256(&frame.this_address),
            ContextOp::Caller => address_to_u256(&frame.caller),
            ContextOp::CodeAddress => address_to_u256(&frame.code_address),
            ContextOp::Meta => {
                let aux_field_0 =
                    if frame.is_kernel { self.state.pubdata_revert_counter as u32 } else { 0 };
                let shards = u64::from(frame.this_shard_id)
                    | u64::from(frame.caller_shard_id) << 8
                    | u64::from(frame.code_shard_id) << 16;
                U256::from_limbs([
                    u64::from(aux_field_0),
                    u64::from(frame.heap_bound) | u64::from(frame.aux_heap_bound) << 32,
                    0,
                    shards << 32,
                ])
            }
            ContextOp::ErgsLeft => U256::from(frame.ergs / INTERNAL_ERGS_TO_VISIBLE_ERGS),
            ContextOp::Sp => U256::from(frame.sp),
            ContextOp::GetContextU128 => U256::from(frame.context_u128),
        };
        self.write_dst0(instr, dst0, value, false);
    }
}
