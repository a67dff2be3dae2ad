//! What a batch commitment is computed from.
//!
//! The serde shape is the `input` part of zksync-era's commitment test vectors
//! (`core/lib/types/src/commitment/tests/*.json`), so such a file's `input` can be read directly:
//! an externally tagged `{"PreBoojum": {...}}` or `{"PostBoojum": {...}}`, protocol versions as
//! `"VersionN"` (a bare number is accepted too).

use alloy_primitives::B256;

use super::writes::{InitialStorageWrite, RepeatedStorageWrite};
use crate::pubdata::StateDiffRecord;
use crate::{L2ToL1Log, ProtocolVersionId};

/// Inputs shared by every generation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CommitmentCommonInput {
    /// The batch's user L2→L1 logs (not the system logs), leaves of the log Merkle tree.
    pub l2_to_l1_logs: Vec<L2ToL1Log>,
    /// Index repeated storage changes: the last enumeration index of the state tree.
    pub rollup_last_leaf_index: u64,
    /// Root of the state tree after the batch (`newStateRoot`).
    pub rollup_root_hash: B256,
    /// Bytecode hash of the bootloader.
    pub bootloader_code_hash: B256,
    /// Bytecode hash of the default account.
    pub default_aa_code_hash: B256,
    /// Bytecode hash of the EVM emulator, if the chain has one.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub evm_emulator_code_hash: Option<B256>,
    /// Protocol version of the batch; selects every layout below.
    #[cfg_attr(feature = "serde", serde(with = "super::version_serde"))]
    pub protocol_version: ProtocolVersionId,
}

/// The two commitments the circuits make to the batch's execution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxCommitments {
    /// Commitment to the final state of the events queue.
    pub events_queue_commitment: B256,
    /// Commitment to the bootloader's initial heap (i.e. to the batch's transactions).
    pub bootloader_initial_content_commitment: B256,
}

/// One blob's part of the auxiliary output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BlobHash {
    /// keccak(versioned hash ‖ opening point ‖ evaluation), zero when the blob is unused.
    pub commitment: B256,
    /// Linear hash of the blob's content, zero when the blob is unused.
    pub linear_hash: B256,
}

/// Everything the batch commitment depends on, per generation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CommitmentInput {
    /// Protocol versions before Boojum (≤ 17).
    PreBoojum {
        /// Shared inputs.
        common: CommitmentCommonInput,
        /// First writes of the batch.
        initial_writes: Vec<InitialStorageWrite>,
        /// Repeated writes of the batch.
        repeated_writes: Vec<RepeatedStorageWrite>,
    },
    /// Boojum and later (≥ 18).
    PostBoojum {
        /// Shared inputs.
        common: CommitmentCommonInput,
        /// The batch's system logs, in the order sent to L1.
        system_logs: Vec<L2ToL1Log>,
        /// The batch's state diffs, in the order the state-diff hash takes them.
        state_diffs: Vec<StateDiffRecord>,
        /// Events queue and bootloader heap commitments.
        aux_commitments: AuxCommitments,
        /// One entry per blob the version commits to (0, 2 or 16).
        blob_hashes: Vec<BlobHash>,
        /// Root of the aggregated logs of chains settling on this one (post-Gateway; zero before).
        aggregation_root: B256,
    },
}

impl CommitmentInput {
    /// The inputs every generation has.
    pub fn common(&self) -> &CommitmentCommonInput {
        match self {
            Self::PreBoojum { common, .. } | Self::PostBoojum { common, .. } => common,
        }
    }
}

/// Number of (linear hash, commitment) blob pairs in a version's auxiliary output
/// (zksync-era `num_blobs_required`): none before VM 1.4.1, 2 up to VM 1.5.0, 16 from it.
pub const fn blobs_in_commitment(version: ProtocolVersionId) -> usize {
    if version.is_pre_1_4_1() {
        0
    } else if version.is_pre_1_5_0() {
        2
    } else {
        16
    }
}
