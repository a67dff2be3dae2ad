//! Constructors of the Solidity `InteropRoot` struct.

use alloy_primitives::{B256, U256};

use super::sol::InteropRoot;

impl InteropRoot {
    /// The single-side root a chain stores (`L2InteropRootStorage` accepts exactly one side).
    pub fn single(chain_id: U256, block_or_batch_number: U256, root: B256) -> Self {
        Self { chainId: chain_id, blockOrBatchNumber: block_or_batch_number, sides: vec![root] }
    }
}
