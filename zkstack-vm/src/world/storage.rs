//! Persistent storage as the VM sees it: committed slots, with what pubdata needs of them.

use std::collections::HashMap;

use alloy_primitives::{Address, U256};

use super::pricing::is_free_storage_slot;

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
    /// Whether a write to this slot would be an initial write in the state diff (the slot has
    /// no enumeration index yet), priced with a 32-byte key instead of a 4-byte index. It may
    /// be true for a non-zero value when the storage stands for the middle of a batch whose
    /// earlier part first wrote the slot (zksync-era's one-shot execution does this).
    pub is_initial_write: bool,
    /// The slot's enumeration index in the state tree (its leaf index), which a repeated
    /// write publishes instead of the key; `None` for a slot never written.
    pub enumeration_index: Option<u64>,
}

/// Persistent storage behind the VM.
///
/// The VM reads each slot at most once per [`crate::world::WorldDiff`] (later reads see the
/// diff), so an implementation may be slow. How accesses are priced (warm/cold refunds, the
/// pubdata of a write) is the diff's [`crate::world::StoragePricing`]; the storage only says
/// which slots are free.
pub trait Storage {
    /// The committed state of `key`.
    fn read(&mut self, key: &StorageKey) -> StorageSlot;

    /// Whether accesses to `key` are free of cold-access ergs and of pubdata (zksync_vm2's
    /// `StorageInterface::is_free_storage_slot`). The default is zksync-era's rule,
    /// [`is_free_storage_slot`]: every slot of the system context and the bootloader's
    /// base-token balance.
    fn is_free(&self, key: &StorageKey) -> bool {
        is_free_storage_slot(key)
    }
}

/// Storage held in a map; a slot never set reads as zero and as an initial write. Slots get
/// enumeration indices 1, 2, 3, … in the order they are first inserted (as the state tree
/// numbers leaves in the order they are first written), unless given one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InMemoryStorage {
    slots: HashMap<StorageKey, (U256, u64)>,
    next_index: u64,
}

impl InMemoryStorage {
    /// Empty storage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the committed value of `key`; a new key gets the next enumeration index.
    pub fn insert(&mut self, key: StorageKey, value: U256) {
        let next = self.next_index + 1;
        let entry = self.slots.entry(key).or_insert((value, next));
        entry.0 = value;
        if entry.1 == next {
            self.next_index = next;
        }
    }

    /// Sets the committed value and enumeration index of `key`.
    pub fn insert_with_index(&mut self, key: StorageKey, value: U256, enumeration_index: u64) {
        self.slots.insert(key, (value, enumeration_index));
        self.next_index = self.next_index.max(enumeration_index);
    }
}

impl Storage for InMemoryStorage {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        match self.slots.get(key) {
            Some((value, index)) => StorageSlot {
                value: *value,
                is_initial_write: false,
                enumeration_index: Some(*index),
            },
            None => StorageSlot::default_initial(),
        }
    }
}

impl StorageSlot {
    /// A slot never written: zero, initial write, no enumeration index.
    pub const fn default_initial() -> Self {
        StorageSlot { value: U256::ZERO, is_initial_write: true, enumeration_index: None }
    }
}
