//! The interpreter: one cycle exactly as zk_evm's `cycle` runs it.
//!
//! A cycle: fetch the instruction at pc (or `ret.panic` when an exception is pending), charge
//! its base price, turn it into `ret.panic` on an exception raised before execution (invalid
//! opcode, out of ergs, kernel-only in user mode, state change in a static frame, full call
//! stack), skip it as a priced no-op when its condition fails, resolve the operands (moving sp),
//! erase pointer metadata that user code may not see, execute, and clear `dst1` if the
//! instruction did not write it.

use std::sync::Arc;

use alloy_primitives::U256;

use super::arith::{add_into, sub_into};
use super::code::{
    INVALID, Instr, KERNEL_ONLY, NOT_STATIC, PANIC_INSTR, SRC0_POINTER, SWAP, instr_at,
};
use super::error::{ExecutionEnd, VmError};
use super::hook::HookPoint;
use super::operands::Operands;
use crate::exec::code::Handler;
use crate::memory::Memory;
use crate::memory::erase_metadata;
use crate::memory::params::VM_MAX_STACK_DEPTH;
use crate::state::State;
use crate::tracer::Tracer;
use crate::world::World;

/// An EraVM instance: state, memory and a tracer.
#[derive(Debug)]
pub struct Vm<T: Tracer = ()> {
    /// Registers, flags, call stack, counters.
    pub state: State,
    /// Heap-like pages.
    pub memory: Memory,
    /// The tracer called around every cycle.
    pub tracer: T,
    /// Storage, transient storage, events and messages, with the rollback snapshot of every
    /// frame the VM entered.
    pub world: World,
    /// The heap slot whose store suspends the VM ([`Step::Hook`]); `None`: no hooks.
    pub hook: Option<HookPoint>,
}

/// What one cycle did to the course of execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The VM keeps running.
    Continue,
    /// The outermost frame returned.
    Finished(ExecutionEnd),
    /// The bootloader wrote this value to its hook slot ([`Vm::hook`]); the store is done and
    /// the VM resumes at the next instruction.
    Hook(u32),
}

impl<T: Tracer> Vm<T> {
    /// A VM over `state` and `memory`.
    pub fn with_tracer(state: State, memory: Memory, tracer: T) -> Self {
        Vm { state, memory, tracer, world: World::default(), hook: None }
    }

    /// A VM over `state`, `memory` and `world`.
    ///
    /// Every frame the VM enters (near or far) takes a snapshot of the world's changes, and a
    /// reverted or panicked frame rolls back to it. Frames already in `state` have no snapshot
    /// of their own and roll back to the start of the world's history, which is exact when the
    /// world's diff is empty at the start; if it is not, call [`World::enter_frame`] once per
    /// frame of `state` (its depth) after filling it.
    pub fn with_world(state: State, memory: Memory, tracer: T, world: World) -> Self {
        Vm { state, memory, tracer, world, hook: None }
    }

    /// Runs until the outermost frame returns (hooks do not stop it).
    ///
    /// # Errors
    /// [`VmError::UnknownCode`] when a far call or `log.decommit` needs code the world's code
    /// source does not know (zk_evm fails the same way).
    pub fn run(&mut self) -> Result<ExecutionEnd, VmError> {
        let mut instrs = Arc::clone(self.state.current.code.instrs());
        loop {
            self.refresh_code(&mut instrs);
            if self.try_fast(instr_at(&instrs, self.state.current.pc)) {
                continue;
            }
            if let Step::Finished(end) = self.step_in(&instrs)? {
                return Ok(end);
            }
        }
    }

    /// Runs one cycle.
    ///
    /// # Errors
    /// [`VmError::UnknownCode`] when a far call or `log.decommit` needs code the world's code
    /// source does not know; the VM cannot go on (zk_evm fails the same way).
    #[inline(always)]
    pub fn step(&mut self) -> Result<Step, VmError> {
        let frame = &self.state.current;
        let at_pc = *frame.code.instr(frame.pc);
        // The same two paths as the run loops: the specialised one when it applies, else the
        // full cycle.
        if self.try_fast(&at_pc) {
            return Ok(Step::Continue);
        }
        let fetched = if self.state.pending_exception {
            self.state.pending_exception = false;
            PANIC_INSTR
        } else {
            at_pc
        };
        self.cycle(&fetched)
    }

    /// Makes `instrs`, the compiled code a run loop holds, the current frame's again when a far
    /// call or return changed it.
    #[inline(always)]
    pub(super) fn refresh_code(&self, instrs: &mut Arc<[Instr]>) {
        if !Arc::ptr_eq(instrs, self.state.current.code.instrs()) {
            *instrs = Arc::clone(self.state.current.code.instrs());
        }
    }

