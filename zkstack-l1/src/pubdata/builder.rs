//! Building what a batch sends to the L1Messenger and to the settlement layer, per protocol version.
//!
//! Mirrors zksync-era multivm `pubdata_builders` (`FullPubdataBuilder` for rollups and
//! `HashedPubdataBuilder` for no-DA validiums):
//! - settlement-layer pubdata (rollup): the [`Pubdata`] encoding;
//! - L1Messenger operator input before the Gateway upgrade: the pubdata, then the number of state
//!   diffs (u32 BE) and the padded uncompressed records;
//! - from the Gateway upgrade: ABI `validatePubdata(chainedLogsHash, logsRoot, chainedMessagesHash,
//!   chainedBytecodesHash, that same byte string)` to the L2 DA validator.

use alloy_primitives::{B256, Bytes, keccak256};
use alloy_sol_types::{SolCall, sol};

use super::{
    Pubdata, PubdataError, StateDiffRecord, bytecode::bytecode_hash, record::encode_padded_records,
    state_diffs_hash,
};
use crate::{L2ToL1Log, ProtocolVersionId, log_tree};

sol! {
    /// `IL2DAValidator.validatePubdata`, called by the L1Messenger from the Gateway upgrade on.
    function validatePubdata(
        bytes32 chainedLogsHash,
        bytes32 logsRootHash,
        bytes32 chainedMessagesHash,
        bytes32 chainedBytecodesHash,
        bytes operatorInput
    ) returns (bytes32 outputHash);
}

/// What the bootloader collects for a batch's pubdata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PubdataInput {
    /// User L2→L1 logs.
    pub user_logs: Vec<L2ToL1Log>,
    /// L2→L1 messages.
    pub messages: Vec<Bytes>,
    /// Bytecodes published in full.
    pub bytecodes: Vec<Bytes>,
    /// Uncompressed state diffs, in the order the L1Messenger receives them.
    pub state_diffs: Vec<StateDiffRecord>,
}

/// `keccak256` chain `h = keccak256(h ‖ item)` from zero, as the L1Messenger accumulates it.
fn chain(items: impl IntoIterator<Item = B256>) -> B256 {
    items.into_iter().fold(B256::ZERO, |acc, item| {
        let mut buf = [0u8; 64];
        buf[..32].copy_from_slice(acc.as_slice());
        buf[32..].copy_from_slice(item.as_slice());
        keccak256(buf)
    })
}

impl PubdataInput {
    /// The rollup pubdata for these parts.
    pub fn pubdata(&self) -> Result<Pubdata, PubdataError> {
        Pubdata::new(
            self.user_logs.clone(),
            self.messages.clone(),
            self.bytecodes.clone(),
            &self.state_diffs,
        )
    }

    /// The bytes a rollup publishes on its settlement layer (the [`Pubdata`] encoding).
    pub fn settlement_layer_pubdata(&self) -> Result<Vec<u8>, PubdataError> {
        self.pubdata()?.encode()
    }

    /// Chained hash of the user logs' hashes.
    pub fn chained_logs_hash(&self) -> B256 {
        chain(self.user_logs.iter().map(L2ToL1Log::hash))
    }

    /// Chained hash of the messages' hashes.
    pub fn chained_messages_hash(&self) -> B256 {
        chain(self.messages.iter().map(keccak256))
    }

    /// Chained hash of the published bytecodes' versioned hashes.
    pub fn chained_bytecodes_hash(&self) -> Result<B256, PubdataError> {
        let hashes =
            self.bytecodes.iter().map(|code| bytecode_hash(code)).collect::<Result<Vec<_>, _>>()?;
        Ok(chain(hashes))
    }

    /// Root of the user logs' Merkle tree for `version`.
    pub fn logs_root(&self, version: ProtocolVersionId) -> B256 {
        let leaves = self.user_logs.iter().map(L2ToL1Log::hash).collect();
        // The per-version size is a power of two and the leaf count is bounded by memory.
        log_tree::LogTree::new(leaves, log_tree::tree_size(version))
            .map(|t| t.root())
            .unwrap_or_default()
    }

