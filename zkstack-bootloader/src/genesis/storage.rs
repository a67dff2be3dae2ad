//! The committed storage of a chain start: slot values and their enumeration indices.

use std::collections::HashMap;

use alloy_primitives::{Address, B256, U256};

use crate::dump::hashed_key;
use crate::vm::world::{Storage, StorageKey, StorageSlot};

/// Slot values by hashed key (`blake2s(address ‖ key)`), with the enumeration index the state
/// tree gave each. A slot it does not hold reads as zero and as an initial write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartStorage {
    pub(super) values: HashMap<B256, U256>,
    pub(super) indices: HashMap<B256, u64>,
}

impl Storage for StartStorage {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        let hashed = hashed_key(&key.address, &key.key);
        let enumeration_index = self.indices.get(&hashed).copied();
        StorageSlot {
            value: self.values.get(&hashed).copied().unwrap_or_default(),
            is_initial_write: enumeration_index.is_none(),
            enumeration_index,
        }
    }
}

impl StartStorage {
    /// The committed value of `(address, key)` (zero when the start does not hold it).
    pub fn value(&self, address: Address, key: U256) -> U256 {
        self.values.get(&hashed_key(&address, &key)).copied().unwrap_or_default()
    }

    /// The enumeration index of `(address, key)`, `None` when the start does not hold it.
    pub fn enumeration_index(&self, address: Address, key: U256) -> Option<u64> {
        self.indices.get(&hashed_key(&address, &key)).copied()
    }

    /// How many slots the start holds.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the start holds no slot.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
