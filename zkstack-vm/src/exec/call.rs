//! `near_call` and `ret` (near and far, `ok`/`revert`/`panic`, `.to_label`).

use alloy_primitives::U256;

use super::code::{Handler, Instr, TO_LABEL};
use super::error::ExecutionEnd;
use super::vm::{Step, Vm};
use crate::frame::NearFrame;
use crate::memory::FatPointer;
use crate::memory::params::{INTERNAL_ERGS_TO_VISIBLE_ERGS, MEMORY_GROWTH_ERGS_PER_BYTE};
use crate::opcodes::RetKind;
use crate::state::Flags;
use crate::tracer::Tracer;
use crate::witness::WitnessEvent;

/// How `ret` from a far frame forms its returndata pointer (byte 28 of the ABI word).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Forwarding {
    /// A slice of the returning frame's heap.
    Heap,
    /// An existing fat pointer, narrowed to its cursor.
    Pointer,
    /// A slice of the returning frame's aux heap.
    AuxHeap,
}

impl<T: Tracer> Vm<T> {
    /// `near_call`: pass some ergs (all when the ABI asks for 0 or more than there are), jump to
    /// `imm0` with exception handler `imm1`.
    pub(super) fn near_call(&mut self, instr: &Instr, src0: &U256, new_pc: u16) {
        self.state.flags = Flags::default();
        let asked = (src0.as_limbs()[0] as u32).saturating_mul(INTERNAL_ERGS_TO_VISIBLE_ERGS);
        let frame = &mut self.state.current;
        let (passed, kept) = match frame.ergs.checked_sub(asked) {
            Some(kept) if asked != 0 => (asked, kept),
            _ => (frame.ergs, 0),
        };
        frame.near_calls.push(NearFrame {
            exception_handler: instr.imm1,
            return_pc: new_pc,
            sp: frame.sp,
            ergs: kept,
            pubdata_spent: frame.pubdata_spent,
        });
        frame.pubdata_spent = 0;
        frame.ergs = passed;
        frame.pc = instr.imm0;
        self.state.depth += 1;
        self.world.enter_frame();
        if T::WITNESS {
            self.witness_start(true);
        }
    }

    /// `ret.ok`, `ret.revert`, `ret.panic`.
    pub(super) fn ret(&mut self, instr: &Instr, src0: &U256, src0_ptr: bool) -> Step {
        let kind = match instr.handler {
            Handler::RetOk => RetKind::Ok,
            Handler::RetRevert => RetKind::Revert,
            _ => RetKind::Panic,
        };
        self.state.flags = Flags::default();
        if self.state.current.near_calls.is_empty() {
            return self.far_ret(kind, src0, src0_ptr);
        }
        let frame = &mut self.state.current;
        let Some(saved) = frame.near_calls.pop() else { return Step::Continue };
        let panicked = kind != RetKind::Ok;
        if T::WITNESS {
            self.tracer.witness(WitnessEvent::FinishContext(panicked));
        }
        let frame = &mut self.state.current;
        self.world.leave_frame(panicked);
        let finished_pubdata = frame.pubdata_spent;
        if panicked {
            frame.pubdata_spent = saved.pubdata_spent;
            self.state.pubdata_revert_counter -= finished_pubdata;
        } else {
            frame.pubdata_spent = saved.pubdata_spent + finished_pubdata;
        }
        frame.ergs = saved.ergs.wrapping_add(frame.ergs);
        frame.sp = saved.sp;
        frame.pc = if instr.flags & TO_LABEL != 0 {
            instr.imm0
        } else if panicked {
            saved.exception_handler
        } else {
            saved.return_pc
        };
        if kind == RetKind::Panic {
            self.state.flags.lt = true;
        }
        self.state.depth -= 1;
        Step::Continue
    }

    #[allow(clippy::cast_possible_truncation, reason = "the forwarding mode is one byte")]
    pub(super) fn far_ret(&mut self, mut kind: RetKind, src0: &U256, src0_ptr: bool) -> Step {
        let frame = &self.state.current;
        let mode = match (src0.as_limbs()[3] >> 32) as u8 {
            1 => Forwarding::Pointer,
            2 => Forwarding::AuxHeap,
            _ => Forwarding::Heap,
        };
        let mut ptr = FatPointer::from_u256(src0);
        if mode == Forwarding::Pointer {
            if !src0_ptr || (ptr.page < frame.base_page && !frame.is_kernel) {
                kind = RetKind::Panic;
            }
        } else if src0_ptr {
            kind = RetKind::Panic;
        }
        let beyond_heap = ptr.end_overflows();
        if (mode != Forwarding::Pointer && ptr.offset != 0) || beyond_heap {
            kind = RetKind::Panic;
        }
        if ptr.offset > ptr.length {
            kind = RetKind::Panic;
        }
        if kind == RetKind::Panic {
            ptr = FatPointer::default();
        }
        let mut ergs = frame.ergs;
        if kind != RetKind::Panic {
            match mode {
                Forwarding::Pointer => {
                    ptr.start = ptr.start.wrapping_add(ptr.offset);
                    ptr.length = ptr.length.wrapping_sub(ptr.offset);
                    ptr.offset = 0;
                }
                Forwarding::Heap => ptr.page = frame.heap_page(),
                Forwarding::AuxHeap => ptr.page = frame.aux_heap_page(),
            }
        }
        let growth = match mode {
            Forwarding::Pointer => 0,
            Forwarding::Heap | Forwarding::AuxHeap => {
                let upper = if beyond_heap { u32::MAX } else { ptr.start.wrapping_add(ptr.length) };
                let bound =
                    if mode == Forwarding::Heap { frame.heap_bound } else { frame.aux_heap_bound };
                upper.saturating_sub(bound)
            }
        };
        let cost = growth.wrapping_mul(MEMORY_GROWTH_ERGS_PER_BYTE);
        if ergs >= cost {
            ergs -= cost;
        } else {
            ergs = 0;
            kind = RetKind::Panic;
            ptr = FatPointer::default();
        }
        let panicked = kind != RetKind::Ok;
        if T::WITNESS {
            self.tracer.witness(WitnessEvent::FinishContext(panicked));
        }
        self.world.leave_frame(panicked);

        let regs = &mut self.state.registers;
        regs.set(1, ptr.to_u256(), true);
        for r in 2..16 {
            regs.set(r, U256::ZERO, false);
        }
        self.state.context_u128 = 0;
        if kind == RetKind::Panic {
            self.state.flags.lt = true;
        }

        let finished_pubdata = self.state.current.pubdata_spent;
        let stipend = self.state.current.stipend;
        let handler = self.state.current.exception_handler;
        ergs = ergs.saturating_sub(stipend);
        if panicked {
            self.state.pubdata_revert_counter -= finished_pubdata;
        }
        let Some(caller) = self.state.previous.pop() else {
            self.state.current.ergs = ergs;
            return Step::Finished(ExecutionEnd { kind, returndata: ptr, ergs_left: ergs });
        };
        self.state.depth -= 1;
        let finished = core::mem::replace(&mut self.state.current, caller);
        drop(finished);
        let frame = &mut self.state.current;
        if !panicked {
            frame.pubdata_spent += finished_pubdata;
        }
        frame.ergs = frame.ergs.wrapping_add(ergs);
        if panicked {
            frame.pc = handler;
        }
        Step::Continue
    }
}
