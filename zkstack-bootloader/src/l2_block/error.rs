//! The SystemContext reverts an L2 block or batch can hit, named after the contract's errors
//! (era-contracts `SystemContractErrors.sol`, v26).

use alloy_primitives::B256;

/// Why SystemContext would reject a batch or L2 block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum L2BlockError {
    /// `TimestampsShouldBeIncremental`: a batch timestamp not above the previous batch's.
    #[error("batch timestamp {new} is not above the previous batch's {previous}")]
    TimestampsShouldBeIncremental {
        /// The new batch's timestamp.
        new: u128,
        /// The previous batch's timestamp.
        previous: u128,
    },
    /// `ProvidedBatchNumberIsNotCorrect`: a batch number other than previous + 1.
    #[error("batch number {provided} given, {expected} expected")]
    ProvidedBatchNumberIsNotCorrect {
        /// previous + 1.
        expected: u128,
        /// What was given.
        provided: u128,
    },
    /// `InconsistentNewBatchTimestamp`: a batch timestamp not above the last L2 block's.
    #[error("batch timestamp {new} is not above the last L2 block's {l2_block}")]
    InconsistentNewBatchTimestamp {
        /// The new batch's timestamp.
        new: u128,
        /// The current L2 block's timestamp.
        l2_block: u128,
    },
    /// `L2BlockAndBatchTimestampMismatch`: a batch's first L2 block older than the batch.
    #[error("first L2 block timestamp {l2_block} is below the batch timestamp {batch}")]
    L2BlockAndBatchTimestampMismatch {
        /// The L2 block's timestamp.
        l2_block: u128,
        /// The batch's timestamp.
        batch: u128,
    },
    /// `NoVirtualBlocks`: a batch's first L2 block that creates no virtual block.
    #[error("the first L2 block of a batch must create a virtual block")]
    NoVirtualBlocks,
    /// `UpgradeTransactionMustBeFirst`: the move to L2 blocks not at a batch's start.
    #[error("the first L2 block ever must open a batch")]
    UpgradeTransactionMustBeFirst,
    /// `L2BlockNumberZero`.
    #[error("L2 block number 0")]
    L2BlockNumberZero,
    /// `PreviousL2BlockHashIsIncorrect`: at the move to L2 blocks, a previous hash other than the
    /// legacy hash of number - 1.
    #[error("previous L2 block hash {provided}, expected {expected}")]
    PreviousL2BlockHashIsIncorrect {
        /// The legacy hash.
        expected: B256,
        /// What was given.
        provided: B256,
    },
    /// `CannotReuseL2BlockNumberFromPreviousBatch`.
    #[error("a batch cannot continue the previous batch's L2 block")]
    CannotReuseL2BlockNumberFromPreviousBatch,
    /// `IncorrectSameL2BlockTimestamp`.
    #[error("same L2 block with timestamp {provided}, it has {current}")]
    IncorrectSameL2BlockTimestamp {
        /// What was given.
        provided: u128,
        /// The block's timestamp.
        current: u128,
    },
    /// `IncorrectSameL2BlockPrevBlockHash`.
    #[error("same L2 block with previous hash {provided}, it has {current}")]
    IncorrectSameL2BlockPrevBlockHash {
        /// What was given.
        provided: B256,
        /// The stored previous hash.
        current: B256,
    },
    /// `IncorrectVirtualBlockInsideMiniblock`: virtual blocks asked for inside an open L2 block.
    #[error("virtual blocks can only be created with a new L2 block")]
    IncorrectVirtualBlockInsideMiniblock,
    /// `IncorrectL2BlockHash`: the previous hash given is not the hash of the block being closed.
    #[error("previous L2 block hash {provided}, the closed block hashes to {expected}")]
    IncorrectL2BlockHash {
        /// The closed block's hash.
        expected: B256,
        /// What was given.
        provided: B256,
    },
    /// `NonMonotonicL2BlockTimestamp`: a new L2 block not later than the previous one.
    #[error("L2 block timestamp {new} is not above the previous block's {previous}")]
    NonMonotonicL2BlockTimestamp {
        /// The new block's timestamp.
        new: u128,
        /// The previous block's timestamp.
        previous: u128,
    },
    /// `InvalidNewL2BlockNumber`: neither the current block nor the next.
    #[error("L2 block number {0} is neither the current block nor the next")]
    InvalidNewL2BlockNumber(u128),
    /// `CannotInitializeFirstVirtualBlock`.
    #[error("virtual blocks start with at least one block")]
    CannotInitializeFirstVirtualBlock,
    /// `CurrentBatchNumberMustBeGreaterThanZero` (at `publishTimestampDataToL1`).
    #[error("no batch was started")]
    CurrentBatchNumberMustBeGreaterThanZero,
    /// A number or counter beyond the contract's `uint128` (which would revert on overflow).
    #[error("arithmetic overflow")]
    Overflow,
}
