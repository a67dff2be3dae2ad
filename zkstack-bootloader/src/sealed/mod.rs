//! A sealed batch: what the L1 commitment of an executed batch is computed from.
//!
//! [`SealedBatch::seal`] takes a [`FinishedBatch`] and the state tree as it was before the
//! batch: it re-derives the state-diff records with enumeration indices from the tree (and
//! refuses a batch whose executed pubdata used other indices, since L1 would then see a
//! different state diff than the tree commits to), applies the writes to get the new state
//! root and the next enumeration index, and computes the L2→L1 log tree root of the user logs.
//! [`SealedBatch::commitment_input`] turns it into zkstack-l1's [`CommitmentInput`], adding what
//! execution does not produce (the prover's events-queue and bootloader-heap commitments, the
//! blobs' KZG commitments and the aggregation root of settled chains).
//!
//! zksync-era reference: `L1BatchWithLogs`/`L1BatchCommitmentArtifacts` built by the metadata
//! calculator and the commitment generator from `FinishedL1Batch` (core/node/commitment_generator,
//! core/lib/types/src/commitment).

mod error;

pub use error::SealError;

use alloy_primitives::{B256, Bytes};

use crate::executor::FinishedBatch;
use crate::l1::commitment::{
    AuxCommitments, BlobHash, CommitmentCommonInput, CommitmentError, CommitmentHashes,
    CommitmentInput, batch_commitment,
};
use crate::l1::log_tree::{LogTree, batch_logs_root, tree_size};
use crate::l1::pubdata::StateDiffRecord;
use crate::l1::{L2ToL1Log, ProtocolVersionId};
use crate::pubdata_builder::{StorageChange, state_diff_records_from_tree, tree_writes};
use crate::state_tree::{StateTree, TreeStore};
use crate::system::BaseSystemContracts;

/// Everything the L1 commitment of a batch needs, from its execution and the state tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedBatch {
    /// The protocol version the batch ran under.
    pub protocol_version: ProtocolVersionId,
    /// State-diff records, sorted by `(address, slot)`, enumeration indices from the tree
    /// before the batch (0 for initial writes).
    pub state_diffs: Vec<StateDiffRecord>,
    /// The state root after the batch.
    pub new_state_root: B256,
    /// The enumeration index the next new slot gets (zksync-era `rollup_last_leaf_index`).
    pub rollup_last_leaf_index: u64,
    /// User L2→L1 logs (the L1Messenger's), in order.
    pub user_logs: Vec<L2ToL1Log>,
    /// System logs (every `log.to_l1` of the batch).
    pub system_logs: Vec<L2ToL1Log>,
    /// Root of the user logs' Merkle tree (the local root).
    pub l2_to_l1_logs_local_root: B256,
    /// Long L2→L1 messages.
    pub messages: Vec<Bytes>,
    /// Bytecodes published in full.
    pub published_bytecodes: Vec<Bytes>,
    /// The operator input the L1Messenger received.
    pub operator_da_input: Bytes,
    /// The pubdata for the settlement layer.
    pub pubdata: Bytes,
    /// Bootloader code hash.
    pub bootloader_code_hash: B256,
    /// Default account code hash.
    pub default_aa_code_hash: B256,
    /// EVM emulator code hash, if the chain has one.
    pub evm_emulator_code_hash: Option<B256>,
}

