//! `ptr.add`, `ptr.sub`, `ptr.pack`, `ptr.shrink`: fat-pointer arithmetic. Misuse (no pointer
//! in `src0`, a pointer in `src1`, an offset out of range) raises a pending exception.

use alloy_primitives::U256;

use super::code::{Handler, Instr};
use super::vm::Vm;
use crate::memory::FatPointer;
use crate::memory::params::MAX_OFFSET_FOR_ADD_SUB;
use crate::tracer::Tracer;

impl<T: Tracer> Vm<T> {
    /// Executes a pointer instruction (pc already advanced).
    #[allow(clippy::cast_possible_truncation, reason = "the offset operand is its low 32 bits")]
    pub(super) fn ptr(
        &mut self,
        instr: &Instr,
        dst0: Option<u16>,
        (src0, src0_ptr): (&U256, bool),
        (src1, src1_ptr): (&U256, bool),
    ) {
        if !src0_ptr || src1_ptr {
            self.state.pending_exception = true;
            return;
        }
        let mut ptr = FatPointer::from_u256(src0);
        let operand = src1.as_limbs()[0] as u32;
        let result = match instr.handler {
            Handler::PtrAdd | Handler::PtrSub => {
                if *src1 >= U256::from(MAX_OFFSET_FOR_ADD_SUB) {
                    None
                } else {
                    let moved = if instr.handler == Handler::PtrAdd {
                        ptr.offset.checked_add(operand)
                    } else {
                        ptr.offset.checked_sub(operand)
                    };
                    moved.map(|offset| {
                        ptr.offset = offset;
                        ptr.with_high_of(src0)
                    })
                }
            }
            Handler::PtrPack => {
                let l = src1.as_limbs();
                if l[0] != 0 || l[1] != 0 {
                    None
                } else {
                    let s = src0.as_limbs();
                    Some(U256::from_limbs([s[0], s[1], l[2], l[3]]))
                }
            }
            _ => ptr.length.checked_sub(operand).map(|length| {
                ptr.length = length;
                ptr.with_high_of(src0)
            }),
        };
        match result {
            Some(value) => self.write_dst0(instr, dst0, value, true),
            None => self.state.pending_exception = true,
        }
    }
}
