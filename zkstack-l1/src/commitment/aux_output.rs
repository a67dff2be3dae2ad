//! The auxiliary output: what the batch did (logs, state changes, blobs), per generation.
//!
//! Computed as zksync-era `L1BatchAuxiliaryOutput::new` / `to_bytes` do, which for Boojum batches
//! is the preimage Executor.sol `_batchAuxiliaryOutput` hashes.

use alloy_primitives::{B256, Keccak256};

use super::input::{AuxCommitments, BlobHash, CommitmentInput, blobs_in_commitment};
use super::writes::{InitialStorageWrite, RepeatedStorageWrite};
use super::{CommitmentCommonInput, CommitmentError};
use crate::log_tree::{LogTree, batch_logs_root};
use crate::pubdata::state_diffs_hash;
use crate::{L2ToL1Log, ProtocolVersionId};

/// Auxiliary output of a pre-Boojum batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PreBoojumAuxOutput {
    /// Root of the L2→L1 log tree (512 leaves).
    pub l2_l1_logs_merkle_root: B256,
    /// keccak(u32 count ‖ packed logs).
    pub l2_l1_logs_linear_hash: B256,
    /// keccak(u32 count ‖ initial writes).
    pub initial_writes_hash: B256,
    /// keccak(u32 count ‖ repeated writes).
    pub repeated_writes_hash: B256,
}

/// Auxiliary output of a Boojum (or later) batch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PostBoojumAuxOutput {
    /// The L2→L1 log root L1 stores: the local root before Gateway, keccak(local root ‖
    /// aggregation root) from it. Not part of the hashed preimage (a system log carries it).
    pub l2_l1_logs_merkle_root: B256,
    /// Root of the tree over this batch's own user logs.
    pub local_root: B256,
    /// Root over chains settling on this one (zero before Gateway).
    pub aggregation_root: B256,
    /// keccak of the concatenated packed system logs.
    pub system_logs_linear_hash: B256,
    /// keccak of the concatenated 272-byte padded state-diff records.
    pub state_diffs_hash: B256,
    /// Events queue and bootloader heap commitments.
    pub aux_commitments: AuxCommitments,
    /// Blob pairs, as many as the version commits to.
    pub blob_hashes: Vec<BlobHash>,
}

/// The auxiliary output of either generation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AuxiliaryOutput {
    /// Pre-Boojum layout.
    PreBoojum(PreBoojumAuxOutput),
    /// Boojum layout.
    PostBoojum(PostBoojumAuxOutput),
}

impl AuxiliaryOutput {
    /// Computes the auxiliary output; checks that the input variant and blob count fit the version.
    pub fn new(input: &CommitmentInput) -> Result<Self, CommitmentError> {
        match input {
            CommitmentInput::PreBoojum { common, initial_writes, repeated_writes } => {
                pre_boojum(common, initial_writes, repeated_writes).map(Self::PreBoojum)
            }
            CommitmentInput::PostBoojum {
                common,
                system_logs,
                state_diffs,
                aux_commitments,
                blob_hashes,
                aggregation_root,
            } => {
                let version = common.protocol_version;
                if version.is_pre_boojum() {
                    return Err(CommitmentError::WrongInputKind { kind: "post-Boojum", version });
                }
                let expected = blobs_in_commitment(version);
                if blob_hashes.len() != expected {
                    return Err(CommitmentError::BlobCountMismatch {
                        version,
                        expected,
                        actual: blob_hashes.len(),
                    });
                }
                let local_root = logs_root(&common.l2_to_l1_logs, version)?;
                let l2_l1_logs_merkle_root =
                    batch_logs_root(version, local_root, *aggregation_root);
                Ok(Self::PostBoojum(PostBoojumAuxOutput {
                    l2_l1_logs_merkle_root,
                    local_root,
                    aggregation_root: *aggregation_root,
                    system_logs_linear_hash: system_logs_linear_hash(system_logs),
                    state_diffs_hash: state_diffs_hash(state_diffs),
                    aux_commitments: *aux_commitments,
                    blob_hashes: blob_hashes.clone(),
                }))
            }
        }
    }

