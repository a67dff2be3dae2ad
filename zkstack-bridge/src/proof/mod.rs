//! L2→L1 message and log inclusion proofs: their format, how to walk them and how to build them.
//!
//! ```
//! use zkstack_bridge::message::L2Message;
//! use zkstack_bridge::proof::{LogProof, SettlementRoot, verify_message_inclusion};
//! use zkstack_bridge::l1::{Address, Bytes, ProtocolVersionId, U256};
//!
//! let message = L2Message { tx_number_in_batch: 2, sender: Address::repeat_byte(7), data: Bytes::from_static(b"hi") };
//! let logs = [message.to_log()];
//! let version = ProtocolVersionId::LATEST;
//! let aggregation_root = zkstack_bridge::l1::B256::repeat_byte(3);
//! let (words, root) = LogProof::new(&logs, version, 0).unwrap().settled_on_l1(version, Some(aggregation_root)).unwrap();
//! let (chain, batch) = (U256::from(270), U256::from(5));
//! let expected = SettlementRoot { chain_id: chain, batch_number: batch, root };
//! assert!(verify_message_inclusion(chain, batch, U256::ZERO, &message, &words, &expected).is_ok());
//! ```

mod build;
mod metadata;
mod verify;

pub use build::{
    BuildError, LogProof, SettlementLink, chain_id_leaf_final_proof, final_proof, nested_proof,
};
pub use metadata::{MetadataError, ProofFormat, ProofMetadata, SUPPORTED_PROOF_METADATA_VERSION};
pub use verify::{
    BatchRoots, Hop, InclusionError, L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH, PathKind, ProcessedProof,
    ProofError, RootMismatch, SettlementRoot, TxStatusQuery, process_proof, verify_leaf_inclusion,
    verify_log_inclusion, verify_message_inclusion, verify_tx_status,
};
