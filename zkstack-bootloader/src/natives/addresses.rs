//! Addresses of the kernel contracts the natives stand for and talk to (era-contracts v26
//! `Constants.sol`).

use alloy_primitives::{Address, address};

/// `ECADD_SYSTEM_CONTRACT`.
pub const EC_ADD: Address = address!("0x0000000000000000000000000000000000000006");
/// `ECMUL_SYSTEM_CONTRACT`.
pub const EC_MUL: Address = address!("0x0000000000000000000000000000000000000007");
/// `ECPAIRING_SYSTEM_CONTRACT`.
pub const EC_PAIRING: Address = address!("0x0000000000000000000000000000000000000008");
/// `BOOTLOADER_FORMAL_ADDRESS`.
pub const BOOTLOADER: Address = address!("0x0000000000000000000000000000000000008001");
/// `ACCOUNT_CODE_STORAGE_SYSTEM_CONTRACT`: code hash of every address by its address.
pub const ACCOUNT_CODE_STORAGE: Address = address!("0x0000000000000000000000000000000000008002");
/// `KNOWN_CODE_STORAGE_CONTRACT`.
pub const KNOWN_CODES_STORAGE: Address = address!("0x0000000000000000000000000000000000008004");
/// `DEPLOYER_SYSTEM_CONTRACT` (ContractDeployer).
pub const CONTRACT_DEPLOYER: Address = address!("0x0000000000000000000000000000000000008006");
/// `FORCE_DEPLOYER`.
pub const FORCE_DEPLOYER: Address = address!("0x0000000000000000000000000000000000008007");
/// `L1_MESSENGER_CONTRACT`.
pub const L1_MESSENGER: Address = address!("0x0000000000000000000000000000000000008008");
/// `EVENT_WRITER_CONTRACT`.
pub const EVENT_WRITER: Address = address!("0x000000000000000000000000000000000000800d");
/// `COMPRESSOR_CONTRACT`.
pub const COMPRESSOR: Address = address!("0x000000000000000000000000000000000000800e");
/// `COMPLEX_UPGRADER_CONTRACT`.
pub const COMPLEX_UPGRADER: Address = address!("0x000000000000000000000000000000000000800f");
/// `PUBDATA_CHUNK_PUBLISHER`.
pub const PUBDATA_CHUNK_PUBLISHER: Address = address!("0x0000000000000000000000000000000000008011");
/// `CODE_ORACLE` (`CodeOracle.yul`).
pub const CODE_ORACLE: Address = address!("0x0000000000000000000000000000000000008012");

/// `MAX_SYSTEM_CONTRACT_ADDRESS`: callers at or below it are system contracts.
pub const MAX_SYSTEM_CONTRACT_ADDRESS: u64 = 0xffff;

/// Whether `address` is a system contract (`SystemContractHelper.isSystemContract`).
pub fn is_system_contract(address: &Address) -> bool {
    let bytes = address.as_slice();
    bytes[..18].iter().all(|b| *b == 0)
}
