//! Where everything sits in the bootloader's heap, protocol version 26.
//!
//! Every offset is a word (32-byte slot) index derived from named constants, each citing the
//! function of era-contracts `system-contracts/bootloader/bootloader.yul` (commit 16dedf6d7,
//! protocol v26) that defines it, with the templated values zksync-era fills in. zksync-era
//! multivm `vm_latest/constants.rs` derives the same numbers for its `Gateway` subversion (which
//! the fast VM uses for versions 26 to 28); `tests/memory_layout.rs` pins the results.

/// Bytes in a bootloader memory word.
pub const WORD: usize = 32;

/// `MAX_TRANSACTIONS_IN_BATCH()` (templated `{{MAX_TRANSACTIONS_IN_BATCH}}` = 10 000).
pub const MAX_TXS_IN_BATCH: usize = 10_000;
/// `MAX_MEM_SIZE()`: the bootloader memory the protocol uses, in bytes.
pub const MAX_MEM_SIZE_BYTES: usize = 63_800_000;

// The batch environment: the first eight words, read at the bootloader's start (`mload(0)` ..
// `mload(224)` right after the function definitions).
/// `OPERATOR_ADDRESS := mload(0)`: the fee account.
pub const OPERATOR_ADDRESS_SLOT: usize = 0;
/// `PREV_BATCH_HASH := mload(32)`.
pub const PREV_BATCH_HASH_SLOT: usize = 1;
/// `NEW_BATCH_TIMESTAMP := mload(64)`.
pub const NEW_BATCH_TIMESTAMP_SLOT: usize = 2;
/// `NEW_BATCH_NUMBER := mload(96)`.
pub const NEW_BATCH_NUMBER_SLOT: usize = 3;
/// `FAIR_PUBDATA_PRICE := mload(128)`.
pub const FAIR_PUBDATA_PRICE_SLOT: usize = 4;
/// `FAIR_L2_GAS_PRICE := mload(160)`.
pub const FAIR_L2_GAS_PRICE_SLOT: usize = 5;
/// `EXPECTED_BASE_FEE := mload(192)`.
pub const EXPECTED_BASE_FEE_SLOT: usize = 6;
/// `SHOULD_SET_NEW_BATCH := mload(224)`: 1 when a previous batch hash is given.
pub const SHOULD_SET_NEW_BATCH_SLOT: usize = 7;

/// `SCRATCH_SPACE_BEGIN_SLOT()`.
pub const SCRATCH_SPACE_BEGIN_SLOT: usize = 8;
/// `SCRATCH_SPACE_SLOTS()`.
pub const SCRATCH_SPACE_SLOTS: usize = 32;
/// `PAYMASTER_CONTEXT_SLOTS()`: length word plus 32 words of context.
pub const PAYMASTER_CONTEXT_SLOTS: usize = 33;
/// `PAYMASTER_CONTEXT_BEGIN_SLOT()`.
pub const PAYMASTER_CONTEXT_BEGIN_SLOT: usize = SCRATCH_SPACE_BEGIN_SLOT + SCRATCH_SPACE_SLOTS;
/// `MAX_POSTOP_SLOTS()`: free words before each transaction's encoding for `postOp`.
pub const MAX_POSTOP_SLOTS: usize = PAYMASTER_CONTEXT_SLOTS + 7;
/// `CURRENT_L2_TX_HASHES_RESERVED_SLOTS()`.
pub const CURRENT_L2_TX_HASHES_SLOTS: usize = 2;
/// `CURRENT_L2_TX_HASHES_BEGIN_SLOT()`.
pub const CURRENT_L2_TX_HASHES_BEGIN_SLOT: usize =
    PAYMASTER_CONTEXT_BEGIN_SLOT + PAYMASTER_CONTEXT_SLOTS;
/// `MAX_NEW_FACTORY_DEPS()`.
pub const MAX_NEW_FACTORY_DEPS: usize = 64;
/// `NEW_FACTORY_DEPS_RESERVED_SLOTS()`.
pub const NEW_FACTORY_DEPS_RESERVED_SLOTS: usize = MAX_NEW_FACTORY_DEPS + 4;
/// `NEW_FACTORY_DEPS_BEGIN_SLOT()`.
pub const NEW_FACTORY_DEPS_BEGIN_SLOT: usize =
    CURRENT_L2_TX_HASHES_BEGIN_SLOT + CURRENT_L2_TX_HASHES_SLOTS;

/// `TX_OPERATOR_REFUND_BEGIN_SLOT()`: the operator's refund for each transaction.
pub const OPERATOR_REFUNDS_BEGIN_SLOT: usize =
    NEW_FACTORY_DEPS_BEGIN_SLOT + NEW_FACTORY_DEPS_RESERVED_SLOTS;
