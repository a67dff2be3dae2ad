//! Fee-related constants of the bootloader and of zksync-era's VM glue, each with its source.
//!
//! Sources: era-contracts `system-contracts/bootloader/bootloader.yul` and `SystemConfig.json`
//! (the bootloader's `{{...}}` placeholders are filled from the latter), zksync-era
//! `core/lib/multivm/src/versions/vm_latest/constants.rs` ("vm_latest"), `core/lib/constants`
//! and `core/lib/types/src/fee_model.rs`. The L1 (Mailbox / `Config.sol`) constants that the
//! bootloader shares are re-exported from [`zkstack_l1::mailbox::constants`], not redefined.

pub use zkstack_l1::mailbox::constants::{
    L1_GAS_PER_PUBDATA_BYTE, L1_TX_DELTA_544_ENCODING_BYTES, L1_TX_DELTA_FACTORY_DEPS_L2_GAS,
    L1_TX_DELTA_FACTORY_DEPS_PUBDATA, L1_TX_INTRINSIC_L2_GAS, L1_TX_INTRINSIC_PUBDATA,
    L1_TX_MIN_L2_GAS_BASE, MAX_GAS_PER_TRANSACTION, MEMORY_OVERHEAD_GAS,
};
use zkstack_l1::pubdata::blob::BLOB_SIZE_BYTES;

/// Batch overhead a transaction pays for taking one of the batch's transaction slots, in L2 gas:
/// bootloader `TX_SLOT_OVERHEAD_GAS()` = 10 000 (vm_latest `TX_SLOT_OVERHEAD_GAS`; the Mailbox's
/// `TX_SLOT_OVERHEAD_L2_GAS` is the same number).
pub const TX_SLOT_OVERHEAD_GAS: u64 = zkstack_l1::mailbox::constants::TX_SLOT_OVERHEAD_L2_GAS;

/// Intrinsic computational gas of an L2 transaction: `SystemConfig.json` `L2_TX_INTRINSIC_GAS`
/// (14 070), bootloader `L2_TX_INTRINSIC_GAS()`; zksync-era `core/lib/constants/src/fees/
/// intrinsic.rs` `l2_tx_intrinsic_gas` has the same value.
pub const L2_TX_INTRINSIC_GAS: u64 = 14_070;

/// Intrinsic pubdata of an L2 transaction in bytes: `SystemConfig.json` `L2_TX_INTRINSIC_PUBDATA`
/// (0), bootloader `L2_TX_INTRINSIC_PUBDATA()`.
pub const L2_TX_INTRINSIC_PUBDATA: u64 = 0;

/// Gas the refund transfer of an L2 transaction takes: zksync-era `fees/intrinsic.rs`
/// `l2_tx_gas_for_refund_transfer` (7 343).
pub const L2_TX_GAS_FOR_REFUND_TRANSFER: u64 = 7_343;

/// Pubdata bytes every transaction must be able to publish: `SystemConfig.json`
/// `GUARANTEED_PUBDATA_BYTES` (2 500), bootloader `GUARANTEED_PUBDATA_PER_TX()`.
pub const GUARANTEED_PUBDATA_PER_TX: u64 = 2_500;

/// Most L2 gas an L2 transaction may request: zksync-era `core/lib/constants/src/ethereum.rs`
/// `MAX_L2_TX_GAS_LIMIT` (80 000 000); the gas-estimation search space ends here.
pub const MAX_L2_TX_GAS_LIMIT: u64 = 80_000_000;

/// Most gas one transaction may spend on compute, which also caps the operator's trusted gas
/// limit: vm_latest `TX_MAX_COMPUTE_GAS_LIMIT` (80 000 000, the bootloader's
/// `MAX_GAS_PER_TRANSACTION`).
pub const TX_MAX_COMPUTE_GAS_LIMIT: u64 = 80_000_000;

/// Most L2 gas per pubdata byte from VM 1.5.0 (protocol version 23) on: bootloader
/// `MAX_L2_GAS_PER_PUBDATA()` and vm_latest `MAX_GAS_PER_PUBDATA_BYTE` (50 000).
pub const MAX_L2_GAS_PER_PUBDATA: u64 = 50_000;

