//! Errors of the pubdata module.

use super::SlotRef;
use super::bytecode::BytecodeError;
use crate::ProtocolVersionId;

/// Errors of state-diff records, value compression and the compressed state-diff block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StateDiffError {
    /// The input ended inside the named field.
    #[error("input ends inside the {what}")]
    Truncated {
        /// The field being read.
        what: &'static str,
    },
    /// A value operation other than 0–3.
    #[error("unsupported value compression operation {0}")]
    UnsupportedOperation(u8),
    /// A record that is neither 156 nor 272 bytes long.
    #[error("state diff record of {0} bytes (expected 156 or 272)")]
    RecordLength(usize),
    /// A padded record whose padding is not zero.
    #[error("state diff record padding is not zero")]
    NonZeroPadding,
    /// An enumeration index that does not fit the index size.
    #[error("enumeration index {index} does not fit in {size} bytes")]
    IndexTooLarge {
        /// The index.
        index: u64,
        /// The index size in bytes.
        size: u8,
    },
    /// An enumeration index size above 8 (`IndexSizeError`).
    #[error("enumeration index size {0} exceeds 8 bytes")]
    IndexSize(u8),
    /// More initial writes than the u16 count holds.
    #[error("{0} initial writes overflow the u16 count")]
    TooManyInitialWrites(usize),
    /// A body longer than the u24 length holds.
    #[error("compressed state diffs of {0} bytes overflow the u24 length")]
    BodyTooLong(usize),
    /// A compression version other than 1.
    #[error("unknown state diff compression version {0}")]
    UnknownVersion(u8),
    /// Bytes left after the data.
    #[error("{0} bytes left after the state diffs")]
    TrailingBytes(usize),
    /// Decompression needed a previous value the caller did not supply.
    #[error("no previous value supplied for {0:?}")]
    MissingPrevious(SlotRef),
    /// The compressed derived key differs from the record's (`DerivedKeyNotEqualToCompressedValue`).
    #[error("derived key of record {position} differs from the compressed one")]
    DerivedKeyMismatch {
        /// Position of the record.
        position: usize,
    },
    /// The compressed value does not turn the initial value into the final one.
    #[error("compressed value of record {position} does not give its final value")]
    ValueMismatch {
        /// Position of the record.
        position: usize,
    },
    /// The initial-write count differs from the records' (`CompressorInitialWritesProcessedNotEqual`).
    #[error("{declared} initial writes declared, {actual} in the records")]
    InitialCountMismatch {
        /// The count in the compressed data.
        declared: usize,
        /// The count in the records.
        actual: usize,
    },
    /// The compressed enumeration index differs from the record's (`CompressorEnumIndexNotEqual`).
    #[error("record {position} has enumeration index {expected}, compressed data {found}")]
    IndexMismatch {
        /// Position of the record.
        position: usize,
        /// The record's index.
        expected: u64,
        /// The compressed index.
        found: u64,
    },
}

/// Errors of the full pubdata and of the DA input a commit call carries.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PubdataError {
    /// The input ended inside the named field.
    #[error("input ends inside the {what}")]
    Truncated {
        /// The field being read.
        what: &'static str,
    },
    /// Bytes left after the named structure.
    #[error("{len} bytes left after the {what}")]
    TrailingBytes {
        /// The structure that should have ended.
        what: &'static str,
        /// Number of extra bytes.
        len: usize,
    },
    /// A count or length that does not fit its u32 (or u8) field.
    #[error("{what} of {value} does not fit its length field")]
    TooLong {
        /// The field.
        what: &'static str,
        /// The value.
        value: usize,
    },
    /// The state-diff block is malformed.
    #[error("state diffs: {0}")]
    StateDiffs(#[from] StateDiffError),
    /// A bytecode is malformed.
    #[error("bytecode: {0}")]
    Bytecode(#[from] BytecodeError),
    /// Batches of this version publish no pubdata blob (pre-Boojum commits carry writes and logs separately).
    #[error("protocol version {0} has no pubdata")]
    NoPubdata(ProtocolVersionId),
    /// A pubdata source byte other than calldata (0) or blobs (1).
    #[error("unknown pubdata source {0}")]
    UnknownSource(u8),
    /// The pubdata was published in blobs; the commit calldata holds only KZG openings.
    #[error("pubdata is in {blobs} blob(s), not in the commit calldata")]
    PubdataInBlobs {
        /// Number of blobs.
        blobs: usize,
    },
    /// The chain publishes no pubdata on L1 (validium, custom DA, or an empty DA input).
    #[error("the commit carries no pubdata (validium or custom DA)")]
    NotPublished,
    /// The full pubdata hash in the DA header differs from the pubdata (`InvalidPubdataHash`).
    #[error("pubdata hash in the DA header does not match the pubdata")]
    PubdataHashMismatch,
    /// Too much pubdata for the blobs the version allows.
    #[error("pubdata of {len} bytes needs more than {max_blobs} blobs")]
    TooManyBlobs {
        /// Length of the pubdata.
        len: usize,
        /// Blobs the version allows.
        max_blobs: usize,
    },
    /// A KZG commitment section that is not a whole number of entries.
    #[error("blob commitment data of {len} bytes is not a multiple of {entry}")]
    CommitmentLength {
        /// Length of the section.
        len: usize,
        /// Size of one entry.
        entry: usize,
    },
}
