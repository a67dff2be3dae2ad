//! The v26+ priority tree (era-contracts `state-transition/libraries/PriorityTree.sol`).

use std::collections::HashSet;

use alloy_primitives::{B256, U256};

use super::{
    DynamicIncrementalMerkle, PriorityOpsBatchInfo, PriorityTreeError, ZERO_LEAF_HASH,
    merkle::calculate_root_paths,
};

/// A snapshot of the priority tree that lets another settlement layer continue it
/// (era-contracts `common/Config.sol`, struct `PriorityTreeCommitment`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PriorityTreeCommitment {
    /// Number of leaves in the tree (`nextLeafIndex`).
    pub next_leaf_index: u64,
    /// Global id of the tree's first leaf (`startIndex`).
    pub start_index: u64,
    /// Leaves already executed, relative to `start_index` (`unprocessedIndex`).
    pub unprocessed_index: u64,
    /// The tree's sides, lowest level first; the last one is the root.
    pub sides: Vec<B256>,
}

/// The priority tree of one chain: the incremental tree of canonical transaction hashes, the
/// execution cursor and the set of every root the tree has had.
///
/// Executing a batch proves that its L1→L2 transactions are exactly the next unprocessed leaves
/// by a range proof against any historical root ([`Self::process_batch`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityTree {
    start_index: u64,
    unprocessed_index: u64,
    historical_roots: HashSet<B256>,
    tree: DynamicIncrementalMerkle,
}

impl PriorityTree {
    /// `setup(startIndex)`: an empty tree whose first leaf is priority operation `start_index`
    /// (the number of operations the legacy queue had handled when the chain switched).
    /// Its initial root, `bytes32(0)`, is historical.
    pub fn new(start_index: u64) -> Self {
        let tree = DynamicIncrementalMerkle::new(ZERO_LEAF_HASH);
        let mut historical_roots = HashSet::new();
        historical_roots.insert(tree.root());
        Self { start_index, unprocessed_index: 0, historical_roots, tree }
    }

    /// `initFromCommitment`: continues a tree from its commitment; only its current root is
    /// historical.
    pub fn from_commitment(commitment: &PriorityTreeCommitment) -> Result<Self, PriorityTreeError> {
        let tree = DynamicIncrementalMerkle::from_sides(
            commitment.next_leaf_index,
            commitment.sides.clone(),
            ZERO_LEAF_HASH,
        )?;
        let mut historical_roots = HashSet::new();
        historical_roots.insert(tree.root());
        Ok(Self {
            start_index: commitment.start_index,
            unprocessed_index: commitment.unprocessed_index,
            historical_roots,
            tree,
        })
    }

    /// `getCommitment`.
    pub fn commitment(&self) -> PriorityTreeCommitment {
        PriorityTreeCommitment {
            next_leaf_index: self.tree.next_leaf_index(),
            start_index: self.start_index,
            unprocessed_index: self.unprocessed_index,
            sides: self.tree.sides().to_vec(),
        }
    }

    /// `push`: appends a canonical transaction hash and records the new root as historical.
    pub fn push(&mut self, canonical_tx_hash: B256) -> Result<B256, PriorityTreeError> {
        let (_, root) = self.tree.push(canonical_tx_hash)?;
        self.historical_roots.insert(root);
        Ok(root)
    }

    /// `getRoot`.
    pub fn root(&self) -> B256 {
        self.tree.root()
    }

    /// `isHistoricalRoot`.
    pub fn is_historical_root(&self, root: &B256) -> bool {
        self.historical_roots.contains(root)
    }

    /// `getFirstUnprocessedPriorityTx`: global id of the oldest unexecuted operation.
    pub fn first_unprocessed_priority_tx(&self) -> u64 {
        self.start_index.saturating_add(self.unprocessed_index)
    }

    /// `getTotalPriorityTxs`: global id the next pushed operation will get.
    pub fn total_priority_txs(&self) -> u64 {
        self.start_index.saturating_add(self.tree.next_leaf_index())
    }

