//! The world outside the VM's memory: persistent storage (behind the [`Storage`] trait),
//! transient storage, events and L2→L1 messages, all changed through a [`WorldDiff`] that can be
//! rolled back to a [`Snapshot`] when a far frame reverts or panics.

pub mod code;
pub mod decommitted;
pub mod diff;
pub mod entry;
pub mod native;
pub mod native_far_call;
pub mod precompiles;
pub mod pricing;
pub mod storage;

use std::collections::HashMap;

use alloy_primitives::{Address, U256};
pub use code::{CodePreimage, CodeSource, InMemoryCode, VersionedHash};
pub use decommitted::{DecommitHistory, Decommitted};
pub use diff::{Snapshot, WorldDiff};
pub use entry::LogEntry;
pub use native::{NativeCall, NativeContract, NativeError, NativeOutcome};
pub use native_far_call::{NativeCallKind, NativeFarCall};
pub use precompiles::{NoPrecompiles, Precompiles};

use crate::exec::Code;
use crate::memory::params::{NEW_MEMORY_PAGES_PER_FAR_CALL, STARTING_BASE_PAGE};
use crate::precompiles::StandardPrecompiles;

pub use pricing::{MAX_PUBDATA_COST_PER_QUERY, StoragePricing};
pub use storage::{InMemoryStorage, Storage, StorageKey, StorageSlot};

/// The storage and code behind the VM, the VM's changes to the world, the snapshot of each
/// frame the VM entered (taken back when that frame reverts or panics), and what far calls need
/// of the block: the fallback code hashes and the memory-page counter.
pub struct World {
    /// Committed storage.
    pub storage: Box<dyn Storage>,
    /// Code by hash.
    pub code: Box<dyn CodeSource>,
    /// What `log.precompile` runs: every precompile of zk_evm 0.153.12
    /// ([`StandardPrecompiles`]) unless replaced.
    pub precompiles: Box<dyn Precompiles>,
    /// The changes made so far, and how storage is priced (a batch's way by default).
    pub diff: WorldDiff,
    /// Code run for an address without deployed code (or with code still in construction).
    pub default_aa_code_hash: U256,
    /// Code that runs EVM bytecode (called for a valid EVM blob hash).
    pub evm_emulator_code_hash: U256,
    /// The base page the next far call gets (every far call takes 8 pages).
    pub next_base_page: u32,
    /// Code decommitted so far, with the page it was decommitted into: decommitting it again
    /// (by far call or `log.decommit`) is free and maps the same page.
    pub decommitted: DecommitHistory,
    frames: Vec<Snapshot>,
    empty_code: Code,
    /// Native contracts by address (taken out while one runs).
    natives: HashMap<Address, Option<Box<dyn NativeContract>>>,
}

impl core::fmt::Debug for World {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("World")
            .field("diff", &self.diff)
            .field("next_base_page", &self.next_base_page)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new(Box::new(InMemoryStorage::new()), Box::new(InMemoryCode::new()))
    }
}

impl World {
    /// A world over `storage` and `code`, unchanged, with the [`StandardPrecompiles`]; the
    /// first far call gets the base page after the bootloader's, and both fallback hashes are
    /// zero.
    pub fn new(storage: Box<dyn Storage>, code: Box<dyn CodeSource>) -> Self {
        World {
            storage,
            code,
            precompiles: Box::new(StandardPrecompiles),
            diff: WorldDiff::new(),
            default_aa_code_hash: U256::ZERO,
            evm_emulator_code_hash: U256::ZERO,
            next_base_page: STARTING_BASE_PAGE + NEW_MEMORY_PAGES_PER_FAR_CALL,
            decommitted: DecommitHistory::new(),
            frames: Vec::new(),
            empty_code: Code::empty(),
            natives: HashMap::new(),
        }
    }

    /// Makes a far call to `address` run `native` instead of code (replacing any native there).
    pub fn register_native(&mut self, address: Address, native: Box<dyn NativeContract>) {
        self.natives.insert(address, Some(native));
    }

    /// Whether a native contract is registered at `address`.
    #[inline]
    pub fn has_native(&self, address: &Address) -> bool {
        !self.natives.is_empty() && self.natives.contains_key(address)
    }

    /// Takes the native at `address` out to run it (put it back with
    /// [`Self::return_native`]).
    pub(crate) fn take_native(&mut self, address: &Address) -> Option<Box<dyn NativeContract>> {
        self.natives.get_mut(address).and_then(Option::take)
    }

    /// Puts a native taken out by [`Self::take_native`] back.
    pub(crate) fn return_native(&mut self, address: Address, native: Box<dyn NativeContract>) {
        self.natives.insert(address, Some(native));
    }

    /// The code of a frame that runs nothing (a far call that failed its checks).
    pub fn empty_code(&self) -> Code {
        self.empty_code.clone()
    }

    /// A far frame starts: remember where its changes begin.
    #[inline]
    pub fn enter_frame(&mut self) {
        self.frames.push(self.diff.snapshot());
    }

    /// A far frame ends; a reverted or panicked one takes back its changes. A frame the VM did
    /// not enter (one it was started with) rolls back to the very beginning.
    #[inline]
    pub fn leave_frame(&mut self, rollback: bool) {
        let snapshot = self.frames.pop().unwrap_or_default();
        if rollback {
            self.diff.rollback(snapshot);
        }
    }
}
