//! What `zkstack bridge verify-proof` calls: check a message proof exactly as the contracts take
//! it and say why it fails.
//!
//! ```
//! use zkstack_bridge::cli::{VerifyProofArgs, verify_proof};
//! use zkstack_bridge::l1::{Address, B256, U256};
//!
//! let args = VerifyProofArgs {
//!     chain_id: U256::from(270),
//!     batch_number: U256::from(5),
//!     index: U256::ZERO,
//!     tx_number_in_batch: 0,
//!     sender: Address::repeat_byte(1),
//!     data: b"hi".to_vec(),
//!     proof: vec![],
//!     expected_root: B256::repeat_byte(2),
//!     settlement: None,
//! };
//! let report = verify_proof(&args);
//! assert!(!report.valid);
//! assert_eq!(report.reason, "invalid: hop 0: empty proof");
//! ```

use alloy_primitives::{Address, B256, Bytes, U256};

use crate::message::L2Message;
use crate::proof::{InclusionError, RootMismatch, SettlementRoot, process_proof};

/// The inputs of `verify-proof`, in the contracts' terms (`proveL2MessageInclusion`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyProofArgs {
    /// Chain that sent the message.
    pub chain_id: U256,
    /// Batch of that chain containing the message.
    pub batch_number: U256,
    /// Index of the message's log in the batch's log tree.
    pub index: U256,
    /// Index of the sending transaction in the batch.
    pub tx_number_in_batch: u16,
    /// The L2 contract that sent the message.
    pub sender: Address,
    /// The message bytes.
    pub data: Vec<u8>,
    /// The proof words, exactly as `_proof`.
    pub proof: Vec<B256>,
    /// The root stored for the batch the proof ends in.
    pub expected_root: B256,
    /// Where the proof must end (settlement chain id, batch number); `None` accepts whatever
    /// chain and batch the proof names, and the report says which.
    pub settlement: Option<(U256, U256)>,
}

/// The answer of `verify-proof`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyProofReport {
    /// Whether the proof holds.
    pub valid: bool,
    /// `valid: …` or `invalid: <precise reason>`.
    pub reason: String,
    /// The chain, batch and root the proof ends in, when the words could be walked.
    pub settlement: Option<SettlementRoot>,
    /// Number of hops (1 for a chain settling on L1).
    pub hops: usize,
}

/// Verifies a message proof and explains the outcome.
pub fn verify_proof(args: &VerifyProofArgs) -> VerifyProofReport {
    let message = L2Message {
        tx_number_in_batch: args.tx_number_in_batch,
        sender: args.sender,
        data: Bytes::from(args.data.clone()),
    };
    let processed = match process_proof(
        args.chain_id,
        args.batch_number,
        args.index,
        message.leaf_hash(),
        &args.proof,
    ) {
        Ok(p) => p,
        Err(e) => {
            return VerifyProofReport {
                valid: false,
                reason: format!("invalid: {e}"),
                settlement: None,
                hops: 0,
            };
        }
    };
    let got = processed.settlement;
    let hops = processed.hops.len();
    let (chain_id, batch_number) = args.settlement.unwrap_or((got.chain_id, got.batch_number));
    let error = if (chain_id, batch_number) != (got.chain_id, got.batch_number) {
        Some(format!(
            "proof ends in batch {} of chain {}, expected batch {batch_number} of chain {chain_id}",
            got.batch_number, got.chain_id
        ))
    } else if args.expected_root.is_zero() {
        Some(InclusionError::ZeroRoot { chain_id, batch_number }.to_string())
    } else if args.expected_root != got.root {
        Some(
            RootMismatch {
                chain_id,
                batch_number,
                expected: args.expected_root,
                computed: got.root,
            }
            .to_string(),
        )
    } else {
        None
    };
    match error {
        Some(e) => VerifyProofReport {
            valid: false,
            reason: format!("invalid: {e}"),
            settlement: Some(got),
            hops,
        },
        None => VerifyProofReport {
            valid: true,
            reason: format!(
                "valid: root of batch {} of chain {} after {hops} hop(s)",
                got.batch_number, got.chain_id
            ),
            settlement: Some(got),
            hops,
        },
    }
}
