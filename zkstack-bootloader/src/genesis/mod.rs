//! A chain start to run batches from: base system contracts and bytecodes from zksync-era VM
//! dumps, their storage snapshot, extra slots (funded accounts, overrides), and the state tree
//! over all of it; natives fill in at run time what the dumps lack.
//!
//! What is real and what is not:
//! - **Real bytecode** (from the dumps, fetched from the `zksync_multivm` package, never
//!   committed): the v26 bootloader, the default account, the EVM emulator when present, and
//!   every system contract whose code a dump ships (the dump's `factory_deps`), including
//!   ImmutableSimulator (0x8005), whose AccountCodeStorage entry comes from the second dump.
//! - **Native** ([`crate::natives::register_missing_natives`], registered on the executor, not
//!   here): the kernel contracts the dumps do not ship (L1Messenger's pubdata path, Compressor,
//!   KnownCodesStorage, the DA validator, …); see [`crate::natives`] for what each does.
//! - **Deviations from a real chain**: the snapshot holds only the ~30 slots the dump's one
//!   transaction read. Every other slot reads as zero and never written, so its first write is
//!   an initial write. On a real chain most of those slots (other accounts, KnownCodesStorage
//!   markers of the system contracts, the L2 block hash ring beyond the last block,
//!   L2BaseToken's total supply) hold values, so a batch from this start is what the chain
//!   would do from *this* state, not from mainnet's. Enumeration indices are renumbered: the
//!   snapshot's slots enter a fresh state tree in the snapshot's index order, then the extra
//!   slots, so indices are 1..n instead of the chain's. Extra slots that a caller writes (funded
//!   balances, a total supply, a SystemContext field) are values no transaction produced.
//!
//! ```no_run
//! # fn demo(main: &zkstack_bootloader::dump::VmDump, extra: &zkstack_bootloader::dump::VmDump)
//! # -> Result<(), zkstack_bootloader::genesis::GenesisError> {
//! use zkstack_bootloader::genesis::ChainStart;
//! let start = ChainStart::from_dumps(main, extra, &[])?;
//! let root = start.tree.root_hash()?;
//! # let _ = root; Ok(()) }
//! ```

mod storage;

pub use storage::StartStorage;

use alloy_primitives::{Address, B256, U256};

use crate::dump::{SnapshotCode, VmDump, hashed_key};
use crate::l2_block::{SYSTEM_CONTEXT_ADDRESS, SystemContextBlocks};
use crate::state_tree::{StateTree, StateTreeError, TreeKey};
use crate::system::{ACCOUNT_CODE_STORAGE_ADDRESS, contracts_low_address};
use crate::vm::world::{Storage as _, StorageKey};

/// Building a chain start failed.
#[derive(Debug, thiserror::Error)]
pub enum GenesisError {
    /// The state tree refused the start's slots.
    #[error("state tree: {0}")]
    Tree(#[from] StateTreeError),
}

/// Everything a batch runs from: committed storage, bytecodes and the state tree over the
/// storage (one version, the start).
pub struct ChainStart {
    /// The committed storage, with the tree's enumeration indices.
    pub storage: StartStorage,
    /// Bytecodes by hash: every `factory_deps` entry of both dumps.
    pub code: SnapshotCode,
    /// The state tree over `storage`.
    pub tree: StateTree,
    /// The enumeration index the next new slot gets (L1's `indexRepeatedStorageChanges` of the
    /// start).
    pub next_enumeration_index: u64,
}

impl ChainStart {
    /// Builds the start from `main` (base system contracts, bytecodes, storage snapshot),
    /// `extra` (bytecodes, and ImmutableSimulator's AccountCodeStorage entry: the two dumps must
    /// hold the same system contracts) and `writes` `(address, key, value)`: a slot the snapshot
    /// holds keeps its enumeration index and takes the new value; any other slot is appended,
    /// in order, after the snapshot's.
    ///
    /// # Errors
    /// [`GenesisError::Tree`] if the state tree refuses the writes.
    pub fn from_dumps(
        main: &VmDump,
        extra: &VmDump,
        writes: &[(Address, U256, U256)],
    ) -> Result<Self, GenesisError> {
        let mut entries: Vec<(u64, B256, U256)> = main
            .storage
            .storage
            .iter()
            .filter_map(|(k, v)| v.map(|(value, index)| (index, *k, U256::from_be_bytes(value.0))))
            .collect();
        let immutable_simulator = contracts_low_address(0x8005);
        let code_slot = hashed_key(
            &ACCOUNT_CODE_STORAGE_ADDRESS,
            &U256::from_be_slice(immutable_simulator.as_slice()),
        );
        if let Some(Some((value, index))) = extra.storage.storage.get(&code_slot) {
            entries.push((*index, code_slot, U256::from_be_bytes(value.0)));
        }
        entries.sort();
        let mut next = entries.last().map_or(0, |e| e.0) + 1;
        for (address, key, value) in writes {
            let hashed = hashed_key(address, key);
            if let Some(entry) = entries.iter_mut().find(|e| e.1 == hashed) {
                entry.2 = *value;
            } else {
                entries.push((next, hashed, *value));
                next += 1;
            }
        }
        let mut tree = StateTree::in_memory();
        let tree_writes: Vec<(TreeKey, B256)> = entries
            .iter()
            .map(|(_, k, v)| (TreeKey::from_derived_key(*k), B256::from(*v)))
            .collect();
        let output = tree.apply_batch(&tree_writes)?;
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
        let next_enumeration_index = output.next_enumeration_index();
        Ok(ChainStart { storage, code, tree, next_enumeration_index })
    }

    /// SystemContext's block state as the start holds it (current batch, last L2 block, hash
    /// ring, base fee).
    pub fn system_context(&self) -> SystemContextBlocks {
        let mut probe = self.storage.clone();
        SystemContextBlocks::from_storage(|slot| {
            let key = StorageKey {
                shard: 0,
                address: SYSTEM_CONTEXT_ADDRESS,
                key: U256::from_be_bytes(slot.0),
            };
            B256::from(probe.read(&key).value)
        })
    }
}
