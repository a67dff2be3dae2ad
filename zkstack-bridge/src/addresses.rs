//! Well-known addresses of the shared bridge on L1 and of the system contracts on every ZK chain
//! (era-contracts `common/l2-helpers/L2ContractAddresses.sol` and `common/Config.sol`).

use alloy_primitives::{Address, address};

/// The bootloader (`0x8001`): sender of the L2→L1 log that records each priority transaction's status.
pub const L2_BOOTLOADER_ADDRESS: Address = zkstack_l1::system_logs::BOOTLOADER_ADDRESS;

/// The L1Messenger system contract (`0x8008`): sender of every user L2→L1 message log.
pub const L2_TO_L1_MESSENGER_ADDRESS: Address = zkstack_l1::system_logs::L1_MESSENGER_ADDRESS;

/// The L2BaseToken system contract (`0x800a`): sends base-token withdrawal messages.
pub const L2_BASE_TOKEN_ADDRESS: Address = address!("0x000000000000000000000000000000000000800a");

/// The L2 Bridgehub (`0x10002`).
pub const L2_BRIDGEHUB_ADDRESS: Address = address!("0x0000000000000000000000000000000000010002");

/// The L2 asset router (`0x10003`): sends asset-router withdrawal messages, receives deposits.
pub const L2_ASSET_ROUTER_ADDRESS: Address = address!("0x0000000000000000000000000000000000010003");

/// The L2 native token vault (`0x10004`): the deployment tracker of every NTV asset id.
pub const L2_NATIVE_TOKEN_VAULT_ADDRESS: Address =
    address!("0x0000000000000000000000000000000000010004");

/// The L2 MessageRoot contract (`0x10005`): the per-chain and shared message trees on a settlement layer.
pub const L2_MESSAGE_ROOT_ADDRESS: Address = address!("0x0000000000000000000000000000000000010005");

/// The L2 interop root storage (`0x10008`): holds the interop roots a chain imported.
pub const L2_INTEROP_ROOT_STORAGE_ADDRESS: Address =
    address!("0x0000000000000000000000000000000000010008");

/// The L2 message verification contract (`0x10009`): verifies message proofs on an L2.
pub const L2_MESSAGE_VERIFICATION_ADDRESS: Address =
    address!("0x0000000000000000000000000000000000010009");

/// The pseudo-address that stands for ether in the native token vault (`address(1)`).
pub const ETH_TOKEN_ADDRESS: Address = address!("0x0000000000000000000000000000000000000001");

/// Second bridges must sit strictly above this address (`type(uint16).max`), so that a system
/// contract can never be called as a second bridge.
pub const BRIDGEHUB_MIN_SECOND_BRIDGE_ADDRESS: Address =
    address!("0x000000000000000000000000000000000000ffff");

/// The virtual sender of the transactions a settlement layer relays to a chain settling on it.
pub const SETTLEMENT_LAYER_RELAY_SENDER: Address =
    address!("0x1111111111111111111111111111111111111111");
