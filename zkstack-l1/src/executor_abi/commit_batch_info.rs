//! Field accessors of the committed batch data, in the names a pubdata decoder uses.

use alloy_primitives::{B256, U256};

use super::sol::{CommitBatchInfo, CommitBatchInfoLegacy};
use crate::l2_to_l1_log::{L2ToL1Log, LogLengthError};

macro_rules! commit_batch_accessors {
    ($ty:ty, $da_field:ident) => {
        impl $ty {
            /// Batch number.
            pub fn batch_number(&self) -> u64 {
                self.batchNumber
            }

            /// Batch timestamp.
            pub fn timestamp(&self) -> u64 {
                self.timestamp
            }

            /// Enumeration index of the last leaf written by the batch.
            pub fn index_repeated_storage_changes(&self) -> u64 {
                self.indexRepeatedStorageChanges
            }

            /// Root of the state tree after the batch.
            pub fn new_state_root(&self) -> B256 {
                self.newStateRoot
            }

            /// Number of L1→L2 priority transactions in the batch.
            pub fn number_of_l1_txs(&self) -> U256 {
                self.numberOfLayer1Txs
            }

            /// Rolling hash of the batch's priority operations.
            pub fn priority_operations_hash(&self) -> B256 {
                self.priorityOperationsHash
            }

            /// Hash of the bootloader's initial heap.
            pub fn bootloader_heap_initial_contents_hash(&self) -> B256 {
                self.bootloaderHeapInitialContentsHash
            }

            /// Hash of the events queue state.
            pub fn events_queue_state_hash(&self) -> B256 {
                self.eventsQueueStateHash
            }

            /// The raw concatenated 88-byte system logs.
            pub fn system_logs(&self) -> &[u8] {
                &self.systemLogs
            }

            /// The system logs, parsed.
            pub fn decode_system_logs(&self) -> Result<Vec<L2ToL1Log>, LogLengthError> {
                L2ToL1Log::decode_many(&self.systemLogs)
            }

            /// The raw DA bytes of the batch, whatever the generation calls them
            /// (`pubdataCommitments` up to v25, `operatorDAInput` from v26).
            pub fn da_input(&self) -> &[u8] {
                &self.$da_field
            }
        }
    };
}

commit_batch_accessors!(CommitBatchInfoLegacy, pubdataCommitments);
commit_batch_accessors!(CommitBatchInfo, operatorDAInput);

impl CommitBatchInfoLegacy {
    /// The raw `pubdataCommitments` (v18–v20: `totalL2ToL1Pubdata`): pubdata source byte, then the
    /// pubdata or its blob commitments.
    pub fn pubdata_commitments(&self) -> &[u8] {
        &self.pubdataCommitments
    }
}

impl CommitBatchInfo {
    /// The raw `operatorDAInput`: the L2 DA validator output preimage, pubdata source, then data.
    pub fn operator_da_input(&self) -> &[u8] {
        &self.operatorDAInput
    }
}
