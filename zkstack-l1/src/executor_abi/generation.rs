//! The generations of the Executor interface and the protocol versions that use them.

use std::fmt;

use crate::ProtocolVersionId;

/// A family of Executor selectors and payload encodings, in protocol-version order.
///
/// Boundaries follow zksync-era's sender (`is_pre_boojum`, `is_pre_shared_bridge`,
/// `is_pre_gateway`, `is_pre_interop_fast_blocks`) and the era-contracts release branches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ExecutorGeneration {
    /// ≤ v17: `commitBlocks`/`proveBlocks`/`executeBlocks` with the pre-Boojum block struct.
    PreBoojum,
    /// v18–v22: `commitBatches`/`proveBatches`/`executeBatches` (the contracts kept them to v25).
    Boojum,
    /// v23–v25: the same arguments behind a leading `uint256 chainId` (`...SharedBridge`).
    SharedBridge,
    /// v26–v28: `(uint256 chainId, uint256 from, uint256 to, bytes data)`, `data[0] == 0`.
    Gateway,
    /// v29+: `(address chain, uint256 from, uint256 to, bytes data)`, `data[0] == 1`, the
    /// nine-field stored batch info, interop roots on execute, and `precommitSharedBridge`
    /// (v31 adds logs, messages, roots and a fee payer to the execute payload).
    Interop,
}

impl ExecutorGeneration {
    /// Every generation, oldest first.
    pub const ALL: [Self; 5] =
        [Self::PreBoojum, Self::Boojum, Self::SharedBridge, Self::Gateway, Self::Interop];

    /// The generation zksync-era uses to send batches of `version` to a chain of that version.
    ///
    /// v31 maps to [`Self::Interop`]; its execute payload is the medium-interop form
    /// (see [`uses_medium_interop_execute`](Self::uses_medium_interop_execute)).
    pub const fn for_protocol_version(version: ProtocolVersionId) -> Self {
        if version.is_pre_boojum() {
            Self::PreBoojum
        } else if version.is_pre_shared_bridge() {
            Self::Boojum
        } else if version.is_pre_gateway() {
            Self::SharedBridge
        } else if version.is_pre_interop() {
            Self::Gateway
        } else {
            Self::Interop
        }
    }

    /// Whether zksync-era sends `version`'s execute payload in the v31 form
    /// ([`InteropData::ExecuteMediumInterop`](super::InteropData::ExecuteMediumInterop)):
    /// `!is_pre_medium_interop()`, i.e. v31+.
    pub const fn uses_medium_interop_execute(version: ProtocolVersionId) -> bool {
        version.minor() >= 31
    }

    /// The encoding-version byte that prefixes the `bytes` payload, for generations that have one
    /// (`SUPPORTED_ENCODING_VERSION` of era-contracts `BatchDecoder.sol`).
    pub const fn encoding_version(self) -> Option<u8> {
        match self {
            Self::PreBoojum | Self::Boojum | Self::SharedBridge => None,
            Self::Gateway => Some(0),
            Self::Interop => Some(1),
        }
    }
}

impl fmt::Display for ExecutorGeneration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PreBoojum => "pre-Boojum (<= v17)",
            Self::Boojum => "Boojum (v18-v22)",
            Self::SharedBridge => "shared bridge (v23-v25)",
            Self::Gateway => "Gateway (v26-v28)",
            Self::Interop => "interop (v29+)",
        })
    }
}
