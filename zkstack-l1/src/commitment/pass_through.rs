//! The pass-through data: the state the batch leaves behind.

use alloy_primitives::{B256, keccak256};

/// Pass-through data of a batch, as Executor.sol `_batchPassThroughData` packs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PassThroughData {
    /// Index repeated storage changes (the state tree's last enumeration index).
    pub index_repeated_storage_changes: u64,
    /// Root of the state tree after the batch.
    pub new_state_root: B256,
}

impl PassThroughData {
    /// Size of the packed form.
    pub const SERIALIZED_SIZE: usize = 80;

    /// `uint64 index ‖ bytes32 root ‖ uint64 0 ‖ bytes32 0`: the rollup shard, then the never-used
    /// zkPorter shard, which is always committed to as zero.
    pub fn to_bytes(&self) -> [u8; Self::SERIALIZED_SIZE] {
        let mut out = [0u8; Self::SERIALIZED_SIZE];
        out[..8].copy_from_slice(&self.index_repeated_storage_changes.to_be_bytes());
        out[8..40].copy_from_slice(self.new_state_root.as_slice());
        out
    }

    /// keccak of [`Self::to_bytes`].
    pub fn hash(&self) -> B256 {
        keccak256(self.to_bytes())
    }
}
