//! The bootloader side of the fee model: base fee and gas per pubdata, transaction overhead,
//! intrinsic costs and `getGasLimitForTx`.
//!
//! Sources: era-contracts commit 5e7d0b40 `system-contracts/bootloader/tests/bootloader/
//! bootloader_test.yul` (the bootloader's own unit tests, "bootloader tests" below) and
//! `bootloader.yul`; zksync-era commit 3e29e4a0 multivm (`vm_latest/utils/fee.rs`,
//! `vm_latest/types/transaction_data.rs` test). Hand-derived values show their steps.

use alloy_primitives::{Bytes, U256};
use zkstack_bootloader::fee::{
    BatchFeeInput, FeeError, IntrinsicCost, PubdataIndependentBatchFeeModelInput, TxGasInputs,
    base_fee_and_gas_per_pubdata_with_cap, batch_base_fee, constants,
    derive_base_fee_and_gas_per_pubdata, derive_overhead, encoding_len_words, gas_limit_for_tx,
    gas_per_pubdata_from_base_fee, max_gas_per_pubdata_byte, transaction_upfront_overhead,
    trusted_gas_limit, validate_operator_provided_prices,
};
use zkstack_bootloader::l1::{L2CanonicalTransaction, ProtocolVersionId};

fn v(minor: u16) -> ProtocolVersionId {
    ProtocolVersionId::new(minor).expect("known version")
}

fn v2(fair_l2_gas_price: u64, fair_pubdata_price: u64) -> PubdataIndependentBatchFeeModelInput {
    PubdataIndependentBatchFeeModelInput { fair_l2_gas_price, fair_pubdata_price, l1_gas_price: 0 }
}

/// Bootloader tests `TEST_getFeeParams_HighPubdataPrice`: 150k gwei pubdata, 0.1 gwei L2 gas →
/// base fee ⌈1.5·10^14 / 50 000⌉ = 3·10^9, gas per pubdata = 50 000.
#[test]
fn bootloader_high_pubdata_price() {
    let fees = derive_base_fee_and_gas_per_pubdata(
        BatchFeeInput::pubdata_independent(0, 100_000_000, 150_000_000_000_000),
        ProtocolVersionId::LATEST,
    )
    .expect("supported");
    assert_eq!(fees.base_fee, 150_000_000_000_000_u64.div_ceil(constants::MAX_L2_GAS_PER_PUBDATA));
    assert_eq!(fees.base_fee, 3_000_000_000);
    assert_eq!(fees.gas_per_pubdata, constants::MAX_L2_GAS_PER_PUBDATA);
}

/// Bootloader tests `TEST_getFeeParams_LowPubdataPrice`: 0.2 gwei pubdata, 0.1 gwei L2 gas →
/// base fee 0.1 gwei, gas per pubdata 2.
#[test]
fn bootloader_low_pubdata_price() {
    let fees = base_fee_and_gas_per_pubdata_with_cap(
        v2(100_000_000, 200_000_000),
        constants::MAX_L2_GAS_PER_PUBDATA,
    );
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (100_000_000, 2));
}

/// Bootloader tests `TEST_ceilDiv`, through `gasPerPubdataFromBaseFee(baseFee, pubdataPrice) =
/// ceilDiv(pubdataPrice, baseFee)`: ceilDiv(1, 0) = 0, ceilDiv(0, 1) = 0, (5, 2) = 3, (6, 2) = 3.
#[test]
fn bootloader_ceil_div() {
    assert_eq!(gas_per_pubdata_from_base_fee(0, 1), 0);
    assert_eq!(gas_per_pubdata_from_base_fee(1, 0), 0);
    assert_eq!(gas_per_pubdata_from_base_fee(2, 5), 3);
    assert_eq!(gas_per_pubdata_from_base_fee(2, 6), 3);
}