/// `TX_SUGGESTED_OVERHEAD_BEGIN_SLOT()`: the batch overhead the operator asks of each one.
pub const TX_OVERHEAD_BEGIN_SLOT: usize = OPERATOR_REFUNDS_BEGIN_SLOT + MAX_TXS_IN_BATCH;
/// `TX_OPERATOR_TRUSTED_GAS_LIMIT_BEGIN_SLOT()`: the gas the operator trusts each one with.
pub const TRUSTED_GAS_LIMIT_BEGIN_SLOT: usize = TX_OVERHEAD_BEGIN_SLOT + MAX_TXS_IN_BATCH;
/// `TX_OPERATOR_L2_BLOCK_INFO_BEGIN_SLOT()`.
pub const L2_BLOCK_INFO_BEGIN_SLOT: usize = TRUSTED_GAS_LIMIT_BEGIN_SLOT + MAX_TXS_IN_BATCH;
/// `TX_OPERATOR_L2_BLOCK_INFO_SLOT_SIZE()`: number, timestamp, previous hash, virtual blocks.
pub const L2_BLOCK_INFO_SLOT_SIZE: usize = 4;
/// `TX_OPERATOR_L2_BLOCK_INFO_SLOTS()`: one more block for the fictive block that ends a batch.
pub const L2_BLOCK_INFO_SLOTS: usize = (MAX_TXS_IN_BATCH + 1) * L2_BLOCK_INFO_SLOT_SIZE;

/// `COMPRESSED_BYTECODES_BEGIN_SLOT()`: a pointer word, then the compressed bytecodes.
pub const COMPRESSED_BYTECODES_BEGIN_SLOT: usize = L2_BLOCK_INFO_BEGIN_SLOT + L2_BLOCK_INFO_SLOTS;
/// `COMPRESSED_BYTECODES_SLOTS()` (templated `{{COMPRESSED_BYTECODES_SLOTS}}` = 196 608).
pub const COMPRESSED_BYTECODES_SLOTS: usize = 196_608;
/// `PRIORITY_TXS_L1_DATA_BEGIN_SLOT()`.
pub const PRIORITY_TXS_L1_DATA_BEGIN_SLOT: usize =
    COMPRESSED_BYTECODES_BEGIN_SLOT + COMPRESSED_BYTECODES_SLOTS;
/// `PRIORITY_TXS_L1_DATA_RESERVED_SLOTS()`.
pub const PRIORITY_TXS_L1_DATA_SLOTS: usize = 2;
/// `OPERATOR_PROVIDED_L1_MESSENGER_PUBDATA_BEGIN_SLOT()`.
pub const L1_MESSENGER_PUBDATA_BEGIN_SLOT: usize =
    PRIORITY_TXS_L1_DATA_BEGIN_SLOT + PRIORITY_TXS_L1_DATA_SLOTS;
/// `OPERATOR_PROVIDED_L1_MESSENGER_PUBDATA_SLOTS()` (templated = 1 360 000).
pub const L1_MESSENGER_PUBDATA_SLOTS: usize = 1_360_000;

/// `TX_DESCRIPTION_BEGIN_SLOT()`: `{txMeta, txDataOffset}` per transaction.
pub const TX_DESCRIPTION_BEGIN_SLOT: usize =
    L1_MESSENGER_PUBDATA_BEGIN_SLOT + L1_MESSENGER_PUBDATA_SLOTS;
/// `TX_DESCRIPTION_SIZE()` in words.
pub const TX_DESCRIPTION_SIZE: usize = 2;
/// Where transaction encodings start: after the descriptions and `MAX_POSTOP_SLOTS` free words
/// (multivm `get_tx_description_offset`; the bootloader only requires each `txDataOffset` to
/// leave that room).
pub const TX_ENCODING_BEGIN_SLOT: usize =
    TX_DESCRIPTION_BEGIN_SLOT + TX_DESCRIPTION_SIZE * MAX_TXS_IN_BATCH + MAX_POSTOP_SLOTS;

/// `RESULT_START_PTR()` as a slot: one success word per transaction, at the end of memory.
pub const RESULT_BEGIN_SLOT: usize = (MAX_MEM_SIZE_BYTES - MAX_TXS_IN_BATCH * WORD) / WORD;
/// `VM_HOOK_PTR()` as a slot: storing here calls the host.
pub const VM_HOOK_SLOT: usize = RESULT_BEGIN_SLOT - 1;
/// `VM_HOOK_PARAMS()`.
pub const VM_HOOK_PARAMS: usize = 3;
/// `VM_HOOK_PARAMS_OFFSET()` as a slot.
pub const VM_HOOK_PARAMS_SLOT: usize = VM_HOOK_SLOT - VM_HOOK_PARAMS;

/// Word of a transaction's encoding that holds its gas limit (the encoding starts with the
/// ABI offset word, then `txType, from, to, gasLimit`): multivm `TX_GAS_LIMIT_OFFSET`.
pub const TX_GAS_LIMIT_WORD: usize = 4;

/// The byte offset of a slot.
pub const fn byte_of(slot: usize) -> usize {
    slot * WORD
}