    /// Runs one cycle of a run loop that holds `instrs`, the current frame's compiled code
    /// ([`Vm::refresh_code`] just called): the instruction is borrowed from it, not copied out
    /// of the frame (the copy's store and reload cost the loop ~15%).
    #[inline(always)]
    pub(super) fn step_in(&mut self, instrs: &Arc<[Instr]>) -> Result<Step, VmError> {
        if self.state.pending_exception {
            self.state.pending_exception = false;
            self.cycle(&PANIC_INSTR)
        } else {
            self.cycle(instr_at(instrs, self.state.current.pc))
        }
    }

    /// Runs one cycle of `fetched`, the instruction at pc (or the `ret.panic` of a pending
    /// exception).
    #[inline(always)]
    fn cycle(&mut self, fetched: &Instr) -> Result<Step, VmError> {
        self.tracer.before_instruction(&self.state, &self.memory, fetched);
        let frame = &mut self.state.current;
        let (left, out_of_ergs) = frame.ergs.overflowing_sub(fetched.ergs);
        let checks = fetched.checks;
        let forbidden = INVALID
            | if frame.is_kernel { 0 } else { KERNEL_ONLY }
            | if frame.is_static { NOT_STATIC } else { 0 };
        #[allow(clippy::needless_bitwise_bool, reason = "one branch instead of four per cycle")]
        let exception =
            out_of_ergs | (checks & forbidden != 0) | (self.state.depth >= VM_MAX_STACK_DEPTH);
        let result = if exception {
            frame.ergs = if out_of_ergs { 0 } else { left };
            let mut panic = PANIC_INSTR;
            panic.imm0 = fetched.imm0;
            panic.imm1 = fetched.imm1;
            self.execute(&panic)
        } else {
            frame.ergs = left;
            let f = &self.state.flags;
            if fetched.holds(f.gt, f.lt, f.eq) {
                self.dispatch(fetched)
            } else {
                frame.pc = frame.pc.wrapping_add(1);
                Ok(Step::Continue)
            }
        };
        self.tracer.after_instruction(&self.state, &self.memory, fetched);
        result
    }

