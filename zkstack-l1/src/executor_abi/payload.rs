//! The version-prefixed `bytes` payloads of v26+ calls (era-contracts `BatchDecoder.sol`).

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::abi::AbiDecoderConfig;
use alloy_sol_types::abi::TokenSeq;
use alloy_sol_types::{SolType, SolValue};

use super::call::{GatewayData, InteropData};
use super::error::{AbiError, AbiPart};
use super::sol::{
    CommitBatchInfo, InteropRoot, L2Log, LegacyStoredBatchInfo, PrecommitInfo,
    PriorityOpsBatchInfo, StoredBatchInfo,
};

/// Encoding version of v26–v28 payloads.
pub const GATEWAY_ENCODING_VERSION: u8 = 0;
/// Encoding version of v29–v30 payloads.
pub const INTEROP_ENCODING_VERSION: u8 = 1;

/// Strict decoding: only the canonical encoding is accepted (so decoding then encoding gives the
/// input back), and the decoder may allocate at most a small multiple of the input.
pub(crate) fn strict_config(input_len: usize) -> AbiDecoderConfig {
    AbiDecoderConfig::new().strict(true).memory_limit(input_len.saturating_mul(4).max(1024))
}

fn versioned(version: u8, params: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + params.len());
    out.push(version);
    out.extend_from_slice(params);
    out
}

/// Strips the version byte, checking it is `expected`.
fn unversion<'a>(call: &'static str, data: &'a [u8], expected: u8) -> Result<&'a [u8], AbiError> {
    let (&found, rest) = data.split_first().ok_or(AbiError::EmptyData { call })?;
    if found == expected {
        Ok(rest)
    } else {
        Err(AbiError::UnsupportedEncodingVersion { call, found, expected })
    }
}

/// The three operations whose arguments travel in a versioned payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BatchOp {
    Commit,
    Prove,
    Execute,
}

