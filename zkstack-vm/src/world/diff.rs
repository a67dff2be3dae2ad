//! Every change the VM made to the world, with an undo log so that a reverted or panicked far
//! frame takes back exactly its own changes, and the storage pricing of a batch (see
//! [`super::pricing`]).

use std::collections::HashMap;

use alloy_primitives::U256;

use super::entry::LogEntry;
use super::pricing::{
    COLD_WRITE_AFTER_WARM_READ_REFUND, MAX_PUBDATA_COST_PER_QUERY, StoragePricing,
    WARM_READ_REFUND, WARM_WRITE_REFUND, cost_of_writing_storage,
};
use super::storage::{Storage, StorageKey, StorageSlot};

/// A point in the history of a [`WorldDiff`] to roll back to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Snapshot {
    undo: usize,
    events: usize,
    l2_to_l1: usize,
}

/// One change that a rollback takes back: the slot and what it had before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Undo {
    /// A persistent write: the value and the prepaid pubdata before it.
    Storage(StorageKey, U256, u32),
    Transient(StorageKey, U256),
    /// A transient write cleared by a new transaction: nothing to take back.
    Cleared,
}

/// A persistent slot the VM touched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Touched {
    /// Its committed state.
    initial: StorageSlot,
    /// Its value now.
    current: U256,
    /// Pubdata the writes to it have charged so far (rolled back with them).
    paid: u32,
    /// Read (or written) in this run: a read is warm (never rolled back).
    read: bool,
    /// Written in this run: a write is warm (never rolled back).
    written: bool,
}

/// The VM's changes to storage, transient storage, events and L2→L1 messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorldDiff {
    pricing: StoragePricing,
    storage: HashMap<StorageKey, Touched>,
    transient: HashMap<StorageKey, U256>,
    events: Vec<LogEntry>,
    l2_to_l1: Vec<LogEntry>,
    undo: Vec<Undo>,
}

impl WorldDiff {
    /// No changes; storage priced as in a batch ([`StoragePricing::Batch`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// No changes; storage priced by `pricing`.
    pub fn with_pricing(pricing: StoragePricing) -> Self {
        WorldDiff { pricing, ..Self::default() }
    }

    /// How this diff prices storage.
    pub fn pricing(&self) -> StoragePricing {
        self.pricing
    }

    fn touch(&mut self, storage: &mut dyn Storage, key: &StorageKey) -> &mut Touched {
        self.storage.entry(*key).or_insert_with(|| {
            let initial = storage.read(key);
            Touched { initial, current: initial.value, paid: 0, read: false, written: false }
        })
    }

    /// `sload`: the value of a persistent slot now, and the ergs the access gives back.
    pub fn read_storage(&mut self, storage: &mut dyn Storage, key: &StorageKey) -> (U256, u32) {
        let pricing = self.pricing;
        let free = pricing == StoragePricing::Batch && storage.is_free(key);
        let touched = self.touch(storage, key);
        let warm = core::mem::replace(&mut touched.read, true);
        let refund = match pricing {
            StoragePricing::Batch if warm || free => WARM_READ_REFUND,
            _ => 0,
        };
        (touched.current, refund)
    }

    /// The value of a persistent slot now, read by a far call for a code hash: it makes the
    /// slot warm but gives nothing back (vm2 `read_storage_without_refund`).
    pub fn read_storage_without_refund(
        &mut self,
        storage: &mut dyn Storage,
        key: &StorageKey,
    ) -> U256 {
        let touched = self.touch(storage, key);
        touched.read = true;
        touched.current
    }

    /// The value of a persistent slot now, without making it warm (for tools and tests).
    pub fn peek_storage(&mut self, storage: &mut dyn Storage, key: &StorageKey) -> U256 {
        self.touch(storage, key).current
    }

    /// `sstore`: writes a persistent slot; returns the ergs the access gives back and the
    /// pubdata it charges (negative when it takes back pubdata an earlier write charged).
    #[allow(clippy::cast_possible_wrap, reason = "pubdata costs are at most 65 bytes")]
    pub fn write_storage(
        &mut self,
        storage: &mut dyn Storage,
        key: &StorageKey,
        value: U256,
    ) -> (u32, i32) {
        let pricing = self.pricing;
        let free = pricing == StoragePricing::Batch && storage.is_free(key);
        let touched = self.touch(storage, key);
        let before = (touched.current, touched.paid);
        touched.current = value;
        let (refund, pubdata) = match pricing {
            StoragePricing::ZkEvmReference => (0, MAX_PUBDATA_COST_PER_QUERY),
            StoragePricing::Batch if free => {
                touched.written = true;
                touched.read = true;
                (WARM_WRITE_REFUND, 0)
            }
            StoragePricing::Batch => {
                let cost = cost_of_writing_storage(&touched.initial, &value);
                let prepaid = core::mem::replace(&mut touched.paid, cost);
                let refund = if core::mem::replace(&mut touched.written, true) {
                    WARM_WRITE_REFUND
                } else if core::mem::replace(&mut touched.read, true) {
                    COLD_WRITE_AFTER_WARM_READ_REFUND
                } else {
                    0
                };
                (refund, cost as i32 - prepaid as i32)
            }
        };
        self.undo.push(Undo::Storage(*key, before.0, before.1));
        (refund, pubdata)
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
    #[inline]
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { undo: self.undo.len(), events: self.events.len(), l2_to_l1: self.l2_to_l1.len() }
    }

    /// Takes back every change made since `snapshot`, newest first. Which slots are warm is
    /// kept (as in vm2 and zk_evm's storage oracle).
    #[inline]
    pub fn rollback(&mut self, snapshot: Snapshot) {
        // Most frames that panic changed nothing (a near call unwinding): nothing to take back.
        if self.undo.len() <= snapshot.undo
            && self.events.len() <= snapshot.events
            && self.l2_to_l1.len() <= snapshot.l2_to_l1
        {
            return;
        }
        self.rollback_changes(snapshot);
    }

    /// [`WorldDiff::rollback`] when something changed since `snapshot`.
    fn rollback_changes(&mut self, snapshot: Snapshot) {
        let keep = snapshot.undo.min(self.undo.len());
        for undo in self.undo.drain(keep..).rev() {
            match undo {
                Undo::Storage(key, previous, paid) => {
                    if let Some(t) = self.storage.get_mut(&key) {
                        t.current = previous;
                        t.paid = paid;
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
    /// `(committed slot, value now)`, in key order: what the state diff publishes.
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
