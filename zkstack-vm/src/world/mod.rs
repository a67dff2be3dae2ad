//! The world outside the VM's memory: persistent storage (behind the [`Storage`] trait),
//! transient storage, events and L2→L1 messages, all changed through a [`WorldDiff`] that can be
//! rolled back to a [`Snapshot`] when a far frame reverts or panics.

pub mod diff;
pub mod entry;
pub mod storage;

pub use diff::{Snapshot, WorldDiff};
pub use entry::LogEntry;
pub use storage::{InMemoryStorage, MAX_PUBDATA_COST_PER_QUERY, Storage, StorageKey, StorageSlot};

/// The storage behind the VM, the VM's changes to the world, and the snapshot of each far frame
/// the VM entered (taken back when that frame reverts or panics).
pub struct World {
    /// Committed storage and the storage oracle's prices.
    pub storage: Box<dyn Storage>,
    /// The changes made so far.
    pub diff: WorldDiff,
    frames: Vec<Snapshot>,
}

impl core::fmt::Debug for World {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("World")
            .field("diff", &self.diff)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new(Box::new(InMemoryStorage::new()))
    }
}

impl World {
    /// A world over `storage`, unchanged.
    pub fn new(storage: Box<dyn Storage>) -> Self {
        World { storage, diff: WorldDiff::new(), frames: Vec::new() }
    }

    /// A far frame starts: remember where its changes begin.
    pub fn enter_frame(&mut self) {
        self.frames.push(self.diff.snapshot());
    }

    /// A far frame ends; a reverted or panicked one takes back its changes. A frame the VM did
    /// not enter (one it was started with) rolls back to the very beginning.
    pub fn leave_frame(&mut self, rollback: bool) {
        let snapshot = self.frames.pop().unwrap_or_default();
        if rollback {
            self.diff.rollback(snapshot);
        }
    }
}
