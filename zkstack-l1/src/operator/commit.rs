//! The commit data of a batch: `CommitBatchInfo`, commitment and `StoredBatchInfo`.

use alloy_primitives::{B256, Bytes, U256};

use super::outputs::supported_layout;
use super::{BatchOutputs, OperatorError};
use crate::L2ToL1Log;
use crate::commitment::CommitmentHashes;
use crate::executor_abi::{CommitBatchInfo, StoredBatchInfo};
use crate::executor_model::{
    ChainConfig, L1DaValidatorOutput, TOTAL_BLOBS_IN_COMMITMENT, create_batch_commitment,
};
use crate::pubdata::BLOB_SIZE_BYTES;
use crate::pubdata::commit::encode_rollup_calldata_da_input;

/// How the batch's data is made available, which decides the L2 DA validator's output, the
/// `operatorDAInput` and the blob part of the commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DaMode {
    /// A rollup publishing its pubdata in calldata (zksync-era `PubdataSendingMode::Calldata`,
    /// `RollupL1DAValidator` on L1): `operatorDAInput` is the DA header, source byte 0, the pubdata
    /// and the blob commitment. The pubdata must fit one blob.
    RollupCalldata {
        /// Commitment to the pubdata as one blob: `keccak256(versioned hash ‖ opening point ‖
        /// value)` of its KZG opening (zksync-era `KzgInfo::to_blob_commitment`), which the
        /// circuits check. This crate has no KZG, so the caller supplies it; L1 rejects zero.
        blob_commitment: B256,
    },
    /// A validium without DA (`ValidiumL2DAValidator` outputs zero, `ValidiumL1DAValidator`
    /// takes the state-diff hash as the whole `operatorDAInput`; every blob slot is zero).
    Validium,
}

/// What the operator sends to L1 for a batch, and what L1 will store for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitData {
    /// The system logs, in the order they are packed into `commit_info.systemLogs`.
    pub system_logs: Vec<L2ToL1Log>,
    /// `operatorDAInput` (also in `commit_info`).
    pub operator_da_input: Bytes,
    /// The batch as `commitBatchesSharedBridge` takes it.
    pub commit_info: CommitBatchInfo,
    /// What the chain's L1 DA validator returns for `operator_da_input`.
    pub da_output: L1DaValidatorOutput,
    /// The batch commitment and its parts, as the Executor computes them on commit.
    pub commitment: CommitmentHashes,
    /// What L1 stores for the batch (`storedBatchHashes[number]` is its hash); the
    /// `prevBatch` of the next commit and the input of prove and execute.
    pub stored_batch_info: StoredBatchInfo,
}

impl DaMode {
    /// `operatorDAInput` and the L1 DA validator's output for `batch`.
    fn input_and_output(
        self,
        batch: &BatchOutputs,
    ) -> Result<(Vec<u8>, L1DaValidatorOutput), OperatorError> {
        let state_diff_hash = batch.state_diff_hash();
        let mut output = L1DaValidatorOutput {
            state_diff_hash,
            blobs_linear_hashes: vec![B256::ZERO; TOTAL_BLOBS_IN_COMMITMENT],
            blobs_opening_commitments: vec![B256::ZERO; TOTAL_BLOBS_IN_COMMITMENT],
        };
        match self {
            Self::RollupCalldata { blob_commitment } => {
                let pubdata = batch.pubdata()?;
                if pubdata.len() > BLOB_SIZE_BYTES {
                    return Err(OperatorError::CalldataPubdataTooLong {
                        len: pubdata.len(),
                        max: BLOB_SIZE_BYTES,
                    });
                }
                let input =
                    encode_rollup_calldata_da_input(state_diff_hash, &pubdata, blob_commitment)?;
                let header = batch.rollup_da_header()?;
                for (slot, linear) in
                    output.blobs_linear_hashes.iter_mut().zip(header.blob_linear_hashes.iter())
                {
                    *slot = *linear;
                }
                output.blobs_opening_commitments[0] = blob_commitment;
                Ok((input, output))
            }
            Self::Validium => Ok((state_diff_hash.to_vec(), output)),
        }
    }
}

impl BatchOutputs {
    /// The commit data of this batch on `chain` with `da`: the system logs
    /// ([`Self::system_logs`]), `operatorDAInput`, the `CommitBatchInfo`, the commitment as the
    /// Executor computes it ([`create_batch_commitment`] over the DA validator's output and the
    /// chain's meta parameters) and the `StoredBatchInfo` L1 stores on commit.
    ///
    /// Errors: a protocol version before 26, a v29 value given to a v26–28 batch, pubdata that
    /// does not fit calldata or cannot be encoded, too many user logs, too many system-log bytes.
    pub fn commit_data(
        &self,
        chain: &ChainConfig,
        da: &DaMode,
    ) -> Result<CommitData, OperatorError> {
        let version = chain.protocol_version;
        supported_layout(version)?;
        let system_logs = self.system_logs(chain, da)?;
        let (operator_da_input, da_output) = da.input_and_output(self)?;
        let operator_da_input = Bytes::from(operator_da_input);
        let number_of_layer1_txs = U256::from(self.priority_tx_hashes.len());
        let priority_operations_hash = self.priority_operations_hash();
        let commit_info = CommitBatchInfo {
            batchNumber: self.number,
            timestamp: self.timestamp,
            indexRepeatedStorageChanges: self.index_repeated_storage_changes,
            newStateRoot: self.new_state_root,
            numberOfLayer1Txs: number_of_layer1_txs,
            priorityOperationsHash: priority_operations_hash,
            bootloaderHeapInitialContentsHash: self.bootloader_heap_hash,
            eventsQueueStateHash: self.events_queue_hash,
            systemLogs: system_logs
                .iter()
                .flat_map(L2ToL1Log::to_bytes)
                .collect::<Vec<u8>>()
                .into(),
            operatorDAInput: operator_da_input.clone(),
        };
        let commitment =
            create_batch_commitment(&commit_info, &da_output, &chain.meta_parameters())?;
        let stored_batch_info = StoredBatchInfo {
            batchNumber: self.number,
            batchHash: self.new_state_root,
            indexRepeatedStorageChanges: self.index_repeated_storage_changes,
            numberOfLayer1Txs: number_of_layer1_txs,
            priorityOperationsHash: priority_operations_hash,
            dependencyRootsRollingHash: self.message_root_rolling_hash,
            l2LogsTreeRoot: self.l2_logs_root(version)?,
            timestamp: U256::from(self.timestamp),
            commitment: commitment.commitment,
        };
        Ok(CommitData {
            system_logs,
            operator_da_input,
            commit_info,
            da_output,
            commitment,
            stored_batch_info,
        })
    }
}