/// The per-version cap (multivm constants: 80 000 000 / 4 000, / 2 500, and 50 000) and the
/// version dispatch of multivm `derive_base_fee_and_gas_per_pubdata`.
#[test]
fn per_version_rules() {
    assert_eq!(max_gas_per_pubdata_byte(v(17)), Err(FeeError::UnsupportedVersion(17)));
    assert_eq!(max_gas_per_pubdata_byte(v(18)), Ok(20_000));
    assert_eq!(max_gas_per_pubdata_byte(v(19)), Ok(20_000));
    assert_eq!(max_gas_per_pubdata_byte(v(20)), Ok(32_000));
    assert_eq!(max_gas_per_pubdata_byte(v(22)), Ok(32_000));
    assert_eq!(max_gas_per_pubdata_byte(v(23)), Ok(50_000));
    assert_eq!(max_gas_per_pubdata_byte(ProtocolVersionId::LATEST), Ok(50_000));

    // L1 gas 10^11 (100 gwei), fair L2 gas 10^6 → pubdata price 17·10^11.
    let pegged = BatchFeeInput::l1_pegged(100_000_000_000, 1_000_000);
    // v19: base fee ⌈1.7·10^12 / 20 000⌉ = 85 000 000, gas per pubdata 20 000.
    let fees = derive_base_fee_and_gas_per_pubdata(pegged, v(19)).expect("v19");
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (85_000_000, 20_000));
    // v22: ⌈1.7·10^12 / 32 000⌉ = 53 125 000, gas per pubdata 32 000.
    let fees = derive_base_fee_and_gas_per_pubdata(pegged, v(22)).expect("v22");
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (53_125_000, 32_000));
    // v23+: ⌈1.7·10^12 / 50 000⌉ = 34 000 000.
    let fees = derive_base_fee_and_gas_per_pubdata(pegged, v(31)).expect("v31");
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (34_000_000, 50_000));

    // VM 1.4.0 cannot take a V2 input (multivm `into_l1_pegged` panics).
    let independent = BatchFeeInput::pubdata_independent(1, 1, 1);
    assert_eq!(derive_base_fee_and_gas_per_pubdata(independent, v(18)), Err(FeeError::NotL1Pegged));

    // `get_batch_base_fee`: an enforced base fee wins.
    assert_eq!(batch_base_fee(pegged, Some(7), v(31)), Ok(7));
    assert_eq!(batch_base_fee(pegged, None, v(31)), Ok(34_000_000));
}

/// All-zero prices give a zero base fee and zero gas per pubdata (no division by zero).
#[test]
fn zero_prices() {
    let fees = base_fee_and_gas_per_pubdata_with_cap(v2(0, 0), 50_000);
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (0, 0));
    // Free L2 gas but paid pubdata: base fee ⌈7 / 50 000⌉ = 1, gas per pubdata 7.
    let fees = base_fee_and_gas_per_pubdata_with_cap(v2(0, 7), 50_000);
    assert_eq!((fees.base_fee, fees.gas_per_pubdata), (1, 7));
}

/// Bootloader tests `TEST_getTransactionUpfrontOverhead`: 32 bytes → the slot overhead (10 000);
/// 10^6 bytes → 10^6 · 10.
#[test]
fn bootloader_upfront_overhead() {
    assert_eq!(transaction_upfront_overhead(32), U256::from(constants::TX_SLOT_OVERHEAD_GAS));
    assert_eq!(transaction_upfront_overhead(1_000_000), U256::from(10_000_000u64));
}

/// multivm `derive_overhead` (VM 1.4.1 on) counts words: max(10 000, 10 · words).
#[test]
fn operator_overhead_in_words() {
    assert_eq!(derive_overhead(25, ProtocolVersionId::LATEST), Ok(10_000));
    assert_eq!(derive_overhead(1_000, ProtocolVersionId::LATEST), Ok(10_000));
    assert_eq!(derive_overhead(1_001, ProtocolVersionId::LATEST), Ok(10_010));
    assert_eq!(derive_overhead(1_001, v(20)), Ok(10_010));
    assert_eq!(derive_overhead(1_001, v(19)), Err(FeeError::UnsupportedOverheadVersion(19)));
    // 10 · 429 496 730 > u32::MAX.
    assert_eq!(
        derive_overhead(429_496_730, ProtocolVersionId::LATEST),
        Err(FeeError::Overflow("overhead"))
    );
}

/// multivm `vm_latest/types/transaction_data.rs` test `test_consistency_with_encoding_length`:
/// `encoding_len(65, 75, 2, 85, 32)` equals the word count of the ABI encoding. Here the ABI
/// encoding is zkstack-l1's independent `L2CanonicalTransaction` (the same struct layout as the
/// bootloader's `Transaction`): 25 + 3 + 3 + 2 + 3 + 1 = 37 words.
#[test]
fn encoding_length_in_words() {
    let words = encoding_len_words(65, 75, 2, 85, 32).expect("small");
    assert_eq!(words, 37);
    let tx = L2CanonicalTransaction {
        data: Bytes::from(vec![0u8; 65]),
        signature: Bytes::from(vec![0u8; 75]),
        factoryDeps: vec![U256::ZERO, U256::from(1u8)],
        paymasterInput: Bytes::from(vec![0u8; 85]),
        reservedDynamic: Bytes::from(vec![0u8; 32]),
        ..Default::default()
    };
    assert_eq!(tx.encode().len(), 37 * 32);
    assert_eq!(
        encoding_len_words(u64::MAX, u64::MAX, u64::MAX, 0, 0),
        Err(FeeError::Overflow("transaction encoding length"))
    );
}