    /// The hashed preimage. Pre-Boojum: log root ‖ log linear hash ‖ initial writes hash ‖
    /// repeated writes hash. Boojum: system logs hash ‖ state-diff hash ‖ bootloader heap
    /// commitment ‖ events queue commitment ‖ (blob linear hash ‖ blob commitment) per blob.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Self::PreBoojum(out) => [
                out.l2_l1_logs_merkle_root,
                out.l2_l1_logs_linear_hash,
                out.initial_writes_hash,
                out.repeated_writes_hash,
            ]
            .concat(),
            Self::PostBoojum(out) => {
                let mut bytes = Vec::with_capacity(32 * (4 + 2 * out.blob_hashes.len()));
                bytes.extend_from_slice(out.system_logs_linear_hash.as_slice());
                bytes.extend_from_slice(out.state_diffs_hash.as_slice());
                bytes.extend_from_slice(
                    out.aux_commitments.bootloader_initial_content_commitment.as_slice(),
                );
                bytes.extend_from_slice(out.aux_commitments.events_queue_commitment.as_slice());
                for blob in &out.blob_hashes {
                    bytes.extend_from_slice(blob.linear_hash.as_slice());
                    bytes.extend_from_slice(blob.commitment.as_slice());
                }
                bytes
            }
        }
    }

    /// keccak of [`Self::to_bytes`].
    pub fn hash(&self) -> B256 {
        alloy_primitives::keccak256(self.to_bytes())
    }

    /// The L2→L1 log root L1 stores for the batch.
    pub fn l2_l1_logs_merkle_root(&self) -> B256 {
        match self {
            Self::PreBoojum(out) => out.l2_l1_logs_merkle_root,
            Self::PostBoojum(out) => out.l2_l1_logs_merkle_root,
        }
    }
}

fn pre_boojum(
    common: &CommitmentCommonInput,
    initial_writes: &[InitialStorageWrite],
    repeated_writes: &[RepeatedStorageWrite],
) -> Result<PreBoojumAuxOutput, CommitmentError> {
    let version = common.protocol_version;
    if !version.is_pre_boojum() {
        return Err(CommitmentError::WrongInputKind { kind: "pre-Boojum", version });
    }
    let logs = &common.l2_to_l1_logs;
    Ok(PreBoojumAuxOutput {
        l2_l1_logs_merkle_root: logs_root(logs, version)?,
        l2_l1_logs_linear_hash: counted_hash("L2→L1 logs", logs.iter().map(L2ToL1Log::to_bytes))?,
        initial_writes_hash: counted_hash(
            "initial writes",
            initial_writes.iter().map(InitialStorageWrite::to_commitment_bytes),
        )?,
        repeated_writes_hash: counted_hash(
            "repeated writes",
            repeated_writes.iter().map(RepeatedStorageWrite::to_commitment_bytes),
        )?,
    })
}

/// The pre-Boojum list encoding: a 4-byte big-endian count, then the items back to back
/// (zksync-era `pre_boojum_serialize_commitments`).
pub fn pre_boojum_counted_bytes<const N: usize>(
    what: &'static str,
    items: impl ExactSizeIterator<Item = [u8; N]>,
) -> Result<Vec<u8>, CommitmentError> {
    let len = items.len();
    let count = u32::try_from(len).map_err(|_| CommitmentError::TooManyItems { what, len })?;
    let mut out = Vec::with_capacity(4 + len * N);
    out.extend_from_slice(&count.to_be_bytes());
    items.for_each(|item| out.extend_from_slice(&item));
    Ok(out)
}

/// keccak of [`pre_boojum_counted_bytes`], streamed.
fn counted_hash<const N: usize>(
    what: &'static str,
    items: impl ExactSizeIterator<Item = [u8; N]>,
) -> Result<B256, CommitmentError> {
    let len = items.len();
    let count = u32::try_from(len).map_err(|_| CommitmentError::TooManyItems { what, len })?;
    let mut hasher = Keccak256::new();
    hasher.update(count.to_be_bytes());
    items.for_each(|item| hasher.update(item));
    Ok(hasher.finalize())
}

/// keccak of the concatenated packed system logs (Executor.sol `keccak256(_batch.systemLogs)`).
pub fn system_logs_linear_hash(logs: &[L2ToL1Log]) -> B256 {
    let mut hasher = Keccak256::new();
    for log in logs {
        hasher.update(log.to_bytes());
    }
    hasher.finalize()
}

/// Root of the batch's L2→L1 log tree, sized for `version`.
fn logs_root(logs: &[L2ToL1Log], version: ProtocolVersionId) -> Result<B256, CommitmentError> {
    LogTree::from_logs(logs, version)
        .map(|tree| tree.root())
        .map_err(|_| CommitmentError::TooManyLogs { len: logs.len() })
}
