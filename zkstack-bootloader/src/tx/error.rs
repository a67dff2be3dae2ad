//! Errors of the transaction module: decoding, signatures, and conversion for the bootloader.

use super::eip712::InvalidFactoryDep;

/// Why bytes are not a well-formed transaction.
///
/// Decoding is strict: only canonical RLP is accepted, every list must hold exactly the fields of
/// its type and nothing may follow the transaction, so that whatever decodes re-encodes to the same
/// bytes (and so to the same hash).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("empty input")]
    Empty,
    /// The first byte names no transaction type this crate knows.
    #[error("unknown transaction type 0x{0:02x}")]
    UnknownType(u8),
    /// The outer RLP item is malformed.
    #[error("transaction RLP: {0}")]
    Rlp(alloy_rlp::Error),
    /// The payload is a byte string where a list is required.
    #[error("`{0}` must be an RLP list")]
    NotAList(&'static str),
    /// A field is malformed (non-canonical, overflowing, wrong kind, or missing).
    #[error("field `{field}`: {source}")]
    Field {
        /// Name of the field.
        field: &'static str,
        /// What alloy-rlp reported.
        source: alloy_rlp::Error,
    },
    /// An address field that is neither empty nor 20 bytes.
    #[error("field `{field}` must be empty or 20 bytes, got {len}")]
    AddressLength {
        /// Name of the field.
        field: &'static str,
        /// Its length.
        len: usize,
    },
    /// The list has more fields than its type defines.
    #[error("{0} list has more fields than its type defines")]
    ExtraFields(&'static str),
    /// Bytes follow the transaction.
    #[error("{0} bytes after the end of the transaction")]
    TrailingBytes(usize),
    /// A legacy `v` that is neither 27/28 nor EIP-155 (`35 + 2·chainId + {0,1}`).
    #[error("legacy v = {0} is neither 27/28 nor an EIP-155 value")]
    LegacyV(u64),
    /// A typed transaction's `yParity` that is not 0 or 1.
    #[error("y parity {0} is not 0 or 1")]
    YParity(u64),
    /// `paymasterParams` that is neither empty nor `[address, input]`.
    #[error("malformed paymaster params")]
    PaymasterParams,
    /// A factory dependency that is not a valid EraVM bytecode (zksync-era `validate_factory_deps`).
    #[error(transparent)]
    FactoryDep(#[from] InvalidFactoryDep),
    /// ABI bytes that do not decode as an L1 (priority or upgrade) transaction.
    #[error("canonical L1 transaction ABI: {0}")]
    Abi(String),
    /// A canonical transaction whose `txType` is neither 255 nor 254.
    #[error("canonical transaction type {0} is neither 255 (priority) nor 254 (upgrade)")]
    NotL1Type(alloy_primitives::U256),
}

impl DecodeError {
    pub(crate) fn field(field: &'static str) -> impl FnOnce(alloy_rlp::Error) -> Self {
        move |source| Self::Field { field, source }
    }
}

/// Why a signature cannot be checked or produced.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// A packed signature that is not 65 bytes (DefaultAccount `InvalidSig(Length)`).
    #[error("signature must be 65 bytes, got {0}")]
    Length(usize),
    /// A packed `v` other than 27 or 28 (DefaultAccount `InvalidSig(V)`).
    #[error("packed signature v = {0} is not 27 or 28")]
    PackedV(u8),
    /// A `v`/`yParity` that does not give a recovery id.
    #[error("v = {0} does not give a recovery id")]
    V(u64),
    /// `s` in the upper half of the curve order (EIP-2; DefaultAccount `InvalidSig(S)`).
    #[error("s is in the upper half of the curve order")]
    HighS,
    /// `r` or `s` is zero or not below the curve order.
    #[error("r or s is zero or not below the curve order")]
    OutOfRange,
    /// No public key recovers from the signature.
    #[error("no public key recovers from this signature")]
    Recovery,
    /// The signing key could not sign (never expected for a valid key).
    #[error("signing failed")]
    Signing,
    /// The transaction kind carries no signature (L1 priority and upgrade transactions).
    #[error("{0} transactions carry no signature")]
    Unsigned(&'static str),
}

/// Why a transaction cannot be turned into the bootloader's `Transaction` (the checks zksync-era
/// `L2Tx::from_request` makes before a transaction may enter a block).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConversionError {
    /// The nonce does not fit in 32 bits (`TooBigNonce`).
    #[error("nonce does not fit in 32 bits")]
    TooBigNonce,
    /// `maxFeePerGas` above 2^64-1 (`MaxFeePerGasNotU64`).
    #[error("max fee per gas higher than 2^64-1")]
    MaxFeePerGasNotU64,
    /// `maxPriorityFeePerGas` above 2^64-1 (`MaxPriorityFeePerGasNotU64`).
    #[error("max priority fee per gas higher than 2^64-1")]
    MaxPriorityFeePerGasNotU64,
    /// `gasPerPubdataByteLimit` above 2^64-1 (`MaxFeePerPubdataByteNotU64`).
    #[error("max fee per pubdata byte higher than 2^64-1")]
    GasPerPubdataNotU64,
    /// `gasPerPubdataByteLimit` of zero (`GasPerPubDataLimitZero`).
    #[error("gas per pubdata limit is zero")]
    GasPerPubdataZero,
    /// An EIP-712 transaction without `to` (`ToAddressIsNull`).
    #[error("EIP-712 transactions must have a `to` address")]
    ToAddressIsNull,
    /// A non-empty access list: the bootloader hashes every typed transaction with an empty one
    /// (`AccessListsNotSupported`).
    #[error("access lists are not supported")]
    AccessListsNotSupported,
    /// The signature is malformed, so the bootloader's `signature` bytes cannot be formed.
    #[error(transparent)]
    Signature(#[from] SignatureError),
}

/// Everything [`decode_raw`](super::decode_raw) can fail with.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    /// The bytes are not a transaction.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The signature does not give a sender or a hash.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The transaction cannot enter the bootloader.
    #[error(transparent)]
    Conversion(#[from] ConversionError),
    /// The transaction is for another chain (zksync-era `WrongChainId`).
    #[error("transaction is for chain {found}, expected {expected}")]
    WrongChainId {
        /// The chain the caller expects.
        expected: u64,
        /// The chain the transaction names.
        found: u64,
    },
}
