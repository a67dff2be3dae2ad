//! The fee model (fee params → batch fee input) against zksync-era's own test vectors.
//!
//! Sources, at zksync-era commit 3e29e4a0 (2026-07-02):
//! - `core/lib/types/src/fee_model.rs`, `mod tests` ("fee_model.rs tests" below);
//! - `core/node/fee_model/src/lib.rs`, `test_get_fee_model_params` ("node tests").
//!
//! Each expected value is the reference test's literal; the derivation steps are repeated in
//! comments where the reference only gives the result.

use std::num::NonZeroU64;

use zkstack_bootloader::fee::{
    BaseTokenConversionRatio, BatchFeeInput, ConversionRatio, FeeError, FeeModelConfigV2,
    FeeParams, FeeParamsV2, PubdataIndependentBatchFeeModelInput, clip_batch_fee_model_input_v2,
    compute_batch_fee_model_input_v2,
};
use zkstack_bootloader::l1::ProtocolVersionId;

const GWEI: u64 = 1_000_000_000;
const GIANT_L1_GAS_PRICE: u64 = 100_000 * GWEI;
const SMALL_L1_GAS_PRICE: u64 = 1;

fn ratio(numerator: u64, denominator: u64) -> ConversionRatio {
    ConversionRatio {
        numerator: NonZeroU64::new(numerator).expect("test ratio"),
        denominator: NonZeroU64::new(denominator).expect("test ratio"),
    }
}

fn config(
    minimal_l2_gas_price: u64,
    compute_overhead_part: f64,
    pubdata_overhead_part: f64,
    batch_overhead_l1_gas: u64,
    max_gas_per_batch: u64,
    max_pubdata_per_batch: u64,
) -> FeeModelConfigV2 {
    FeeModelConfigV2 {
        minimal_l2_gas_price,
        compute_overhead_part,
        pubdata_overhead_part,
        batch_overhead_l1_gas,
        max_gas_per_batch,
        max_pubdata_per_batch,
    }
}

fn eth_params(config: FeeModelConfigV2, l1_gas_price: u64, l1_pubdata_price: u64) -> FeeParamsV2 {
    FeeParamsV2::new(config, l1_gas_price, l1_pubdata_price, BaseTokenConversionRatio::default())
}

/// fee_model.rs tests: `test_compute_batch_fee_model_input_v2_giant_numbers`.
#[test]
fn giant_numbers() {
    let params = eth_params(
        config(GIANT_L1_GAS_PRICE, 5.0, 5.0, 1_000_000, 50_000_000, 100_000),
        GIANT_L1_GAS_PRICE,
        GIANT_L1_GAS_PRICE,
    );
    let input = compute_batch_fee_model_input_v2(params, 3.0, 3.0).expect("no overflow");
    assert_eq!(input.l1_gas_price, GIANT_L1_GAS_PRICE * 3);
    // overhead = 3·10^14 · 10^6 = 3·10^20; per gas ⌈3·10^20 / 5·10^7⌉ = 6·10^12, ·5 = 3·10^13.
    assert_eq!(input.fair_l2_gas_price, 130_000_000_000_000);
    // per byte ⌈3·10^20 / 10^5⌉ = 3·10^15, ·5 = 1.5·10^16, + 3·10^14.
    assert_eq!(input.fair_pubdata_price, 15_300_000_000_000_000);
}

/// fee_model.rs tests: `test_compute_batch_fee_model_input_v2_small_numbers`.
#[test]
fn small_numbers() {
    let params = eth_params(
        config(SMALL_L1_GAS_PRICE, 0.0, 0.0, 0, 50_000_000, 100_000),
        SMALL_L1_GAS_PRICE,
        SMALL_L1_GAS_PRICE,
    );
    let input = clip_batch_fee_model_input_v2(
        compute_batch_fee_model_input_v2(params, 1.0, 1.0).expect("no overflow"),
    );
    assert_eq!(
        input,
        PubdataIndependentBatchFeeModelInput {
            fair_l2_gas_price: SMALL_L1_GAS_PRICE,
            fair_pubdata_price: SMALL_L1_GAS_PRICE,
            l1_gas_price: SMALL_L1_GAS_PRICE,
        }
    );
}

