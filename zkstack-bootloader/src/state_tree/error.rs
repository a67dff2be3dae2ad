//! Errors of the state tree.

use super::{NodeKey, StoreError};

/// Why a state tree operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StateTreeError {
    /// The backing store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The store holds something a well-formed tree cannot (a missing child, a leaf where a
    /// branch belongs): it was written by something else or corrupted.
    #[error("state tree store is inconsistent at depth {} ({what})", .at.depth)]
    Corrupt {
        /// Where the inconsistency was found.
        at: NodeKey,
        /// What was wrong.
        what: &'static str,
    },
    /// A rollback target beyond the newest version.
    #[error("no version {requested}: the tree has {available}")]
    NoVersion {
        /// The version asked for.
        requested: u64,
        /// The newest version.
        available: u64,
    },
    /// More leaves than a `u64` enumeration index can number.
    #[error("enumeration index overflow")]
    IndexOverflow,
}

/// Why a proof did not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The Merkle path has more than 256 hashes.
    #[error("merkle path of {0} hashes is longer than the tree's 256 levels")]
    PathTooLong(usize),
    /// The folded path gives a different root.
    #[error("proof gives root {computed}, expected {expected}")]
    RootMismatch {
        /// The root the proof folds to.
        computed: alloy_primitives::B256,
        /// The root it was checked against.
        expected: alloy_primitives::B256,
    },
}
