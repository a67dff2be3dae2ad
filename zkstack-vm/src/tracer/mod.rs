//! Observing execution: hooks the interpreter calls around every instruction.
//!
//! The no-op tracer `()` has empty inlined hooks, so an untraced VM compiles them away.

#![allow(clippy::inline_always, reason = "the interpreter's per-cycle hot path")]

use crate::exec::Instr;
use crate::memory::Memory;
use crate::state::State;
use crate::witness::WitnessEvent;

/// Hooks called around each cycle. Every method defaults to doing nothing.
pub trait Tracer {
    /// Before the cycle executes `instr` (the instruction at pc, or the `ret.panic` of a pending
    /// exception), with the state as it is before the cycle.
    #[inline(always)]
    fn before_instruction(&mut self, _state: &State, _memory: &Memory, _instr: &Instr) {}

    /// After the cycle, with the state it left.
    #[inline(always)]
    fn after_instruction(&mut self, _state: &State, _memory: &Memory, _instr: &Instr) {}

    /// Whether the VM reports [`WitnessEvent`]s to [`Tracer::witness`]. The VM tests this
    /// constant before forming an event, so a tracer that leaves it `false` costs nothing.
    const WITNESS: bool = false;

    /// A memory, log or decommitment query, or a frame started or finished, during the
    /// running cycle (see [`crate::witness`]); called only when [`Tracer::WITNESS`] is `true`.
    #[inline(always)]
    fn witness(&mut self, _event: WitnessEvent) {}
}

impl Tracer for () {}

/// A tracer that counts cycles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CycleCounter {
    /// Cycles executed.
    pub cycles: u64,
}

impl Tracer for CycleCounter {
    #[inline(always)]
    fn after_instruction(&mut self, _state: &State, _memory: &Memory, _instr: &Instr) {
        self.cycles += 1;
    }
}
