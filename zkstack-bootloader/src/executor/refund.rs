//! The refund the operator suggests for a transaction (zksync-era multivm
//! `vm_latest/utils/refund.rs` `compute_refund`, which `vm_fast` calls at
//! `AskOperatorForRefund`).

use alloy_primitives::U256;

/// What the refund is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefundInputs {
    /// The batch base fee (enforced or derived).
    pub base_fee: u64,
    /// Fair L2 gas price.
    pub fair_l2_gas_price: u64,
    /// Fair pubdata price.
    pub fair_pubdata_price: u64,
    /// Hook param 0: the refund the bootloader computed.
    pub bootloader_refund: u64,
    /// Hook param 1: gas the transaction spent on pubdata.
    pub gas_spent_on_pubdata: u64,
    /// The transaction's gas limit (from its encoding).
    pub tx_gas_limit: u64,
    /// Hook param 2: gas per pubdata byte.
    pub gas_per_pubdata_byte: u32,
    /// Pubdata published since the run started.
    pub pubdata_published: u32,
}

/// The suggested refund in gas: what was prepaid minus the fair fee for computation and
/// pubdata, divided by the base fee and rounded up; zero when the fair fee exceeds the prepaid
/// amount (the reference logs an error and uses zero, as here).
pub fn compute_refund(i: &RefundInputs) -> u64 {
    let total_gas_spent = i.tx_gas_limit.saturating_sub(i.bootloader_refund);
    let computation = total_gas_spent.saturating_sub(i.gas_spent_on_pubdata);
    let base_fee = U256::from(i.base_fee);
    let bootloader_pubdata_price = base_fee * U256::from(i.gas_per_pubdata_byte);
    let pubdata_price = bootloader_pubdata_price.min(U256::from(i.fair_pubdata_price));
    let fair_fee = U256::from(computation) * U256::from(i.fair_l2_gas_price)
        + U256::from(i.pubdata_published) * pubdata_price;
    let prepaid = U256::from(i.tx_gas_limit) * base_fee;
    let refund = prepaid.saturating_sub(fair_fee);
    if base_fee.is_zero() {
        return 0;
    }
    let gas = refund.div_ceil(base_fee);
    u64::try_from(gas).unwrap_or(u64::MAX)
}
