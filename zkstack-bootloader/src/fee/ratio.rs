//! The base token's price in ETH (zksync-era `ConversionRatio`, `BaseTokenConversionRatio`).

use std::num::NonZeroU64;

use serde::{Deserialize, Serialize};

/// `numerator / denominator`: how many base-token units one wei is worth (zksync-era
/// `ConversionRatio`). Both parts are non-zero; deserialising a zero fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConversionRatio {
    /// Numerator.
    pub numerator: NonZeroU64,
    /// Denominator.
    pub denominator: NonZeroU64,
}

impl ConversionRatio {
    /// 1/1, an ETH-based chain.
    pub const ONE: Self = Self { numerator: NonZeroU64::MIN, denominator: NonZeroU64::MIN };

    /// The inverse ratio.
    #[must_use]
    pub const fn reciprocal(self) -> Self {
        Self { numerator: self.denominator, denominator: self.numerator }
    }

    /// `⌊price · numerator / denominator⌋`, or `u64::MAX` if that does not fit (zksync-era
    /// `FeeParamsV2::convert_l1_to_base_token`, which saturates the same way). Exact: the product
    /// is taken in `u128`, which cannot overflow.
    pub fn convert(self, price: u64) -> u64 {
        let converted = u128::from(price) * u128::from(self.numerator.get())
            / u128::from(self.denominator.get());
        u64::try_from(converted).unwrap_or(u64::MAX)
    }
}

impl Default for ConversionRatio {
    fn default() -> Self {
        Self::ONE
    }
}

/// The base token ↔ ETH ratios of a chain: one for prices set on L1 (the minimal L2 gas price) and
/// one for prices paid on the settlement layer (L1 gas, pubdata) — zksync-era
/// `BaseTokenConversionRatio`.
///
/// The JSON shape is the reference's: `{"l1": ratio | null, "sl": ratio | null, "numerator": n,
/// "denominator": n}`, where the flat pair is the deprecated pre-Gateway field kept for old
/// clients. Missing `l1`/`sl` mean `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BaseTokenConversionRatio {
    l1: Option<ConversionRatio>,
    sl: Option<ConversionRatio>,
    numerator: NonZeroU64,
    denominator: NonZeroU64,
}

impl BaseTokenConversionRatio {
    /// The same ratio towards L1 and the settlement layer.
    pub const fn new_simple(ratio: ConversionRatio) -> Self {
        Self::new(ratio, ratio)
    }

    /// Separate L1 and settlement-layer ratios; the deprecated flat pair copies the L1 ratio.
    pub const fn new(l1: ConversionRatio, sl: ConversionRatio) -> Self {
        Self { l1: Some(l1), sl: Some(sl), numerator: l1.numerator, denominator: l1.denominator }
    }

    /// The ratio for L1-denominated prices: `l1`, else the deprecated flat pair.
    pub fn l1_conversion_ratio(&self) -> ConversionRatio {
        self.l1
            .unwrap_or(ConversionRatio { numerator: self.numerator, denominator: self.denominator })
    }

    /// The ratio for settlement-layer prices: `sl`, else 1/1 (not the flat pair — this is the
    /// reference's rule).
    pub fn sl_conversion_ratio(&self) -> ConversionRatio {
        self.sl.unwrap_or_default()
    }
}

impl Default for BaseTokenConversionRatio {
    fn default() -> Self {
        Self::new_simple(ConversionRatio::ONE)
    }
}
