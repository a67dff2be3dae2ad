//! The batch commitment: what the prover proves and the Executor checks a batch against.
//!
//! `commitment = keccak(passThroughHash ‖ metaParametersHash ‖ auxiliaryOutputHash)`, each part
//! laid out per protocol generation exactly as zksync-era `core/lib/types/src/commitment/mod.rs`
//! computes it (and, for Boojum batches, as Executor.sol `_createBatchCommitment` does):
//!
//! - [`PassThroughData`]: index repeated storage changes and the new state root (plus the zero
//!   zkPorter shard).
//! - [`MetaParameters`]: zkPorter flag, bootloader and default account hashes, and from VM 1.5.0
//!   the EVM emulator hash.
//! - [`AuxiliaryOutput`]: pre-Boojum, the log root and linear hashes of logs and writes; from
//!   Boojum, the system logs hash, state-diff hash, bootloader heap and events queue commitments and
//!   2 or 16 blob pairs. From Gateway the L2 DA validator's output reaches L1 through a system log
//!   (see [`crate::system_logs`]); the L1 DA validator hands back the state-diff hash and blob
//!   hashes that fill the same layout, and the stored log root becomes keccak(local ‖ aggregation).
//!
//! [`CommitmentInput`] reads the `input` part of zksync-era's commitment test vectors as is.

mod aux_output;
mod batch;
mod error;
mod from_commit;
mod input;
mod meta;
mod pass_through;
#[cfg(feature = "serde")]
mod version_serde;
mod writes;

/// The Boojum state-diff record and its hash live with the pubdata format.
pub use crate::pubdata::{StateDiffRecord, state_diffs_hash};
pub use aux_output::{
    AuxiliaryOutput, PostBoojumAuxOutput, PreBoojumAuxOutput, pre_boojum_counted_bytes,
    system_logs_linear_hash,
};
pub use batch::{BatchCommitment, CommitmentHashes, ZKPORTER_IS_AVAILABLE, batch_commitment};
pub use error::CommitmentError;
pub use from_commit::{
    CommittedBatch, FromCommitError, commitment_from_commit, pre_boojum_commitment,
};
pub use input::{
    AuxCommitments, BlobHash, CommitmentCommonInput, CommitmentInput, blobs_in_commitment,
};
pub use meta::MetaParameters;
pub use pass_through::PassThroughData;
pub use writes::{
    CountedBytesError, InitialStorageWrite, RepeatedStorageWrite, decode_counted_bytes,
};
