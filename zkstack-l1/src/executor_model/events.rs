//! What the modelled contracts emit: the Executor's events, the Mailbox's `NewPriorityRequest`,
//! and on a Gateway the two calls out of the Executor that other contracts see.

use alloy_primitives::{B256, Bytes, U256};

use crate::priority::NewPriorityRequest;

/// One event (or, on a Gateway, one observable outgoing call) of the modelled diamond.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecutorEvent {
    /// `BlockCommit(batchNumber, batchHash, commitment)`.
    BlockCommit {
        /// The committed batch.
        batch_number: u64,
        /// Its state root (`batchHash`).
        batch_hash: B256,
        /// Its commitment.
        commitment: B256,
    },
    /// `BlocksVerification(previousLastVerifiedBatch, currentLastVerifiedBatch)`.
    BlocksVerification {
        /// Last verified batch before the call.
        previous_last_verified_batch: u64,
        /// Last verified batch after it.
        current_last_verified_batch: u64,
    },
    /// `BlockExecution(batchNumber, batchHash, commitment)`.
    BlockExecution {
        /// The executed batch.
        batch_number: u64,
        /// Its state root.
        batch_hash: B256,
        /// Its commitment.
        commitment: B256,
    },
    /// `BlocksRevert(totalBatchesCommitted, totalBatchesVerified, totalBatchesExecuted)`, the
    /// totals after the revert.
    BlocksRevert {
        /// Batches committed.
        total_batches_committed: u64,
        /// Batches verified.
        total_batches_verified: u64,
        /// Batches executed.
        total_batches_executed: u64,
    },
    /// `BatchPrecommitmentSet(batchNumber, untrustedLastL2BlockNumberHint, precommitment)`.
    BatchPrecommitmentSet {
        /// The batch being precommitted.
        batch_number: U256,
        /// The operator's unchecked hint.
        untrusted_last_l2_block_number_hint: U256,
        /// The new rolling precommitment.
        precommitment: B256,
    },
    /// The Mailbox's `NewPriorityRequest` (followed on chain by `NewPriorityRequestId`).
    NewPriorityRequest(Box<NewPriorityRequest>),
    /// Gateway only: `L1Messenger.sendToL1(abi.encode(uint8 0, storedBatchInfo, metadataHash,
    /// auxiliaryOutputHash))` on every commit, so that L1 can rebuild the batch's commitment.
    RelayedBatchToL1 {
        /// The committed batch.
        batch_number: u64,
        /// The message sent to L1.
        message: Bytes,
    },
    /// Gateway only: `MessageRoot.addChainBatchRoot(chainId, batchNumber, l2LogsTreeRoot)` on
    /// every executed batch.
    ChainBatchRootAdded {
        /// The settling chain.
        chain_id: U256,
        /// Its executed batch.
        batch_number: u64,
        /// The batch's L2→L1 logs root.
        root: B256,
    },
}
