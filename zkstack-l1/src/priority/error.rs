//! Errors of the priority module, named after the contracts' custom errors.

use alloy_primitives::B256;

use crate::merkle::MerkleError;

/// Reverts of era-contracts `state-transition/libraries/PriorityTree.sol`, plus this crate's
/// own bounds on input it cannot represent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PriorityTreeError {
    /// `NotHistoricalRoot(bytes32)`: the range proof leads to a root the tree never had.
    #[error("NotHistoricalRoot({0})")]
    NotHistoricalRoot(B256),
    /// The range proof itself was rejected by `Merkle.calculateRootPaths`.
    #[error(transparent)]
    Merkle(#[from] MerkleError),
    /// `InvalidCommitment()`: a commitment without sides.
    #[error("InvalidCommitment()")]
    InvalidCommitment,
    /// `InvalidStartIndex(treeStartIndex, commitmentStartIndex)`.
    #[error("InvalidStartIndex({tree}, {commitment})")]
    InvalidStartIndex {
        /// The tree's start index.
        tree: u64,
        /// The commitment's start index.
        commitment: u64,
    },
    /// `InvalidUnprocessedIndex(treeUnprocessedIndex, commitmentUnprocessedIndex)`.
    #[error("InvalidUnprocessedIndex({tree}, {commitment})")]
    InvalidUnprocessedIndex {
        /// The tree's unprocessed index.
        tree: u64,
        /// The commitment's unprocessed index.
        commitment: u64,
    },
    /// `InvalidNextLeafIndex(treeNextLeafIndex, commitmentNextLeafIndex)`.
    #[error("InvalidNextLeafIndex({tree}, {commitment})")]
    InvalidNextLeafIndex {
        /// The tree's next leaf index.
        tree: u64,
        /// The commitment's next leaf index.
        commitment: u64,
    },
    /// Not from the contract: a commitment taller than a tree of `u64` leaves can grow
    /// (the contract would accept it, but no sequence of pushes produces one).
    #[error("priority tree commitment of height {height} exceeds the supported {max}")]
    CommitmentTooTall {
        /// Number of sides in the commitment.
        height: usize,
        /// The largest height accepted.
        max: usize,
    },
    /// Not from the contract: a counter (`startIndex + nextLeafIndex`, …) would exceed `u64`.
    #[error("priority tree index overflows u64")]
    IndexOverflow,
    /// Not from the contract: a range proof was requested for leaves the prover does not have.
    #[error(
        "range {start}..{start}+{count} is not inside a tree of {tree_len} leaves (of {known} known)"
    )]
    RangeOutOfBounds {
        /// First leaf of the range.
        start: u64,
        /// Number of leaves in the range.
        count: u64,
        /// Number of leaves of the tree whose root the proof targets.
        tree_len: u64,
        /// Number of leaves the prover holds.
        known: u64,
    },
}
