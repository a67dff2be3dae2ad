//! What a one-contract run produced.

use alloy_primitives::U256;

use crate::exec::{ExecutionEnd, Vm};
use crate::opcodes::RetKind;
use crate::tracer::Tracer;
use crate::world::{LogEntry, StorageKey};

/// How the contract's frame ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunStatus {
    /// `ret.ok`.
    Ok,
    /// `ret.revert`.
    Revert,
    /// `ret.panic`, or any exception (out of ergs, invalid opcode, ...).
    Panic,
}

impl RunStatus {
    /// `"ok"`, `"revert"` or `"panic"`: the spelling of `zkstack run --json`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RunStatus::Ok => "ok",
            RunStatus::Revert => "revert",
            RunStatus::Panic => "panic",
        }
    }
}

impl From<RetKind> for RunStatus {
    fn from(kind: RetKind) -> Self {
        match kind {
            RetKind::Ok => RunStatus::Ok,
            RetKind::Revert => RunStatus::Revert,
            RetKind::Panic => RunStatus::Panic,
        }
    }
}

/// A storage slot whose value at the end differs from the value it had before the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StorageWrite {
    /// Shard, contract and slot.
    pub key: StorageKey,
    /// The value before the run.
    pub before: U256,
    /// The value at the end.
    pub value: U256,
}

/// The result of running one contract to its final return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    /// How the frame ended.
    pub status: RunStatus,
    /// The bytes the returned fat pointer names (empty on panic).
    pub return_data: Vec<u8>,
    /// Starting ergs minus the ergs the frame handed back at its final return.
    pub ergs_used: u32,
    /// The ergs handed back.
    pub ergs_left: u32,
    /// Pubdata the frame spent (storage writes priced by the storage oracle); zero unless the
    /// run ended `ok`, as a caller would count it.
    pub pubdata_spent: i32,
    /// Events emitted and not rolled back, one entry per `log.event`, oldest first.
    pub events: Vec<LogEntry>,
    /// L2→L1 messages emitted and not rolled back, oldest first.
    pub l2_to_l1_logs: Vec<LogEntry>,
    /// Slots whose value changed, in key order (empty unless the run ended `ok`: a revert or
    /// panic rolls back every change).
    pub storage_writes: Vec<StorageWrite>,
}

impl RunOutcome {
    /// The outcome of `vm`, which started with `ergs` and ended with `end`.
    pub fn new<T: Tracer>(vm: &Vm<T>, end: &ExecutionEnd, ergs: u32) -> Self {
        let diff = &vm.world.diff;
        let status = RunStatus::from(end.kind);
        RunOutcome {
            status,
            return_data: if status == RunStatus::Panic { Vec::new() } else { returned(vm, end) },
            ergs_used: ergs.saturating_sub(end.ergs_left),
            ergs_left: end.ergs_left,
            pubdata_spent: if status == RunStatus::Ok { vm.state.current.pubdata_spent } else { 0 },
            events: diff.events().to_vec(),
            l2_to_l1_logs: diff.l2_to_l1_logs().to_vec(),
            storage_writes: diff
                .storage_changes()
                .into_iter()
                .map(|(key, before, value)| StorageWrite { key, before: before.value, value })
                .collect(),
        }
    }
}

/// The bytes of the returned slice (a slice the frame paid for, so within the EraVM limits).
fn returned<T: Tracer>(vm: &Vm<T>, end: &ExecutionEnd) -> Vec<u8> {
    let ptr = end.returndata;
    let start = ptr.start.wrapping_add(ptr.offset) as usize;
    let length = ptr.length.saturating_sub(ptr.offset) as usize;
    match vm.memory.page(ptr.page) {
        Some(page) => (start..start + length).map(|at| page.byte(at)).collect(),
        None => vec![0; length],
    }
}
