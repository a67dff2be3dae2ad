//! Price limits: the server-side clipping of a V2 fee input and the bootloader's own check.

use alloy_primitives::U256;

use super::{
    FeeError, PubdataIndependentBatchFeeModelInput,
    constants::{
        MAX_ALLOWED_FAIR_L2_GAS_PRICE, MAX_ALLOWED_FAIR_PUBDATA_PRICE,
        SERVER_MAX_FAIR_L2_GAS_PRICE, SERVER_MAX_FAIR_PUBDATA_PRICE,
    },
};

/// Caps the fair L2 gas price at [`SERVER_MAX_FAIR_L2_GAS_PRICE`] (10^13) and the fair pubdata
/// price at [`SERVER_MAX_FAIR_PUBDATA_PRICE`] (10^15) so the chain keeps running, at a loss, when
/// prices spike (zksync-era `fee_model.rs` `clip_batch_fee_model_input_v2`). The L1 gas price is
/// left alone.
#[must_use]
pub fn clip_batch_fee_model_input_v2(
    input: PubdataIndependentBatchFeeModelInput,
) -> PubdataIndependentBatchFeeModelInput {
    PubdataIndependentBatchFeeModelInput {
        fair_l2_gas_price: input.fair_l2_gas_price.min(SERVER_MAX_FAIR_L2_GAS_PRICE),
        fair_pubdata_price: input.fair_pubdata_price.min(SERVER_MAX_FAIR_PUBDATA_PRICE),
        l1_gas_price: input.l1_gas_price,
    }
}

/// `value` as `u64` if it is at most `max`, else [`FeeError::PriceTooHigh`].
fn at_most(value: U256, max: u64, what: &'static str) -> Result<u64, FeeError> {
    let too_high = FeeError::PriceTooHigh { what, value, max };
    if value > U256::from(max) {
        return Err(too_high);
    }
    u64::try_from(value).map_err(|_| too_high)
}

/// The bootloader's `validateOperatorProvidedPrices` on the two 256-bit words the operator writes
/// into bootloader memory: the pubdata price is checked first, then the L2 gas price, against
/// [`MAX_ALLOWED_FAIR_PUBDATA_PRICE`] and [`MAX_ALLOWED_FAIR_L2_GAS_PRICE`] (both 2^64 − 1).
/// Returns `(fair_l2_gas_price, fair_pubdata_price)` as `u64`.
pub fn validate_operator_provided_prices(
    fair_l2_gas_price: U256,
    fair_pubdata_price: U256,
) -> Result<(u64, u64), FeeError> {
    let pubdata =
        at_most(fair_pubdata_price, MAX_ALLOWED_FAIR_PUBDATA_PRICE, "fair pubdata price")?;
    let l2 = at_most(fair_l2_gas_price, MAX_ALLOWED_FAIR_L2_GAS_PRICE, "fair L2 gas price")?;
    Ok((l2, pubdata))
}