fn decode_params<T>(call: &'static str, data: &[u8]) -> Result<T, AbiError>
where
    T: SolValue + From<<T::SolType as SolType>::RustType>,
    for<'de> <T::SolType as SolType>::Token<'de>: TokenSeq<'de>,
{
    T::abi_decode_params_with_config(data, strict_config(data.len()))
        .map_err(|source| AbiError::Abi { call, part: AbiPart::Payload, source })
}

/// A generation's stored-batch layout ([`LegacyStoredBatchInfo`] for v26–v28, [`StoredBatchInfo`]
/// from v29): the one thing in which the two generations' commit and prove payloads differ.
trait StoredLayout: SolValue<SolType: SolType<RustType = Self>> + Clone {}

impl StoredLayout for LegacyStoredBatchInfo {}
impl StoredLayout for StoredBatchInfo {}

/// `abi.encode(StoredBatchInfo, CommitBatchInfo[])`.
fn encode_commit<S: StoredLayout>(last_committed: &S, batches: &[CommitBatchInfo]) -> Vec<u8> {
    (last_committed.clone(), batches.to_vec()).abi_encode_params()
}

/// `abi.encode(StoredBatchInfo, StoredBatchInfo[], uint256[])`.
fn encode_prove<S: StoredLayout>(prev: &S, committed: &[S], proof: &[U256]) -> Vec<u8> {
    (prev.clone(), committed.to_vec(), proof.to_vec()).abi_encode_params()
}

/// Reads what [`encode_commit`] writes.
fn decode_commit<S: StoredLayout>(
    call: &'static str,
    params: &[u8],
) -> Result<(S, Vec<CommitBatchInfo>), AbiError> {
    decode_params(call, params)
}

/// Reads what [`encode_prove`] writes.
fn decode_prove<S: StoredLayout>(
    call: &'static str,
    params: &[u8],
) -> Result<(S, Vec<S>, Vec<U256>), AbiError> {
    decode_params(call, params)
}

impl GatewayData {
    /// `0x00 ‖ abi.encode(...)` as the v26–v28 contracts read it.
    pub fn encode(&self) -> Vec<u8> {
        let params = match self {
            Self::Commit { last_committed, batches } => encode_commit(last_committed, batches),
            Self::Prove { prev, committed, proof } => encode_prove(prev, committed, proof),
            Self::Execute { batches, priority_ops } => {
                (batches.clone(), priority_ops.clone()).abi_encode_params()
            }
        };
        versioned(GATEWAY_ENCODING_VERSION, &params)
    }

    /// Decodes the payload of an `op` call.
    pub(crate) fn decode(op: BatchOp, call: &'static str, data: &[u8]) -> Result<Self, AbiError> {
        let params = unversion(call, data, GATEWAY_ENCODING_VERSION)?;
        Ok(match op {
            BatchOp::Commit => {
                let (last_committed, batches) = decode_commit(call, params)?;
                Self::Commit { last_committed, batches }
            }
            BatchOp::Prove => {
                let (prev, committed, proof) = decode_prove(call, params)?;
                Self::Prove { prev, committed, proof }
            }
            BatchOp::Execute => {
                let (batches, priority_ops) = decode_params::<(
                    Vec<LegacyStoredBatchInfo>,
                    Vec<PriorityOpsBatchInfo>,
                )>(call, params)?;
                Self::Execute { batches, priority_ops }
            }
        })
    }
}

impl InteropData {
    /// `0x01 ‖ abi.encode(...)` as the v29–v30 contracts read it.
    pub fn encode(&self) -> Vec<u8> {
        let params = match self {
            Self::Commit { last_committed, batches } => encode_commit(last_committed, batches),
            Self::Prove { prev, committed, proof } => encode_prove(prev, committed, proof),
            Self::Execute { batches, priority_ops, dependency_roots } => {
                (batches.clone(), priority_ops.clone(), dependency_roots.clone())
                    .abi_encode_params()
            }
            Self::ExecuteMediumInterop {
                batches,
                priority_ops,
                dependency_roots,
                logs,
                messages,
                message_roots,
                settlement_fee_payer,
            } => (
                batches.clone(),
                priority_ops.clone(),
                dependency_roots.clone(),
                logs.clone(),
                messages.clone(),
                message_roots.clone(),
                *settlement_fee_payer,
            )
                .abi_encode_params(),
        };
        versioned(INTEROP_ENCODING_VERSION, &params)
    }

    /// Decodes the payload of an `op` call.
    pub(crate) fn decode(op: BatchOp, call: &'static str, data: &[u8]) -> Result<Self, AbiError> {
        let params = unversion(call, data, INTEROP_ENCODING_VERSION)?;
        Ok(match op {
            BatchOp::Commit => {
                let (last_committed, batches) = decode_commit(call, params)?;
                Self::Commit { last_committed, batches }
            }
            BatchOp::Prove => {
                let (prev, committed, proof) = decode_prove(call, params)?;
                Self::Prove { prev, committed, proof }
            }
            BatchOp::Execute => Self::decode_execute(call, params)?,
        })
    }
}

impl InteropData {
    /// v29's three-part execute payload, or else v31's seven-part one. Strict decoding makes the
    /// choice unambiguous: a canonical encoding's first offset is its head size (0x60 vs 0xe0).
    fn decode_execute(call: &'static str, params: &[u8]) -> Result<Self, AbiError> {
        type V29 = (Vec<StoredBatchInfo>, Vec<PriorityOpsBatchInfo>, Vec<Vec<InteropRoot>>);
        type V31 = (
            Vec<StoredBatchInfo>,
            Vec<PriorityOpsBatchInfo>,
            Vec<Vec<InteropRoot>>,
            Vec<Vec<L2Log>>,
            Vec<Vec<Bytes>>,
            Vec<B256>,
            Address,
        );
        let v29_error = match decode_params::<V29>(call, params) {
            Ok((batches, priority_ops, dependency_roots)) => {
                return Ok(Self::Execute { batches, priority_ops, dependency_roots });
            }
            Err(e) => e,
        };
        match decode_params::<V31>(call, params) {
            Ok((
                batches,
                priority_ops,
                dependency_roots,
                logs,
                messages,
                message_roots,
                settlement_fee_payer,
            )) => Ok(Self::ExecuteMediumInterop {
                batches,
                priority_ops,
                dependency_roots,
                logs,
                messages,
                message_roots,
                settlement_fee_payer,
            }),
            Err(_) => Err(v29_error),
        }
    }
}

/// `0x01 ‖ abi.encode(PrecommitInfo)`: one dynamic struct, so the encoding starts with its offset.
pub(crate) fn encode_precommit(info: &PrecommitInfo) -> Vec<u8> {
    versioned(INTEROP_ENCODING_VERSION, &info.abi_encode())
}

pub(crate) fn decode_precommit(call: &'static str, data: &[u8]) -> Result<PrecommitInfo, AbiError> {
    let params = unversion(call, data, INTEROP_ENCODING_VERSION)?;
    <PrecommitInfo as SolValue>::abi_decode_with_config(params, strict_config(params.len()))
        .map_err(|source| AbiError::Abi { call, part: AbiPart::Payload, source })
}
