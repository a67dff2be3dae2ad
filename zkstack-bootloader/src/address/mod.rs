//! Addresses and raw storage a wallet derives without running anything.
//!
//! - [`create_address`] / [`create2_address`]: where the ContractDeployer puts an EraVM contract
//!   (era-contracts `system-contracts/contracts/ContractDeployer.sol`, `getNewAddressCreate` and
//!   `getNewAddressCreate2`); [`evm_create_address`] for EVM-emulated deployments.
//! - [`bytecode_hash`]: the versioned EraVM bytecode hash (zkstack-l1's).
//! - [`AccountNonce`] and [`nonce_storage_key`] / [`keyed_nonce_storage_key`]: NonceHolder's packed
//!   nonces and where they live; [`balance_storage_key`]: L2BaseToken balances.
//!
//! ```
//! use zkstack_bootloader::address::{balance_storage_key, L2_BASE_TOKEN_ADDRESS};
//! use zkstack_bootloader::l1::Address;
//!
//! let key = balance_storage_key(Address::repeat_byte(0x11));
//! assert_eq!(key.address, L2_BASE_TOKEN_ADDRESS);
//! ```

mod create;
mod storage;

pub use create::{
    CREATE_PREFIX, CREATE2_PREFIX, create_address, create2_address, evm_create_address,
};
pub use storage::{
    AccountNonce, DEPLOYMENT_NONCE_MULTIPLIER, L2_BASE_TOKEN_ADDRESS, NONCE_HOLDER_ADDRESS,
    StorageKey, balance_storage_key, keyed_nonce_storage_key, mapping_key, nonce_storage_key,
};
pub use zkstack_l1::pubdata::bytecode::{BytecodeError, bytecode_hash};
