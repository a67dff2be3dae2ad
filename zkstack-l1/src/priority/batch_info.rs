//! `PriorityOpsBatchInfo`: the priority-tree range proof the Executor takes per executed batch.

use alloy_primitives::B256;
use alloy_sol_types::SolValue;

use super::priority_ops_rolling_hash;

mod abi {
    alloy_sol_types::sol! {
        /// Wire form of era-contracts `PriorityTree.sol` struct `PriorityOpsBatchInfo`.
        struct PriorityOpsBatchInfo {
            bytes32[] leftPath;
            bytes32[] rightPath;
            bytes32[] itemHashes;
        }
    }
}

/// The priority operations of one batch with their range proof (era-contracts
/// `state-transition/libraries/PriorityTree.sol`, struct `PriorityOpsBatchInfo`; zksync-era
/// `PriorityOpsMerkleProof`).
///
/// This is a plain Rust type on purpose: the Executor ABI module owns the `sol!` bindings of the
/// `executeBatches` calls. Field order is the struct's (`leftPath`, `rightPath`, `itemHashes`); convert
/// at that boundary through the public fields, or use [`Self::abi_encode`] / [`Self::abi_decode`],
/// which produce and accept the contract's encoding of the struct.
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
        abi::PriorityOpsBatchInfo {
            leftPath: self.left_path.clone(),
            rightPath: self.right_path.clone(),
            itemHashes: self.item_hashes.clone(),
        }
        .abi_encode()
    }

    /// Decodes `abi.encode(info)`; lengths are checked against the input before allocating.
    pub fn abi_decode(bytes: &[u8]) -> Result<Self, alloy_sol_types::Error> {
        let decoded = <abi::PriorityOpsBatchInfo as SolValue>::abi_decode(bytes)?;
        Ok(Self {
            left_path: decoded.leftPath,
            right_path: decoded.rightPath,
            item_hashes: decoded.itemHashes,
        })
    }
}
