//! The Merkle tree with updatable leaves (era-contracts `common/libraries/FullMerkle.sol`), the
//! shared tree over chains of the bridge's MessageRoot: leaves can be pushed and updated.
//! Its root is the padded root of its leaves over the height `ceil(log2 n)`; with no leaf it is
//! the empty value itself.

use alloy_primitives::B256;

use super::{TreeError, padded};

/// A full Merkle tree with updatable leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullMerkle {
    zero: B256,
    leaves: Vec<B256>,
}

impl FullMerkle {
    /// An empty tree whose empty leaf is `zero` (`setup`).
    pub fn new(zero: B256) -> Self {
        Self { zero, leaves: Vec::new() }
    }

    /// Appends a leaf and returns the new root (`pushNewLeaf`).
    pub fn push(&mut self, leaf: B256) -> B256 {
        self.leaves.push(leaf);
        self.root()
    }

    /// Replaces leaf `index` and returns the new root (`updateLeaf`).
    pub fn update_leaf(&mut self, index: usize, leaf: B256) -> Result<B256, TreeError> {
        let len = self.leaves.len();
        let slot = self.leaves.get_mut(index).ok_or(TreeError::IndexOutOfRange { index, len })?;
        *slot = leaf;
        Ok(self.root())
    }

    /// Replaces every leaf and returns the new root (`updateAllLeaves`).
    pub fn update_all(&mut self, leaves: &[B256]) -> Result<B256, TreeError> {
        if leaves.len() != self.leaves.len() {
            return Err(TreeError::WrongLength { given: leaves.len(), len: self.leaves.len() });
        }
        self.leaves.copy_from_slice(leaves);
        Ok(self.root())
    }

    /// The leaves.
    pub fn leaves(&self) -> &[B256] {
        &self.leaves
    }

    /// Number of levels above the leaves.
    pub fn height(&self) -> usize {
        padded::height_for(self.leaves.len())
    }

    /// The root.
    pub fn root(&self) -> B256 {
        if self.leaves.is_empty() {
            return self.zero;
        }
        padded::root_and_path(&self.leaves, &padded::zeros(self.zero, self.height()), None).0
    }

    /// The path of leaf `index` to [`Self::root`].
    pub fn proof(&self, index: usize) -> Result<Vec<B256>, TreeError> {
        if index >= self.leaves.len() {
            return Err(TreeError::IndexOutOfRange { index, len: self.leaves.len() });
        }
        Ok(padded::root_and_path(
            &self.leaves,
            &padded::zeros(self.zero, self.height()),
            Some(index),
        )
        .1)
    }
}
