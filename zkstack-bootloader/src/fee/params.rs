//! Fee parameters and the batch fee input computed from them (zksync-era `FeeParams`,
//! `compute_batch_fee_model_input_v1/v2`). This is also the JSON of `zks_getFeeParams`.

use serde::{Deserialize, Serialize};

use super::{
    BaseFeeAndGasPerPubdata, BaseTokenConversionRatio, BatchFeeInput, FeeError, FeeModelConfigV1,
    FeeModelConfigV2, L1PeggedBatchFeeModelInput, PubdataIndependentBatchFeeModelInput,
    clip_batch_fee_model_input_v2, derive_base_fee_and_gas_per_pubdata, scale_u64,
};
use crate::l1::ProtocolVersionId;

/// V1 fee parameters: the config and the current L1 gas price (zksync-era `FeeParamsV1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeeParamsV1 {
    /// The operator's config.
    pub config: FeeModelConfigV1,
    /// The L1 gas price, in wei.
    pub l1_gas_price: u64,
}

/// V2 fee parameters, all in wei; the accessors convert them to the base token (zksync-era
/// `FeeParamsV2`; serde fields `config`, `l1_gas_price`, `l1_pubdata_price`, `conversion_ratio`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeeParamsV2 {
    config: FeeModelConfigV2,
    l1_gas_price: u64,
    l1_pubdata_price: u64,
    conversion_ratio: BaseTokenConversionRatio,
}

impl FeeParamsV2 {
    /// Parameters from a config and wei prices.
    pub const fn new(
        config: FeeModelConfigV2,
        l1_gas_price: u64,
        l1_pubdata_price: u64,
        conversion_ratio: BaseTokenConversionRatio,
    ) -> Self {
        Self { config, l1_gas_price, l1_pubdata_price, conversion_ratio }
    }

    /// The config with `minimal_l2_gas_price` converted to the base token with the L1 ratio.
    pub fn config(&self) -> FeeModelConfigV2 {
        FeeModelConfigV2 {
            minimal_l2_gas_price: self
                .conversion_ratio
                .l1_conversion_ratio()
                .convert(self.config.minimal_l2_gas_price),
            ..self.config
        }
    }

    /// The L1 gas price in the base token (settlement-layer ratio).
    pub fn l1_gas_price(&self) -> u64 {
        self.conversion_ratio.sl_conversion_ratio().convert(self.l1_gas_price)
    }

    /// The L1 pubdata price in the base token (settlement-layer ratio).
    pub fn l1_pubdata_price(&self) -> u64 {
        self.conversion_ratio.sl_conversion_ratio().convert(self.l1_pubdata_price)
    }

    /// The config as stored, in wei.
    pub const fn raw_config(&self) -> FeeModelConfigV2 {
        self.config
    }

    /// The L1 gas price as stored, in wei.
    pub const fn raw_l1_gas_price(&self) -> u64 {
        self.l1_gas_price
    }

    /// The L1 pubdata price as stored, in wei.
    pub const fn raw_l1_pubdata_price(&self) -> u64 {
        self.l1_pubdata_price
    }

    /// The base-token conversion ratios.
    pub const fn conversion_ratio(&self) -> BaseTokenConversionRatio {
        self.conversion_ratio
    }
}

/// Fee parameters in either model (zksync-era `FeeParams`, externally tagged: the
/// `zks_getFeeParams` response is `{"V1": {...}}` or `{"V2": {...}}`).
///
/// ```
/// use zkstack_bootloader::fee::FeeParams;
/// use zkstack_bootloader::l1::ProtocolVersionId;
///
/// let json = r#"{"V2":{"config":{"minimal_l2_gas_price":25000000,"compute_overhead_part":0.0,
///   "pubdata_overhead_part":1.0,"batch_overhead_l1_gas":800000,"max_gas_per_batch":200000000,
///   "max_pubdata_per_batch":240000},"l1_gas_price":10000000000,"l1_pubdata_price":1,
///   "conversion_ratio":{"numerator":1,"denominator":1}}}"#;
/// let params: FeeParams = serde_json::from_str(json)?;
/// let fees = params.base_fee_and_gas_per_pubdata(ProtocolVersionId::LATEST, 1.0, 1.0)?;
/// // Pubdata price: 1 + ⌈10^10 · 800 000 / 240 000⌉ = 33 333 333 335 wei per byte;
/// // base fee = max(25 000 000, ⌈33 333 333 335 / 50 000⌉) = 25 000 000,
/// // gas per pubdata = ⌈33 333 333 335 / 25 000 000⌉ = 1 334.
/// assert_eq!((fees.base_fee, fees.gas_per_pubdata), (25_000_000, 1_334));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum FeeParams {
    /// V1 parameters.
    V1(FeeParamsV1),
    /// V2 parameters.
    V2(FeeParamsV2),
}

impl FeeParams {
    /// zksync-era's "sensible" non-zero default: V1, minimal L2 gas price 0.1 gwei, L1 gas price
    /// 1 gwei.
    pub const fn sensible_v1_default() -> Self {
        Self::V1(FeeParamsV1 {
            config: FeeModelConfigV1 { minimal_l2_gas_price: 100_000_000 },
            l1_gas_price: 1_000_000_000,
        })
    }

