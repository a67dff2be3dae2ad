//! The Mailbox's `NewPriorityRequest` event.

use alloy_primitives::{B256, Bytes, U256};
use alloy_sol_types::SolEvent;

use super::L2CanonicalTransaction;
pub use super::canonical_tx::NewPriorityRequest;

/// A `NewPriorityRequest` log that cannot be decoded or is not self-consistent.
#[derive(Debug, thiserror::Error)]
pub enum NewPriorityRequestDecodeError {
    /// The topics or data are not an ABI encoding of the event.
    #[error("malformed NewPriorityRequest log: {0}")]
    Abi(#[from] alloy_sol_types::Error),
    /// `txHash` is not the canonical hash of `transaction`.
    #[error(
        "NewPriorityRequest txHash {logged} differs from the transaction's canonical hash {computed}"
    )]
    HashMismatch {
        /// The hash in the log.
        logged: B256,
        /// keccak256(abi.encode(transaction)).
        computed: B256,
    },
    /// `txId` is not the transaction's nonce (the Mailbox emits `transaction.nonce` as `txId`).
    #[error("NewPriorityRequest txId {tx_id} differs from the transaction nonce {nonce}")]
    IdMismatch {
        /// The id in the log.
        tx_id: U256,
        /// The transaction's nonce.
        nonce: U256,
    },
}

impl NewPriorityRequest {
    /// The event as the Mailbox emits it for `transaction` (Mailbox `_writePriorityOp`):
    /// `txId` is the transaction's nonce and `txHash` its canonical hash.
    pub fn for_transaction(
        transaction: L2CanonicalTransaction,
        expiration_timestamp: u64,
        factory_deps: Vec<Bytes>,
    ) -> Self {
        Self {
            txId: transaction.nonce,
            txHash: transaction.canonical_hash(),
            expirationTimestamp: expiration_timestamp,
            transaction,
            factoryDeps: factory_deps,
        }
    }

    /// The log data (the ABI encoding of all fields, none being indexed).
    pub fn log_data(&self) -> Vec<u8> {
        self.encode_data()
    }

    /// Decodes a log from its topics and data; the first topic must be the event signature hash.
    pub fn decode_log(topics: &[B256], data: &[u8]) -> Result<Self, NewPriorityRequestDecodeError> {
        Ok(Self::decode_raw_log(topics.iter().copied(), data)?)
    }

    /// Checks what the Mailbox guarantees: `txHash` is the canonical hash of `transaction` and
    /// `txId` its nonce. A watcher should reject a log that fails this.
    pub fn check_consistency(&self) -> Result<(), NewPriorityRequestDecodeError> {
        let computed = self.transaction.canonical_hash();
        if computed != self.txHash {
            return Err(NewPriorityRequestDecodeError::HashMismatch {
                logged: self.txHash,
                computed,
            });
        }
        if self.txId != self.transaction.nonce {
            return Err(NewPriorityRequestDecodeError::IdMismatch {
                tx_id: self.txId,
                nonce: self.transaction.nonce,
            });
        }
        Ok(())
    }
}
