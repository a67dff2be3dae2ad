//! Interop and the settlement layer's message root: batch and chain-id leaves, the per-chain
//! incremental trees and the shared tree (MessageRoot, over the trees of `zkstack_l1::merkle`),
//! interop roots and their rolling hash, and verification of another chain's message against an
//! imported interop root.

mod interop_root;
mod leaves;
mod message_root;

pub use interop_root::{InteropRoot, interop_roots_rolling_hash, roll_interop_root};
pub use leaves::{
    BATCH_LEAF_PADDING, CHAIN_ID_LEAF_PADDING, EMPTY_LEAF_HASH, batch_leaf_hash, chain_batch_root,
    chain_id_leaf_hash,
};
pub use message_root::{MessageRoot, MessageRootError};
/// The MessageRoot contract's trees (era-contracts `DynamicIncrementalMerkle`, `FullMerkle`).
pub use zkstack_l1::merkle::{FullMerkle, IncrementalMerkle, TreeError};

use alloy_primitives::{B256, U256};

use crate::message::L2Message;
use crate::proof::{InclusionError, ProcessedProof, verify_message_inclusion};

/// Verifies, as `L2MessageVerification.proveL2MessageInclusionShared` on the receiving chain,
/// that `message` was sent on `source_chain_id` in `batch_number` (log at `index`), against the
/// interop roots the receiving chain imported.
pub fn verify_interop_message(
    source_chain_id: U256,
    batch_number: U256,
    index: U256,
    message: &L2Message,
    proof: &[B256],
    imported: &[InteropRoot],
) -> Result<ProcessedProof, InclusionError> {
    verify_message_inclusion(source_chain_id, batch_number, index, message, proof, imported)
}
