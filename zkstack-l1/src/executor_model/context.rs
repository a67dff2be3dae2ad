//! The L1 block and transaction a call runs in.

use super::{BlobOracle, NoBlobs};

/// What a commit reads from its L1 block and transaction: `block.timestamp` (timestamp checks),
/// `block.number` (blob expiry) and the transaction's blobs.
#[derive(Clone, Copy)]
pub struct L1Context<'a> {
    /// `block.timestamp`.
    pub timestamp: u64,
    /// `block.number`.
    pub block_number: u64,
    /// The transaction's blobs.
    pub blobs: &'a dyn BlobOracle,
}

impl L1Context<'static> {
    /// A block at `timestamp` (number 1) whose transaction carries no blobs.
    pub fn at(timestamp: u64) -> Self {
        Self { timestamp, block_number: 1, blobs: &NoBlobs }
    }
}

impl std::fmt::Debug for L1Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("L1Context")
            .field("timestamp", &self.timestamp)
            .field("block_number", &self.block_number)
            .finish_non_exhaustive()
    }
}
