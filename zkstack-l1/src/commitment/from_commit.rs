//! The commitment of a batch recomputed from what its commit transaction carries.
//!
//! A commit call holds everything the auxiliary output and pass-through data need: the system logs
//! (hashed whole; before the Gateway upgrade they also carry the state-diff hash and the blob linear
//! hashes), the events-queue and bootloader-heap commitments, and the DA bytes (the blob commitments,
//! or from v26 the rollup DA header with the state-diff hash and blob linear hashes). Only the meta
//! parameters (the chain's bootloader, default-account and EVM-emulator bytecode hashes) are not in
//! calldata: the caller supplies them. This is the same computation as the Executor's
//! `_createBatchCommitment`, fed from calldata instead of from its DA validator.

use alloy_primitives::{B256, keccak256};

use super::{
    AuxCommitments, AuxiliaryOutput, BatchCommitment, BlobHash, MetaParameters, PassThroughData,
    PostBoojumAuxOutput, PreBoojumAuxOutput, blobs_in_commitment,
};
use crate::executor_abi::{CommitBatchInfo, CommitBatchInfoLegacy, CommitBlockInfo};
use crate::executor_model::kzg_to_versioned_hash;
use crate::pubdata::{DaPayload, PubdataError, decode_commit_da_input};
use crate::system_logs::{
    L1_MESSENGER_ADDRESS, PUBDATA_CHUNK_PUBLISHER_ADDRESS, SystemLogKey, SystemLogLayout,
};
use crate::{L2ToL1Log, ProtocolVersionId};

/// Why a committed batch's commitment cannot be recomputed from its calldata.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FromCommitError {
    /// The system logs are not whole 88-byte logs.
    #[error("system logs: {0}")]
    SystemLogs(#[from] crate::l2_to_l1_log::LogLengthError),
    /// The version has no system-log layout (pre-Boojum batches use [`pre_boojum_commitment`]).
    #[error("protocol version {0} has no system-log layout")]
    NoLayout(ProtocolVersionId),
    /// The DA bytes do not decode for this version.
    #[error("DA input: {0}")]
    Da(#[from] PubdataError),
    /// Before the Gateway upgrade the state-diff hash is a system log, and it is missing.
    #[error("no state-diff hash system log")]
    MissingStateDiffHash,
    /// The meta parameters are for another protocol version than the batch.
    #[error("meta parameters are for {meta}, the batch is {batch}")]
    VersionMismatch {
        /// Version of the meta parameters.
        meta: ProtocolVersionId,
        /// Version the batch is read as.
        batch: ProtocolVersionId,
    },
}

/// The fields of a Boojum-or-later committed batch that the commitment depends on.
#[derive(Clone, Copy, Debug)]
pub struct CommittedBatch<'a> {
    /// `indexRepeatedStorageChanges`.
    pub index_repeated_storage_changes: u64,
    /// `newStateRoot`.
    pub new_state_root: B256,
    /// The packed system logs.
    pub system_logs: &'a [u8],
    /// `bootloaderHeapInitialContentsHash`.
    pub bootloader_heap_initial_contents_hash: B256,
    /// `eventsQueueStateHash`.
    pub events_queue_state_hash: B256,
    /// The DA bytes: `pubdataCommitments` (≤ v25) or `operatorDAInput` (v26+).
    pub da_input: &'a [u8],
}

impl<'a> From<&'a CommitBatchInfoLegacy> for CommittedBatch<'a> {
    fn from(batch: &'a CommitBatchInfoLegacy) -> Self {
        Self {
            index_repeated_storage_changes: batch.indexRepeatedStorageChanges,
            new_state_root: batch.newStateRoot,
            system_logs: &batch.systemLogs,
            bootloader_heap_initial_contents_hash: batch.bootloaderHeapInitialContentsHash,
            events_queue_state_hash: batch.eventsQueueStateHash,
            da_input: &batch.pubdataCommitments,
        }
    }
}

impl<'a> From<&'a CommitBatchInfo> for CommittedBatch<'a> {
    fn from(batch: &'a CommitBatchInfo) -> Self {
        Self {
            index_repeated_storage_changes: batch.indexRepeatedStorageChanges,
            new_state_root: batch.newStateRoot,
            system_logs: &batch.systemLogs,
            bootloader_heap_initial_contents_hash: batch.bootloaderHeapInitialContentsHash,
            events_queue_state_hash: batch.eventsQueueStateHash,
            da_input: &batch.operatorDAInput,
        }
    }
}

