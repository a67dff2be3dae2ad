//! The dynamic incremental Merkle tree (era-contracts `common/libraries/DynamicIncrementalMerkle.sol`).

use alloy_primitives::B256;

use super::{TreeError, efficient_hash, padded};
use crate::priority::PriorityTreeError;

/// An append-only keccak Merkle tree that keeps only one node per level and doubles its height when
/// full, mirroring `DynamicIncrementalMerkle.Bytes32PushTree` step for step.
///
/// Facts that follow from the contract and matter for byte-exactness:
/// - a freshly set-up tree has height 0 and root `bytes32(0)` — not the zero leaf;
/// - with one leaf the root is that leaf; with `n ≥ 2` leaves the height is `⌈log2 n⌉` and the root
///   is that of the complete tree whose missing leaves are the zero value;
/// - `sides[height]` always holds the current root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DynamicIncrementalMerkle {
    next_leaf_index: u64,
    sides: Vec<B256>,
    zeros: Vec<B256>,
}

/// Most levels a tree of up to `2^64` leaves needs, plus the root slot.
pub(crate) const MAX_SIDES: usize = 65;

impl DynamicIncrementalMerkle {
    /// `setup(zero)`: an empty tree whose missing leaves are `zero`.
    pub fn new(zero: B256) -> Self {
        Self { next_leaf_index: 0, sides: vec![B256::ZERO], zeros: vec![zero] }
    }

    /// Rebuilds a tree from its `sides` and leaf count, recomputing the zeros from `zero` the way
    /// `PriorityTree.initFromCommitment` does. `sides` must not be empty.
    pub(crate) fn from_sides(
        next_leaf_index: u64,
        sides: Vec<B256>,
        zero: B256,
    ) -> Result<Self, PriorityTreeError> {
        if sides.is_empty() {
            return Err(PriorityTreeError::InvalidCommitment);
        }
        if sides.len() > MAX_SIDES {
            return Err(PriorityTreeError::CommitmentTooTall {
                height: sides.len(),
                max: MAX_SIDES,
            });
        }
        let zeros = padded::zeros(zero, sides.len() - 1);
        Ok(Self { next_leaf_index, sides, zeros })
    }

    /// Appends `leaf` and returns its index and the new root (`push`).
    ///
    /// The tree grows by one level when the leaf index reaches `2^height`. Fails only when the
    /// leaf count would leave `u64`.
    pub fn push(&mut self, leaf: B256) -> Result<(u64, B256), PriorityTreeError> {
        let index = self.next_leaf_index;
        self.next_leaf_index = index.checked_add(1).ok_or(PriorityTreeError::IndexOverflow)?;
        Ok((index, self.update_sides(index, leaf)))
    }

    /// The body of `push` after the leaf counter moved on: grows the tree when `index` reaches
    /// `2^height`, updates the sides along the leaf's path and returns the new root.
    fn update_sides(&mut self, index: u64, leaf: B256) -> B256 {
        let mut levels = self.zeros.len() - 1;
        if levels < 64 && index == 1u64 << levels {
            let zero = self.zeros[levels];
            self.zeros.push(efficient_hash(zero, zero));
            self.sides.push(B256::ZERO);
            levels += 1;
        }

        let mut current_index = index;
        let mut current = leaf;
        let mut updated_sides = false;
        for i in 0..levels {
            let is_left = current_index.is_multiple_of(2);
            if is_left && !updated_sides {
                self.sides[i] = current;
                updated_sides = true;
            }
            current = if is_left {
                efficient_hash(current, self.zeros[i])
            } else {
                efficient_hash(self.sides[i], current)
            };
            current_index >>= 1;
        }
        self.sides[levels] = current;
        current
    }

    /// The current root (`root`): the last side.
    pub fn root(&self) -> B256 {
        self.sides.last().copied().unwrap_or_default()
    }

    /// Height not counting the root node (`height`).
    pub fn height(&self) -> usize {
        self.sides.len() - 1
    }

    /// Number of leaves pushed (`_nextLeafIndex`).
    pub fn next_leaf_index(&self) -> u64 {
        self.next_leaf_index
    }

    /// The stored sides, lowest level first; the last one is the root.
    pub fn sides(&self) -> &[B256] {
        &self.sides
    }

    /// Zero values per level: the zero leaf, then the roots of ever larger empty subtrees.
    pub fn zeros(&self) -> &[B256] {
        &self.zeros
    }
}

/// A [`DynamicIncrementalMerkle`] that also keeps its leaves, to serve paths: the per-chain
/// batch-leaf trees of the bridge's MessageRoot model.
///
/// Root and height are the contract's (updated by the same `push`), so a tree with no leaf has
/// root zero, not the zero leaf; [`Self::proof`] gives the path of a leaf to that root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncrementalMerkle {
    tree: DynamicIncrementalMerkle,
    leaves: Vec<B256>,
}

impl IncrementalMerkle {
    /// An empty tree whose empty leaf is `zero` (`setup`).
    pub fn new(zero: B256) -> Self {
        Self { tree: DynamicIncrementalMerkle::new(zero), leaves: Vec::new() }
    }

    /// Appends `leaf`; returns its index and the new root (`push`).
    ///
    /// Unlike [`DynamicIncrementalMerkle::push`] it cannot fail: the leaf count is that of the
    /// leaves held in memory, which never leaves `u64`.
    pub fn push(&mut self, leaf: B256) -> (usize, B256) {
        let index = self.leaves.len();
        self.leaves.push(leaf);
        self.tree.next_leaf_index = self.leaves.len() as u64;
        (index, self.tree.update_sides(index as u64, leaf))
    }

    /// The root (zero while no leaf was pushed).
    pub fn root(&self) -> B256 {
        self.tree.root()
    }

    /// Number of levels above the leaves.
    pub fn height(&self) -> usize {
        self.tree.height()
    }

    /// The leaves pushed so far.
    pub fn leaves(&self) -> &[B256] {
        &self.leaves
    }

    /// The contract's state: sides, zeros and leaf count.
    pub fn tree(&self) -> &DynamicIncrementalMerkle {
        &self.tree
    }

    /// The path of leaf `index` to [`Self::root`] (`height()` words).
    pub fn proof(&self, index: usize) -> Result<Vec<B256>, TreeError> {
        if index >= self.leaves.len() {
            return Err(TreeError::IndexOutOfRange { index, len: self.leaves.len() });
        }
        Ok(padded::root_and_path(&self.leaves, self.tree.zeros(), Some(index)).1)
    }
}
