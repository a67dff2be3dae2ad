//! What the operator says about a batch and its L2 blocks before running them (zksync-era
//! `L1BatchEnv`, `L2BlockEnv`).

use alloy_primitives::{Address, B256};

use crate::fee::BatchFeeInput;

/// An L2 block as the operator opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct L2BlockEnv {
    /// The block's number (previous + 1).
    pub number: u32,
    /// Its timestamp (strictly above the previous block's).
    pub timestamp: u64,
    /// The previous L2 block's hash.
    pub prev_block_hash: B256,
    /// How many virtual blocks to create with it (at least 1 for a batch's first block, 0 for the
    /// blocks after it once virtual blocks caught up).
    pub max_virtual_blocks_to_create: u32,
}

/// A batch as the operator opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BatchEnv {
    /// The previous batch's hash (its state root as SystemContext records it); `None` when the
    /// embedder leaves it to be filled in later, as zksync-era allows during execution.
    pub previous_batch_hash: Option<B256>,
    /// The batch number (previous + 1).
    pub number: u32,
    /// The batch timestamp (strictly above the previous batch's and the last L2 block's).
    pub timestamp: u64,
    /// L1 gas and pubdata prices for the batch.
    pub fee_input: BatchFeeInput,
    /// Who receives the fees (the operator).
    pub fee_account: Address,
    /// A base fee that overrides the derived one (tests and estimation).
    pub enforced_base_fee: Option<u64>,
    /// The batch's first L2 block.
    pub first_l2_block: L2BlockEnv,
}
