//! L2 gas price and base cost of an L1→L2 transaction (Mailbox `_deriveL2GasPrice`,
//! `l2TransactionBaseCost`).

use alloy_primitives::U256;

use super::{
    MailboxError,
    checked::{add, div, mul, sub},
    constants::L1_GAS_PER_PUBDATA_BYTE,
};

/// Whether L1→L2 transactions pay for pubdata at the L1 gas price (era-contracts
/// `ZKChainStorage.sol`, enum `PubdataPricingMode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PubdataPricingMode {
    /// Pubdata goes to L1 and costs `L1_GAS_PER_PUBDATA_BYTE` L1 gas per byte.
    #[default]
    Rollup,
    /// Pubdata is free with regard to the L1 gas price.
    Validium,
}

/// A chain's fee parameters for L1→L2 transactions (era-contracts `ZKChainStorage.sol`, struct
/// `FeeParams`; field widths are the contract's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FeeParams {
    /// How pubdata is priced.
    pub pubdata_pricing_mode: PubdataPricingMode,
    /// L1 gas needed to process a batch, calldata aside.
    pub batch_overhead_l1_gas: u32,
    /// Most pubdata bytes a batch may publish.
    pub max_pubdata_per_batch: u32,
    /// Most L2 gas a batch may use.
    pub max_l2_gas_per_batch: u32,
    /// Most pubdata bytes one priority transaction may publish.
    pub priority_tx_max_pubdata: u32,
    /// Floor of the L2 gas price, in base-token wei.
    pub minimal_l2_gas_price: u64,
}

/// Price of the base token in ETH as `nominator / denominator` (era-contracts `ZKChainStorage`
/// `baseTokenGasPriceMultiplierNominator`/`Denominator`, both `uint128`): an L1 gas price in wei
/// times this ratio is in base-token units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BaseTokenMultiplier {
    /// `baseTokenGasPriceMultiplierNominator`.
    pub nominator: u128,
    /// `baseTokenGasPriceMultiplierDenominator`; zero means "not set" and makes pricing revert.
    pub denominator: u128,
}

impl BaseTokenMultiplier {
    /// 1/1: a chain whose base token is ETH.
    pub const ETH: Self = Self { nominator: 1, denominator: 1 };
}

impl Default for BaseTokenMultiplier {
    fn default() -> Self {
        Self::ETH
    }
}

/// The L2 gas price, in base-token wei, an L1→L2 transaction pays (Mailbox `_deriveL2GasPrice`).
///
/// With `p` the L1 gas price converted to the base token (`l1_gas_price · nominator / denominator`,
/// rounded down) and `o = batchOverheadL1Gas · p`, the price is the larger of
/// - `minimalL2GasPrice + o / maxL2GasPerBatch`, and
/// - `⌈(pubdata + o / maxPubdataPerBatch) / gas_per_pubdata⌉` with `pubdata = 17 · p` for a rollup
///   and 0 for a validium.
///
/// Every step rounds and fails exactly where the contract does, in the same order.
pub fn derive_l2_gas_price(
    l1_gas_price: U256,
    gas_per_pubdata: U256,
    fee_params: &FeeParams,
    multiplier: BaseTokenMultiplier,
) -> Result<U256, MailboxError> {
    if multiplier.denominator == 0 {
        return Err(MailboxError::BaseTokenGasPriceDenominatorNotSet);
    }
    let converted = div(
        mul(l1_gas_price, U256::from(multiplier.nominator))?,
        U256::from(multiplier.denominator),
    )?;
    let pubdata_price = match fee_params.pubdata_pricing_mode {
        PubdataPricingMode::Rollup => mul(U256::from(L1_GAS_PER_PUBDATA_BYTE), converted)?,
        PubdataPricingMode::Validium => U256::ZERO,
    };
    let batch_overhead = mul(U256::from(fee_params.batch_overhead_l1_gas), converted)?;
    let full_pubdata_price =
        add(pubdata_price, div(batch_overhead, U256::from(fee_params.max_pubdata_per_batch))?)?;
    let l2_gas_price = add(
        U256::from(fee_params.minimal_l2_gas_price),
        div(batch_overhead, U256::from(fee_params.max_l2_gas_per_batch))?,
    )?;
    let min_l2_gas_price =
        div(sub(add(full_pubdata_price, gas_per_pubdata)?, U256::from(1u8))?, gas_per_pubdata)?;
    Ok(l2_gas_price.max(min_l2_gas_price))
}

/// What an L1→L2 transaction must pay before `l2Value`: `derive_l2_gas_price · l2_gas_limit`
/// (Mailbox `l2TransactionBaseCost`). `gas_price` is the L1 gas price (`tx.gasprice` on L1).
///
/// ```
/// use zkstack_l1::mailbox::{BaseTokenMultiplier, FeeParams, PubdataPricingMode, l2_transaction_base_cost};
/// use zkstack_l1::U256;
///
/// // era-contracts foundry test `test_successful_getL2TransactionBaseCostPricingModeRollup`.
/// let params = FeeParams {
///     pubdata_pricing_mode: PubdataPricingMode::Rollup,
///     batch_overhead_l1_gas: 1_000_000,
///     max_pubdata_per_batch: 120_000,
///     max_l2_gas_per_batch: 80_000_000,
///     priority_tx_max_pubdata: 99_000,
///     minimal_l2_gas_price: 250_000_000,
/// };
/// let cost = l2_transaction_base_cost(
///     U256::from(10_000_000u64),
///     U256::from(1_000_000u64),
///     U256::from(800u64),
///     &params,
///     BaseTokenMultiplier::ETH,
/// )?;
/// assert_eq!(cost, U256::from(250_125_000_000_000u64));
/// # Ok::<(), zkstack_l1::mailbox::MailboxError>(())
/// ```
pub fn l2_transaction_base_cost(
    gas_price: U256,
    l2_gas_limit: U256,
    l2_gas_per_pubdata_byte_limit: U256,
    fee_params: &FeeParams,
    multiplier: BaseTokenMultiplier,
) -> Result<U256, MailboxError> {
    let l2_gas_price =
        derive_l2_gas_price(gas_price, l2_gas_per_pubdata_byte_limit, fee_params, multiplier)?;
    mul(l2_gas_price, l2_gas_limit)
}