/// fee_model.rs tests: `test_compute_batch_fee_model_input_v2_only_pubdata_overhead`.
#[test]
fn only_pubdata_overhead() {
    let params = eth_params(
        config(100_000_000_000, 0.0, 1.0, 700_000, 500_000_000, 100_000),
        GIANT_L1_GAS_PRICE,
        GIANT_L1_GAS_PRICE,
    );
    let input = clip_batch_fee_model_input_v2(
        compute_batch_fee_model_input_v2(params, 1.0, 1.0).expect("no overflow"),
    );
    assert_eq!(input.l1_gas_price, GIANT_L1_GAS_PRICE);
    assert_eq!(input.fair_l2_gas_price, 100_000_000_000);
    // 10^14 + 10^14 · 7·10^5 / 10^5.
    assert_eq!(input.fair_pubdata_price, 800_000_000_000_000);
}

/// fee_model.rs tests: `test_compute_baxtch_fee_model_input_v2_only_compute_overhead` (sic).
#[test]
fn only_compute_overhead() {
    let params = eth_params(
        config(100_000_000_000, 1.0, 0.0, 700_000, 500_000_000, 100_000),
        GIANT_L1_GAS_PRICE,
        GIANT_L1_GAS_PRICE,
    );
    let input = compute_batch_fee_model_input_v2(params, 1.0, 1.0).expect("no overflow");
    assert_eq!(input.l1_gas_price, GIANT_L1_GAS_PRICE);
    // 10^11 + 10^14 · 7·10^5 / 5·10^8 = 10^11 + 1.4·10^11.
    assert_eq!(input.fair_l2_gas_price, 240_000_000_000);
    assert_eq!(input.fair_pubdata_price, GIANT_L1_GAS_PRICE);
}

/// fee_model.rs tests: `test_compute_batch_fee_model_input_v2_param_tweaking`.
#[test]
fn param_tweaking() {
    let base_config = config(100_000_000_000, 0.5, 0.5, 700_000, 500_000_000, 100_000);
    let base_params = eth_params(base_config, GWEI, GWEI);
    let compute = |params| compute_batch_fee_model_input_v2(params, 1.0, 1.0).expect("fits");
    let base = compute(base_params);

    let larger_l1 = compute(eth_params(base_config, 2 * GWEI, GWEI));
    let scaled_l1 = compute_batch_fee_model_input_v2(base_params, 2.0, 1.0).expect("fits");
    assert_eq!(larger_l1, scaled_l1, "scaling has the effect of a larger L1 gas price");
    assert!(base.fair_l2_gas_price < larger_l1.fair_l2_gas_price);
    assert!(base.fair_pubdata_price < larger_l1.fair_pubdata_price);

    let larger_pubdata = compute(eth_params(base_config, GWEI, 2 * GWEI));
    let scaled_pubdata = compute_batch_fee_model_input_v2(base_params, 1.0, 2.0).expect("fits");
    assert_eq!(larger_pubdata, scaled_pubdata, "scaling has the effect of a larger pubdata price");
    assert_eq!(base.fair_l2_gas_price, larger_pubdata.fair_l2_gas_price);
    assert!(base.fair_pubdata_price < larger_pubdata.fair_pubdata_price);

    let larger_max_gas = compute(eth_params(
        FeeModelConfigV2 { max_gas_per_batch: base_config.max_gas_per_batch * 2, ..base_config },
        base_params.l1_gas_price(),
        base_params.l1_pubdata_price(),
    ));
    assert!(base.fair_l2_gas_price > larger_max_gas.fair_l2_gas_price);
    assert_eq!(base.fair_pubdata_price, larger_max_gas.fair_pubdata_price);

    let larger_max_pubdata = compute(eth_params(
        FeeModelConfigV2 {
            max_pubdata_per_batch: base_config.max_pubdata_per_batch * 2,
            ..base_config
        },
        base_params.l1_gas_price(),
        base_params.l1_pubdata_price(),
    ));
    assert_eq!(base.fair_l2_gas_price, larger_max_pubdata.fair_l2_gas_price);
    assert!(base.fair_pubdata_price > larger_max_pubdata.fair_pubdata_price);
}