/// Intrinsic costs: `SystemConfig.json` values as passed by `processL1Tx` / `processL2Tx`.
#[test]
fn intrinsic_costs() {
    assert_eq!(IntrinsicCost::L2_TX, IntrinsicCost { gas: 14_070, pubdata: 0 });
    assert_eq!(IntrinsicCost::L1_TX, IntrinsicCost { gas: 167_157, pubdata: 88 });
    // 167 157 + 88 · 800 = 237 557.
    assert_eq!(IntrinsicCost::L1_TX.total(U256::from(800u16)), Ok(U256::from(237_557u32)));
    assert_eq!(
        IntrinsicCost::L1_TX.total(U256::MAX),
        Err(FeeError::Overflow("intrinsic overhead"))
    );
}

fn l2_inputs(total_gas_limit: u64, operator_overhead: u64, encoding_len: usize) -> TxGasInputs {
    TxGasInputs {
        total_gas_limit: U256::from(total_gas_limit),
        operator_trusted_gas_limit: trusted_gas_limit(U256::from(total_gas_limit)),
        operator_overhead: U256::from(operator_overhead),
        encoding_len,
        intrinsic: IntrinsicCost::L2_TX,
        gas_per_pubdata: U256::from(800u16),
    }
}

/// Bootloader `getGasLimitForTx`, hand-derived.
#[test]
fn gas_limit_for_tx_rules() {
    // 1 000 000 gas, overhead 10 000 (a 37-word tx: 1 184 bytes would allow up to 11 840):
    // 1 000 000 − 10 000 − 14 070 = 975 930, nothing reserved.
    let got = gas_limit_for_tx(&l2_inputs(1_000_000, 10_000, 37 * 32)).expect("valid");
    assert_eq!(got.gas_limit_for_tx, U256::from(975_930u32));
    assert_eq!(got.reserved_gas, U256::ZERO);

    // 100 000 000 gas with the trusted limit at 80 000 000: 20 000 000 reserved,
    // 80 000 000 − 10 000 − 14 070 left.
    let got = gas_limit_for_tx(&l2_inputs(100_000_000, 10_000, 1_184)).expect("valid");
    assert_eq!(got.reserved_gas, U256::from(20_000_000u32));
    assert_eq!(got.gas_limit_for_tx, U256::from(80_000_000u32 - 10_000 - 14_070));

    // A higher operator trusted limit keeps more: nothing reserved.
    let mut inputs = l2_inputs(100_000_000, 10_000, 1_184);
    inputs.operator_trusted_gas_limit = U256::from(200_000_000u32);
    assert_eq!(gas_limit_for_tx(&inputs).expect("valid").reserved_gas, U256::ZERO);

    // Intrinsic cost does not fit: 0 left.
    let got = gas_limit_for_tx(&l2_inputs(20_000, 10_000, 1_184)).expect("valid");
    assert_eq!(got.gas_limit_for_tx, U256::ZERO);

    // "Overhead higher than gasLimit".
    assert!(matches!(
        gas_limit_for_tx(&l2_inputs(9_999, 10_000, 1_184)),
        Err(FeeError::OverheadHigherThanGasLimit { .. })
    ));
    // "Operator's overhead too high": 1 184 bytes allow 11 840.
    assert!(gas_limit_for_tx(&l2_inputs(1_000_000, 11_840, 1_184)).is_ok());
    assert_eq!(
        gas_limit_for_tx(&l2_inputs(1_000_000, 11_841, 1_184)),
        Err(FeeError::OperatorOverheadTooHigh {
            operator: U256::from(11_841u32),
            required: U256::from(11_840u32)
        })
    );
}

/// Bootloader `validateOperatorProvidedPrices`: 2^64 − 1 passes, 2^64 does not; pubdata first.
#[test]
fn operator_price_limits() {
    let max = U256::from(u64::MAX);
    assert_eq!(validate_operator_provided_prices(max, max), Ok((u64::MAX, u64::MAX)));
    let over = max + U256::from(1u8);
    let err = validate_operator_provided_prices(over, over).expect_err("too high");
    assert!(matches!(err, FeeError::PriceTooHigh { what: "fair pubdata price", .. }));
    let err = validate_operator_provided_prices(over, max).expect_err("too high");
    assert!(matches!(err, FeeError::PriceTooHigh { what: "fair L2 gas price", .. }));
}

/// Batch limits as the sources state them.
#[test]
fn batch_limits() {
    assert_eq!(constants::MAX_VM_PUBDATA_PER_BATCH, 761_856);
    assert_eq!(constants::BATCH_GAS_LIMIT, 1_125_899_906_842_624);
    assert_eq!(constants::MAX_TXS_IN_BATCH, 10_000);
    assert_eq!(constants::L1_GAS_PER_PUBDATA_BYTE, 17);
}
