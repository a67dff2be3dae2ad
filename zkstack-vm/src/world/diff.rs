//! Every change the VM made to the world, with an undo log so that a reverted or panicked far
//! frame takes back exactly its own changes.

use std::collections::HashMap;

use alloy_primitives::U256;

use super::entry::LogEntry;
use super::storage::{Storage, StorageKey, StorageSlot};

/// A point in the history of a [`WorldDiff`] to roll back to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Snapshot {
    undo: usize,
    events: usize,
    l2_to_l1: usize,
}

/// One change that a rollback takes back: the slot and the value it had before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Undo {
    Storage(StorageKey, U256),
    Transient(StorageKey, U256),
    /// A transient write cleared by a new transaction: nothing to take back.
    Cleared,
}

/// A persistent slot the VM touched: its committed state and its value now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Touched {
    initial: StorageSlot,
    current: U256,
}

/// The VM's changes to storage, transient storage, events and L2→L1 messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorldDiff {
    storage: HashMap<StorageKey, Touched>,
    transient: HashMap<StorageKey, U256>,
    events: Vec<LogEntry>,
    l2_to_l1: Vec<LogEntry>,
    undo: Vec<Undo>,
}

impl WorldDiff {
    /// No changes.
    pub fn new() -> Self {
        Self::default()
    }

    fn touch(&mut self, storage: &mut dyn Storage, key: &StorageKey) -> &mut Touched {
        self.storage.entry(*key).or_insert_with(|| {
            let initial = storage.read(key);
            Touched { initial, current: initial.value }
        })
    }

    /// The value of a persistent slot now.
    pub fn read_storage(&mut self, storage: &mut dyn Storage, key: &StorageKey) -> U256 {
        self.touch(storage, key).current
    }

    /// Writes a persistent slot; returns the pubdata the storage oracle charges for it.
    pub fn write_storage(
        &mut self,
        storage: &mut dyn Storage,
        key: &StorageKey,
        value: U256,
    ) -> i32 {
        let touched = *self.touch(storage, key);
        let cost = storage.write_pubdata_cost(key, &touched.initial, &touched.current, &value);
        self.undo.push(Undo::Storage(*key, touched.current));
        if let Some(t) = self.storage.get_mut(key) {
            t.current = value;
        }
        cost
    }

    /// The value of a transient slot now (zero when unset).
    pub fn read_transient(&self, key: &StorageKey) -> U256 {
        self.transient.get(key).copied().unwrap_or(U256::ZERO)
    }

    /// Writes a transient slot.
    pub fn write_transient(&mut self, key: &StorageKey, value: U256) {
        let previous = self.transient.insert(*key, value).unwrap_or(U256::ZERO);
        self.undo.push(Undo::Transient(*key, previous));
    }

    /// Clears transient storage (a new transaction starts). Rolling back past this point
    /// restores nothing cleared here: zk_evm clears its map the same way.
    pub fn clear_transient(&mut self) {
        self.transient.clear();
        for u in &mut self.undo {
            if matches!(u, Undo::Transient(..)) {
                *u = Undo::Cleared;
            }
        }
    }

    /// Emits an event.
    pub fn push_event(&mut self, entry: LogEntry) {
        self.events.push(entry);
    }

    /// Emits an L2→L1 message.
    pub fn push_l2_to_l1(&mut self, entry: LogEntry) {
        self.l2_to_l1.push(entry);
    }

    /// The point to roll back to.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { undo: self.undo.len(), events: self.events.len(), l2_to_l1: self.l2_to_l1.len() }
    }

    /// Takes back every change made since `snapshot`, newest first.
    pub fn rollback(&mut self, snapshot: Snapshot) {
        let keep = snapshot.undo.min(self.undo.len());
        for undo in self.undo.drain(keep..).rev() {
            match undo {
                Undo::Storage(key, previous) => {
                    if let Some(t) = self.storage.get_mut(&key) {
                        t.current = previous;
                    }
                }
                Undo::Transient(key, previous) => {
                    self.transient.insert(key, previous);
                }
                Undo::Cleared => {}
            }
        }
        self.events.truncate(snapshot.events);
        self.l2_to_l1.truncate(snapshot.l2_to_l1);
    }

    /// Persistent slots whose value now differs from the committed one, with
    /// `(committed slot, value now)`, in key order.
    pub fn storage_changes(&self) -> Vec<(StorageKey, StorageSlot, U256)> {
        let mut out: Vec<_> = self
            .storage
            .iter()
            .filter(|(_, t)| t.current != t.initial.value)
            .map(|(k, t)| (*k, t.initial, t.current))
            .collect();
        out.sort_unstable_by_key(|c| c.0);
        out
    }

    /// Non-zero transient slots, in key order.
    pub fn transient_slots(&self) -> Vec<(StorageKey, U256)> {
        let mut out: Vec<_> =
            self.transient.iter().filter(|(_, v)| !v.is_zero()).map(|(k, v)| (*k, *v)).collect();
        out.sort_unstable_by_key(|c| c.0);
        out
    }

    /// Events emitted and not rolled back, oldest first.
    pub fn events(&self) -> &[LogEntry] {
        &self.events
    }

    /// L2→L1 messages emitted and not rolled back, oldest first.
    pub fn l2_to_l1_logs(&self) -> &[LogEntry] {
        &self.l2_to_l1
    }
}
