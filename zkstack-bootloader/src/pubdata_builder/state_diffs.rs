//! From a batch's storage changes to the state-diff records the L1Messenger receives.
//!
//! zksync-era (multivm `vm_fast::Vm::compute_state_diffs`, `vm_latest` `PubdataTracer::get_state_diffs`):
//! one record per slot whose final value differs from its value before the batch, in `(address,
//! slot)` order, leaving out the L1Messenger's own storage; the enumeration index is the slot's
//! leaf index in the state tree before the batch, 0 for a slot never written (an initial write).

use alloy_primitives::{Address, B256, U256};

use crate::address::StorageKey;
use crate::l1::pubdata::StateDiffRecord;
use crate::l1::system_logs::L1_MESSENGER_ADDRESS;
use crate::state_tree::{StateTree, StateTreeError, TreeKey, TreeStore};

/// A slot's value before and after the batch.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct StorageChange {
    /// The contract.
    pub address: Address,
    /// The slot.
    pub key: U256,
    /// The value before the batch.
    pub initial_value: U256,
    /// The value after the batch.
    pub final_value: U256,
}

impl StorageChange {
    /// The slot's derived key `blake2s(pad32(address) ‖ slot)`.
    pub fn derived_key(&self) -> B256 {
        StorageKey { address: self.address, key: B256::from(self.key) }.hashed_key()
    }
}

/// The state-diff records for `changes`, as zksync-era builds them: unchanged slots and the
/// L1Messenger's slots left out, sorted by `(address, slot)` (a slot listed twice keeps its last
/// entry), each with the enumeration index `index_of` gives for its derived key (`None`: 0).
pub fn state_diff_records<E>(
    changes: impl IntoIterator<Item = StorageChange>,
    mut index_of: impl FnMut(B256) -> Result<Option<u64>, E>,
) -> Result<Vec<StateDiffRecord>, E> {
    let mut sorted: Vec<StorageChange> = changes.into_iter().collect();
    // Stable sort, then keep the last of equal slots.
    sorted.sort_by_key(|c| (c.address, c.key));
    let mut deduplicated: Vec<StorageChange> = Vec::with_capacity(sorted.len());
    for change in sorted {
        match deduplicated.last_mut() {
            Some(last) if (last.address, last.key) == (change.address, change.key) => {
                *last = change;
            }
            _ => deduplicated.push(change),
        }
    }
    deduplicated.retain(|c| c.initial_value != c.final_value && c.address != L1_MESSENGER_ADDRESS);
    deduplicated
        .into_iter()
        .map(|change| {
            let derived_key = change.derived_key();
            Ok(StateDiffRecord {
                address: change.address,
                key: change.key,
                derived_key,
                enumeration_index: index_of(derived_key)?.unwrap_or(0),
                initial_value: change.initial_value,
                final_value: change.final_value,
            })
        })
        .collect()
}

/// [`state_diff_records`] with enumeration indices read from `tree` (its state before the batch).
pub fn state_diff_records_from_tree<S: TreeStore>(
    changes: impl IntoIterator<Item = StorageChange>,
    tree: &StateTree<S>,
) -> Result<Vec<StateDiffRecord>, StateTreeError> {
    state_diff_records(changes, |derived| {
        Ok(tree.get(TreeKey::from_derived_key(derived))?.map(|leaf| leaf.leaf_index))
    })
}

/// The tree writes a batch's records make, in record order: initial writes get their enumeration
/// indices in this order, which is the order zksync-era numbers them in (`(address, slot)`).
pub fn tree_writes(records: &[StateDiffRecord]) -> Vec<(TreeKey, B256)> {
    records
        .iter()
        .map(|r| (TreeKey::from_derived_key(r.derived_key), B256::from(r.final_value)))
        .collect()
}
