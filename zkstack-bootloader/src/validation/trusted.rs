//! Well-known proxy slots that validation may read in trusted tokens (zksync-era
//! `zksync_system_constants::trusted_slots`), derived from their definitions.

use alloy_primitives::{U256, keccak256};

/// `keccak256(name) − 1`, the EIP-1967 slot of `name`.
fn eip1967(name: &str) -> U256 {
    U256::from_be_bytes(keccak256(name.as_bytes()).0) - U256::from(1)
}

/// The slots whose values are trusted in a trusted token: EIP-1967 rollback, implementation and
/// admin, the OpenZeppelin `Initializable` flag (slot 1), and the ZeppelinOS admin and
/// implementation slots.
pub fn trusted_token_slots() -> [U256; 6] {
    [
        eip1967("eip1967.proxy.rollback"),
        eip1967("eip1967.proxy.implementation"),
        eip1967("eip1967.proxy.admin"),
        U256::from(1),
        U256::from_be_bytes(keccak256(b"org.zeppelinos.proxy.admin").0),
        U256::from_be_bytes(keccak256(b"org.zeppelinos.proxy.implementation").0),
    ]
}

/// The EIP-1967 names whose slots hold addresses that become trusted when read (the beacon).
pub const TRUSTED_ADDRESS_SLOTS: [&str; 1] = ["eip1967.proxy.beacon"];

/// The beacon slot's value.
pub fn beacon_slot() -> U256 {
    eip1967(TRUSTED_ADDRESS_SLOTS[0])
}
