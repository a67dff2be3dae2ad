//! Persistent storage as the VM sees it: committed values, and the oracle's prices.

use std::collections::HashMap;

use alloy_primitives::{Address, U256};

/// Pubdata the reference storage oracle charges for every storage write (zk_evm's
/// `MAX_PUBDATA_COST_PER_QUERY`).
pub const MAX_PUBDATA_COST_PER_QUERY: i32 = 65;

/// A storage slot: shard, contract, key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StorageKey {
    /// Shard (0: rollup).
    pub shard: u8,
    /// The contract that owns the slot.
    pub address: Address,
    /// The slot.
    pub key: U256,
}

/// A committed slot, as the storage behind the VM reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StorageSlot {
    /// The committed value (zero when never written).
    pub value: U256,
    /// Whether a write to this slot would be its first ever (an initial write in the state
    /// diff, priced higher than a repeated one).
    pub is_initial_write: bool,
}

/// Persistent storage behind the VM, and the storage oracle's pricing decisions.
///
/// The VM reads each slot at most once per [`crate::world::WorldDiff`] (later reads see the
/// diff), so an implementation may be slow. The pricing hooks are zk_evm's storage-oracle
/// interface: the defaults are those of zk_evm's reference in-memory storage (no refunds, every
/// write costs [`MAX_PUBDATA_COST_PER_QUERY`]), which the differential tests compare against.
pub trait Storage {
    /// The committed value of `key`.
    fn read(&mut self, key: &StorageKey) -> StorageSlot;

    /// Ergs given back for an access before it executes (zk_evm's `get_access_refund`: warm
    /// slots are cheaper). `write` tells `sstore` from `sload`.
    fn access_refund(&mut self, _key: &StorageKey, _write: bool) -> u32 {
        0
    }

    /// Pubdata a write of `new` over `current` costs (`initial` is the committed slot).
    fn write_pubdata_cost(
        &mut self,
        _key: &StorageKey,
        _initial: &StorageSlot,
        _current: &U256,
        _new: &U256,
    ) -> i32 {
        MAX_PUBDATA_COST_PER_QUERY
    }
}

/// Storage held in a map; a slot never set reads as zero and as an initial write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InMemoryStorage {
    slots: HashMap<StorageKey, U256>,
}

impl InMemoryStorage {
    /// Empty storage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the committed value of `key`.
    pub fn insert(&mut self, key: StorageKey, value: U256) {
        self.slots.insert(key, value);
    }
}

impl Storage for InMemoryStorage {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        match self.slots.get(key) {
            Some(value) => StorageSlot { value: *value, is_initial_write: false },
            None => StorageSlot { value: U256::ZERO, is_initial_write: true },
        }
    }
}
