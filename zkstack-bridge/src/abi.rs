//! ABI decoding as Solidity's `abi.decode` does it: values type-checked (no dirty address or
//! small-integer bits), trailing bytes allowed, every offset and length bounds-checked before
//! anything is allocated (alloy's decoder).

use alloy_sol_types::SolValue;
use alloy_sol_types::abi::{AbiDecoderConfig, TokenSeq};

/// ABI data that `abi.decode` would revert on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("malformed ABI encoding of {what}")]
pub struct AbiError {
    /// What was being decoded.
    pub what: &'static str,
}

/// `abi.decode(data, (T…))` for the parameter tuple `T`.
pub(crate) fn decode_params<'de, T>(data: &'de [u8], what: &'static str) -> Result<T, AbiError>
where
    T: SolValue + From<<T::SolType as alloy_sol_types::SolType>::RustType>,
    <T::SolType as alloy_sol_types::SolType>::Token<'de>: TokenSeq<'de>,
{
    let config = AbiDecoderConfig::new().validate(true).validate_allow_trailing_bytes(true);
    T::abi_decode_params_with_config(data, config).map_err(|_| AbiError { what })
}