    /// The pubdata followed by the uncompressed state diffs (count u32 BE, padded records).
    fn pubdata_with_records(&self) -> Result<Vec<u8>, PubdataError> {
        let mut out = self.settlement_layer_pubdata()?;
        let count = u32::try_from(self.state_diffs.len()).map_err(|_| PubdataError::TooLong {
            what: "state diff count",
            value: self.state_diffs.len(),
        })?;
        out.extend_from_slice(&count.to_be_bytes());
        out.extend_from_slice(&encode_padded_records(&self.state_diffs));
        Ok(out)
    }

    fn validate_pubdata_call(
        &self,
        version: ProtocolVersionId,
        operator_input: Vec<u8>,
    ) -> Result<Vec<u8>, PubdataError> {
        Ok(validatePubdataCall {
            chainedLogsHash: self.chained_logs_hash(),
            logsRootHash: self.logs_root(version),
            chainedMessagesHash: self.chained_messages_hash(),
            chainedBytecodesHash: self.chained_bytecodes_hash()?,
            operatorInput: operator_input.into(),
        }
        .abi_encode())
    }

    /// The rollup's L1Messenger operator input for `version` (zksync-era `FullPubdataBuilder`).
    pub fn l1_messenger_operator_input(
        &self,
        version: ProtocolVersionId,
    ) -> Result<Vec<u8>, PubdataError> {
        if version.is_pre_boojum() {
            return Err(PubdataError::NoPubdata(version));
        }
        let body = self.pubdata_with_records()?;
        if version.is_pre_gateway() { Ok(body) } else { self.validate_pubdata_call(version, body) }
    }

    /// A no-DA validium's L1Messenger operator input (zksync-era `HashedPubdataBuilder`, Gateway and later):
    /// only the user logs travel.
    pub fn hashed_operator_input(
        &self,
        version: ProtocolVersionId,
    ) -> Result<Vec<u8>, PubdataError> {
        if version.is_pre_gateway() {
            return Err(PubdataError::NoPubdata(version));
        }
        let mut logs = Vec::with_capacity(4 + self.user_logs.len() * L2ToL1Log::SERIALIZED_SIZE);
        let count = u32::try_from(self.user_logs.len()).map_err(|_| PubdataError::TooLong {
            what: "log count",
            value: self.user_logs.len(),
        })?;
        logs.extend_from_slice(&count.to_be_bytes());
        for log in &self.user_logs {
            logs.extend_from_slice(&log.to_bytes());
        }
        self.validate_pubdata_call(version, logs)
    }

    /// A no-DA validium's settlement-layer "pubdata": just the state-diff hash.
    pub fn hashed_settlement_layer_pubdata(&self) -> B256 {
        state_diffs_hash(&self.state_diffs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_is_validate_pubdata() {
        // keccak256("validatePubdata(bytes32,bytes32,bytes32,bytes32,bytes)")[..4], as in the multivm vectors.
        assert_eq!(hex::encode(validatePubdataCall::SELECTOR), "89f9a072");
    }

    #[test]
    fn chains_start_from_zero() {
        let input = PubdataInput::default();
        assert_eq!(input.chained_logs_hash(), B256::ZERO);
        assert_eq!(input.chained_messages_hash(), B256::ZERO);
        let one =
            PubdataInput { messages: vec![Bytes::from_static(b"x")], ..PubdataInput::default() };
        let mut buf = [0u8; 64];
        buf[32..].copy_from_slice(keccak256(b"x").as_slice());
        assert_eq!(one.chained_messages_hash(), keccak256(buf));
        let bad = PubdataInput {
            bytecodes: vec![Bytes::from_static(&[0; 64])],
            ..PubdataInput::default()
        };
        assert!(bad.chained_bytecodes_hash().is_err());
        assert_eq!(
            input.l1_messenger_operator_input(ProtocolVersionId::new(17).expect("v17")),
            Err(PubdataError::NoPubdata(ProtocolVersionId::new(17).expect("v17")))
        );
    }
}