    /// `getSize`: number of unexecuted operations (zero if a commitment put the cursor past the end).
    pub fn size(&self) -> u64 {
        self.tree.next_leaf_index().saturating_sub(self.unprocessed_index)
    }

    /// `startIndex`.
    pub fn start_index(&self) -> u64 {
        self.start_index
    }

    /// `unprocessedIndex`, relative to the start index.
    pub fn unprocessed_index(&self) -> u64 {
        self.unprocessed_index
    }

    /// The underlying incremental tree.
    pub fn tree(&self) -> &DynamicIncrementalMerkle {
        &self.tree
    }

    /// `processBatch`: checks that `info.item_hashes` are the leaves starting at the unprocessed
    /// index under some historical root, then moves the cursor past them. An empty batch is a no-op
    /// whatever its paths. On error nothing changes.
    pub fn process_batch(&mut self, info: &PriorityOpsBatchInfo) -> Result<(), PriorityTreeError> {
        if info.item_hashes.is_empty() {
            return Ok(());
        }
        let root = calculate_root_paths(
            &info.left_path,
            &info.right_path,
            U256::from(self.unprocessed_index),
            &info.item_hashes,
        )?;
        if !self.historical_roots.contains(&root) {
            return Err(PriorityTreeError::NotHistoricalRoot(root));
        }
        self.unprocessed_index = self
            .unprocessed_index
            .checked_add(info.item_hashes.len() as u64)
            .ok_or(PriorityTreeError::IndexOverflow)?;
        Ok(())
    }

    /// `skipUntil`: marks every operation before global id `last_unprocessed` as executed (used
    /// for operations the legacy queue already handled); never moves the cursor back.
    pub fn skip_until(&mut self, last_unprocessed: u64) {
        if self.start_index > last_unprocessed {
            return;
        }
        let new_unprocessed = last_unprocessed - self.start_index;
        if new_unprocessed > self.unprocessed_index {
            self.unprocessed_index = new_unprocessed;
        }
    }

    /// `l1Reinit`: when a chain returns to L1, adopts the settlement layer's cursor after checking
    /// that the commitment continues this tree.
    pub fn l1_reinit(
        &mut self,
        commitment: &PriorityTreeCommitment,
    ) -> Result<(), PriorityTreeError> {
        self.check_start_and_cursor(commitment)?;
        if self.tree.next_leaf_index() < commitment.next_leaf_index {
            return Err(PriorityTreeError::InvalidNextLeafIndex {
                tree: self.tree.next_leaf_index(),
                commitment: commitment.next_leaf_index,
            });
        }
        self.unprocessed_index = commitment.unprocessed_index;
        Ok(())
    }

    /// `checkGWReinit`: the checks a Gateway makes before accepting a chain's commitment.
    pub fn check_gw_reinit(
        &self,
        commitment: &PriorityTreeCommitment,
    ) -> Result<(), PriorityTreeError> {
        self.check_start_and_cursor(commitment)?;
        if self.tree.next_leaf_index() > commitment.next_leaf_index {
            return Err(PriorityTreeError::InvalidNextLeafIndex {
                tree: self.tree.next_leaf_index(),
                commitment: commitment.next_leaf_index,
            });
        }
        Ok(())
    }

    fn check_start_and_cursor(
        &self,
        commitment: &PriorityTreeCommitment,
    ) -> Result<(), PriorityTreeError> {
        if self.start_index != commitment.start_index {
            return Err(PriorityTreeError::InvalidStartIndex {
                tree: self.start_index,
                commitment: commitment.start_index,
            });
        }
        if self.unprocessed_index > commitment.unprocessed_index {
            return Err(PriorityTreeError::InvalidUnprocessedIndex {
                tree: self.unprocessed_index,
                commitment: commitment.unprocessed_index,
            });
        }
        Ok(())
    }
}
