//! Property tests of the fee model: no panics on any input, monotonicity, the invariants the
//! bootloader relies on, and serde round trips. Reference semantics: zksync-era commit 3e29e4a0
//! (`fee_model.rs`, multivm `utils/mod.rs`, `vm_latest/utils/fee.rs`) and era-contracts
//! `bootloader.yul`.

use std::num::NonZeroU64;

use alloy_primitives::{Bytes, U256};
use proptest::prelude::*;
use zkstack_bootloader::fee::{
    BaseTokenConversionRatio, BatchFeeInput, ConversionRatio, Fee, FeeModelConfigV2, FeeParams,
    FeeParamsV2, IntrinsicCost, PubdataIndependentBatchFeeModelInput, TxGasInputs,
    adjust_pubdata_price_for_tx, base_fee_and_gas_per_pubdata_with_cap,
    clip_batch_fee_model_input_v2, compute_batch_fee_model_input_v2, constants,
    derive_base_fee_and_gas_per_pubdata, encoding_len_words,
    estimate::{BinarySearchKind, GasSearch, InitialGasEstimate},
    gas_limit_for_tx, scale_u64,
};
use zkstack_bootloader::l1::{L2CanonicalTransaction, ProtocolVersionId};

fn u256() -> impl Strategy<Value = U256> {
    prop_oneof![
        any::<u64>().prop_map(U256::from),
        any::<[u8; 32]>().prop_map(U256::from_be_bytes),
        Just(U256::MAX),
    ]
}

/// Parts exactly representable in short decimal, so JSON round trips are exact.
fn part() -> impl Strategy<Value = f64> {
    (0u32..80).prop_map(|eighths| f64::from(eighths) / 8.0)
}

fn nz() -> impl Strategy<Value = NonZeroU64> {
    any::<u64>().prop_map(|v| NonZeroU64::new(v.max(1)).expect("max(1)"))
}

fn ratio() -> impl Strategy<Value = ConversionRatio> {
    (nz(), nz()).prop_map(|(numerator, denominator)| ConversionRatio { numerator, denominator })
}

fn config() -> impl Strategy<Value = FeeModelConfigV2> {
    (any::<u64>(), part(), part(), any::<u64>(), any::<u64>(), any::<u64>()).prop_map(
        |(minimal_l2_gas_price, c, p, batch_overhead_l1_gas, max_gas, max_pubdata)| {
            FeeModelConfigV2 {
                minimal_l2_gas_price,
                compute_overhead_part: c,
                pubdata_overhead_part: p,
                batch_overhead_l1_gas,
                max_gas_per_batch: max_gas,
                max_pubdata_per_batch: max_pubdata,
            }
        },
    )
}

fn params() -> impl Strategy<Value = FeeParamsV2> {
    (config(), any::<u64>(), any::<u64>(), ratio(), ratio()).prop_map(|(c, l1, p, r1, r2)| {
        FeeParamsV2::new(c, l1, p, BaseTokenConversionRatio::new(r1, r2))
    })
}

fn v2_input() -> impl Strategy<Value = PubdataIndependentBatchFeeModelInput> {
    (any::<u64>(), any::<u64>(), any::<u64>()).prop_map(|(l2, p, l1)| {
        PubdataIndependentBatchFeeModelInput {
            fair_l2_gas_price: l2,
            fair_pubdata_price: p,
            l1_gas_price: l1,
        }
    })
}

