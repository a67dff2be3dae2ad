//! Operand resolution: reading `src0`/`src1` and locating `dst0`, with the stack-pointer
//! movements of the push/pop addressing modes.

use alloy_primitives::U256;

use super::code::{Handler, Instr};
use crate::isa::{DstMode, SrcMode};
use crate::state::State;

/// The resolved operands of one instruction (before the `.s` swap).
#[derive(Clone, Copy, Debug)]
pub struct Operands {
    /// `src0` and its pointer tag.
    pub src0: (U256, bool),
    /// `src1` and its pointer tag.
    pub src1: (U256, bool),
    /// The stack slot `dst0` goes to, or `None` for the register `dst0`.
    pub dst0: Option<u16>,
}

impl Operands {
    /// Resolves the operands of `instr`, moving sp for stack push/pop modes (first for `src0`,
    /// then for `dst0`). `nop` moves sp but reads nothing.
    #[inline(always)]
    #[allow(clippy::cast_possible_truncation, reason = "addresses are the low 16 bits")]
    pub fn resolve(state: &mut State, instr: &Instr) -> Self {
        let regs = &state.registers;
        let frame = &mut state.current;
        let src0 = match instr.src0_mode {
            SrcMode::Reg => (*regs.get(instr.src0), regs.is_pointer(instr.src0)),
            SrcMode::Imm => (U256::from(instr.imm0), false),
            mode => {
                let addr = (regs.get(instr.src0).as_limbs()[0] as u16).wrapping_add(instr.imm0);
                let slot = match mode {
                    SrcMode::StackPop => {
                        frame.sp = frame.sp.wrapping_sub(addr);
                        Some(frame.sp)
                    }
                    SrcMode::StackOffset => Some(frame.sp.wrapping_sub(addr)),
                    SrcMode::StackAbsolute => Some(addr),
                    _ => None,
                };
                if matches!(instr.handler, Handler::Nop) {
                    (U256::ZERO, false)
                } else {
                    match slot {
                        Some(slot) => frame.stack.get(slot),
                        None => (frame.code.word(addr), false),
                    }
                }
            }
        };
        let dst0 = match instr.dst0_mode {
            DstMode::Reg => None,
            mode => {
                let addr = (regs.get(instr.dst0).as_limbs()[0] as u16).wrapping_add(instr.imm1);
                Some(match mode {
                    DstMode::StackPush => {
                        let at = frame.sp;
                        frame.sp = at.wrapping_add(addr);
                        at
                    }
                    DstMode::StackOffset => frame.sp.wrapping_sub(addr),
                    _ => addr,
                })
            }
        };
        let src1 = (*regs.get(instr.src1), regs.is_pointer(instr.src1));
        Operands { src0, src1, dst0 }
    }
}
