//! `proveBatchesSharedBridge`.

use alloy_primitives::U256;

use super::{ExecutorError, ExecutorEvent, L1Executor, ProofVerifier};
use crate::executor_abi::StoredBatchInfo;
use crate::priority::SolidityPanic;
use crate::public_input::batch_proof_public_input;

impl<D> L1Executor<D> {
    /// `proveBatchesSharedBridge` with the decoded payload, in the facet's order of checks:
    /// `NotSettlementLayer`, `EmptyData` (the decoder), `BatchHashMismatch` for `prev` (nine- or
    /// eight-field hash of the last verified batch) and then for each batch (nine-field hash),
    /// `VerifiedBatchesExceedsCommittedBatches`, `CanOnlyProcessOneBatch`, and `InvalidProof` when
    /// `verifier` rejects `proof` for the public inputs
    /// `batch_proof_public_input(prev.commitment, batch.commitment)`.
    ///
    /// Then `totalBatchesVerified` moves to the last proved batch (`BlocksVerification`).
    pub fn prove(
        &mut self,
        prev: &StoredBatchInfo,
        committed: &[StoredBatchInfo],
        proof: &[U256],
        verifier: &dyn ProofVerifier,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        self.only_settlement_layer()?;
        if committed.is_empty() {
            return Err(ExecutorError::EmptyData);
        }
        let previous_verified = self.total_batches_verified;
        let stored = self.stored_batch_hash(previous_verified);
        if prev.hash() != stored && prev.legacy_hash() != stored {
            return Err(ExecutorError::BatchHashMismatch { stored, provided: prev.hash() });
        }
        let mut last_proved = previous_verified;
        let mut public_inputs = Vec::with_capacity(committed.len());
        let mut prev_commitment = prev.commitment;
        for batch in committed {
            last_proved = last_proved.checked_add(1).ok_or(SolidityPanic::ArithmeticOverflow)?;
            let stored = self.stored_batch_hash(last_proved);
            if batch.hash() != stored {
                return Err(ExecutorError::BatchHashMismatch { stored, provided: batch.hash() });
            }
            public_inputs.push(batch_proof_public_input(prev_commitment, batch.commitment));
            prev_commitment = batch.commitment;
        }
        if last_proved > self.total_batches_committed {
            return Err(ExecutorError::VerifiedBatchesExceedsCommittedBatches);
        }
        if public_inputs.len() != 1 {
            return Err(ExecutorError::CanOnlyProcessOneBatch);
        }
        if !verifier.verify(&public_inputs, proof) {
            return Err(ExecutorError::InvalidProof);
        }
        let event = ExecutorEvent::BlocksVerification {
            previous_last_verified_batch: previous_verified,
            current_last_verified_batch: last_proved,
        };
        self.total_batches_verified = last_proved;
        self.events.push(event.clone());
        Ok(vec![event])
    }
}
