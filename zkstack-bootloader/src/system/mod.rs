//! The base system contracts: the bootloader, the default account, the EVM emulator and the
//! system contracts by address, each with its versioned bytecode hash.
//!
//! Loadable from a VM dump ([`BaseSystemContracts::from_dump`]), from a directory of bytecode
//! files ([`BaseSystemContracts::from_dir`]) or from code the embedder supplies
//! ([`BaseSystemContracts::from_code`] and [`BaseSystemContracts::with_system_contract`]).

mod contracts;
mod dir;
mod error;

pub use contracts::{
    ACCOUNT_CODE_STORAGE_ADDRESS, BaseSystemContracts, ContractCode, KNOWN_CODES_STORAGE_ADDRESS,
    SYSTEM_CONTRACT_ADDRESSES, low_address as contracts_low_address,
};
pub use error::SystemContractsError;
