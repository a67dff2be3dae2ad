//! The VM-free steps of gas estimation, hand-derived from zksync-era commit 3e29e4a0
//! `core/lib/multivm/src/utils/mod.rs` (`adjust_pubdata_price_for_tx`) and
//! `core/node/api_server/src/tx_sender/gas_estimation.rs` (`InitialGasEstimate`, binary search,
//! `finalize`). The reference has no unit vectors for these pure parts; every expected value
//! below is derived step by step from that code.

use alloy_primitives::U256;
use zkstack_bootloader::fee::{
    BaseFeeAndGasPerPubdata, BatchFeeInput, FeeError, adjust_pubdata_price_for_tx,
    derive_base_fee_and_gas_per_pubdata,
    estimate::{
        BinarySearchKind, GasSearch, InitialGasEstimate, finalize_fee, gas_charged_for_pubdata,
        step_gas_limit,
    },
};
use zkstack_bootloader::l1::ProtocolVersionId;

const LATEST: ProtocolVersionId = ProtocolVersionId::LATEST;

#[test]
fn adjust_v2_to_the_tx_limit() {
    // base fee 3·10^9, gas per pubdata 50 000 (see fee_bootloader.rs).
    let input = BatchFeeInput::pubdata_independent(0, 100_000_000, 150_000_000_000_000);
    // Limit 800 < 50 000: pubdata price = 10^8 · (800 − 1) = 7.99·10^10.
    let adjusted =
        adjust_pubdata_price_for_tx(input, U256::from(800u16), None, LATEST).expect("fits");
    assert_eq!(adjusted, BatchFeeInput::pubdata_independent(0, 100_000_000, 79_900_000_000));
    // Then base fee max(10^8, ⌈7.99·10^10 / 50 000⌉) = 10^8 and gas per pubdata 799 ≤ 800.
    let fees = derive_base_fee_and_gas_per_pubdata(adjusted, LATEST).expect("fits");
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (100_000_000, 799));

    // A max base fee of 5·10^7 also cuts the L2 price: pubdata 5·10^7 · 799.
    let adjusted = adjust_pubdata_price_for_tx(
        input,
        U256::from(800u16),
        Some(U256::from(50_000_000u32)),
        LATEST,
    )
    .expect("fits");
    assert_eq!(adjusted, BatchFeeInput::pubdata_independent(0, 50_000_000, 39_950_000_000));

    // A limit above the cap (50 000) changes nothing when gas per pubdata is at the cap.
    let same = adjust_pubdata_price_for_tx(input, U256::MAX, None, LATEST).expect("fits");
    assert_eq!(same, input);
}

#[test]
fn adjust_v1_to_the_tx_limit() {
    let v19 = ProtocolVersionId::new(19).expect("known");
    // l1 10^11, fair L2 10^6: gas per pubdata 20 000 at v19. Limit 800:
    // l1 = 10^6 · 799 / 17 = 47 000 000.
    let input = BatchFeeInput::l1_pegged(100_000_000_000, 1_000_000);
    let adjusted = adjust_pubdata_price_for_tx(input, U256::from(800u16), None, v19).expect("fits");
    assert_eq!(adjusted, BatchFeeInput::l1_pegged(47_000_000, 1_000_000));
    let fees = derive_base_fee_and_gas_per_pubdata(adjusted, v19).expect("fits");
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (1_000_000, 799));
}

#[test]
fn adjust_at_extreme_prices() {
    // (2^64 − 1, 2^64 − 1): base fee 2^64 − 1, gas per pubdata 1 — already within a limit of 1.
    let input = BatchFeeInput::pubdata_independent(0, u64::MAX, u64::MAX);
    assert_eq!(adjust_pubdata_price_for_tx(input, U256::from(1u8), None, LATEST), Ok(input));

    // fair L2 2^40: base fee ⌈(2^64 − 1) / 50 000⌉ > 2^40, gas per pubdata 50 000; a limit of
    // 49 999 gives pubdata 2^40 · 49 998.
    let input = BatchFeeInput::pubdata_independent(0, 1 << 40, u64::MAX);
    assert_eq!(
        adjust_pubdata_price_for_tx(input, U256::from(49_999u32), None, LATEST),
        Ok(BatchFeeInput::pubdata_independent(0, 1 << 40, (1 << 40) * 49_998))
    );

    // fair L2 2^60: base fee 2^60, gas per pubdata ⌈(2^64 − 1) / 2^60⌉ = 16.
    let input = BatchFeeInput::pubdata_independent(0, 1 << 60, u64::MAX);
    assert_eq!(
        adjust_pubdata_price_for_tx(input, U256::from(2u8), None, LATEST),
        Ok(BatchFeeInput::pubdata_independent(0, 1 << 60, 1 << 60))
    );
    // Limit 10: 2^60 · 9. (It cannot overflow: `fair_l2 · (gas_per_pubdata − 1)` stays below
    // the pubdata price it came from; `fee_props.rs` checks this for all inputs.)
    assert_eq!(
        adjust_pubdata_price_for_tx(input, U256::from(10u8), None, LATEST),
        Ok(BatchFeeInput::pubdata_independent(0, 1 << 60, (1 << 60) * 9))
    );
}

