//! The ergs and pubdata a system contract burns explicitly (`SystemContractHelper.burnGas`), and
//! the cost formulas the L1Messenger charges with (era-contracts v26 `L1Messenger.sol`).

use alloy_primitives::U256;
use zkstack_vm::world::NativeCall;

use super::calldata::{Step, revert_with};
use super::errors::Overflow;

/// `COMPUTATIONAL_PRICE_FOR_PUBDATA`: ergs per pubdata byte the L1Messenger charges.
pub const COMPUTATIONAL_PRICE_FOR_PUBDATA: u64 = 80;
/// `KECCAK_ROUND_GAS_COST`.
pub const KECCAK_ROUND_GAS_COST: u64 = 40;
/// `KECCAK_ROUND_NUMBER_OF_BYTES`.
pub const KECCAK_ROUND_NUMBER_OF_BYTES: u64 = 136;
/// `SHA256_ROUND_GAS_COST`.
pub const SHA256_ROUND_GAS_COST: u64 = 7;
/// `SHA256_ROUND_NUMBER_OF_BYTES`.
pub const SHA256_ROUND_NUMBER_OF_BYTES: u64 = 64;

/// `keccakGasCost(length)`.
pub fn keccak_gas_cost(length: u64) -> U256 {
    U256::from(KECCAK_ROUND_GAS_COST) * U256::from(length / KECCAK_ROUND_NUMBER_OF_BYTES + 1)
}

/// `sha256GasCost(length)`.
pub fn sha256_gas_cost(length: u64) -> U256 {
    U256::from(SHA256_ROUND_GAS_COST)
        * U256::from(length.saturating_add(8) / SHA256_ROUND_NUMBER_OF_BYTES + 1)
}

/// `SystemContractHelper.burnGas(Utils.safeCastToU32(ergs), uint32(pubdata))`: reverts with
/// `Overflow()` when `ergs` does not fit 32 bits; burns `ergs` (a panic when fewer are left)
/// and counts `pubdata` bytes as spent (truncated to 32 bits as the cast does).
///
/// # Errors
/// The revert or panic above.
pub fn burn_gas(call: &mut NativeCall<'_>, ergs: U256, pubdata: u64) -> Step<()> {
    let Ok(ergs) = u32::try_from(ergs) else {
        return revert_with(&Overflow {});
    };
    call.charge(ergs)?;
    #[allow(clippy::cast_possible_truncation, reason = "Solidity's `uint32(...)` truncates")]
    call.spend_pubdata(pubdata as u32);
    Ok(())
}