/// The commitment of a committed Boojum-or-later batch of `meta.protocol_version`.
///
/// Blob commitments are taken as L1 forms them: the 32 bytes after calldata pubdata, a
/// prepublished commitment, or `keccak(versioned hash ‖ opening point ‖ claimed value)` of a KZG
/// opening, the versioned hash following from the opening's KZG commitment (EIP-4844).
pub fn commitment_from_commit(
    batch: CommittedBatch<'_>,
    meta: &MetaParameters,
) -> Result<BatchCommitment, FromCommitError> {
    let version = meta.protocol_version;
    let layout =
        SystemLogLayout::for_version(version).map_err(|_| FromCommitError::NoLayout(version))?;
    let logs = L2ToL1Log::decode_many(batch.system_logs)?;
    let log_value = |key: SystemLogKey, sender| {
        let number = layout.number_of(key)?;
        logs.iter()
            .find(|log| log.sender == sender && log.key == B256::with_last_byte(number))
            .map(|log| log.value)
    };
    let da = decode_commit_da_input(batch.da_input, version)?;
    let slots = blobs_in_commitment(version);
    let mut blobs = vec![BlobHash::default(); slots];
    let state_diffs_hash = if let Some(header) = &da.header {
        for (slot, hash) in blobs.iter_mut().zip(&header.blob_linear_hashes) {
            slot.linear_hash = *hash;
        }
        header.state_diff_hash
    } else if version.is_pre_gateway() {
        for (i, slot) in blobs.iter_mut().enumerate().take(layout.blob_count()) {
            let key = SystemLogKey::BlobHash(i as u8);
            slot.linear_hash = log_value(key, PUBDATA_CHUNK_PUBLISHER_ADDRESS).unwrap_or_default();
        }
        log_value(SystemLogKey::StateDiffHash, L1_MESSENGER_ADDRESS)
            .ok_or(FromCommitError::MissingStateDiffHash)?
    } else {
        // A v26+ validium: its DA input is the state-diff hash itself.
        batch
            .da_input
            .get(..32)
            .map(B256::from_slice)
            .ok_or(FromCommitError::MissingStateDiffHash)?
    };
    let commitments: Vec<B256> = match &da.payload {
        DaPayload::NotPublished => Vec::new(),
        DaPayload::Calldata { blob_commitments, .. } => blob_commitments.clone(),
        DaPayload::Blobs(entries) => entries
            .iter()
            .map(|entry| {
                entry.prepublished_commitment.unwrap_or_else(|| {
                    entry.opening.blob_commitment(kzg_to_versioned_hash(&entry.opening.commitment))
                })
            })
            .collect(),
    };
    for (slot, commitment) in blobs.iter_mut().zip(commitments) {
        slot.commitment = commitment;
    }
    Ok(BatchCommitment {
        pass_through_data: PassThroughData {
            index_repeated_storage_changes: batch.index_repeated_storage_changes,
            new_state_root: batch.new_state_root,
        },
        meta_parameters: *meta,
        auxiliary_output: AuxiliaryOutput::PostBoojum(PostBoojumAuxOutput {
            // Not hashed: L1 takes the log root from the system logs.
            l2_l1_logs_merkle_root: B256::ZERO,
            local_root: B256::ZERO,
            aggregation_root: B256::ZERO,
            system_logs_linear_hash: keccak256(batch.system_logs),
            state_diffs_hash,
            aux_commitments: AuxCommitments {
                events_queue_commitment: batch.events_queue_state_hash,
                bootloader_initial_content_commitment: batch.bootloader_heap_initial_contents_hash,
            },
            blob_hashes: blobs,
        }),
    })
}

/// The commitment of a committed pre-Boojum block: its auxiliary output hashes the block's own
/// counted fields (`l2Logs`, `initialStorageChanges`, `repeatedStorageChanges`) and its log root.
pub fn pre_boojum_commitment(
    block: &CommitBlockInfo,
    meta: &MetaParameters,
) -> Result<BatchCommitment, FromCommitError> {
    if !meta.protocol_version.is_pre_boojum() {
        return Err(FromCommitError::VersionMismatch {
            meta: meta.protocol_version,
            batch: ProtocolVersionId::new(17).unwrap_or(ProtocolVersionId::BOOJUM),
        });
    }
    Ok(BatchCommitment {
        pass_through_data: PassThroughData {
            index_repeated_storage_changes: block.indexRepeatedStorageChanges,
            new_state_root: block.newStateRoot,
        },
        meta_parameters: *meta,
        auxiliary_output: AuxiliaryOutput::PreBoojum(PreBoojumAuxOutput {
            l2_l1_logs_merkle_root: block.l2LogsTreeRoot,
            l2_l1_logs_linear_hash: keccak256(&block.l2Logs),
            initial_writes_hash: keccak256(&block.initialStorageChanges),
            repeated_writes_hash: keccak256(&block.repeatedStorageChanges),
        }),
    })
}