impl SealedBatch {
    /// Seals `finished` over `tree` (the state before the batch), advancing the tree by one
    /// version.
    ///
    /// # Errors
    /// [`SealError::Tree`] on a tree failure; [`SealError::EnumerationMismatch`] when the
    /// executed state diffs carry indices (or values) other than the tree's.
    pub fn seal<S: TreeStore>(
        finished: &FinishedBatch,
        tree: &mut StateTree<S>,
        contracts: &BaseSystemContracts,
    ) -> Result<Self, SealError> {
        let version = ProtocolVersionId::GATEWAY;
        let changes = finished.outputs.storage_writes.iter().map(|w| StorageChange {
            address: w.address,
            key: w.key,
            initial_value: w.previous,
            final_value: w.value,
        });
        let state_diffs = state_diff_records_from_tree(changes, tree)?;
        if state_diffs != finished.pubdata_input.state_diffs {
            let first = state_diffs
                .iter()
                .zip(&finished.pubdata_input.state_diffs)
                .position(|(a, b)| a != b)
                .unwrap_or(state_diffs.len().min(finished.pubdata_input.state_diffs.len()));
            return Err(SealError::EnumerationMismatch {
                index: first,
                tree: state_diffs.len(),
                executed: finished.pubdata_input.state_diffs.len(),
            });
        }
        let output = tree.apply_batch(&tree_writes(&state_diffs))?;
        let user_logs = finished.pubdata_input.user_logs.clone();
        let leaves = user_logs.iter().map(L2ToL1Log::hash).collect();
        let l2_to_l1_logs_local_root = LogTree::new(leaves, tree_size(version))
            .map_err(|e| SealError::Logs(e.to_string()))?
            .root();
        Ok(SealedBatch {
            protocol_version: version,
            state_diffs,
            new_state_root: output.root_hash,
            rollup_last_leaf_index: output.next_enumeration_index(),
            user_logs,
            system_logs: finished.system_logs.clone(),
            l2_to_l1_logs_local_root,
            messages: finished.pubdata_input.messages.clone(),
            published_bytecodes: finished.pubdata_input.bytecodes.clone(),
            operator_da_input: finished.operator_input.clone(),
            pubdata: finished.settlement_layer_pubdata.clone(),
            bootloader_code_hash: contracts.bootloader.hash,
            default_aa_code_hash: contracts.default_aa.hash,
            evm_emulator_code_hash: contracts.evm_emulator.as_ref().map(|c| c.hash),
        })
    }

    /// The `l2LogsTreeRoot` committed to: `keccak(local root ‖ aggregation root)` from v26.
    pub fn l2_to_l1_logs_root(&self, aggregation_root: B256) -> B256 {
        batch_logs_root(self.protocol_version, self.l2_to_l1_logs_local_root, aggregation_root)
    }

    /// zkstack-l1's commitment input for this batch. `aux` (events-queue and bootloader-heap
    /// commitments, computed by the prover's witness generator) and `blob_hashes` (linear
    /// hashes and KZG commitments, 16 pairs from v26, zero pairs for unused blobs) and
    /// `aggregation_root` (the chains settling on this one) come from outside execution.
    pub fn commitment_input(
        &self,
        aux: AuxCommitments,
        blob_hashes: Vec<BlobHash>,
        aggregation_root: B256,
    ) -> CommitmentInput {
        CommitmentInput::PostBoojum {
            common: CommitmentCommonInput {
                l2_to_l1_logs: self.user_logs.clone(),
                rollup_last_leaf_index: self.rollup_last_leaf_index,
                rollup_root_hash: self.new_state_root,
                bootloader_code_hash: self.bootloader_code_hash,
                default_aa_code_hash: self.default_aa_code_hash,
                evm_emulator_code_hash: self.evm_emulator_code_hash,
                protocol_version: self.protocol_version,
            },
            system_logs: self.system_logs.clone(),
            state_diffs: self.state_diffs.clone(),
            aux_commitments: aux,
            blob_hashes,
            aggregation_root,
        }
    }

    /// The batch commitment (`zkstack_l1::commitment::batch_commitment` of
    /// [`SealedBatch::commitment_input`]).
    ///
    /// # Errors
    /// [`CommitmentError`] when the blob count does not fit the version.
    pub fn commitment(
        &self,
        aux: AuxCommitments,
        blob_hashes: Vec<BlobHash>,
        aggregation_root: B256,
    ) -> Result<CommitmentHashes, CommitmentError> {
        batch_commitment(&self.commitment_input(aux, blob_hashes, aggregation_root))
    }
}