proptest! {
    /// Any parameters and scale factors (NaN and infinities included) give a value or an error.
    #[test]
    fn compute_v2_never_panics(params in params(), s1 in any::<f64>(), s2 in any::<f64>()) {
        let _ = compute_batch_fee_model_input_v2(params, s1, s2);
        let _ = FeeParams::V2(params).scale(s1, s2);
    }

    /// Prices never fall when the L1 gas or pubdata price rises; overheads only add.
    #[test]
    fn compute_v2_is_monotone(
        config in config(), a in any::<u64>(), b in any::<u64>(), p in any::<u64>(),
    ) {
        let (lo, hi) = (a.min(b), a.max(b));
        let eth = BaseTokenConversionRatio::default();
        let low = compute_batch_fee_model_input_v2(FeeParamsV2::new(config, lo, p, eth), 1.0, 1.0);
        let high = compute_batch_fee_model_input_v2(FeeParamsV2::new(config, hi, p, eth), 1.0, 1.0);
        if let (Ok(low), Ok(high)) = (low, high) {
            prop_assert!(low.fair_l2_gas_price <= high.fair_l2_gas_price);
            prop_assert!(low.fair_pubdata_price <= high.fair_pubdata_price);
            prop_assert!(low.fair_l2_gas_price >= config.minimal_l2_gas_price);
            // The raw price goes through f64 first (exact only up to 2^53), as in the reference.
            prop_assert!(low.fair_pubdata_price >= scale_u64(p, 1.0));
        }
        let low = compute_batch_fee_model_input_v2(FeeParamsV2::new(config, p, lo, eth), 1.0, 1.0);
        let high = compute_batch_fee_model_input_v2(FeeParamsV2::new(config, p, hi, eth), 1.0, 1.0);
        if let (Ok(low), Ok(high)) = (low, high) {
            prop_assert_eq!(low.fair_l2_gas_price, high.fair_l2_gas_price);
            prop_assert!(low.fair_pubdata_price <= high.fair_pubdata_price);
        }
    }

    /// Conversion is the exact `u128` quotient, saturated.
    #[test]
    fn conversion_is_exact(price in any::<u64>(), ratio in ratio()) {
        let exact = u128::from(price) * u128::from(ratio.numerator.get())
            / u128::from(ratio.denominator.get());
        prop_assert_eq!(u128::from(ratio.convert(price)), exact.min(u128::from(u64::MAX)));
        prop_assert_eq!(ConversionRatio::ONE.convert(price), price);
    }

    /// Clipping is idempotent and stays under the caps.
    #[test]
    fn clip_caps(input in v2_input()) {
        let clipped = clip_batch_fee_model_input_v2(input);
        prop_assert!(clipped.fair_l2_gas_price <= constants::SERVER_MAX_FAIR_L2_GAS_PRICE);
        prop_assert!(clipped.fair_pubdata_price <= constants::SERVER_MAX_FAIR_PUBDATA_PRICE);
        prop_assert_eq!(clip_batch_fee_model_input_v2(clipped), clipped);
        prop_assert_eq!(clipped.l1_gas_price, input.l1_gas_price);
    }

    /// `scale_u64` is monotone for non-negative factors and exact at 1.0 up to 2^53.
    #[test]
    fn scale_properties(a in any::<u64>(), b in any::<u64>(), factor in 0.0f64..1e6) {
        prop_assert!(scale_u64(a.min(b), factor) <= scale_u64(a.max(b), factor));
        let small = a >> 11;
        prop_assert_eq!(scale_u64(small, 1.0), small);
    }

    /// The bootloader's `getFeeParams` invariants: the base fee covers the L2 price, the gas per
    /// pubdata stays within the cap, and `base_fee · gas_per_pubdata` pays for a pubdata byte.
    #[test]
    fn base_fee_invariants(input in v2_input(), cap in prop_oneof![Just(20_000u64), Just(32_000), Just(50_000), 1u64..1_000_000]) {
        let fees = base_fee_and_gas_per_pubdata_with_cap(input, cap);
        prop_assert!(fees.base_fee >= input.fair_l2_gas_price);
        prop_assert!(fees.base_fee >= input.fair_pubdata_price.div_ceil(cap));
        prop_assert!(fees.gas_per_pubdata <= cap);
        prop_assert!(
            u128::from(fees.base_fee) * u128::from(fees.gas_per_pubdata)
                >= u128::from(input.fair_pubdata_price)
        );
        // Raising the L2 price never raises the gas per pubdata.
        let higher = PubdataIndependentBatchFeeModelInput {
            fair_l2_gas_price: input.fair_l2_gas_price.saturating_add(1),
            ..input
        };
        prop_assert!(base_fee_and_gas_per_pubdata_with_cap(higher, cap).gas_per_pubdata <= fees.gas_per_pubdata);
    }

    /// `adjust_pubdata_price_for_tx` on V2 inputs (latest VM) never fails and meets its targets.
    #[test]
    fn adjust_meets_targets(input in v2_input(), limit in u256(), max_base_fee in proptest::option::of(u256())) {
        let version = ProtocolVersionId::LATEST;
        let adjusted = adjust_pubdata_price_for_tx(input.into(), limit, max_base_fee, version);
        prop_assert!(adjusted.is_ok(), "{adjusted:?}");
        let fees = derive_base_fee_and_gas_per_pubdata(adjusted.expect("checked"), version).expect("latest");
        prop_assert!(U256::from(fees.gas_per_pubdata) <= limit.min(U256::from(constants::MAX_L2_GAS_PER_PUBDATA)));
        if let Some(max) = max_base_fee {
            prop_assert!(U256::from(fees.base_fee) <= max);
        }
    }

    /// The word count of the encoding rule matches an actual ABI encoding of the struct.
    #[test]
    fn encoding_len_matches_abi(
        data in 0usize..400, signature in 0usize..200, deps in 0usize..6,
        paymaster_input in 0usize..200, reserved in 0usize..100,
    ) {
        let tx = L2CanonicalTransaction {
            data: Bytes::from(vec![1u8; data]),
            signature: Bytes::from(vec![2u8; signature]),
            factoryDeps: vec![U256::from(3u8); deps],
            paymasterInput: Bytes::from(vec![4u8; paymaster_input]),
            reservedDynamic: Bytes::from(vec![5u8; reserved]),
            ..Default::default()
        };
        let words = encoding_len_words(data as u64, signature as u64, deps as u64, paymaster_input as u64, reserved as u64)
            .expect("small");
        prop_assert_eq!(words as usize * 32, tx.encode().len());
    }

    /// `getGasLimitForTx` never panics and never hands out more than the transaction paid for.
    #[test]
    fn gas_limit_for_tx_is_bounded(
        total in u256(), trusted in u256(), overhead in u256(), len in any::<usize>(),
        gas_per_pubdata in u256(), l1 in any::<bool>(),
    ) {
        let inputs = TxGasInputs {
            total_gas_limit: total,
            operator_trusted_gas_limit: trusted,
            operator_overhead: overhead,
            encoding_len: len,
            intrinsic: if l1 { IntrinsicCost::L1_TX } else { IntrinsicCost::L2_TX },
            gas_per_pubdata,
        };
        if let Ok(got) = gas_limit_for_tx(&inputs) {
            prop_assert!(got.gas_limit_for_tx.saturating_add(got.reserved_gas).saturating_add(overhead) <= total);
        }
    }

    /// The search ends within its tolerance above the passing threshold.
    #[test]
    fn search_converges(
        charged in 0u64..200_000_000, computational in 0u64..100_000_000, pubdata in 0u64..50_000_000,
        overhead in 0u64..1_000_000, tolerance in 0u64..100_000, threshold_pick in any::<u64>(),
        optimized in any::<bool>(),
    ) {
        let estimate = InitialGasEstimate {
            total_gas_charged: Some(charged),
            computational_gas_used: Some(computational),
            operator_overhead: overhead,
            gas_charged_for_pubdata: pubdata,
        };
        let kind = if optimized { BinarySearchKind::Optimized } else { BinarySearchKind::Full };
        let mut search = GasSearch::new(kind, &estimate, tolerance).expect("fits");
        let start = search.range();
        // A lower bound above the upper one (huge first-run usage) leaves nothing to search.
        prop_assume!(start.start() <= start.end());
        let threshold = start.start() + threshold_pick % (start.end() - start.start() + 1);
        let mut runs = 0;
        while let Some(pivot) = search.next_pivot() {
            search.record(pivot, pivot < threshold);
            runs += 1;
            prop_assert!(runs < 100);
        }
        prop_assert!(search.result() >= threshold);
        prop_assert!(search.result() <= threshold + tolerance);
    }

    /// JSON round trips of the RPC shapes.
    #[test]
    fn serde_round_trips(params in params(), input in v2_input(), gas in u256(), price in u256()) {
        let params = FeeParams::V2(params);
        let json = serde_json::to_string(&params).expect("serialises");
        prop_assert_eq!(serde_json::from_str::<FeeParams>(&json).expect("parses"), params);
        for input in [BatchFeeInput::PubdataIndependent(input), BatchFeeInput::l1_pegged(input.l1_gas_price, input.fair_l2_gas_price)] {
            let json = serde_json::to_string(&input).expect("serialises");
            prop_assert_eq!(serde_json::from_str::<BatchFeeInput>(&json).expect("parses"), input);
        }
        let fee = Fee { gas_limit: gas, max_fee_per_gas: price, max_priority_fee_per_gas: U256::ZERO, gas_per_pubdata_limit: gas };
        let json = serde_json::to_string(&fee).expect("serialises");
        prop_assert_eq!(serde_json::from_str::<Fee>(&json).expect("parses"), fee);
    }

    /// Arbitrary bytes never make the decoders panic.
    #[test]
    fn arbitrary_json_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = serde_json::from_slice::<FeeParams>(&bytes);
        let _ = serde_json::from_slice::<BatchFeeInput>(&bytes);
        let _ = serde_json::from_slice::<Fee>(&bytes);
        let _ = serde_json::from_slice::<BaseTokenConversionRatio>(&bytes);
    }

    /// Arbitrary JSON-ish text built from the real field names never panics either.
    #[test]
    fn structured_json_never_panics(
        minimal in any::<i128>(), part in any::<f64>(), numerator in any::<i64>(), tag in "V1|V2|V3",
    ) {
        let json = format!(
            r#"{{"{tag}":{{"config":{{"minimal_l2_gas_price":{minimal},"compute_overhead_part":{part},"pubdata_overhead_part":1,"batch_overhead_l1_gas":1,"max_gas_per_batch":1,"max_pubdata_per_batch":1}},"l1_gas_price":1,"l1_pubdata_price":1,"conversion_ratio":{{"numerator":{numerator},"denominator":1}}}}}}"#
        );
        if let Ok(params) = serde_json::from_str::<FeeParams>(&json) {
            let _ = params.base_fee_and_gas_per_pubdata(ProtocolVersionId::LATEST, 1.0, 1.0);
        }
    }
}
