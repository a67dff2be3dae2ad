//! [`WitnessTracer`]: records the witness stream with zk_evm's timestamps and cycle counter.

use super::query::{MemoryKind, MemoryQuery, TIME_DELTA_PER_CYCLE, WitnessEvent};
use crate::exec::Instr;
use crate::memory::Memory;
use crate::state::State;
use crate::tracer::Tracer;

/// One event of the stream and the cycle (zk_evm's monotonic cycle counter) it happened in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Recorded {
    /// The monotonic cycle counter of the cycle.
    pub cycle: u32,
    /// What happened, timestamps absolute.
    pub event: WitnessEvent,
}

/// A tracer that records every [`WitnessEvent`] with absolute timestamps, plus the code reads
/// zk_evm makes when it fetches an instruction word (once per 4 instructions of a word, again
/// whenever the code page or the word changes).
///
/// zk_evm's cycle `n` (counted from the tracer's start) has timestamp
/// `start_timestamp + 4 n` and monotonic counter `start_cycle + n`; the tracer counts cycles
/// itself, so set both to the reference VM's values before the first cycle.
///
/// ```
/// use zkstack_vm::run::ContractRun;
/// use zkstack_vm::witness::{MemoryKind, WitnessEvent, WitnessTracer};
///
/// // Stores 42 to heap byte 0, then pushes it to the stack and pops it back.
/// let code = zkstack_vm::asm::assemble(
///     "\t.text\nmain:\n\tadd 42, r0, r2\n\tst.1 r0, r2\n\tadd r2, r0, stack+=[1]\n\tadd stack-=[1], r0, r3\n\tret.ok r0\n",
/// )
/// .unwrap();
/// let (_, trace) = ContractRun::new(code).run_with_tracer(WitnessTracer::new(1024, 0)).unwrap();
/// let writes: Vec<_> = trace
///     .events
///     .iter()
///     .filter_map(|r| match &r.event {
///         WitnessEvent::Memory(q) if q.is_write => Some((q.kind, q.timestamp)),
///         _ => None,
///     })
///     .collect();
/// // The heap write in cycle 1 (timestamp 1028 + 3), the stack push in cycle 2 (1032 + 3).
/// assert_eq!(writes, [(MemoryKind::Heap, 1031), (MemoryKind::Stack, 1035)]);
/// ```
#[derive(Clone, Debug)]
pub struct WitnessTracer {
    /// The first timestamp of the next (or running) cycle.
    pub timestamp: u32,
    /// The monotonic cycle counter of the next (or running) cycle.
    pub cycle: u32,
    /// The code page and word index of the last code read (zk_evm's
    /// `previous_code_memory_page` and `previous_super_pc`; both 0 in a fresh zk_evm).
    pub last_code_word: (u32, u16),
    /// The stream, in order.
    pub events: Vec<Recorded>,
}

impl WitnessTracer {
    /// An empty record whose first cycle has `start_timestamp` and counter `start_cycle`.
    pub const fn new(start_timestamp: u32, start_cycle: u32) -> Self {
        WitnessTracer {
            timestamp: start_timestamp,
            cycle: start_cycle,
            last_code_word: (0, 0),
            events: Vec::new(),
        }
    }

    fn push(&mut self, event: WitnessEvent) {
        self.events.push(Recorded { cycle: self.cycle, event });
    }
}

impl Tracer for WitnessTracer {
    const WITNESS: bool = true;

    fn before_instruction(&mut self, state: &State, _memory: &Memory, _instr: &Instr) {
        // zk_evm reads the code word at pc / 4 of the code page when either changed since
        // its last read, also in the cycle that turns a pending exception into `ret.panic`.
        let frame = &state.current;
        let word = (frame.code_page, frame.pc >> 2);
        if word != self.last_code_word {
            self.last_code_word = word;
            let query = MemoryQuery {
                timestamp: self.timestamp,
                kind: MemoryKind::Code,
                page: word.0,
                index: u32::from(word.1),
                value: frame.code.word(word.1),
                is_pointer: false,
                is_write: false,
            };
            self.push(WitnessEvent::Memory(query));
        }
    }

    fn after_instruction(&mut self, _state: &State, _memory: &Memory, _instr: &Instr) {
        self.timestamp = self.timestamp.wrapping_add(TIME_DELTA_PER_CYCLE);
        self.cycle = self.cycle.wrapping_add(1);
    }

    fn witness(&mut self, mut event: WitnessEvent) {
        let base = self.timestamp;
        match &mut event {
            WitnessEvent::Memory(q) => q.timestamp = q.timestamp.wrapping_add(base),
            WitnessEvent::Log(q)
            | WitnessEvent::StorageRefund(q, _)
            | WitnessEvent::StoragePubdata(q, _) => q.timestamp = q.timestamp.wrapping_add(base),
            WitnessEvent::PrepareDecommit(q) | WitnessEvent::ExecuteDecommit(q, _) => {
                q.timestamp = q.timestamp.wrapping_add(base);
            }
            WitnessEvent::StartContext(_) | WitnessEvent::FinishContext(_) => {}
        }
        self.push(event);
    }
}
