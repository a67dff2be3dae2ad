//! Root computation from a Merkle path, with the checks of era-contracts `Merkle.calculateRoot`.
//!
//! The index is a full 256-bit word because proofs reuse it as a *mask*: a leaf of a tree joined to
//! another tree (the log tree next to the message root, a chain's tree inside the shared tree)
//! gets index bits above the leaf level. Inner nodes are `keccak256(left ‖ right)`.
//!
//! The computation is `zkstack_l1::merkle::calculate_root`; this module adds to its reverts the
//! input that caused them, for the bridge's proof errors.

use alloy_primitives::{B256, U256};
use zkstack_l1::merkle;

pub use zkstack_l1::merkle::MAX_PATH_LENGTH;

/// Why a path cannot be hashed up to a root: the reverts of `Merkle.sol`
/// ([`zkstack_l1::merkle::MerkleError`]) with the offending input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MerkleError {
    /// A path of 256 or more hashes (`MerklePathOutOfBounds`).
    #[error("Merkle path of {0} hashes is longer than {MAX_PATH_LENGTH}")]
    PathTooLong(usize),
    /// An index that does not fit in a tree of the path's height (`MerkleIndexOutOfBounds`).
    #[error("leaf index {index:#x} does not fit a tree of height {path_len}")]
    IndexOutOfBounds {
        /// The index (mask) given.
        index: U256,
        /// The path length, i.e. the tree height.
        path_len: usize,
    },
    /// Any other revert of `Merkle.sol` (`calculateRoot` itself raises only the two above).
    #[error(transparent)]
    Revert(merkle::MerkleError),
}

impl MerkleError {
    /// The contract's revert this error stands for.
    pub fn revert(&self) -> merkle::MerkleError {
        match *self {
            Self::PathTooLong(_) => merkle::MerkleError::PathOutOfBounds,
            Self::IndexOutOfBounds { .. } => merkle::MerkleError::IndexOutOfBounds,
            Self::Revert(revert) => revert,
        }
    }
}

/// Hashes `leaf` up `path` (leaf level first); bit `i` of `index` says whether the node at level
/// `i` is a right child. Fails exactly where `Merkle.calculateRoot` reverts.
pub fn calculate_root(path: &[B256], index: U256, leaf: B256) -> Result<B256, MerkleError> {
    merkle::calculate_root(path, index, leaf).map_err(|revert| match revert {
        merkle::MerkleError::PathOutOfBounds => MerkleError::PathTooLong(path.len()),
        merkle::MerkleError::IndexOutOfBounds => {
            MerkleError::IndexOutOfBounds { index, path_len: path.len() }
        }
        other => MerkleError::Revert(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use zkstack_l1::log_tree::{LogTree, verify_proof};

    #[test]
    fn matches_the_log_tree_of_zkstack_l1() {
        let leaves: Vec<B256> = (1u8..=5).map(B256::repeat_byte).collect();
        let tree = LogTree::new(leaves.clone(), 8).expect("valid tree");
        for (i, leaf) in leaves.iter().enumerate() {
            let path = tree.proof(i).expect("in range");
            assert_eq!(calculate_root(&path, U256::from(i), *leaf), Ok(tree.root()));
            assert!(verify_proof(*leaf, i, &path, tree.root()));
        }
    }

    #[test]
    fn rejects_what_merkle_sol_rejects() {
        let path = vec![B256::ZERO; 3];
        assert_eq!(
            calculate_root(&path, U256::from(8u8), B256::ZERO),
            Err(MerkleError::IndexOutOfBounds { index: U256::from(8u8), path_len: 3 })
        );
        assert!(calculate_root(&path, U256::from(7u8), B256::ZERO).is_ok());
        let long = vec![B256::ZERO; 256];
        assert_eq!(
            calculate_root(&long, U256::ZERO, B256::ZERO),
            Err(MerkleError::PathTooLong(256))
        );
        // An empty path proves a one-leaf tree: the leaf is the root, index must be 0.
        assert_eq!(calculate_root(&[], U256::ZERO, B256::repeat_byte(7)), Ok(B256::repeat_byte(7)));
        assert!(calculate_root(&[], U256::from(1u8), B256::ZERO).is_err());
    }
}
