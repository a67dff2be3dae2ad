//! Reverts of era-contracts `common/libraries/Merkle.sol`.

use crate::solidity::SolidityPanic;

/// Reverts of era-contracts `common/libraries/Merkle.sol` (declared in `common/L1ContractErrors.sol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum MerkleError {
    /// `MerklePathLengthMismatch(pathLength, expectedLength)`: left and right paths differ in length.
    #[error("MerklePathLengthMismatch({path_length}, {expected_length})")]
    PathLengthMismatch {
        /// Length of the left (start) path.
        path_length: usize,
        /// Length of the right (end) path.
        expected_length: usize,
    },
    /// `MerklePathOutOfBounds()`: a path of 256 or more entries.
    #[error("MerklePathOutOfBounds()")]
    PathOutOfBounds,
    /// `MerklePathEmpty()`: empty paths may only prove the single leaf 0 of a one-leaf tree.
    #[error("MerklePathEmpty()")]
    PathEmpty,
    /// `MerkleNothingToProve()`: an empty range.
    #[error("MerkleNothingToProve()")]
    NothingToProve,
    /// `MerkleIndexOrHeightMismatch()`: the range does not fit in a tree of the path's height.
    #[error("MerkleIndexOrHeightMismatch()")]
    IndexOrHeightMismatch,
    /// `MerkleIndexOutOfBounds()`: the leaf index does not fit in a tree of the path's height.
    #[error("MerkleIndexOutOfBounds()")]
    IndexOutOfBounds,
    /// A Solidity panic the contract would raise on this input.
    #[error(transparent)]
    Panic(#[from] SolidityPanic),
}

/// Errors of the leaf-keeping trees ([`IncrementalMerkle`](super::IncrementalMerkle) and
/// [`FullMerkle`](super::FullMerkle)).
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
