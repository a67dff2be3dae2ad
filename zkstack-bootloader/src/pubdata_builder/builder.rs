//! The operator's side of `L1Messenger.publishPubdataAndClearState`: what a batch hands the
//! L1Messenger through bootloader memory and what it publishes on the settlement layer, for
//! rollups and no-DA validiums (zksync-era multivm `pubdata_builders`: `pubdata_params_to_builder`,
//! `FullPubdataBuilder`, `HashedPubdataBuilder`; vm_latest `bootloader/utils.rs`
//! `apply_pubdata_to_memory`). The byte formats are zkstack-l1's [`PubdataInput`].

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolValue;

use crate::l1::ProtocolVersionId;
use crate::l1::pubdata::{PubdataError, PubdataInput};

/// How a chain makes its pubdata available.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DaMode {
    /// Everything published (calldata or blobs): zksync-era `FullPubdataBuilder`. Custom-DA
    /// validiums (Avail, Celestia, Eigen, object store) build the same bytes.
    #[default]
    Rollup,
    /// A validium without DA: only the user logs travel to the L1Messenger and the settlement
    /// layer gets the state-diff hash (`HashedPubdataBuilder`). Before the Gateway upgrade
    /// (version 26) every chain builds as a rollup.
    NoDaValidium,
}

/// The pubdata builder of a chain: its DA mode and its L2 DA validator contract.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PubdataBuilder {
    /// Rollup or no-DA validium.
    pub mode: DaMode,
    /// The L2 DA validator the L1Messenger calls (from the Gateway upgrade on).
    pub l2_da_validator: Address,
}

/// The operator's L1Messenger input as placed in bootloader memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct L1MessengerMemory {
    /// Words to skip after `OPERATOR_PROVIDED_L1_MESSENGER_PUBDATA_OFFSET` before `words` start:
    /// the bootloader fills them itself (the selector, and before the Gateway upgrade also the
    /// calldata offset).
    pub skipped_words: usize,
    /// The words, each the big-endian reading of 32 bytes.
    pub words: Vec<U256>,
}

impl PubdataBuilder {
    /// A rollup builder.
    pub fn rollup(l2_da_validator: Address) -> Self {
        Self { mode: DaMode::Rollup, l2_da_validator }
    }

    /// A no-DA validium builder.
    pub fn no_da_validium(l2_da_validator: Address) -> Self {
        Self { mode: DaMode::NoDaValidium, l2_da_validator }
    }

    /// The mode in force for `version` (no-DA only exists from the Gateway upgrade on).
    pub fn effective_mode(&self, version: ProtocolVersionId) -> DaMode {
        if version.is_pre_gateway() { DaMode::Rollup } else { self.mode }
    }

    /// The bytes the L1Messenger receives as operator input (`publishPubdataAndClearState`'s
    /// argument before the Gateway upgrade, the `validatePubdata` call to the L2 DA validator
    /// from it on).
    pub fn l1_messenger_operator_input(
        &self,
        input: &PubdataInput,
        version: ProtocolVersionId,
    ) -> Result<Vec<u8>, PubdataError> {
        match self.effective_mode(version) {
            DaMode::Rollup => input.l1_messenger_operator_input(version),
            DaMode::NoDaValidium => input.hashed_operator_input(version),
        }
    }

    /// What the batch publishes on the settlement layer: the full pubdata for a rollup, the
    /// 32-byte state-diff hash for a no-DA validium.
    pub fn settlement_layer_pubdata(
        &self,
        input: &PubdataInput,
        version: ProtocolVersionId,
    ) -> Result<Vec<u8>, PubdataError> {
        match self.effective_mode(version) {
            DaMode::Rollup => input.settlement_layer_pubdata(),
            DaMode::NoDaValidium => Ok(input.hashed_settlement_layer_pubdata().to_vec()),
        }
    }

    /// The operator input laid out for bootloader memory: before the Gateway upgrade
    /// `abi.encode(bytes)` without its head word, from it on `abi.encode(l2DaValidator, bytes)`.
    /// (zksync-era switches to a commitment-scheme word in place of the address only after the
    /// versions this crate targets.)
    pub fn bootloader_memory(
        &self,
        input: &PubdataInput,
        version: ProtocolVersionId,
    ) -> Result<L1MessengerMemory, PubdataError> {
        let operator_input = self.l1_messenger_operator_input(input, version)?;
        let (skipped_words, bytes) = if version.is_pre_gateway() {
            let encoded = operator_input.abi_encode();
            (2, encoded.get(32..).map(<[u8]>::to_vec).unwrap_or_default())
        } else {
            (1, (self.l2_da_validator, operator_input).abi_encode_params())
        };
        let words = zkstack_vm::memory::words_of(&bytes);
        Ok(L1MessengerMemory { skipped_words, words })
    }

    /// The chained hashes and log root the L2 DA validator receives (from the Gateway upgrade
    /// on): logs, logs Merkle root, messages, bytecodes.
    pub fn l2_da_header(
        &self,
        input: &PubdataInput,
        version: ProtocolVersionId,
    ) -> Result<[B256; 4], PubdataError> {
        Ok([
            input.chained_logs_hash(),
            input.logs_root(version),
            input.chained_messages_hash(),
            input.chained_bytecodes_hash()?,
        ])
    }
}