    /// The batch fee input these parameters give with the L1 gas and pubdata prices multiplied by
    /// the scale factors (zksync-era `FeeParams::scale`): V1 directly, V2 through
    /// [`compute_batch_fee_model_input_v2`] and then [`clip_batch_fee_model_input_v2`].
    pub fn scale(
        self,
        l1_gas_price_scale_factor: f64,
        l1_pubdata_price_scale_factor: f64,
    ) -> Result<BatchFeeInput, FeeError> {
        Ok(match self {
            Self::V1(params) => BatchFeeInput::L1Pegged(compute_batch_fee_model_input_v1(
                params,
                l1_gas_price_scale_factor,
            )),
            Self::V2(params) => BatchFeeInput::PubdataIndependent(clip_batch_fee_model_input_v2(
                compute_batch_fee_model_input_v2(
                    params,
                    l1_gas_price_scale_factor,
                    l1_pubdata_price_scale_factor,
                )?,
            )),
        })
    }

    /// What a wallet wants from `zks_getFeeParams`: the base fee and gas per pubdata of a batch
    /// of protocol `version` whose fee input is [`FeeParams::scale`] of these parameters.
    ///
    /// A node's API applies its own scale factors (and uses the open batch's input while one is
    /// open), so pass the node's factors to match what it quotes; 1.0/1.0 gives the unscaled
    /// values a sealing batch would get.
    pub fn base_fee_and_gas_per_pubdata(
        self,
        version: ProtocolVersionId,
        l1_gas_price_scale_factor: f64,
        l1_pubdata_price_scale_factor: f64,
    ) -> Result<BaseFeeAndGasPerPubdata, FeeError> {
        let input = self.scale(l1_gas_price_scale_factor, l1_pubdata_price_scale_factor)?;
        derive_base_fee_and_gas_per_pubdata(input, version)
    }
}

/// V1: the L1 gas price scaled, the fair L2 gas price the configured minimum (zksync-era
/// `compute_batch_fee_model_input_v1`).
pub fn compute_batch_fee_model_input_v1(
    params: FeeParamsV1,
    l1_gas_price_scale_factor: f64,
) -> L1PeggedBatchFeeModelInput {
    L1PeggedBatchFeeModelInput {
        fair_l2_gas_price: params.config.minimal_l2_gas_price,
        l1_gas_price: scale_u64(params.l1_gas_price, l1_gas_price_scale_factor),
    }
}

/// `⌈a / b⌉` with a named error for a zero divisor (the reference's `ceil_div_u256` panics).
fn ceil_div(a: u128, b: u64, divisor: &'static str) -> Result<u128, FeeError> {
    if b == 0 {
        return Err(FeeError::ZeroDivisor(divisor));
    }
    Ok(a.div_ceil(u128::from(b)))
}

/// V2, unclipped (zksync-era `compute_batch_fee_model_input_v2`), all prices in the base token:
///
/// 1. `l1 = scale(l1_gas_price, l1_scale)`, `p = scale(l1_pubdata_price, pubdata_scale)`;
/// 2. batch overhead `o = l1 · batch_overhead_l1_gas` (exact, in `u128`);
/// 3. `fair_l2_gas_price = minimal_l2_gas_price + scale(⌈o / max_gas_per_batch⌉, compute_overhead_part)`;
/// 4. `fair_pubdata_price = p + scale(⌈o / max_pubdata_per_batch⌉, pubdata_overhead_part)`.
///
/// `scale` is [`scale_u64`]. Where the reference panics (a zero limit, a per-unit overhead or a
/// sum above `u64::MAX`) this returns [`FeeError`].
pub fn compute_batch_fee_model_input_v2(
    params: FeeParamsV2,
    l1_gas_price_scale_factor: f64,
    l1_pubdata_price_scale_factor: f64,
) -> Result<PubdataIndependentBatchFeeModelInput, FeeError> {
    let config = params.config();
    let l1_gas_price = scale_u64(params.l1_gas_price(), l1_gas_price_scale_factor);
    let l1_pubdata_price = scale_u64(params.l1_pubdata_price(), l1_pubdata_price_scale_factor);

    let batch_overhead_wei = u128::from(l1_gas_price) * u128::from(config.batch_overhead_l1_gas);

    let overhead_per_gas =
        ceil_div(batch_overhead_wei, config.max_gas_per_batch, "max_gas_per_batch")?;
    let overhead_per_gas = u64::try_from(overhead_per_gas)
        .map_err(|_| FeeError::Overflow("batch overhead per gas"))?;
    let fair_l2_gas_price = config
        .minimal_l2_gas_price
        .checked_add(scale_u64(overhead_per_gas, config.compute_overhead_part))
        .ok_or(FeeError::Overflow("fair L2 gas price"))?;

    let overhead_per_pubdata =
        ceil_div(batch_overhead_wei, config.max_pubdata_per_batch, "max_pubdata_per_batch")?;
    let overhead_per_pubdata = u64::try_from(overhead_per_pubdata)
        .map_err(|_| FeeError::Overflow("batch overhead per pubdata byte"))?;
    let fair_pubdata_price = l1_pubdata_price
        .checked_add(scale_u64(overhead_per_pubdata, config.pubdata_overhead_part))
        .ok_or(FeeError::Overflow("fair pubdata price"))?;

    Ok(PubdataIndependentBatchFeeModelInput { fair_l2_gas_price, fair_pubdata_price, l1_gas_price })
}
