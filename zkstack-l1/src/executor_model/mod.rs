//! An in-process model of what L1 does with one ZK chain: the Executor facet (commit, prove,
//! execute, revert, precommit) and the Mailbox's request path, behaving like era-contracts `main`
//! (v29.4) `state-transition/chain-deps/facets/Executor.sol` and `Mailbox.sol`.
//!
//! [`L1Executor`] holds the chain's Executor storage. Its calls perform the facet's checks in the
//! facet's order and return a typed error naming the failed check ([`ExecutorError`]), leaving the
//! state untouched, or the events emitted ([`ExecutorEvent`]). Calls come typed
//! ([`L1Executor::commit`], [`L1Executor::prove`], [`L1Executor::execute`],
//! [`L1Executor::revert_batches`], [`L1Executor::precommit`]) or as raw calldata
//! ([`L1Executor::apply_calldata`]).
//!
//! Everything consensus-relevant is reused from the rest of the crate: the system-log checks
//! ([`crate::system_logs`]), the batch commitment ([`crate::commitment`]), the proof public input
//! ([`crate::public_input`]), the DA header and KZG entries ([`crate::pubdata`]), the priority tree
//! ([`crate::priority`]) and the Mailbox rules ([`crate::mailbox`]).
//!
//! Pluggable parts:
//! - [`L1DaValidator`]: [`RollupL1DaValidator`] (`RollupL1DAValidator.sol` + `CalldataDA.sol`:
//!   calldata or blob pubdata) and [`ValidiumL1DaValidator`];
//! - [`BlobOracle`]: `BLOBHASH` and the point-evaluation precompile ([`TestBlobOracle`] for tests;
//!   no KZG is evaluated here);
//! - [`ProofVerifier`]: the chain's SNARK verifier ([`PredicateVerifier`] for tests).
//!
//! Deviations, all on inputs the protocol never produces: the strict ABI decoder rejects some
//! non-canonical encodings Solidity accepts; system logs longer than
//! `MAX_L2_TO_L1_LOGS_COMMITMENT_BYTES` fail as `SystemLogsSizeTooBig` before the log loop, where
//! the contract would first hit a duplicate or unknown key.

mod blob_oracle;
mod calldata;
mod commit;
mod commitment;
mod config;
mod context;
mod da;
mod da_rollup;
mod da_validium;
mod error;
mod events;
mod execute;
mod executor;
mod mailbox;
mod prove;
mod revert;
mod verifier;

pub use blob_oracle::{
    BlobOracle, NoBlobs, PointEvaluationInput, TestBlobOracle, VERSIONED_HASH_VERSION_KZG,
    kzg_to_versioned_hash,
};
pub use commit::RELAYED_EXECUTOR_VERSION;
pub use commitment::create_batch_commitment;
pub use config::{ChainConfig, MAINNET_CHAIN_ID, SettlementLayer, genesis_stored_batch_info};
pub use context::L1Context;
pub use da::{DaCheckContext, L1DaValidator, L1DaValidatorOutput, TOTAL_BLOBS_IN_COMMITMENT};
pub use da_rollup::{BLOB_EXPIRATION_BLOCKS, RollupL1DaValidator};
pub use da_validium::ValidiumL1DaValidator;
pub use error::{DaError, ExecutorError};
pub use events::ExecutorEvent;
pub use executor::L1Executor;
pub use mailbox::{
    L2TransactionRequest, PRIORITY_EXPIRATION, PriorityRequestOutcome, RequestContext,
};
pub use revert::{PACKED_L2_PRECOMMITMENT_LENGTH, precommitment_rolling_hash};
pub use verifier::{PredicateVerifier, ProofVerifier};