/// Most L2 gas per pubdata byte in VM 1.4.1 and 1.4.2 (protocol versions 20–22): zksync-era
/// `vm_1_4_1`/`vm_1_4_2` `constants.rs`, `MAX_L2_TX_GAS_LIMIT / GUARANTEED_PUBDATA_PER_L1_BATCH`
/// = 80 000 000 / 2 500.
pub const MAX_L2_GAS_PER_PUBDATA_1_4_1: u64 = MAX_L2_TX_GAS_LIMIT / 2_500;

/// Most L2 gas per pubdata byte in VM 1.4.0 (Boojum, protocol versions 18–19): zksync-era
/// `vm_boojum_integration/constants.rs`, 80 000 000 / 4 000.
pub const MAX_L2_GAS_PER_PUBDATA_1_4_0: u64 = MAX_L2_TX_GAS_LIMIT / 4_000;

/// Most transactions in a batch: `SystemConfig.json` `MAX_TRANSACTIONS_IN_BATCH` and vm_latest
/// `MAX_TXS_IN_BATCH` (10 000).
pub const MAX_TXS_IN_BATCH: usize = 10_000;

/// The batch gas limit shown in the system context and the API: vm_latest `BATCH_GAS_LIMIT`
/// (2^50, a safe JavaScript integer). Gas estimation never goes above it.
pub const BATCH_GAS_LIMIT: u64 = 1 << 50;

/// Gas an `eth_call` may use: vm_latest `ETH_CALL_GAS_LIMIT` (= [`BATCH_GAS_LIMIT`]).
pub const ETH_CALL_GAS_LIMIT: u64 = BATCH_GAS_LIMIT;

/// Gas reserved at the end of the batch for the batch tip (compression checks, etc.): vm_latest
/// `BOOTLOADER_BATCH_TIP_OVERHEAD` (400 000 000).
pub const BOOTLOADER_BATCH_TIP_OVERHEAD: u32 = 400_000_000;

/// Blobs a batch's pubdata may fill in the VM: vm_latest `MAX_BLOBS_PER_BATCH` (6).
pub const MAX_BLOBS_PER_BATCH: usize = 6;

/// Most pubdata bytes a batch may produce in the VM: vm_latest `MAX_VM_PUBDATA_PER_BATCH`
/// (`MAX_BLOBS_PER_BATCH · 126 976` = 761 856).
pub const MAX_VM_PUBDATA_PER_BATCH: usize = MAX_BLOBS_PER_BATCH * BLOB_SIZE_BYTES;

/// L1 gas the bootloader counts for closing a batch: `SystemConfig.json` `BATCH_OVERHEAD_L1_GAS`
/// (1 000 000).
pub const BATCH_OVERHEAD_L1_GAS: u64 = 1_000_000;

/// Largest fair L2 gas price the bootloader accepts: bootloader `MAX_ALLOWED_FAIR_L2_GAS_PRICE()`
/// (2^64 − 1 wei).
pub const MAX_ALLOWED_FAIR_L2_GAS_PRICE: u64 = u64::MAX;

/// Largest fair pubdata price the bootloader accepts: bootloader
/// `MAX_ALLOWED_FAIR_PUBDATA_PRICE()` (2^64 − 1 wei).
pub const MAX_ALLOWED_FAIR_PUBDATA_PRICE: u64 = u64::MAX;

/// The cap the server clips the fair L2 gas price to: zksync-era `fee_model.rs`
/// `clip_batch_fee_model_input_v2` `MAXIMUM_L2_GAS_PRICE` (10^13 wei; older bootloaders had this
/// limit, the server still applies it).
pub const SERVER_MAX_FAIR_L2_GAS_PRICE: u64 = 10_000_000_000_000;

/// The cap the server clips the fair pubdata price to: zksync-era `fee_model.rs`
/// `clip_batch_fee_model_input_v2` `MAXIMUM_PUBDATA_PRICE` (10^15 wei).
pub const SERVER_MAX_FAIR_PUBDATA_PRICE: u64 = 1_000_000_000_000_000;

/// Blob gas per pubdata byte: zksync-era `gas_adjuster` `BLOB_GAS_PER_BYTE` (1; a blob of 2^17
/// bytes costs 2^17 blob gas).
pub const BLOB_GAS_PER_BYTE: u64 = 1;
