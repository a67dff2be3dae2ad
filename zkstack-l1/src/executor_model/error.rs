//! Why the modelled Executor (or Mailbox) rejects a call: one variant per revert of the facet,
//! named after era-contracts' custom error, in the module where the facet raises it.

use alloy_primitives::{B256, Bytes, U256};

use crate::ProtocolVersionId;
use crate::executor_abi::ExecutorGeneration;
use crate::mailbox::MailboxError;
use crate::priority::{PriorityTreeError, SolidityPanic};
use crate::pubdata::BytecodeError;
use crate::system_logs::SystemLogError;

/// A revert of `RollupL1DAValidator` / `CalldataDA` / `ValidiumL1DAValidator` (era-contracts
/// `da-contracts` and `l1-contracts/.../data-availability`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DaError {
    /// `OperatorDAInputTooSmall(length, expected)`: shorter than the DA header (or its blob hashes).
    #[error("OperatorDAInputTooSmall({len}, {min})")]
    OperatorDaInputTooSmall {
        /// Length of the operator DA input.
        len: usize,
        /// Length the header needs.
        min: usize,
    },
    /// `InvalidNumberOfBlobs(blobsProvided, maxBlobsSupported)`: more blobs than the commitment holds.
    #[error("InvalidNumberOfBlobs({provided}, {max})")]
    InvalidNumberOfBlobs {
        /// Blob count in the header.
        provided: usize,
        /// Blobs the batch commitment holds.
        max: usize,
    },
    /// `InvalidL2DAOutputHash(l2DAValidatorOutputHash)`: the header is not the L2 DA validator's output.
    #[error("InvalidL2DAOutputHash({0})")]
    InvalidL2DaOutputHash(B256),
    /// `InvalidPubdataSource(source)`: a source byte other than calldata (0) or blobs (1).
    #[error("InvalidPubdataSource({0})")]
    InvalidPubdataSource(u8),
    /// `OnlyOneBlobWithCalldataAllowed()`.
    #[error("OnlyOneBlobWithCalldataAllowed()")]
    OnlyOneBlobWithCalldataAllowed,
    /// `PubdataInputTooSmall(length, 32)`: no room for the blob commitment.
    #[error("PubdataInputTooSmall({len}, {min})")]
    PubdataInputTooSmall {
        /// Length after the source byte.
        len: usize,
        /// The 32 bytes of the blob commitment.
        min: usize,
    },
    /// `PubdataLengthTooBig(length, BLOB_SIZE_BYTES)`.
    #[error("PubdataLengthTooBig({len}, {max})")]
    PubdataLengthTooBig {
        /// Pubdata length.
        len: usize,
        /// One blob's worth of pubdata.
        max: usize,
    },
    /// `InvalidPubdataHash(fullPubdataHash, keccak256(pubdata))`.
    #[error("InvalidPubdataHash({expected}, {actual})")]
    InvalidPubdataHash {
        /// The hash in the header.
        expected: B256,
        /// keccak of the pubdata given.
        actual: B256,
    },
    /// `InvalidPubdataCommitmentsSize()`: blob data is not 176 bytes per blob (144 in `publishBlobs`).
    #[error("InvalidPubdataCommitmentsSize()")]
    InvalidPubdataCommitmentsSize,
    /// `PubdataCommitmentsEmpty()`: `publishBlobs` with nothing to publish.
    #[error("PubdataCommitmentsEmpty()")]
    PubdataCommitmentsEmpty,
    /// `BlobCommitmentNotPublished()`: a prepublished commitment is unknown or expired.
    #[error("BlobCommitmentNotPublished()")]
    BlobCommitmentNotPublished,
    /// `EmptyBlobVersionHash(index)`: the transaction carries fewer blobs than the input claims.
    #[error("EmptyBlobVersionHash({0})")]
    EmptyBlobVersionHash(usize),
    /// `NonEmptyBlobVersionHash(index)`: the transaction carries more blobs than the input uses.
    #[error("NonEmptyBlobVersionHash({0})")]
    NonEmptyBlobVersionHash(usize),
    /// `PointEvalCallFailed(input)`: the point-evaluation precompile rejected the opening.
    #[error("PointEvalCallFailed({0})")]
    PointEvalCallFailed(Bytes),
    /// `BlobHashCommitmentError(index, linearHashIsZero, commitmentIsZero)`: a blob with only one
    /// of its linear hash and commitment.
    #[error("BlobHashCommitmentError({index}, {linear_hash_zero}, {commitment_zero})")]
    BlobHashCommitmentError {
        /// Blob slot.
        index: usize,
        /// Whether the linear hash is zero.
        linear_hash_zero: bool,
        /// Whether the commitment is zero.
        commitment_zero: bool,
    },
    /// `ValL1DAWrongInputLength(length, 32)`: a validium input other than the state-diff hash.
    #[error("ValL1DAWrongInputLength({len}, {expected})")]
    ValidiumWrongInputLength {
        /// Input length.
        len: usize,
        /// 32.
        expected: usize,
    },
    /// A Solidity panic (an empty L1 DA input indexed at 0, a block-number underflow).
    #[error(transparent)]
    Panic(#[from] SolidityPanic),
}

