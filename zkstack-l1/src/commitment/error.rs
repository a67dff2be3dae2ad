//! Why a batch commitment could not be computed.

use crate::ProtocolVersionId;

/// An input the batch commitment cannot be computed from.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommitmentError {
    /// The input variant does not match its protocol version (pre-Boojum input for a Boojum
    /// version or the other way round).
    #[error("{kind} commitment input given for protocol version {version}")]
    WrongInputKind {
        /// `"pre-Boojum"` or `"post-Boojum"`: the variant that was given.
        kind: &'static str,
        /// The protocol version named in the input.
        version: ProtocolVersionId,
    },
    /// The number of (linear hash, commitment) blob pairs is not what the version commits to.
    #[error("protocol version {version} commits to {expected} blobs, input has {actual}")]
    BlobCountMismatch {
        /// The protocol version named in the input.
        version: ProtocolVersionId,
        /// Blob pairs the version's auxiliary output holds.
        expected: usize,
        /// Blob pairs in the input.
        actual: usize,
    },
    /// A list is longer than its 4-byte length prefix (pre-Boojum) can count.
    #[error("{what}: {len} items do not fit a 4-byte count")]
    TooManyItems {
        /// Which list.
        what: &'static str,
        /// Its length.
        len: usize,
    },
    /// More L2→L1 logs than a Merkle tree of depth 32 can hold.
    #[error("{len} L2→L1 logs exceed the 2^32 leaves of the log Merkle tree")]
    TooManyLogs {
        /// Number of logs given.
        len: usize,
    },
}
