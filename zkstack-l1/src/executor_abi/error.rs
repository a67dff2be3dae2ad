//! Errors of the Executor calldata decoder.

use alloy_primitives::Selector;

/// Why calldata is not a well-formed Executor call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AbiError {
    /// Fewer than the 4 bytes of a function selector.
    #[error("calldata of {0} bytes has no 4-byte selector")]
    MissingSelector(usize),
    /// The selector is not one of the Executor's (any generation).
    #[error("selector {0} is not an Executor function")]
    UnknownSelector(Selector),
    /// The `bytes` argument of a v26+ call is empty, so it has no encoding-version byte.
    #[error("`{call}`: the data argument is empty (no encoding-version byte)")]
    EmptyData {
        /// Solidity name of the call.
        call: &'static str,
    },
    /// The encoding-version byte is not the one this generation's contracts accept.
    #[error(
        "`{call}`: encoding version {found}, the contracts of this generation accept {expected}"
    )]
    UnsupportedEncodingVersion {
        /// Solidity name of the call.
        call: &'static str,
        /// The version byte found.
        found: u8,
        /// The version byte this generation accepts.
        expected: u8,
    },
    /// The arguments (or the versioned payload) are not the strict, canonical ABI encoding of the
    /// expected types: short data, bad offsets or lengths, dirty padding, out-of-range integers,
    /// trailing bytes, or more memory than the input size allows.
    #[error("`{call}`: malformed ABI encoding of the {part}: {source}")]
    Abi {
        /// Solidity name of the call.
        call: &'static str,
        /// Which part failed: the call arguments or the versioned payload.
        part: AbiPart,
        /// The decoder's reason.
        #[source]
        source: alloy_sol_types::Error,
    },
}

/// Which layer of an Executor call failed to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AbiPart {
    /// The function arguments after the selector.
    Arguments,
    /// The ABI-encoded payload after the encoding-version byte (v26+).
    Payload,
}

impl std::fmt::Display for AbiPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Arguments => "arguments",
            Self::Payload => "versioned payload",
        })
    }
}
