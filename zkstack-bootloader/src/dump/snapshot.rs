//! The storage snapshot of a dump: slots keyed by their hashed key, and bytecodes by hash.
//!
//! zksync-era `StorageSnapshot`: `storage` maps `blake2s(address ‖ key)` (zksync-era
//! `StorageKey::hashed_key`, the address left-padded to 32 bytes) to `null` (a zero slot never
//! written: an initial write) or `[value, enumeration index]` (index 0: not yet enumerated, so
//! still an initial write). The snapshot is meant to be complete: reading a slot it lacks is a
//! divergence, which [`SnapshotStorage`] records instead of guessing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use alloy_primitives::{Address, B256, Bytes, U256};
use blake2::{Blake2s256, Digest};
use serde::Deserialize;
use zkstack_vm::world::{CodePreimage, CodeSource, Storage, StorageKey, StorageSlot};

/// The snapshot as the dump holds it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StorageSnapshot {
    /// Hashed key → `None` (zero, never written) or `(value, enumeration index)`.
    pub storage: HashMap<B256, Option<(B256, u64)>>,
    /// Bytecodes by versioned hash.
    pub factory_deps: HashMap<B256, Bytes>,
}

/// zksync-era's hashed storage key: blake2s-256 of the address left-padded to 32 bytes
/// followed by the key.
pub fn hashed_key(address: &Address, key: &U256) -> B256 {
    let mut bytes = [0u8; 64];
    bytes[12..32].copy_from_slice(address.as_slice());
    bytes[32..].copy_from_slice(&key.to_be_bytes::<32>());
    B256::from_slice(&Blake2s256::digest(bytes))
}

/// A slot of the snapshot, read apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SnapshotSlot {
    /// The value.
    pub value: U256,
    /// Enumeration index; `None` when the slot has none yet (a write would be initial).
    pub enumeration_index: Option<u64>,
}

impl StorageSnapshot {
    /// The slot of `(address, key)`; `None` when the snapshot does not hold it.
    pub fn slot(&self, address: &Address, key: &U256) -> Option<SnapshotSlot> {
        let entry = self.storage.get(&hashed_key(address, key))?;
        Some(match entry {
            None => SnapshotSlot::default(),
            Some((value, index)) => SnapshotSlot {
                value: U256::from_be_bytes(value.0),
                enumeration_index: (*index > 0).then_some(*index),
            },
        })
    }
}

/// The snapshot as the VM's [`Storage`]; slots it lacks read as zero and are recorded in
/// [`SnapshotStorage::missing`].
#[derive(Clone, Debug)]
pub struct SnapshotStorage {
    snapshot: Rc<StorageSnapshot>,
    missing: Rc<RefCell<Vec<StorageKey>>>,
}

impl SnapshotStorage {
    /// Storage over `snapshot`.
    pub fn new(snapshot: Rc<StorageSnapshot>) -> Self {
        SnapshotStorage { snapshot, missing: Rc::default() }
    }

    /// The slots read that the snapshot did not hold, shared with every clone.
    pub fn missing(&self) -> Rc<RefCell<Vec<StorageKey>>> {
        Rc::clone(&self.missing)
    }
}

impl Storage for SnapshotStorage {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        if let Some(slot) = self.snapshot.slot(&key.address, &key.key) {
            StorageSlot {
                value: slot.value,
                is_initial_write: slot.enumeration_index.is_none(),
                enumeration_index: slot.enumeration_index,
            }
        } else {
            self.missing.borrow_mut().push(*key);
            StorageSlot { value: U256::ZERO, is_initial_write: true, enumeration_index: None }
        }
    }
}

/// Bytecode by hash preimage, for the VM's far calls.
#[derive(Clone, Debug, Default)]
pub struct SnapshotCode {
    code: HashMap<CodePreimage, Vec<U256>>,
}

impl SnapshotCode {
    /// Adds `bytes` as the code known by the versioned hash `hash`.
    pub fn insert_bytes(&mut self, hash: &B256, bytes: &[u8]) {
        let words = zkstack_vm::memory::words_of(bytes);
        self.insert_words(hash, words);
    }

    /// Adds `words` as the code known by the versioned hash `hash`.
    pub fn insert_words(&mut self, hash: &B256, words: Vec<U256>) {
        let mut preimage = [0u8; 28];
        preimage.copy_from_slice(&hash[4..]);
        self.code.insert(preimage, words);
    }
}

impl CodeSource for SnapshotCode {
    fn code(&mut self, preimage: &CodePreimage) -> Option<Vec<U256>> {
        self.code.get(preimage).cloned()
    }
}
