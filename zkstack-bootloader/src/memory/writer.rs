//! A typed writer of bootloader memory: every value goes to the slot the layout names.

use alloy_primitives::{Address, B256, U256};

use super::layout::{
    COMPRESSED_BYTECODES_BEGIN_SLOT, EXPECTED_BASE_FEE_SLOT, FAIR_L2_GAS_PRICE_SLOT,
    FAIR_PUBDATA_PRICE_SLOT, L2_BLOCK_INFO_BEGIN_SLOT, L2_BLOCK_INFO_SLOT_SIZE,
    NEW_BATCH_NUMBER_SLOT, NEW_BATCH_TIMESTAMP_SLOT, OPERATOR_ADDRESS_SLOT,
    OPERATOR_REFUNDS_BEGIN_SLOT, PREV_BATCH_HASH_SLOT, SHOULD_SET_NEW_BATCH_SLOT,
    TRUSTED_GAS_LIMIT_BEGIN_SLOT, TX_DESCRIPTION_BEGIN_SLOT, TX_DESCRIPTION_SIZE,
    TX_ENCODING_BEGIN_SLOT, TX_OVERHEAD_BEGIN_SLOT, byte_of,
};
use super::tx_meta::{ExecutionMode, tx_meta};
use crate::l2_block::L2BlockEnv;

/// The eight batch-environment words the bootloader reads at its start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchEnvWords {
    /// The fee account (`OPERATOR_ADDRESS`).
    pub operator: Address,
    /// The previous batch's hash; `None` writes zero and `SHOULD_SET_NEW_BATCH = 0`, as
    /// zksync-era does for oneshot execution.
    pub previous_batch_hash: Option<B256>,
    /// Batch timestamp.
    pub timestamp: u64,
    /// Batch number.
    pub number: u64,
    /// Fair pubdata price.
    pub fair_pubdata_price: u64,
    /// Fair L2 gas price.
    pub fair_l2_gas_price: u64,
    /// The base fee the bootloader must arrive at.
    pub expected_base_fee: u64,
}

/// Words to store in the bootloader heap, as `(slot, value)` in write order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BootloaderMemory {
    words: Vec<(usize, U256)>,
}

impl BootloaderMemory {
    /// Nothing written yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The words written, `(slot, value)`, in order.
    pub fn words(&self) -> &[(usize, U256)] {
        &self.words
    }

    /// Takes the words out.
    pub fn into_words(self) -> Vec<(usize, U256)> {
        self.words
    }

    fn put(&mut self, slot: usize, value: U256) {
        self.words.push((slot, value));
    }

    /// Any word at any slot (for areas without a typed writer, such as the L1Messenger input
    /// that [`crate::pubdata_builder::PubdataBuilder::bootloader_memory`] lays out).
    pub fn raw(&mut self, slot: usize, value: U256) {
        self.put(slot, value);
    }

    /// The batch environment (slots 0–7).
    pub fn batch_env(&mut self, env: &BatchEnvWords) {
        let (hash, set) = match env.previous_batch_hash {
            Some(h) => (U256::from_be_bytes(h.0), U256::from(1u8)),
            None => (U256::ZERO, U256::ZERO),
        };
        self.put(OPERATOR_ADDRESS_SLOT, U256::from_be_slice(env.operator.as_slice()));
        self.put(PREV_BATCH_HASH_SLOT, hash);
        self.put(NEW_BATCH_TIMESTAMP_SLOT, U256::from(env.timestamp));
        self.put(NEW_BATCH_NUMBER_SLOT, U256::from(env.number));
        self.put(FAIR_PUBDATA_PRICE_SLOT, U256::from(env.fair_pubdata_price));
        self.put(FAIR_L2_GAS_PRICE_SLOT, U256::from(env.fair_l2_gas_price));
        self.put(EXPECTED_BASE_FEE_SLOT, U256::from(env.expected_base_fee));
        self.put(SHOULD_SET_NEW_BATCH_SLOT, set);
    }

    /// The description of transaction `tx_index`: its meta word and the byte offset of its
    /// encoding, which starts `encoding_offset` words into the encoding area.
    pub fn tx_description(&mut self, tx_index: usize, mode: ExecutionMode, encoding_offset: usize) {
        let slot = TX_DESCRIPTION_BEGIN_SLOT + TX_DESCRIPTION_SIZE * tx_index;
        self.put(slot, tx_meta(mode, true));
        self.put(slot + 1, U256::from(byte_of(TX_ENCODING_BEGIN_SLOT + encoding_offset)));
    }

    /// The encoded `Transaction` struct (ABI words, leading offset word included) at
    /// `encoding_offset` words into the encoding area.
    pub fn tx_encoding(&mut self, encoding_offset: usize, words: &[U256]) {
        let start = TX_ENCODING_BEGIN_SLOT + encoding_offset;
        for (i, w) in words.iter().enumerate() {
            self.put(start + i, *w);
        }
    }

    /// The operator's refund for transaction `tx_index`.
    pub fn operator_refund(&mut self, tx_index: usize, refund: u64) {
        self.put(OPERATOR_REFUNDS_BEGIN_SLOT + tx_index, U256::from(refund));
    }

    /// The batch overhead the operator asks of transaction `tx_index`.
    pub fn tx_overhead(&mut self, tx_index: usize, overhead: u32) {
        self.put(TX_OVERHEAD_BEGIN_SLOT + tx_index, U256::from(overhead));
    }

    /// The gas the operator trusts transaction `tx_index` with.
    pub fn trusted_gas_limit(&mut self, tx_index: usize, limit: U256) {
        self.put(TRUSTED_GAS_LIMIT_BEGIN_SLOT + tx_index, limit);
    }

    /// The L2 block of transaction `tx_index` (or, at `tx_index` = the number of transactions,
    /// the fictive block that closes the batch).
    pub fn l2_block(&mut self, tx_index: usize, block: &L2BlockEnv) {
        let slot = L2_BLOCK_INFO_BEGIN_SLOT + tx_index * L2_BLOCK_INFO_SLOT_SIZE;
        self.put(slot, U256::from(block.number));
        self.put(slot + 1, U256::from(block.timestamp));
        self.put(slot + 2, U256::from_be_bytes(block.prev_block_hash.0));
        self.put(slot + 3, U256::from(block.max_virtual_blocks_to_create));
    }

    /// Compressed-bytecode call data (`encoded`, bytes) placed `words_before` words after the
    /// area's pointer word (the bootloader sets that pointer itself).
    pub fn compressed_bytecodes(&mut self, words_before: usize, encoded: &[u8]) {
        let start = COMPRESSED_BYTECODES_BEGIN_SLOT + 1 + words_before;
        for (i, word) in zkstack_vm::memory::words_of(encoded).into_iter().enumerate() {
            self.put(start + i, word);
        }
    }
}
