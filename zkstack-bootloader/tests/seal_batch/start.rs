//! The starting state of the sealed batch: zksync-era's `estimate_fee_for_transfer_to_self`
//! dump (zksync_multivm 29.13.0, fetched at test time) — its base system contracts, bytecodes and
//! storage snapshot — plus ImmutableSimulator (0x8005) from the `validation_adjacent_storage_slots`
//! dump (same v26 system contracts: AccountCodeStorage gives identical hashes for every address
//! both dumps hold), plus funded accounts written as genesis would write them.
//!
//! Extending the snapshot: it holds only the ~30 slots the dump's one transaction read. Every
//! other slot reads as zero and never written (an initial write on first write). On a real
//! chain most of those slots (other accounts, KnownCodesStorage markers of the system contracts,
//! the L2 block hash ring beyond the last block, L2BaseToken's total supply) hold values, so the
//! batch here is what the chain would do from *this* state, not from mainnet's. Enumeration
//! indices are renumbered: the snapshot's slots go into a fresh state tree in the snapshot's
//! index order (then the funded slots), so indices are 1..n instead of the chain's.

use std::collections::HashMap;

use zkstack_bootloader::dump::{SnapshotCode, VmDump, hashed_key};
use zkstack_bootloader::l1::{Address, B256, U256};
use zkstack_bootloader::state_tree::{StateTree, TreeKey};
use zkstack_bootloader::system::contracts_low_address as low_address;
use zkstack_bootloader::vm::world::{Storage, StorageKey, StorageSlot};

/// Slot values by hashed key, enumeration indices from the tree.
#[derive(Clone, Debug, Default)]
pub struct StartStorage {
    values: HashMap<B256, U256>,
    indices: HashMap<B256, u64>,
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
    /// The committed value of `(address, key)`.
    pub fn value(&self, address: Address, key: U256) -> U256 {
        self.values.get(&hashed_key(&address, &key)).copied().unwrap_or_default()
    }
}

/// Everything a run starts from.
pub struct Start {
    /// Storage.
    pub storage: StartStorage,
    /// Bytecodes.
    pub code: SnapshotCode,
    /// The tree over the storage.
    pub tree: StateTree,
}

/// Builds the start from the two dumps and the `funded` slots `(address, key, value)`.
pub fn start(main: &VmDump, extra: &VmDump, funded: &[(Address, U256, U256)]) -> Start {
    let mut entries: Vec<(u64, B256, U256)> = main
        .storage
        .storage
        .iter()
        .filter_map(|(k, v)| v.map(|(value, index)| (index, *k, U256::from_be_bytes(value.0))))
        .collect();
    // ImmutableSimulator's AccountCodeStorage entry.
    let immutable_simulator = low_address(0x8005);
    let code_slot = hashed_key(
        &zkstack_bootloader::system::ACCOUNT_CODE_STORAGE_ADDRESS,
        &U256::from_be_slice(immutable_simulator.as_slice()),
    );
    if let Some(Some((value, index))) = extra.storage.storage.get(&code_slot) {
        entries.push((*index, code_slot, U256::from_be_bytes(value.0)));
    }
    entries.sort();
    let next = entries.last().map_or(0, |e| e.0) + 1;
    for (i, (address, key, value)) in funded.iter().enumerate() {
        entries.push((next + i as u64, hashed_key(address, key), *value));
    }
    let mut tree = StateTree::in_memory();
    let writes: Vec<(TreeKey, B256)> =
        entries.iter().map(|(_, k, v)| (TreeKey::from_derived_key(*k), B256::from(*v))).collect();
    let output = tree.apply_batch(&writes).expect("genesis tree");
    let mut storage = StartStorage::default();
    for ((_, key, value), log) in entries.iter().zip(&output.logs) {
        storage.values.insert(*key, *value);
        storage.indices.insert(*key, log.leaf_index());
    }
    let mut code = SnapshotCode::default();
    for dump in [main, extra] {
        for (hash, bytes) in &dump.storage.factory_deps {
            code.insert_bytes(hash, bytes);
        }
    }
    Start { storage, code, tree }
}