#[test]
fn initial_estimate_bounds() {
    // charged 1 000 000: margin max(15 625, 1 000) → 984 375; computational + pubdata =
    // 900 000 + 50 000 = 950 000; min = 950 000; minus overhead 10 000 = 940 000.
    let estimate = InitialGasEstimate {
        total_gas_charged: Some(1_000_000),
        computational_gas_used: Some(900_000),
        operator_overhead: 10_000,
        gas_charged_for_pubdata: 50_000,
    };
    assert_eq!(estimate.lower_gas_bound_without_overhead(), Ok(Some(940_000)));
    // (1 000 000 − 10 000) · 21 / 20 = 1 039 500.
    assert_eq!(estimate.optimistic_gas_limit_without_overhead(), Ok(Some(1_039_500)));

    // L1 transactions: nothing known.
    let l1 = InitialGasEstimate { operator_overhead: 10_000, ..Default::default() };
    assert_eq!(l1.lower_gas_bound_without_overhead(), Ok(None));
    assert_eq!(l1.optimistic_gas_limit_without_overhead(), Ok(None));

    let (full, pivot) = GasSearch::bounds(BinarySearchKind::Full, &estimate).expect("fits");
    assert_eq!((full, pivot), (50_000..=80_050_000, None));
    // Optimised: lower 940 000; midpoint 40 495 000 > 1 039 500, so that is tried first.
    let (optimized, pivot) =
        GasSearch::bounds(BinarySearchKind::Optimized, &estimate).expect("fits");
    assert_eq!((optimized, pivot), (940_000..=80_050_000, Some(1_039_500)));

    assert_eq!(gas_charged_for_pubdata(100, 800), Ok(80_000));
    assert_eq!(
        gas_charged_for_pubdata(u32::MAX, u64::MAX),
        Err(FeeError::Overflow("gas charged for pubdata"))
    );
}

/// The search converges to the threshold (a run fails below it) within the tolerance.
#[test]
fn search_with_a_threshold_oracle() {
    let estimate = InitialGasEstimate {
        total_gas_charged: Some(1_000_000),
        computational_gas_used: Some(900_000),
        operator_overhead: 10_000,
        gas_charged_for_pubdata: 50_000,
    };
    for kind in [BinarySearchKind::Full, BinarySearchKind::Optimized] {
        for (threshold, tolerance) in [(1_000_001, 0), (977_777, 1_000), (79_000_000, 0)] {
            let mut search = GasSearch::new(kind, &estimate, tolerance).expect("fits");
            let mut runs = 0;
            while let Some(pivot) = search.next_pivot() {
                search.record(pivot, pivot < threshold);
                runs += 1;
                assert!(runs < 64, "search must terminate");
            }
            let result = search.result();
            assert!(result >= threshold && result <= threshold + tolerance, "{kind:?} {threshold}");
        }
    }
}

#[test]
fn finalize() {
    let fees = BaseFeeAndGasPerPubdata { base_fee: 100_000_000, gas_per_pubdata: 799 };
    // suggested = (100 000 · 1.3) as u64 = 130 000; + overhead 10 000 = 140 000;
    // gas per pubdata limit = min((799 · 1.3) as u64 = 1 038, 50 000).
    let (suggested, fee) =
        finalize_fee(100_000, 1.3, |_| Ok(10_000), fees, U256::from(50_000u32), 1 << 50)
            .expect("fits");
    assert_eq!(suggested, 130_000);
    assert_eq!(fee.gas_limit, U256::from(140_000u32));
    assert_eq!(fee.max_fee_per_gas, U256::from(100_000_000u32));
    assert_eq!(fee.max_priority_fee_per_gas, U256::ZERO);
    assert_eq!(fee.gas_per_pubdata_limit, U256::from(1_038u32));

    // The user's own limit wins when lower.
    let (_, fee) = finalize_fee(100_000, 1.3, |_| Ok(10_000), fees, U256::from(800u32), 1 << 50)
        .expect("fits");
    assert_eq!(fee.gas_per_pubdata_limit, U256::from(800u32));

    assert_eq!(
        finalize_fee(100_000, 1.3, |_| Ok(10_000), fees, U256::from(800u32), 139_999),
        Err(FeeError::ExceedsBatchGasLimit)
    );
    assert_eq!(step_gas_limit(u64::MAX, 10_000, 1 << 50), 1 << 50);
    assert_eq!(step_gas_limit(100, 10_000, 1 << 50), 10_100);
}