/// fee_model.rs tests: `test_compute_batch_fee_model_input_v2_gas_price_over_limit_due_to_l1_gas`.
#[test]
fn clipped_for_l1_gas_price() {
    let l1_gas_price = 1_000_000_000 * GWEI;
    let params = eth_params(
        config(100 * GWEI, 0.5, 0.5, 700_000, 500_000_000, 100_000),
        l1_gas_price,
        GIANT_L1_GAS_PRICE,
    );
    let input = FeeParams::V2(params).scale(1.0, 1.0).expect("fits");
    assert_eq!(
        input,
        BatchFeeInput::pubdata_independent(l1_gas_price, 10_000 * GWEI, 1_000_000 * GWEI)
    );
}

/// fee_model.rs tests: `test_compute_batch_fee_model_input_v2_gas_price_over_limit_due_to_conversion_rate`.
#[test]
fn clipped_for_conversion_rate() {
    let params = FeeParamsV2::new(
        config(GWEI, 0.5, 0.5, 700_000, 500_000_000, 100_000),
        GWEI,
        2 * GWEI,
        BaseTokenConversionRatio::new_simple(ratio(3_000_000, 1)),
    );
    let input = FeeParams::V2(params).scale(1.0, 1.0).expect("fits");
    assert_eq!(
        input,
        BatchFeeInput::pubdata_independent(3_000_000 * GWEI, 10_000 * GWEI, 1_000_000 * GWEI)
    );
}

/// fee_model.rs tests: `test_fee_params_v2_safely_hit_u64_max`.
#[test]
fn conversion_at_u64_max() {
    let params = FeeParamsV2::new(
        config(GWEI, 0.5, 0.5, 700_000, 500_000_000, 100_000),
        u64::MAX,
        u64::MAX - 1,
        BaseTokenConversionRatio::new_simple(ratio(u64::MAX, u64::MAX)),
    );
    assert_eq!(params.l1_gas_price(), u64::MAX);
    assert_eq!(params.l1_pubdata_price(), u64::MAX - 1);
}

