//! JSON shapes of the fee types. Expected strings are written from the reference's serde derives
//! (zksync-era commit 3e29e4a0 `core/lib/types/src/fee_model.rs` and `core/lib/types/src/fee.rs`):
//! externally tagged enums, snake_case field names in declaration order, `NonZeroU64` as plain
//! numbers, `Option` as `null`, `U256` as `0x`-prefixed minimal hex. `zks_getFeeParams` returns
//! `FeeParams`, `zks_getBatchFeeInput` a `PubdataIndependentBatchFeeModelInput`; the TypeScript
//! integration test `core/tests/ts-integration/tests/fees.test.ts` reads `feeParams.V2.config`
//! and `feeParams.V2.conversion_ratio.numerator` from that response.

use std::num::NonZeroU64;

use alloy_primitives::U256;
use zkstack_bootloader::fee::{
    BaseTokenConversionRatio, BatchFeeInput, ConversionRatio, Fee, FeeModelConfig,
    FeeModelConfigV2, FeeParams, FeeParamsV2, PubdataIndependentBatchFeeModelInput,
};

fn nz(value: u64) -> NonZeroU64 {
    NonZeroU64::new(value).expect("non-zero")
}

fn v2_config() -> FeeModelConfigV2 {
    FeeModelConfigV2 {
        minimal_l2_gas_price: 25_000_000,
        compute_overhead_part: 0.0,
        pubdata_overhead_part: 1.0,
        batch_overhead_l1_gas: 800_000,
        max_gas_per_batch: 200_000_000,
        max_pubdata_per_batch: 240_000,
    }
}

const V2_JSON: &str = concat!(
    r#"{"V2":{"config":{"minimal_l2_gas_price":25000000,"compute_overhead_part":0.0,"#,
    r#""pubdata_overhead_part":1.0,"batch_overhead_l1_gas":800000,"max_gas_per_batch":200000000,"#,
    r#""max_pubdata_per_batch":240000},"l1_gas_price":2000000000,"l1_pubdata_price":34000000000,"#,
    r#""conversion_ratio":{"l1":{"numerator":3,"denominator":2},"sl":{"numerator":5,"denominator":4},"#,
    r#""numerator":3,"denominator":2}}}"#
);

#[test]
fn fee_params_v2_json() {
    let ratio = BaseTokenConversionRatio::new(
        ConversionRatio { numerator: nz(3), denominator: nz(2) },
        ConversionRatio { numerator: nz(5), denominator: nz(4) },
    );
    let params = FeeParams::V2(FeeParamsV2::new(v2_config(), 2_000_000_000, 34_000_000_000, ratio));
    assert_eq!(serde_json::to_string(&params).expect("serialises"), V2_JSON);
    let back: FeeParams = serde_json::from_str(V2_JSON).expect("parses");
    assert_eq!(back, params);
    let FeeParams::V2(v2) = back else { panic!("V2") };
    // L1 ratio 3/2 for the minimal price, settlement-layer ratio 5/4 for L1 prices.
    assert_eq!(v2.config().minimal_l2_gas_price, 37_500_000);
    assert_eq!(v2.l1_gas_price(), 2_500_000_000);
    assert_eq!(v2.l1_pubdata_price(), 42_500_000_000);
}

/// A response from a node before separate L1/SL ratios: only the flat pair. The L1 ratio falls
/// back to it, the settlement-layer ratio to 1/1 (zksync-era `l1_conversion_ratio` /
/// `sl_conversion_ratio`).
#[test]
fn legacy_conversion_ratio() {
    let json = r#"{"numerator":3,"denominator":2}"#;
    let ratio: BaseTokenConversionRatio = serde_json::from_str(json).expect("parses");
    assert_eq!(
        ratio.l1_conversion_ratio(),
        ConversionRatio { numerator: nz(3), denominator: nz(2) }
    );
    assert_eq!(ratio.sl_conversion_ratio(), ConversionRatio::ONE);
    assert_eq!(
        serde_json::to_string(&ratio).expect("serialises"),
        r#"{"l1":null,"sl":null,"numerator":3,"denominator":2}"#
    );
    // Zero is not a ratio part.
    assert!(
        serde_json::from_str::<BaseTokenConversionRatio>(r#"{"numerator":0,"denominator":2}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<BaseTokenConversionRatio>(r#"{"numerator":1}"#).is_err());
}

/// `FeeParams::sensible_v1_default`, which the external node's test mock returns for
/// `zks_getFeeParams` (`core/bin/external_node/src/tests/utils.rs`).
#[test]
fn fee_params_v1_json() {
    let json = r#"{"V1":{"config":{"minimal_l2_gas_price":100000000},"l1_gas_price":1000000000}}"#;
    assert_eq!(serde_json::to_string(&FeeParams::sensible_v1_default()).expect("serialises"), json);
    assert_eq!(
        serde_json::from_str::<FeeParams>(json).expect("parses"),
        FeeParams::sensible_v1_default()
    );
}

#[test]
fn batch_fee_input_json() {
    let input = BatchFeeInput::pubdata_independent(1, 2, 3);
    let json =
        r#"{"PubdataIndependent":{"fair_l2_gas_price":2,"fair_pubdata_price":3,"l1_gas_price":1}}"#;
    assert_eq!(serde_json::to_string(&input).expect("serialises"), json);
    assert_eq!(serde_json::from_str::<BatchFeeInput>(json).expect("parses"), input);

    let pegged = r#"{"L1Pegged":{"fair_l2_gas_price":2,"l1_gas_price":1}}"#;
    assert_eq!(serde_json::to_string(&BatchFeeInput::l1_pegged(1, 2)).expect("serialises"), pegged);

    // `zks_getBatchFeeInput` returns the bare V2 struct.
    let bare: PubdataIndependentBatchFeeModelInput =
        serde_json::from_str(r#"{"fair_l2_gas_price":2,"fair_pubdata_price":3,"l1_gas_price":1}"#)
            .expect("parses");
    assert_eq!(BatchFeeInput::from(bare), input);
}

#[test]
fn fee_model_config_json() {
    let json = r#"{"V1":{"minimal_l2_gas_price":100000000}}"#;
    assert_eq!(serde_json::to_string(&FeeModelConfig::default()).expect("serialises"), json);
    let v2 = FeeModelConfig::V2(v2_config());
    let back: FeeModelConfig =
        serde_json::from_str(&serde_json::to_string(&v2).expect("serialises")).expect("parses");
    assert_eq!(back, v2);
}

#[test]
fn fee_json() {
    let fee = Fee {
        gas_limit: U256::from(140_000u32),
        max_fee_per_gas: U256::from(100_000_000u32),
        max_priority_fee_per_gas: U256::ZERO,
        gas_per_pubdata_limit: U256::from(800u32),
    };
    let json = r#"{"gas_limit":"0x222e0","max_fee_per_gas":"0x5f5e100","max_priority_fee_per_gas":"0x0","gas_per_pubdata_limit":"0x320"}"#;
    assert_eq!(serde_json::to_string(&fee).expect("serialises"), json);
    assert_eq!(serde_json::from_str::<Fee>(json).expect("parses"), fee);
}
