//! `PriorityOpsBatchInfo`: the priority-tree range proof the Executor takes per executed batch.

use alloy_primitives::B256;
use alloy_sol_types::SolValue;

use super::priority_ops_rolling_hash;
use crate::executor_abi::PriorityOpsBatchInfo as WirePriorityOpsBatchInfo;

/// The priority operations of one batch with their range proof (era-contracts
/// `state-transition/libraries/PriorityTree.sol`, struct `PriorityOpsBatchInfo`; zksync-era
/// `PriorityOpsMerkleProof`).
///
/// This is the Rust-side form with snake-case fields; the wire form is the `sol!` struct
/// [`executor_abi::PriorityOpsBatchInfo`](crate::executor_abi::PriorityOpsBatchInfo), which the
/// `executeBatches` calls carry. `From` converts both ways; [`Self::abi_encode`] /
/// [`Self::abi_decode`] produce and accept the contract's encoding of the struct.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PriorityOpsBatchInfo {
    /// Left siblings of the range's first leaf, one per level (zero where unused).
    pub left_path: Vec<B256>,
    /// Right siblings of the range's last leaf, one per level (zero where unused).
    pub right_path: Vec<B256>,
    /// Canonical hashes of the batch's L1→L2 transactions, in order.
    pub item_hashes: Vec<B256>,
}

impl PriorityOpsBatchInfo {
    /// The batch's `priorityOperationsHash` (Executor `_rollingHash(itemHashes)`), which must match
    /// the committed batch.
    pub fn rolling_hash(&self) -> B256 {
        priority_ops_rolling_hash(&self.item_hashes)
    }

    /// `abi.encode(info)`.
    pub fn abi_encode(&self) -> Vec<u8> {
        WirePriorityOpsBatchInfo::from(self.clone()).abi_encode()
    }

    /// Decodes `abi.encode(info)`; lengths are checked against the input before allocating.
    pub fn abi_decode(bytes: &[u8]) -> Result<Self, alloy_sol_types::Error> {
        <WirePriorityOpsBatchInfo as SolValue>::abi_decode(bytes).map(Self::from)
    }
}

impl From<WirePriorityOpsBatchInfo> for PriorityOpsBatchInfo {
    fn from(wire: WirePriorityOpsBatchInfo) -> Self {
        Self { left_path: wire.leftPath, right_path: wire.rightPath, item_hashes: wire.itemHashes }
    }
}

impl From<PriorityOpsBatchInfo> for WirePriorityOpsBatchInfo {
    fn from(info: PriorityOpsBatchInfo) -> Self {
        Self { leftPath: info.left_path, rightPath: info.right_path, itemHashes: info.item_hashes }
    }
}
