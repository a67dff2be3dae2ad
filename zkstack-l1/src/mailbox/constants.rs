//! Constants of era-contracts `l1-contracts/contracts/common/Config.sol` used by the Mailbox and
//! `TransactionValidator`. Values have been unchanged since they were first written into
//! `Config.sol` (they come from `SystemConfig.json`), except `MAX_NEW_FACTORY_DEPS`.

use crate::ProtocolVersionId;

/// L1 gas charged per byte of pubdata (16 for calldata, rounded up): `L1_GAS_PER_PUBDATA_BYTE`.
pub const L1_GAS_PER_PUBDATA_BYTE: u64 = 17;

/// Intrinsic computational L2 gas of an L1→L2 transaction: `L1_TX_INTRINSIC_L2_GAS`.
pub const L1_TX_INTRINSIC_L2_GAS: u64 = 167_157;

/// Intrinsic pubdata of an L1→L2 transaction in bytes: `L1_TX_INTRINSIC_PUBDATA`.
pub const L1_TX_INTRINSIC_PUBDATA: u64 = 88;

/// Minimal computational L2 gas an L1→L2 transaction pays: `L1_TX_MIN_L2_GAS_BASE`.
pub const L1_TX_MIN_L2_GAS_BASE: u64 = 173_484;

/// Extra L2 gas per 544 bytes of encoding (544 = lcm of keccak's 136-byte rate and the 32-byte
/// word): `L1_TX_DELTA_544_ENCODING_BYTES`.
pub const L1_TX_DELTA_544_ENCODING_BYTES: u64 = 1656;

/// Extra computational L2 gas per factory dependency: `L1_TX_DELTA_FACTORY_DEPS_L2_GAS`.
pub const L1_TX_DELTA_FACTORY_DEPS_L2_GAS: u64 = 2473;

/// Extra pubdata bytes per factory dependency: `L1_TX_DELTA_FACTORY_DEPS_PUBDATA`.
pub const L1_TX_DELTA_FACTORY_DEPS_PUBDATA: u64 = 64;

/// Most factory dependencies one L1→L2 transaction may carry, from the Gateway upgrade (v26) on:
/// `MAX_NEW_FACTORY_DEPS` (64; it was 32 before, see [`max_new_factory_deps`]).
pub const MAX_NEW_FACTORY_DEPS: usize = 64;

/// Most factory dependencies before the Gateway upgrade: `MAX_NEW_FACTORY_DEPS` was 32 in
/// `Config.sol` until era-contracts commit 1192a7d0 (the Gateway line).
pub const MAX_NEW_FACTORY_DEPS_PRE_GATEWAY: usize = 32;

/// The only `l2GasPerPubdataByteLimit` user requests may use: `REQUIRED_L2_GAS_PRICE_PER_PUBDATA`.
pub const REQUIRED_L2_GAS_PRICE_PER_PUBDATA: u64 = 800;

/// Batch overhead charged for occupying a transaction slot, in L2 gas: `TX_SLOT_OVERHEAD_L2_GAS`.
pub const TX_SLOT_OVERHEAD_L2_GAS: u64 = 10_000;

/// Batch overhead per byte of bootloader memory the encoding occupies: `MEMORY_OVERHEAD_GAS`.
pub const MEMORY_OVERHEAD_GAS: u64 = 10;

/// Default `priorityTxMaxGasLimit` of a chain: `PRIORITY_TX_MAX_GAS_LIMIT`.
pub const PRIORITY_TX_MAX_GAS_LIMIT: u64 = 72_000_000;

/// Most L2 gas a user can request for one transaction: `MAX_GAS_PER_TRANSACTION`.
pub const MAX_GAS_PER_TRANSACTION: u64 = 80_000_000;

/// `MAX_NEW_FACTORY_DEPS` for a protocol version: 32 before the Gateway upgrade, 64 from it, as
/// zksync-era `multivm` `vm_latest::constants::get_max_new_factory_deps` also has it.
pub const fn max_new_factory_deps(version: ProtocolVersionId) -> usize {
    if version.is_pre_gateway() { MAX_NEW_FACTORY_DEPS_PRE_GATEWAY } else { MAX_NEW_FACTORY_DEPS }
}