    /// Executes an instruction whose price is paid and whose condition holds: the generic
    /// handler (operands resolved for every addressing mode), which runs whatever has no
    /// specialised one (see [`super::fast`]).
    #[inline(always)]
    #[allow(clippy::too_many_lines, reason = "one match arm per opcode family reads as a table")]
    #[allow(
        clippy::cast_possible_truncation,
        reason = "shift amounts and jump targets are low bits"
    )]
    pub(super) fn execute(&mut self, instr: &Instr) -> Result<Step, VmError> {
        let sp = self.state.current.sp;
        let ops = Operands::resolve(&mut self.state, instr);
        if T::WITNESS {
            self.witness_src0(instr, sp);
        }
        let Operands { src0, src1, dst0, .. } = ops;
        let (mut src0, mut src0_ptr) = src0;
        let (mut src1, mut src1_ptr) = src1;
        if instr.flags & SWAP != 0 {
            core::mem::swap(&mut src0, &mut src1);
            core::mem::swap(&mut src0_ptr, &mut src1_ptr);
        }
        let kernel = self.state.current.is_kernel;
        if src0_ptr && !kernel && instr.checks & SRC0_POINTER == 0 {
            erase_metadata(&mut src0);
            src0_ptr = false;
        }
        if src1_ptr && !kernel {
            erase_metadata(&mut src1);
            src1_ptr = false;
        }
        let new_pc = self.state.current.pc.wrapping_add(1);
        let mut dst1_written = false;
        let mut step = Step::Continue;
        match instr.handler {
            Handler::Nop => self.state.current.pc = new_pc,
            Handler::Add => {
                self.state.current.pc = new_pc;
                let (of, zero) = match dst0 {
                    None => {
                        self.state.registers.write_with(instr.dst0, |r| add_into(r, &src0, &src1))
                    }
                    Some(slot) => {
                        let mut r = U256::ZERO;
                        let flags = add_into(&mut r, &src0, &src1);
                        self.state.current.stack.set(slot, &r, false);
                        if T::WITNESS {
                            self.witness_stack_write(slot, r, false);
                        }
                        flags
                    }
                };
                self.set_arith_flags(instr, of, zero);
            }
            Handler::Sub => {
                self.state.current.pc = new_pc;
                let (of, zero) = match dst0 {
                    None => {
                        self.state.registers.write_with(instr.dst0, |r| sub_into(r, &src0, &src1))
                    }
                    Some(slot) => {
                        let mut r = U256::ZERO;
                        let flags = sub_into(&mut r, &src0, &src1);
                        self.state.current.stack.set(slot, &r, false);
                        if T::WITNESS {
                            self.witness_stack_write(slot, r, false);
                        }
                        flags
                    }
                };
                self.set_arith_flags(instr, of, zero);
            }
            Handler::Mul => {
                self.state.current.pc = new_pc;
                self.mul(instr, dst0, &src0, &src1);
                dst1_written = true;
            }
            Handler::Div => {
                self.state.current.pc = new_pc;
                self.div(instr, dst0, &src0, &src1);
                dst1_written = true;
            }
            Handler::And | Handler::Or | Handler::Xor => {
                self.state.current.pc = new_pc;
                let r = match instr.handler {
                    Handler::And => src0 & src1,
                    Handler::Or => src0 | src1,
                    _ => src0 ^ src1,
                };
                self.set_eq_flag(instr, r.is_zero());
                self.write_dst0(instr, dst0, r, false);
            }
            Handler::Shl | Handler::Shr | Handler::Rol | Handler::Ror => {
                self.state.current.pc = new_pc;
                let shift = usize::from(src1.as_limbs()[0] as u8);
                let r = match instr.handler {
                    Handler::Shl => src0 << shift,
                    Handler::Shr => src0 >> shift,
                    Handler::Rol => src0.rotate_left(shift),
                    _ => src0.rotate_right(shift),
                };
                self.set_eq_flag(instr, r.is_zero());
                self.write_dst0(instr, dst0, r, false);
            }
            Handler::Jump => {
                self.state.current.pc = src0.as_limbs()[0] as u16;
                self.write_dst0(instr, dst0, U256::from(new_pc), false);
            }
            Handler::PtrAdd | Handler::PtrSub | Handler::PtrPack | Handler::PtrShrink => {
                self.state.current.pc = new_pc;
                self.ptr(instr, dst0, (&src0, src0_ptr), (&src1, src1_ptr));
            }
            Handler::NearCall => self.near_call(instr, &src0, new_pc),
            Handler::Context(op) => {
                self.state.current.pc = new_pc;
                self.context(op, instr, dst0, &src0);
            }
            Handler::RetOk | Handler::RetRevert | Handler::RetPanic => {
                step = self.ret(instr, &src0, src0_ptr);
            }
            Handler::HeapRead
            | Handler::HeapWrite
            | Handler::AuxHeapRead
            | Handler::AuxHeapWrite
            | Handler::FatPointerRead
            | Handler::StaticRead
            | Handler::StaticWrite => {
                self.state.current.pc = new_pc;
                dst1_written = self.heap(instr, (&src0, src0_ptr), &src1);
                if let Some(hook) = self.hook_fired(instr, &src0, &src1) {
                    step = Step::Hook(hook);
                }
            }
            Handler::StorageRead
            | Handler::StorageWrite
            | Handler::TransientRead
            | Handler::TransientWrite
            | Handler::Event
            | Handler::ToL1 => {
                self.state.current.pc = new_pc;
                self.log(instr, dst0, &src0, &src1);
            }
            Handler::PrecompileCall => {
                self.state.current.pc = new_pc;
                self.precompile_call(instr, dst0, &src0, &src1);
            }
            Handler::FarCall(kind) => {
                self.far_call(kind, instr, (&src0, src0_ptr), &src1, new_pc)?;
            }
            Handler::Invalid => {
                // Never executed: the invalid opcode always turns into a panic before this.
                self.state.current.pc = new_pc;
            }
            Handler::Decommit => {
                self.state.current.pc = new_pc;
                self.decommit(instr, dst0, &src0, &src1)?;
            }
        }
        if !dst1_written {
            self.state.registers.set(instr.dst1, U256::ZERO, false);
        }
        Ok(step)
    }

    /// Writes `dst0`: to the stack slot resolved for it, or to the register.
    #[inline(always)]
    pub(super) fn write_dst0(&mut self, instr: &Instr, slot: Option<u16>, value: U256, ptr: bool) {
        match slot {
            Some(slot) => {
                self.state.current.stack.set(slot, &value, ptr);
                if T::WITNESS {
                    self.witness_stack_write(slot, value, ptr);
                }
            }
            None => self.state.registers.set(instr.dst0, value, ptr),
        }
    }
}

impl Vm<()> {
    /// A VM without tracer.
    pub fn new(state: State, memory: Memory) -> Self {
        Vm { state, memory, tracer: (), world: World::default(), hook: None }
    }
}
