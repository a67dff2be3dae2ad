//! The shared tree over chains (era-contracts `FullMerkle`): leaves can be pushed and updated.
//! Its root is the padded root of its leaves over the height `ceil(log2 n)`; with no leaf it is
//! the empty value itself.

use alloy_primitives::B256;

use crate::interop::incremental::TreeError;
use crate::interop::padded;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::{EMPTY_LEAF_HASH, IncrementalMerkle};
    use crate::merkle::calculate_root;
    use alloy_primitives::U256;
    use proptest::prelude::*;

    #[test]
    fn empty_tree_root_is_the_zero_value() {
        let mut tree = FullMerkle::new(EMPTY_LEAF_HASH);
        assert_eq!(tree.root(), EMPTY_LEAF_HASH);
        assert_eq!(
            tree.update_leaf(0, B256::ZERO),
            Err(TreeError::IndexOutOfRange { index: 0, len: 0 })
        );
        assert_eq!(tree.push(B256::repeat_byte(1)), B256::repeat_byte(1));
        assert_eq!(tree.update_all(&[]), Err(TreeError::WrongLength { given: 0, len: 1 }));
    }

    proptest! {
        /// Pushing the same leaves gives the incremental tree's root; updates and paths agree.
        #[test]
        fn agrees_with_incremental_tree(raw in proptest::collection::vec(any::<[u8; 32]>(), 1..33), new in any::<[u8; 32]>()) {
            let mut full = FullMerkle::new(EMPTY_LEAF_HASH);
            let mut inc = IncrementalMerkle::new(EMPTY_LEAF_HASH);
            for leaf in &raw {
                let root = full.push(B256::from(*leaf));
                prop_assert_eq!(root, inc.push(B256::from(*leaf)).1);
            }
            let i = raw.len() / 2;
            let root = full.update_leaf(i, B256::from(new)).expect("in range");
            let path = full.proof(i).expect("in range");
            prop_assert_eq!(calculate_root(&path, U256::from(i), B256::from(new)), Ok(root));
            let mut leaves = full.leaves().to_vec();
            leaves.reverse();
            let root = full.update_all(&leaves).expect("same length");
            prop_assert_eq!(calculate_root(&full.proof(0).expect("leaf"), U256::ZERO, leaves[0]), Ok(root));
        }
    }
}
