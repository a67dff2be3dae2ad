//! The fee and shape checks the Mailbox makes on a user's L1→L2 request.

use alloy_primitives::U256;

use super::{
    BaseTokenMultiplier, FeeParams, MailboxError,
    checked::{add, mul},
    constants::{REQUIRED_L2_GAS_PRICE_PER_PUBDATA, max_new_factory_deps},
    derive_l2_gas_price,
};
use crate::ProtocolVersionId;

/// The checks a user request (`BridgehubL2TransactionRequest`) passes before it becomes a priority
/// operation, in the order of Mailbox `_requestL2TransactionSender` and `_requestL2Transaction`:
///
/// 1. `l2_gas_per_pubdata_byte_limit` must be 800 ([`MailboxError::GasPerPubdataMismatch`]);
/// 2. at most [`max_new_factory_deps`] factory dependencies ([`MailboxError::TooManyFactoryDeps`]);
/// 3. `mint_value ≥ l2GasPrice · l2_gas_limit + l2_value` ([`MailboxError::MsgValueTooLow`]).
///
/// Returns the derived L2 gas price, which becomes the transaction's `maxFeePerGas`. The
/// transaction filterer and [`super::validate_l1_to_l2_transaction`] (run on the built
/// transaction) are separate.
#[allow(clippy::too_many_arguments)]
pub fn check_request(
    version: ProtocolVersionId,
    l1_gas_price: U256,
    l2_gas_limit: U256,
    l2_gas_per_pubdata_byte_limit: U256,
    factory_deps: usize,
    mint_value: U256,
    l2_value: U256,
    fee_params: &FeeParams,
    multiplier: BaseTokenMultiplier,
) -> Result<U256, MailboxError> {
    if l2_gas_per_pubdata_byte_limit != U256::from(REQUIRED_L2_GAS_PRICE_PER_PUBDATA) {
        return Err(MailboxError::GasPerPubdataMismatch);
    }
    if factory_deps > max_new_factory_deps(version) {
        return Err(MailboxError::TooManyFactoryDeps);
    }
    let l2_gas_price =
        derive_l2_gas_price(l1_gas_price, l2_gas_per_pubdata_byte_limit, fee_params, multiplier)?;
    let base_cost = mul(l2_gas_price, l2_gas_limit)?;
    let required = add(base_cost, l2_value)?;
    if mint_value < required {
        return Err(MailboxError::MsgValueTooLow { required, provided: mint_value });
    }
    Ok(l2_gas_price)
}
