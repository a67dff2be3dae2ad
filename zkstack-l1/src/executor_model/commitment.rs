//! The batch commitment as the Executor builds it on commit (`_createBatchCommitment`).

use alloy_primitives::{B256, keccak256};

use super::{ExecutorError, L1DaValidatorOutput, TOTAL_BLOBS_IN_COMMITMENT};
use crate::commitment::{
    AuxCommitments, AuxiliaryOutput, BatchCommitment, BlobHash, CommitmentHashes, MetaParameters,
    PassThroughData, PostBoojumAuxOutput,
};
use crate::executor_abi::CommitBatchInfo;
use crate::system_logs::{MAX_SYSTEM_LOGS_BYTES, SystemLogError};

/// `_createBatchCommitment(batch, stateDiffHash, blobCommitments, blobHashes)`:
/// `keccak(passThroughHash ‖ metadataHash ‖ auxiliaryOutputHash)` with
/// - pass-through: `indexRepeatedStorageChanges ‖ newStateRoot ‖ 0 ‖ 0`;
/// - metadata: `meta` (the chain's bytecode hashes);
/// - auxiliary output: `keccak(systemLogs) ‖ stateDiffHash ‖ bootloaderHeapInitialContentsHash ‖
///   eventsQueueStateHash ‖ (linear hash ‖ commitment) × 16`, from the DA validator's output.
///
/// Reverts like the contract: `SystemLogsSizeTooBig`, then `InvalidNumberOfBlobs` when the DA
/// output does not have exactly [`TOTAL_BLOBS_IN_COMMITMENT`] slots.
pub fn create_batch_commitment(
    batch: &CommitBatchInfo,
    da: &L1DaValidatorOutput,
    meta: &MetaParameters,
) -> Result<CommitmentHashes, ExecutorError> {
    if batch.systemLogs.len() > MAX_SYSTEM_LOGS_BYTES {
        return Err(SystemLogError::TooLong { len: batch.systemLogs.len() }.into());
    }
    let (commitments, linear_hashes) = (&da.blobs_opening_commitments, &da.blobs_linear_hashes);
    if commitments.len() != TOTAL_BLOBS_IN_COMMITMENT
        || linear_hashes.len() != TOTAL_BLOBS_IN_COMMITMENT
    {
        return Err(ExecutorError::InvalidNumberOfBlobs {
            expected: TOTAL_BLOBS_IN_COMMITMENT,
            commitments: commitments.len(),
            linear_hashes: linear_hashes.len(),
        });
    }
    let aux = PostBoojumAuxOutput {
        // Not part of the hashed preimage: the Executor takes the root from the system logs.
        l2_l1_logs_merkle_root: B256::ZERO,
        local_root: B256::ZERO,
        aggregation_root: B256::ZERO,
        system_logs_linear_hash: keccak256(&batch.systemLogs),
        state_diffs_hash: da.state_diff_hash,
        aux_commitments: AuxCommitments {
            events_queue_commitment: batch.eventsQueueStateHash,
            bootloader_initial_content_commitment: batch.bootloaderHeapInitialContentsHash,
        },
        blob_hashes: linear_hashes
            .iter()
            .zip(commitments)
            .map(|(&linear_hash, &commitment)| BlobHash { commitment, linear_hash })
            .collect(),
    };
    Ok(BatchCommitment {
        pass_through_data: PassThroughData {
            index_repeated_storage_changes: batch.indexRepeatedStorageChanges,
            new_state_root: batch.newStateRoot,
        },
        meta_parameters: *meta,
        auxiliary_output: AuxiliaryOutput::PostBoojum(aux),
    }
    .hashes())
}
