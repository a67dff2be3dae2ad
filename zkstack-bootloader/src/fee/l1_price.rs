//! The L1 gas and pubdata prices a node feeds into [`super::FeeParamsV2`]: calldata, blobs,
//! custom DA and validium (zksync-era `core/node/fee_model/src/l1_gas_price/gas_adjuster/mod.rs`,
//! `estimate_effective_gas_price` / `estimate_effective_pubdata_price` / `cap_pubdata_fee`).
//!
//! Fee-history sampling and the blob base fee predictor are node machinery; these functions take
//! their results (a median base fee, a predicted blob base fee) and apply the pricing rules.

use alloy_primitives::U256;
use serde::{Deserialize, Serialize};

use super::{
    FeeError,
    constants::{BLOB_GAS_PER_BYTE, L1_GAS_PER_PUBDATA_BYTE},
    scale_u64,
};

/// Whether the chain publishes its pubdata to L1 (zksync-era `L1BatchCommitmentMode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum L1BatchCommitmentMode {
    /// Pubdata is posted to the settlement layer and paid for.
    #[default]
    Rollup,
    /// Pubdata stays off-chain; its price is 0.
    Validium,
}

/// The pricing knobs of the node's gas adjuster (the fee-related fields of zksync-era
/// `GasAdjusterConfig`; defaults are the reference's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct L1PricingConfig {
    /// Multiplier on the L1 base + priority fee (`internal_l1_pricing_multiplier`, default 1.0).
    pub internal_l1_pricing_multiplier: f64,
    /// Always use this L1 gas price (`internal_enforced_l1_gas_price`).
    pub internal_enforced_l1_gas_price: Option<u64>,
    /// Always use this pubdata price (`internal_enforced_pubdata_price`).
    pub internal_enforced_pubdata_price: Option<u64>,
    /// Cap on the L1 gas price (`max_l1_gas_price`, default `u64::MAX`).
    pub max_l1_gas_price: u64,
    /// Multiplier on the blob base fee (`internal_pubdata_pricing_multiplier`, default 1.0).
    pub internal_pubdata_pricing_multiplier: f64,
    /// Cap on the price of a pubdata byte (`max_blob_base_fee`, default `u64::MAX`).
    pub max_blob_base_fee: u64,
}

impl Default for L1PricingConfig {
    fn default() -> Self {
        Self {
            internal_l1_pricing_multiplier: 1.0,
            internal_enforced_l1_gas_price: None,
            internal_enforced_pubdata_price: None,
            max_l1_gas_price: u64::MAX,
            internal_pubdata_pricing_multiplier: 1.0,
            max_blob_base_fee: u64::MAX,
        }
    }
}

/// How pubdata is published, with the fee data its price comes from (zksync-era
/// `PubdataSendingMode` plus the statistics each mode reads).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PubdataPriceSource {
    /// Calldata: `17 · effective L1 gas price` per byte.
    Calldata {
        /// [`effective_l1_gas_price`].
        effective_l1_gas_price: u64,
    },
    /// EIP-4844 blobs: one blob gas per byte at the blob base fee.
    Blobs {
        /// The blob base fee median (the reference predicts the next one from it when it fits in
        /// `u64`; pass the prediction here).
        blob_base_fee: U256,
    },
    /// A custom DA layer: priced at 0 for now.
    Custom,
    /// Relayed as L2 calldata through the Gateway: the median L2 pubdata price.
    RelayedL2Calldata {
        /// The median L2 pubdata price of the settlement layer.
        l2_pubdata_price: U256,
    },
}

/// The L1 gas price a node uses: the enforced one if set, else
/// `min(scale(base_fee + priority_fee, internal_l1_pricing_multiplier), max_l1_gas_price)`.
pub fn effective_l1_gas_price(
    config: &L1PricingConfig,
    base_fee: u64,
    priority_fee: u64,
) -> Result<u64, FeeError> {
    if let Some(price) = config.internal_enforced_l1_gas_price {
        return Ok(price);
    }
    let fee =
        base_fee.checked_add(priority_fee).ok_or(FeeError::Overflow("L1 base + priority fee"))?;
    Ok(scale_u64(fee, config.internal_l1_pricing_multiplier).min(config.max_l1_gas_price))
}

/// `cap_pubdata_fee`: 0 for a validium, else the fee (an `f64`, truncated) capped at
/// `max_blob_base_fee`.
#[allow(clippy::cast_precision_loss)]
fn cap_pubdata_fee(config: &L1PricingConfig, mode: L1BatchCommitmentMode, fee: f64) -> u64 {
    match mode {
        L1BatchCommitmentMode::Validium => 0,
        L1BatchCommitmentMode::Rollup if fee > config.max_blob_base_fee as f64 => {
            config.max_blob_base_fee
        }
        L1BatchCommitmentMode::Rollup => fee as u64,
    }
}

/// The L1 price of one pubdata byte (`estimate_effective_pubdata_price`): the enforced price if
/// set; otherwise, by source,
///
/// - calldata: `17 · effective_l1_gas_price`,
/// - blobs: `blob_base_fee · 1 · internal_pubdata_pricing_multiplier` — but a blob base fee above
///   `u64::MAX` gives `max_blob_base_fee` outright, even for a validium, as in the reference,
/// - custom DA: 0,
/// - relayed L2 calldata: the L2 pubdata price,
///
/// each then passed through the cap (0 for a validium, at most `max_blob_base_fee`). The
/// intermediate values are `f64`, as in the reference, so large prices round the same way.
#[allow(clippy::cast_precision_loss)]
pub fn l1_pubdata_price(
    config: &L1PricingConfig,
    mode: L1BatchCommitmentMode,
    source: PubdataPriceSource,
) -> Result<u64, FeeError> {
    if let Some(price) = config.internal_enforced_pubdata_price {
        return Ok(price);
    }
    Ok(match source {
        PubdataPriceSource::Calldata { effective_l1_gas_price } => {
            let fee = effective_l1_gas_price
                .checked_mul(L1_GAS_PER_PUBDATA_BYTE)
                .ok_or(FeeError::Overflow("calldata pubdata price"))?;
            cap_pubdata_fee(config, mode, fee as f64)
        }
        PubdataPriceSource::Blobs { blob_base_fee } => match u64::try_from(blob_base_fee) {
            Err(_) => config.max_blob_base_fee,
            Ok(fee) => cap_pubdata_fee(
                config,
                mode,
                fee as f64 * BLOB_GAS_PER_BYTE as f64 * config.internal_pubdata_pricing_multiplier,
            ),
        },
        PubdataPriceSource::Custom => 0,
        PubdataPriceSource::RelayedL2Calldata { l2_pubdata_price } => {
            let fee = u64::try_from(l2_pubdata_price)
                .map_err(|_| FeeError::Overflow("L2 pubdata price"))?;
            cap_pubdata_fee(config, mode, fee as f64)
        }
    })
}