/// A revert of the modelled Executor facet, Mailbox request or `DiamondInit`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExecutorError {
    /// The model covers the v29+ (interop) Executor only.
    #[error("protocol version {0} is not modelled (the model is era-contracts' v29+ Executor)")]
    UnsupportedProtocolVersion(ProtocolVersionId),
    /// `EmptyBytes32()` in `DiamondInit`: a required bytecode hash is zero.
    #[error("EmptyBytes32(): {0} is zero")]
    EmptyBytes32(&'static str),
    /// `TooMuchGas()` in `DiamondInit`: `priorityTxMaxGasLimit` above `MAX_GAS_PER_TRANSACTION`.
    #[error("TooMuchGas(): priorityTxMaxGasLimit {0} above MAX_GAS_PER_TRANSACTION")]
    PriorityTxMaxGasLimitTooBig(U256),
    /// The calldata's selector is not a function of any Executor generation (the diamond has no
    /// facet for it).
    #[error("selector {0} is not an Executor function")]
    UnknownSelector(Bytes),
    /// The selector belongs to another Executor generation than the chain's; the v29+ diamond has
    /// no facet for it.
    #[error("`{function}` is a {found} call; a v{version} chain's diamond has no facet for it")]
    WrongGeneration {
        /// Solidity name of the call.
        function: &'static str,
        /// Its generation.
        found: ExecutorGeneration,
        /// The chain's protocol version.
        version: u16,
    },
    /// The function arguments are not a (strict, canonical) ABI encoding; Solidity reverts without data.
    #[error("`{call}`: malformed arguments: {reason}")]
    MalformedArguments {
        /// Solidity name of the call.
        call: &'static str,
        /// The decoder's reason.
        reason: String,
    },
    /// `abi.decode` of the versioned payload failed; Solidity reverts without data.
    #[error("`{call}`: malformed payload: {reason}")]
    MalformedPayload {
        /// Solidity name of the call.
        call: &'static str,
        /// The decoder's reason.
        reason: String,
    },
    /// `NotSettlementLayer()`: the chain settles elsewhere (`s.settlementLayer != 0`).
    #[error("NotSettlementLayer()")]
    NotSettlementLayer,
    /// `InvalidProtocolVersion()`: the ChainTypeManager no longer accepts the chain's version.
    #[error("InvalidProtocolVersion()")]
    InvalidProtocolVersion,
    /// `EmptyData()`: no payload or no batches.
    #[error("EmptyData()")]
    EmptyData,
    /// `UnsupportedCommitBatchEncoding(version)` (commit and precommit payloads).
    #[error("UnsupportedCommitBatchEncoding({0})")]
    UnsupportedCommitBatchEncoding(u8),
    /// `UnsupportedProofBatchEncoding(version)`.
    #[error("UnsupportedProofBatchEncoding({0})")]
    UnsupportedProofBatchEncoding(u8),
    /// `UnsupportedExecuteBatchEncoding(version)`.
    #[error("UnsupportedExecuteBatchEncoding({0})")]
    UnsupportedExecuteBatchEncoding(u8),
    /// `IncorrectBatchBounds(processFrom, processTo, first, last)`.
    #[error("IncorrectBatchBounds({process_from}, {process_to}, {first}, {last})")]
    IncorrectBatchBounds {
        /// `processFrom` argument.
        process_from: U256,
        /// `processTo` argument.
        process_to: U256,
        /// First batch number in the payload.
        first: u64,
        /// Last batch number in the payload.
        last: u64,
    },
    /// `CanOnlyProcessOneBatch()`: commit and prove take exactly one batch.
    #[error("CanOnlyProcessOneBatch()")]
    CanOnlyProcessOneBatch,
    /// `BatchHashMismatch(stored, provided)`: the given stored batch info is not what L1 stored.
    #[error("BatchHashMismatch({stored}, {provided})")]
    BatchHashMismatch {
        /// `storedBatchHashes[n]`.
        stored: B256,
        /// Hash of the info given.
        provided: B256,
    },
    /// `BatchNumberMismatch(expected, provided)`: a commit not right after the previous batch.
    #[error("BatchNumberMismatch({expected}, {provided})")]
    BatchNumberMismatch {
        /// Previous batch number + 1.
        expected: u64,
        /// Number of the committed batch.
        provided: u64,
    },
    /// A system-log or commit check (`_processL2Logs`, `HashMismatch`, `ValueMismatch`,
    /// `PrecommitmentMismatch`, the timestamp errors, `SystemLogsSizeTooBig`).
    #[error(transparent)]
    SystemLogs(#[from] SystemLogError),
    /// The L1 DA validator rejected the batch's DA input.
    #[error("checkDA: {0}")]
    Da(#[from] DaError),
    /// `InvalidNumberOfBlobs(TOTAL_BLOBS_IN_COMMITMENT, commitments, hashes)`: the DA validator
    /// returned arrays of the wrong length.
    #[error("InvalidNumberOfBlobs({expected}, {commitments}, {linear_hashes})")]
    InvalidNumberOfBlobs {
        /// `TOTAL_BLOBS_IN_COMMITMENT`.
        expected: usize,
        /// Length of `blobsOpeningCommitments`.
        commitments: usize,
        /// Length of `blobsLinearHashes`.
        linear_hashes: usize,
    },
    /// `VerifiedBatchesExceedsCommittedBatches()`.
    #[error("VerifiedBatchesExceedsCommittedBatches()")]
    VerifiedBatchesExceedsCommittedBatches,
    /// `InvalidProof()`: the verifier rejected the proof.
    #[error("InvalidProof()")]
    InvalidProof,
    /// `InvalidBatchesDataLength(batches, priorityOps)`.
    #[error("InvalidBatchesDataLength({batches}, {priority_ops})")]
    InvalidBatchesDataLength {
        /// Number of batches.
        batches: usize,
        /// Number of priority-op proofs.
        priority_ops: usize,
    },
    /// `MismatchNumberOfLayer1Txs(numberOfLayer1Txs, itemHashes.length)`.
    #[error("MismatchNumberOfLayer1Txs({expected}, {provided})")]
    MismatchNumberOfLayer1Txs {
        /// The stored batch's `numberOfLayer1Txs`.
        expected: U256,
        /// Number of item hashes in the proof.
        provided: usize,
    },
    /// `NonSequentialBatch()`: not the next batch to execute.
    #[error("NonSequentialBatch()")]
    NonSequentialBatch,
    /// `PriorityOperationsRollingHashMismatch()`.
    #[error("PriorityOperationsRollingHashMismatch()")]
    PriorityOperationsRollingHashMismatch,
    /// `DependencyRootsRollingHashMismatch(stored, computed)`.
    #[error("DependencyRootsRollingHashMismatch({stored}, {computed})")]
    DependencyRootsRollingHashMismatch {
        /// The stored batch's `dependencyRootsRollingHash`.
        stored: B256,
        /// The hash of the interop roots given.
        computed: B256,
    },
    /// `CommitBasedInteropNotSupported()`: an interop root of another chain than the settlement layer.
    #[error("CommitBasedInteropNotSupported()")]
    CommitBasedInteropNotSupported,
    /// `MessageRootIsZero()`: the settlement layer has no message root for that block or batch.
    #[error("MessageRootIsZero()")]
    MessageRootIsZero,
    /// `InvalidMessageRoot(expected, provided)`.
    #[error("InvalidMessageRoot({expected}, {provided})")]
    InvalidMessageRoot {
        /// The settlement layer's historical root.
        expected: B256,
        /// `sides[0]` of the interop root given.
        provided: B256,
    },
    /// The priority tree rejected the batch's range proof (`PriorityTree.processBatch`).
    #[error(transparent)]
    PriorityTree(#[from] PriorityTreeError),
    /// `CantExecuteUnprovenBatches()`.
    #[error("CantExecuteUnprovenBatches()")]
    CantExecuteUnprovenBatches,
    /// `RevertedBatchNotAfterNewLastBatch()`: reverting to beyond the last committed batch.
    #[error("RevertedBatchNotAfterNewLastBatch()")]
    RevertedBatchNotAfterNewLastBatch,
    /// `CantRevertExecutedBatch()`.
    #[error("CantRevertExecutedBatch()")]
    CantRevertExecutedBatch,
    /// `InvalidBatchNumber(provided, expected)`: a precommit not for the next batch.
    #[error("InvalidBatchNumber({provided}, {expected})")]
    InvalidBatchNumber {
        /// Batch number given.
        provided: U256,
        /// `totalBatchesCommitted + 1`.
        expected: U256,
    },
    /// `EmptyPrecommitData(batchNumber)`.
    #[error("EmptyPrecommitData({0})")]
    EmptyPrecommitData(U256),
    /// `InvalidPackedPrecommitmentLength(length)`: not a multiple of 33 bytes.
    #[error("InvalidPackedPrecommitmentLength({0})")]
    InvalidPackedPrecommitmentLength(usize),
    /// A Mailbox request check failed.
    #[error(transparent)]
    Mailbox(#[from] MailboxError),
    /// A factory dependency is not a valid EraVM bytecode (`L2ContractHelper.hashL2Bytecode`).
    #[error("factory dependency {index}: {source}")]
    FactoryDependency {
        /// Position in the request's `factoryDeps`.
        index: usize,
        /// Why it cannot be hashed.
        source: BytecodeError,
    },
    /// `PreviousUpgradeNotFinalized(txHash)`: an upgrade transaction is still expected or unexecuted
    /// (BaseZkSyncUpgrade).
    #[error("PreviousUpgradeNotFinalized({0})")]
    PreviousUpgradeNotFinalized(B256),
    /// `PreviousUpgradeNotCleaned()`: the batch of the previous upgrade is still recorded.
    #[error("PreviousUpgradeNotCleaned()")]
    PreviousUpgradeNotCleaned,
    /// A Solidity panic the facet would hit (checked arithmetic, out-of-bounds index).
    #[error(transparent)]
    Panic(#[from] SolidityPanic),
}
