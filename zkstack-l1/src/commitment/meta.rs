//! The meta parameters: which system contracts ran the batch.

use alloy_primitives::{B256, keccak256};

use crate::ProtocolVersionId;

/// Meta parameters of a batch, as zksync-era `L1BatchMetaParameters` and Executor.sol
/// `_batchMetaParameters` pack them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MetaParameters {
    /// Whether zkPorter is available (always false so far).
    pub zkporter_is_available: bool,
    /// Bytecode hash of the bootloader.
    pub bootloader_code_hash: B256,
    /// Bytecode hash of the default account.
    pub default_aa_code_hash: B256,
    /// Bytecode hash of the EVM emulator; from VM 1.5.0 the default account's hash stands in
    /// when there is none.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub evm_emulator_code_hash: Option<B256>,
    /// Protocol version: decides whether the EVM emulator word is present.
    #[cfg_attr(feature = "serde", serde(with = "super::version_serde"))]
    pub protocol_version: ProtocolVersionId,
}

impl MetaParameters {
    /// `bool zkPorter ‖ bootloader ‖ default AA`, then from VM 1.5.0 (version 23) the EVM
    /// emulator hash (or the default AA hash when the chain has no emulator): 65 or 97 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + 3 * 32);
        out.push(u8::from(self.zkporter_is_available));
        out.extend_from_slice(self.bootloader_code_hash.as_slice());
        out.extend_from_slice(self.default_aa_code_hash.as_slice());
        if !self.protocol_version.is_pre_1_5_0() {
            let evm = self.evm_emulator_code_hash.unwrap_or(self.default_aa_code_hash);
            out.extend_from_slice(evm.as_slice());
        }
        out
    }

    /// keccak of [`Self::to_bytes`].
    pub fn hash(&self) -> B256 {
        keccak256(self.to_bytes())
    }
}
