//! The append-only per-chain tree of batch leaves (era-contracts `DynamicIncrementalMerkle`).
//!
//! It keeps the contract's `sides`/`zeros` state and updates it exactly as `push` does, so its
//! root is the contract's — including the quirk that a tree with no leaf has root zero, not the
//! empty-leaf hash. The leaves are kept as well, to serve paths.

use alloy_primitives::B256;
use zkstack_l1::log_tree::hash_pair;

use crate::interop::padded;

/// Errors of the message-root trees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// A leaf index past the last leaf.
    #[error("leaf index {index} out of range ({len} leaves)")]
    IndexOutOfRange {
        /// The index asked for.
        index: usize,
        /// Number of leaves.
        len: usize,
    },
    /// `update_all` with another number of leaves than the tree holds (`MerkleWrongLength`).
    #[error("{given} new leaves for a tree of {len}")]
    WrongLength {
        /// Leaves given.
        given: usize,
        /// Leaves held.
        len: usize,
    },
}

/// A dynamic incremental Merkle tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncrementalMerkle {
    zeros: Vec<B256>,
    sides: Vec<B256>,
    leaves: Vec<B256>,
}

impl IncrementalMerkle {
    /// An empty tree whose empty leaf is `zero` (`setup`).
    pub fn new(zero: B256) -> Self {
        Self { zeros: vec![zero], sides: vec![B256::ZERO], leaves: Vec::new() }
    }

    /// Appends `leaf`; returns its index and the new root (`push`).
    pub fn push(&mut self, leaf: B256) -> (usize, B256) {
        let mut levels = self.zeros.len() - 1;
        let index = self.leaves.len();
        self.leaves.push(leaf);
        if index == 1usize << levels {
            let top = self.zeros[levels];
            self.zeros.push(hash_pair(&top, &top));
            self.sides.push(B256::ZERO);
            levels += 1;
        }
        let mut current = index;
        let mut hash = leaf;
        let mut updated_sides = false;
        for level in 0..levels {
            let is_left = current.is_multiple_of(2);
            if is_left && !updated_sides {
                self.sides[level] = hash;
                updated_sides = true;
            }
            hash = if is_left {
                hash_pair(&hash, &self.zeros[level])
            } else {
                hash_pair(&self.sides[level], &hash)
            };
            current >>= 1;
        }
        self.sides[levels] = hash;
        (index, hash)
    }

    /// The root (zero while no leaf was pushed).
    pub fn root(&self) -> B256 {
        self.sides.last().copied().unwrap_or_default()
    }

    /// Number of levels above the leaves.
    pub fn height(&self) -> usize {
        self.sides.len() - 1
    }

    /// The leaves pushed so far.
    pub fn leaves(&self) -> &[B256] {
        &self.leaves
    }

    /// The path of leaf `index` to [`Self::root`] (`height()` words).
    pub fn proof(&self, index: usize) -> Result<Vec<B256>, TreeError> {
        if index >= self.leaves.len() {
            return Err(TreeError::IndexOutOfRange { index, len: self.leaves.len() });
        }
        Ok(padded::root_and_path(&self.leaves, &self.zeros, Some(index)).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::EMPTY_LEAF_HASH;
    use crate::merkle::calculate_root;
    use alloy_primitives::U256;
    use proptest::prelude::*;

    #[test]
    fn empty_and_single_leaf_roots_follow_the_contract() {
        let mut tree = IncrementalMerkle::new(EMPTY_LEAF_HASH);
        assert_eq!(tree.root(), B256::ZERO, "setup returns and stores root 0");
        let leaf = B256::repeat_byte(5);
        assert_eq!(tree.push(leaf), (0, leaf));
        assert_eq!(tree.height(), 0);
        assert_eq!(tree.proof(0), Ok(vec![]));
        assert_eq!(tree.proof(1), Err(TreeError::IndexOutOfRange { index: 1, len: 1 }));
    }

    proptest! {
        /// The contract's side-based root equals the padded tree root, and paths verify.
        #[test]
        fn sides_root_equals_padded_root(raw in proptest::collection::vec(any::<[u8; 32]>(), 1..40)) {
            let mut tree = IncrementalMerkle::new(EMPTY_LEAF_HASH);
            for (n, leaf) in raw.iter().enumerate() {
                let (index, root) = tree.push(B256::from(*leaf));
                prop_assert_eq!(index, n);
                prop_assert_eq!(tree.height(), padded::height_for(n + 1));
                let zeros = padded::zeros(EMPTY_LEAF_HASH, tree.height());
                prop_assert_eq!(root, padded::root_and_path(tree.leaves(), &zeros, None).0);
            }
            for (i, leaf) in raw.iter().enumerate() {
                let path = tree.proof(i).expect("in range");
                prop_assert_eq!(calculate_root(&path, U256::from(i), B256::from(*leaf)), Ok(tree.root()));
            }
        }
    }
}
