//! Building priority-tree range proofs from the full list of leaves.

use alloy_primitives::B256;

use super::{PriorityOpsBatchInfo, PriorityTreeError, ZERO_LEAF_HASH};
use crate::merkle::{efficient_hash, padded};

/// All leaves of a priority tree, kept by an operator to prove batches' ranges
/// (the role of zksync-era's `MiniMerkleTree` in the eth sender's aggregator).
///
/// Leaf `i` is the canonical hash of priority operation `start_index + i`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PriorityLeaves {
    leaves: Vec<B256>,
}

impl PriorityLeaves {
    /// Leaves from the given canonical hashes.
    pub fn new(leaves: Vec<B256>) -> Self {
        Self { leaves }
    }

    /// Appends a leaf.
    pub fn push(&mut self, canonical_tx_hash: B256) {
        self.leaves.push(canonical_tx_hash);
    }

    /// The leaves.
    pub fn leaves(&self) -> &[B256] {
        &self.leaves
    }

    /// Number of leaves.
    pub fn len(&self) -> usize {
        self.leaves.len()
    }

    /// Whether there are no leaves.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// Root the on-chain tree had after its first `tree_len` pushes: `bytes32(0)` for none, the leaf
    /// itself for one, else the complete tree of height `⌈log2 tree_len⌉` padded with `keccak256("")`.
    pub fn root_at(&self, tree_len: usize) -> Result<B256, PriorityTreeError> {
        self.check_range(0, 0, tree_len)?;
        if tree_len == 0 {
            return Ok(B256::ZERO);
        }
        let zeros = padded::zeros(ZERO_LEAF_HASH, padded::height_for(tree_len));
        Ok(padded::root_and_path(&self.leaves[..tree_len], &zeros, None).0)
    }

    /// Range proof for the `count` leaves starting at `start` against the root after `tree_len`
    /// pushes, in the form zksync-era's eth sender sends: path entries the verifier ignores are zero.
    /// `count == 0` gives the empty info the Executor expects for a batch without L1 transactions.
    pub fn batch_info(
        &self,
        start: usize,
        count: usize,
        tree_len: usize,
    ) -> Result<PriorityOpsBatchInfo, PriorityTreeError> {
        self.check_range(start, count, tree_len)?;
        if count == 0 {
            return Ok(PriorityOpsBatchInfo::default());
        }
        let mut left_path = Vec::new();
        let mut right_path = Vec::new();
        let mut level = self.leaves[..tree_len].to_vec();
        let mut zero = ZERO_LEAF_HASH;
        let (mut first, mut last) = (start, start + count - 1);
        while level.len() > 1 {
            left_path.push(if first % 2 == 1 { level[first - 1] } else { B256::ZERO });
            right_path.push(if last.is_multiple_of(2) {
                level.get(last + 1).copied().unwrap_or(zero)
            } else {
                B256::ZERO
            });
            level = next_level(&level, zero);
            zero = efficient_hash(zero, zero);
            first /= 2;
            last /= 2;
        }
        Ok(PriorityOpsBatchInfo {
            left_path,
            right_path,
            item_hashes: self.leaves[start..start + count].to_vec(),
        })
    }

    /// [`Self::batch_info`] against the smallest tree holding the range (`tree_len = start + count`),
    /// whose root is always historical.
    pub fn batch_info_minimal(
        &self,
        start: usize,
        count: usize,
    ) -> Result<PriorityOpsBatchInfo, PriorityTreeError> {
        self.batch_info(start, count, start.saturating_add(count))
    }

    fn check_range(
        &self,
        start: usize,
        count: usize,
        tree_len: usize,
    ) -> Result<(), PriorityTreeError> {
        let fits = start
            .checked_add(count)
            .is_some_and(|end| end <= tree_len && tree_len <= self.leaves.len());
        if fits {
            Ok(())
        } else {
            Err(PriorityTreeError::RangeOutOfBounds {
                start: start as u64,
                count: count as u64,
                tree_len: tree_len as u64,
                known: self.leaves.len() as u64,
            })
        }
    }
}

/// Parents of `level`, the last node paired with `zero` when the level is odd.
fn next_level(level: &[B256], zero: B256) -> Vec<B256> {
    level
        .chunks(2)
        .map(|pair| efficient_hash(pair[0], pair.get(1).copied().unwrap_or(zero)))
        .collect()
}
