//! Why a finished batch could not be sealed.

use crate::state_tree::StateTreeError;

/// Sealing failed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The state tree failed.
    #[error(transparent)]
    Tree(#[from] StateTreeError),
    /// The state diffs the L1Messenger received differ from those the tree gives (the storage
    /// behind the batch numbered slots differently from the tree).
    #[error(
        "state diff {index} differs between the tree ({tree} records) and execution ({executed} records)"
    )]
    EnumerationMismatch {
        /// First differing record.
        index: usize,
        /// Records from the tree.
        tree: usize,
        /// Records the batch published.
        executed: usize,
    },
    /// The user logs do not fit the log tree.
    #[error("L2→L1 log tree: {0}")]
    Logs(String),
}