/// Node tests: `test_get_fee_model_params`, every case (name, ratio, inputs in wei, expected
/// minimal L2 gas price / L1 gas price / L1 pubdata price in the base token).
#[test]
fn node_conversion_cases() {
    /// (name, numerator, denominator, [minimal, L1 gas, L1 pubdata] in wei, expected in base token)
    type Case = (&'static str, u64, u64, [u64; 3], [u64; 3]);
    let cases: [Case; 7] = [
        ("1 ETH = 2 BaseToken", 2, 1, [1000, 2000, 3000], [2000, 4000, 6000]),
        ("1 ETH = 0.5 BaseToken", 1, 2, [1000, 2000, 3000], [500, 1000, 1500]),
        ("1 ETH = 1 BaseToken", 1, 1, [1000, 2000, 3000], [1000, 2000, 3000]),
        (
            "Large conversion - 1 ETH = 1_000_000 BaseToken",
            1_000_000,
            1,
            [1_000_000, 2_000_000, 3_000_000],
            [1_000_000_000_000, 2_000_000_000_000, 3_000_000_000_000],
        ),
        (
            "Small conversion - 1 ETH = 0.001 BaseToken",
            1,
            1_000,
            [1_000_000, 2_000_000, 3_000_000],
            [1_000, 2_000, 3_000],
        ),
        (
            "Fractional conversion ratio 123456789",
            1_123_456_789,
            1_000_000_000,
            [1_000_000, 2_000_000, 3_000_000],
            [1_123_456, 2_246_913, 3_370_370],
        ),
        (
            "Conversion ratio too large so clamp down to u64::MAX",
            u64::MAX,
            1,
            [2, 2, 2],
            [u64::MAX, u64::MAX, u64::MAX],
        ),
    ];
    for (name, numerator, denominator, [minimal, l1_gas, l1_pubdata], expected) in cases {
        let params = FeeParamsV2::new(
            config(minimal, 1.0, 1.0, 1, 1, 1),
            l1_gas,
            l1_pubdata,
            BaseTokenConversionRatio::new_simple(ratio(numerator, denominator)),
        );
        let got = [
            params.config().minimal_l2_gas_price,
            params.l1_gas_price(),
            params.l1_pubdata_price(),
        ];
        assert_eq!(got, expected, "{name}");
    }
}

/// zksync-era `FeeParams::sensible_v1_default` and `compute_batch_fee_model_input_v1`: V1 keeps
/// the minimal L2 gas price and scales the L1 gas price.
#[test]
fn v1_model() {
    let input = FeeParams::sensible_v1_default().scale(1.5, 7.0).expect("V1 cannot fail");
    assert_eq!(input, BatchFeeInput::l1_pegged(1_500_000_000, 100_000_000));
    assert_eq!(input.fair_pubdata_price(), Ok(17 * 1_500_000_000));
}

/// Where the reference panics, the result is a typed error.
#[test]
fn reference_panics_are_errors() {
    let zero_gas = eth_params(config(1, 1.0, 1.0, 1, 0, 1), 1, 1);
    assert_eq!(
        compute_batch_fee_model_input_v2(zero_gas, 1.0, 1.0),
        Err(FeeError::ZeroDivisor("max_gas_per_batch"))
    );
    let zero_pubdata = eth_params(config(1, 1.0, 1.0, 0, 1, 0), 0, 1);
    assert_eq!(
        compute_batch_fee_model_input_v2(zero_pubdata, 1.0, 1.0),
        Err(FeeError::ZeroDivisor("max_pubdata_per_batch"))
    );
    // (2^64 − 1)^2 / 1 does not fit a u64 (`U256::as_u64` panics in the reference).
    let huge = eth_params(config(0, 1.0, 1.0, u64::MAX, 1, 1), u64::MAX, 0);
    assert_eq!(
        compute_batch_fee_model_input_v2(huge, 1.0, 1.0),
        Err(FeeError::Overflow("batch overhead per gas"))
    );
    // minimal + overhead above u64::MAX.
    let sum = eth_params(config(u64::MAX, 1.0, 0.0, 1, 1, 1), 1, 0);
    assert_eq!(
        compute_batch_fee_model_input_v2(sum, 1.0, 1.0),
        Err(FeeError::Overflow("fair L2 gas price"))
    );
}

/// zksync-era `BatchFeeInput`: conversions, `stricter`, `for_protocol_version`.
#[test]
fn batch_fee_input_conversions() {
    let pegged = BatchFeeInput::l1_pegged(10, 3);
    assert_eq!(
        pegged.into_pubdata_independent(),
        Ok(PubdataIndependentBatchFeeModelInput {
            fair_l2_gas_price: 3,
            fair_pubdata_price: 170,
            l1_gas_price: 10
        })
    );
    assert_eq!(
        BatchFeeInput::pubdata_independent(1, 2, 3).into_l1_pegged(),
        Err(FeeError::NotL1Pegged)
    );
    assert_eq!(
        BatchFeeInput::l1_pegged(u64::MAX, 0).fair_pubdata_price(),
        Err(FeeError::Overflow("l1_gas_price * L1_GAS_PER_PUBDATA_BYTE"))
    );

    assert_eq!(
        pegged.stricter(BatchFeeInput::l1_pegged(5, 7)),
        Ok(BatchFeeInput::l1_pegged(10, 7))
    );
    // Mixed kinds compare as V2: (10, 3, 170) vs (1, 2, 300).
    assert_eq!(
        pegged.stricter(BatchFeeInput::pubdata_independent(1, 2, 300)),
        Ok(BatchFeeInput::pubdata_independent(10, 3, 300))
    );

    let v19 = ProtocolVersionId::new(19).expect("known");
    let v20 = ProtocolVersionId::new(20).expect("known");
    assert_eq!(
        BatchFeeInput::for_protocol_version(v19, 2, Some(9), 1),
        Ok(BatchFeeInput::l1_pegged(1, 2))
    );
    assert_eq!(
        BatchFeeInput::for_protocol_version(v20, 2, Some(9), 1),
        Ok(BatchFeeInput::pubdata_independent(1, 2, 9))
    );
    assert_eq!(
        BatchFeeInput::for_protocol_version(v20, 2, None, 1),
        Err(FeeError::MissingPubdataPrice(20))
    );

    // `scale_fair_l2_gas_price`: V1 unclipped, V2 clipped to 10^13.
    assert_eq!(
        BatchFeeInput::l1_pegged(1, 10_000_000_000_000).scale_fair_l2_gas_price(2.0),
        BatchFeeInput::l1_pegged(1, 20_000_000_000_000)
    );
    assert_eq!(
        BatchFeeInput::pubdata_independent(1, 10_000_000_000_000, 5).scale_fair_l2_gas_price(2.0),
        BatchFeeInput::pubdata_independent(1, 10_000_000_000_000, 5)
    );
}
