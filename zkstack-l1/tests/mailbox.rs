//! Mailbox base cost, TransactionValidator rules and request checks, against era-contracts foundry
//! tests and values hand-derived from Mailbox.sol / TransactionValidator.sol.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Bytes, U256, hex, keccak256};
use proptest::prelude::*;
use zkstack_l1::ProtocolVersionId;
use zkstack_l1::mailbox::{
    BaseTokenMultiplier, FeeParams, MailboxError, PubdataPricingMode, UpgradeTxVerifyParam,
    check_request, constants, derive_l2_gas_price, l2_transaction_base_cost,
    minimal_priority_transaction_gas_limit, overhead_for_transaction, transaction_body_gas_limit,
    validate_l1_to_l2_transaction, validate_upgrade_transaction,
};
use zkstack_l1::priority::{L2CanonicalTransaction, SolidityPanic};

fn u(x: u64) -> U256 {
    U256::from(x)
}

/// FeeParams of era-contracts `Mailbox/BaseMailboxTests.t.sol`.
fn foundry_params(mode: PubdataPricingMode) -> FeeParams {
    FeeParams {
        pubdata_pricing_mode: mode,
        batch_overhead_l1_gas: 1_000_000,
        max_pubdata_per_batch: 120_000,
        max_l2_gas_per_batch: 80_000_000,
        priority_tx_max_pubdata: 99_000,
        minimal_l2_gas_price: 250_000_000,
    }
}

/// `BaseMailboxTests.t.sol` `test_successful_getL2TransactionBaseCostPricingModeValidium` and
/// `...Rollup`: gas price 10 gwei/1000, limit 1e6, 800 gas per pubdata → 250 125 000 000 000 in both
/// modes (the minimal L2 gas price plus 1e13 / 8e7 = 125 000 dominates the pubdata price).
#[test]
fn foundry_base_cost() {
    for mode in [PubdataPricingMode::Rollup, PubdataPricingMode::Validium] {
        let cost = l2_transaction_base_cost(
            u(10_000_000),
            u(1_000_000),
            u(800),
            &foundry_params(mode),
            BaseTokenMultiplier::ETH,
        );
        assert_eq!(cost, Ok(u(250_125_000_000_000)), "{mode:?}");
    }
}

/// `BaseMailboxTests.t.sol` `test_RevertWhen_badDenominatorInL2TransactionBaseCost`.
#[test]
fn foundry_zero_denominator() {
    let zero = BaseTokenMultiplier { nominator: 1, denominator: 0 };
    let err = l2_transaction_base_cost(
        u(100),
        u(10_000),
        u(800),
        &foundry_params(PubdataPricingMode::Rollup),
        zero,
    );
    assert_eq!(err, Err(MailboxError::BaseTokenGasPriceDenominatorNotSet));
}

/// Hand-derived from Mailbox `_deriveL2GasPrice` (steps in the comments).
#[test]
fn derived_gas_prices() {
    // Rollup at 100 gwei: p = 1e11; pubdata = 17p = 1.7e12; o = 1e6·p = 1e17;
    // full = 1.7e12 + 1e17/120 000 = 2 533 333 333 333; ⌈full / 800⌉ = 3 166 666 667;
    // l2 = 2.5e8 + 1e17/8e7 = 1.5e9 → the pubdata bound wins.
    let rollup = foundry_params(PubdataPricingMode::Rollup);
    let validium = foundry_params(PubdataPricingMode::Validium);
    assert_eq!(
        derive_l2_gas_price(u(100_000_000_000), u(800), &rollup, BaseTokenMultiplier::ETH),
        Ok(u(3_166_666_667))
    );
    // Validium: full = 833 333 333 333, ⌈/800⌉ = 1 041 666 667 < 1.5e9.
    assert_eq!(
        derive_l2_gas_price(u(100_000_000_000), u(800), &validium, BaseTokenMultiplier::ETH),
        Ok(u(1_500_000_000))
    );

    // Base token worth 1/2500.5 ETH (5001/2) at 30 gwei, overhead 800 000, floor 2.5e7:
    // p = 3e10·5001/2 = 7.5015e13; pubdata = 1.275255e15; o = 6.0012e19; full = 1.775355e15;
    // ⌈full/800⌉ = 2 219 193 750 000; l2 = 2.5e7 + 750 150 000 000 = 750 175 000 000.
    let params =
        FeeParams { batch_overhead_l1_gas: 800_000, minimal_l2_gas_price: 25_000_000, ..rollup };
    let ratio = BaseTokenMultiplier { nominator: 5001, denominator: 2 };
    assert_eq!(
        derive_l2_gas_price(u(30_000_000_000), u(800), &params, ratio),
        Ok(u(2_219_193_750_000))
    );

    // Rounding of the conversion: 3 wei · 1/2 = 1 (floor).
    let half = BaseTokenMultiplier { nominator: 1, denominator: 2 };
    let flat = FeeParams { minimal_l2_gas_price: 0, batch_overhead_l1_gas: 0, ..rollup };
    // p = 1, pubdata = 17, ⌈17/800⌉ = 1.
    assert_eq!(derive_l2_gas_price(u(3), u(800), &flat, half), Ok(u(1)));
    // With 1 gas per pubdata byte the price is the whole pubdata price.
    assert_eq!(derive_l2_gas_price(u(3), u(1), &flat, half), Ok(u(17)));
}

/// Where Solidity 0.8 panics, the functions return the same panic.
#[test]
fn arithmetic_panics() {
    let rollup = foundry_params(PubdataPricingMode::Rollup);
    let eth = BaseTokenMultiplier::ETH;
    let div0 = Err(MailboxError::Panic(SolidityPanic::DivisionByZero));
    let overflow = Err(MailboxError::Panic(SolidityPanic::ArithmeticOverflow));
    // gasPerPubdata = 0 with a positive pubdata price: (full + 0 - 1) / 0.
    assert_eq!(derive_l2_gas_price(u(1), U256::ZERO, &rollup, eth), div0);
    // gasPerPubdata = 0 and nothing to pay: 0 + 0 - 1 underflows first.
    let free = FeeParams { pubdata_pricing_mode: PubdataPricingMode::Validium, ..rollup };
    assert_eq!(derive_l2_gas_price(U256::ZERO, U256::ZERO, &free, eth), overflow);
    // maxPubdataPerBatch / maxL2GasPerBatch of zero.
    assert_eq!(
        derive_l2_gas_price(u(1), u(800), &FeeParams { max_pubdata_per_batch: 0, ..rollup }, eth),
        div0
    );
    assert_eq!(
        derive_l2_gas_price(u(1), u(800), &FeeParams { max_l2_gas_per_batch: 0, ..rollup }, eth),
        div0
    );
    // l1GasPrice · nominator overflows.
    assert_eq!(
        derive_l2_gas_price(
            U256::MAX,
            u(800),
            &rollup,
            BaseTokenMultiplier { nominator: 2, denominator: 1 }
        ),
        overflow
    );
    // 17 · p overflows.
    assert_eq!(derive_l2_gas_price(U256::MAX / u(16), u(800), &rollup, eth), overflow);
    // price · limit overflows.
    assert_eq!(l2_transaction_base_cost(u(1), U256::MAX, u(800), &rollup, eth), overflow);
}

/// Revert data: the selector of the custom error's signature plus its ABI-encoded arguments,
/// and `Panic(uint256)` (selector 0x4e487b71) for panics.
#[test]
fn revert_data() {
    let selector = |sig: &str| keccak256(sig)[..4].to_vec();
    assert_eq!(MailboxError::TooMuchGas.revert_data(), selector("TooMuchGas()"));
    assert_eq!(
        MailboxError::BaseTokenGasPriceDenominatorNotSet.revert_data(),
        selector("BaseTokenGasPriceDenominatorNotSet()")
    );
    let e = MailboxError::PubdataGreaterThanLimit { limit: u(100_000), length: u(490_000) };
    let mut want = selector("PubdataGreaterThanLimit(uint256,uint256)");
    want.extend(u(100_000).to_be_bytes::<32>());
    want.extend(u(490_000).to_be_bytes::<32>());
    assert_eq!(e.revert_data(), want);
    let mut want = selector("InvalidUpgradeTxn(uint8)");
    want.extend(u(7).to_be_bytes::<32>());
    assert_eq!(
        MailboxError::InvalidUpgradeTxn(UpgradeTxVerifyParam::Reserved1).revert_data(),
        want
    );
    let mut want = hex::decode("4e487b71").unwrap();
    want.extend(u(0x11).to_be_bytes::<32>());
    assert_eq!(MailboxError::Panic(SolidityPanic::ArithmeticOverflow).revert_data(), want);
}

/// era-contracts `TransactionValidator/_TransactionValidator_Shared.t.sol` `createTestTransaction`.
fn foundry_tx() -> L2CanonicalTransaction {
    L2CanonicalTransaction {
        from: u(1_000_000_000),
        gasLimit: u(500_000),
        gasPerPubdataByteLimit: u(800),
        ..Default::default()
    }
}

/// `TransactionValidator/ValidateL1L2Tx.t.sol`, case by case.
#[test]
fn foundry_validate_l1_to_l2() {
    let v = |tx: &L2CanonicalTransaction, max_gas: u64, max_pubdata: u64| {
        validate_l1_to_l2_transaction(tx, u(max_gas), u(max_pubdata))
    };
    // test_BasicRequestL1L2.
    assert_eq!(v(&foundry_tx(), 500_000, 100_000), Ok(()));
    // test_RevertWhen_GasLimitdoesntCoverOverhead.
    let tx = L2CanonicalTransaction { gasLimit: U256::ZERO, ..foundry_tx() };
    assert_eq!(v(&tx, 500_000, 100_000), Err(MailboxError::TxnBodyGasLimitNotEnoughGas));
    // test_RevertWhen_GasLimitHigherThanMax.
    let tx = L2CanonicalTransaction { gasLimit: u(1_500_000), ..foundry_tx() };
    assert_eq!(v(&tx, 500_000, 100_000), Err(MailboxError::TooMuchGas));
    // test_RevertWhen_TooMuchPubdata: PubdataGreaterThanLimit(100000, 490000).
    let tx = L2CanonicalTransaction { gasPerPubdataByteLimit: u(1), ..foundry_tx() };
    assert_eq!(
        v(&tx, 500_000, 100_000),
        Err(MailboxError::PubdataGreaterThanLimit { limit: u(100_000), length: u(490_000) })
    );
    // test_RevertWhen_BelowMinimumCost.
    let tx = L2CanonicalTransaction { gasLimit: u(200_000), ..foundry_tx() };
    assert_eq!(v(&tx, 500_000, 100_000), Err(MailboxError::ValidateTxnNotEnoughGas));
    // test_RevertWhen_HugePubdata: some revert (here: 88 · uint256.max overflows).
    let tx = L2CanonicalTransaction {
        gasLimit: u(400_000),
        gasPerPubdataByteLimit: U256::MAX,
        ..foundry_tx()
    };
    assert_eq!(
        v(&tx, 500_000, 100_000),
        Err(MailboxError::Panic(SolidityPanic::ArithmeticOverflow))
    );
    // test_ShouldAllowLargeTransactions.
    let tx = L2CanonicalTransaction {
        gasLimit: u(2_000_000_000),
        gasPerPubdataByteLimit: u(1),
        ..foundry_tx()
    };
    assert_eq!(v(&tx, 2_000_000_000, 2_000_000_000), Ok(()));
    // test_ShouldReturnCorrectOverhead_ShortTx / _LongTx.
    assert_eq!(overhead_for_transaction(32), u(10_000));
    assert_eq!(overhead_for_transaction(1_000_000), u(10_000_000));
    // gasPerPubdataByteLimit = 0 divides by zero in the pubdata check.
    let tx = L2CanonicalTransaction { gasPerPubdataByteLimit: U256::ZERO, ..foundry_tx() };
    assert_eq!(v(&tx, 500_000, 100_000), Err(MailboxError::Panic(SolidityPanic::DivisionByZero)));
}

/// Hand-derived from `getMinimalPriorityTransactionGasLimit` and `getTransactionBodyGasLimit`.
#[test]
fn minimal_gas_limit_by_hand() {
    // 800 bytes, no deps, 800 gas/byte: 167 157 + ⌈800·1656/544⌉ (= 2 436) = 169 593 < 173 484;
    // pubdata 88·800 = 70 400; total 243 884.
    assert_eq!(minimal_priority_transaction_gas_limit(800, 0, u(800)), Ok(u(243_884)));
    // 10 000 bytes, 3 deps: 167 157 + 30 442 + 7 419 = 205 018; pubdata (88 + 192)·800 = 224 000.
    assert_eq!(minimal_priority_transaction_gas_limit(10_000, 3, u(800)), Ok(u(429_018)));
    // Empty encoding, 1 gas/byte: the 173 484 floor + 88.
    assert_eq!(minimal_priority_transaction_gas_limit(0, 0, u(1)), Ok(u(173_572)));
    // Body limit: overhead max(10 000, 10·len).
    assert_eq!(transaction_body_gas_limit(u(500_000), 800), Ok(u(490_000)));
    assert_eq!(transaction_body_gas_limit(u(500_000), 2_000), Ok(u(480_000)));
    assert_eq!(
        transaction_body_gas_limit(u(9_999), 0),
        Err(MailboxError::TxnBodyGasLimitNotEnoughGas)
    );
    assert_eq!(transaction_body_gas_limit(u(10_000), 0), Ok(U256::ZERO));
}

/// `TransactionValidator/ValidateUpgradeTransaction.t.sol`: `createUpgradeTransaction` passes, and
/// each forbidden field reverts with its `UpgradeTxVerifyParam`.
#[test]
fn foundry_validate_upgrade() {
    let base = L2CanonicalTransaction { from: u(0x8001), to: u(0x8007), ..foundry_tx() };
    assert_eq!(validate_upgrade_transaction(&base), Ok(()));
    let max160 = (U256::from(1) << 160) - U256::from(1);
    let cases: Vec<(L2CanonicalTransaction, UpgradeTxVerifyParam)> = vec![
        (
            L2CanonicalTransaction { from: u(1_000_000_000), ..base.clone() },
            UpgradeTxVerifyParam::From,
        ),
        (L2CanonicalTransaction { to: max160 + u(100), ..base.clone() }, UpgradeTxVerifyParam::To),
        (
            L2CanonicalTransaction { paymaster: u(1), ..base.clone() },
            UpgradeTxVerifyParam::Paymaster,
        ),
        (L2CanonicalTransaction { value: u(1), ..base.clone() }, UpgradeTxVerifyParam::Value),
        (
            L2CanonicalTransaction { maxFeePerGas: u(1), ..base.clone() },
            UpgradeTxVerifyParam::MaxFeePerGas,
        ),
        (
            L2CanonicalTransaction { maxPriorityFeePerGas: u(1), ..base.clone() },
            UpgradeTxVerifyParam::MaxPriorityFeePerGas,
        ),
        (
            L2CanonicalTransaction {
                reserved: [u(1), U256::ZERO, U256::ZERO, U256::ZERO],
                ..base.clone()
            },
            UpgradeTxVerifyParam::Reserved0,
        ),
        (
            L2CanonicalTransaction {
                reserved: [U256::ZERO, max160 + u(1), U256::ZERO, U256::ZERO],
                ..base.clone()
            },
            UpgradeTxVerifyParam::Reserved1,
        ),
        (
            L2CanonicalTransaction {
                reserved: [U256::ZERO, U256::ZERO, u(1), U256::ZERO],
                ..base.clone()
            },
            UpgradeTxVerifyParam::Reserved2,
        ),
        (
            L2CanonicalTransaction {
                reserved: [U256::ZERO, U256::ZERO, U256::ZERO, u(1)],
                ..base.clone()
            },
            UpgradeTxVerifyParam::Reserved3,
        ),
        (
            L2CanonicalTransaction { signature: Bytes::from(vec![1]), ..base.clone() },
            UpgradeTxVerifyParam::Signature,
        ),
        (
            L2CanonicalTransaction { paymasterInput: Bytes::from(vec![1]), ..base.clone() },
            UpgradeTxVerifyParam::PaymasterInput,
        ),
        (
            L2CanonicalTransaction { reservedDynamic: Bytes::from(vec![1]), ..base.clone() },
            UpgradeTxVerifyParam::ReservedDynamic,
        ),
    ];
    for (tx, param) in cases {
        assert_eq!(validate_upgrade_transaction(&tx), Err(MailboxError::InvalidUpgradeTxn(param)));
    }
    // reserved[1] may hold an address.
    let ok =
        L2CanonicalTransaction { reserved: [U256::ZERO, max160, U256::ZERO, U256::ZERO], ..base };
    assert_eq!(validate_upgrade_transaction(&ok), Ok(()));
}

/// `Mailbox/RequestL2Transaction.t.sol`: wrong gas per pubdata, 65 factory deps, and
/// `MsgValueTooLow(mintValue, mintValue - 1)` one wei short; fee params from foundry `Utils.makeFeeParams`.
#[test]
fn foundry_request_checks() {
    let params =
        FeeParams { max_pubdata_per_batch: 110_000, ..foundry_params(PubdataPricingMode::Rollup) };
    let v = ProtocolVersionId::LATEST;
    let eth = BaseTokenMultiplier::ETH;
    let check = |version, gpp: u64, deps, mint: U256, l2_value: U256| {
        check_request(
            version,
            u(10_000_000),
            u(1_000_000),
            u(gpp),
            deps,
            mint,
            l2_value,
            &params,
            eth,
        )
    };
    assert_eq!(check(v, 799, 0, U256::MAX, U256::ZERO), Err(MailboxError::GasPerPubdataMismatch));
    assert_eq!(check(v, 800, 65, U256::MAX, U256::ZERO), Err(MailboxError::TooManyFactoryDeps));
    assert!(check(v, 800, 64, U256::MAX, U256::ZERO).is_ok());

    let base_cost =
        l2_transaction_base_cost(u(10_000_000), u(1_000_000), u(800), &params, eth).unwrap();
    // p = 1e7; full = 1.7e8 + 1e13/110 000 = 260 909 090; ⌈/800⌉ = 326 137 < 250 125 000.
    assert_eq!(base_cost, u(250_125_000) * u(1_000_000));
    let l2_value = u(1_000);
    let mint = base_cost + l2_value;
    assert_eq!(check(v, 800, 0, mint, l2_value), Ok(u(250_125_000)));
    assert_eq!(
        check(v, 800, 0, mint - u(1), l2_value),
        Err(MailboxError::MsgValueTooLow { required: mint, provided: mint - u(1) })
    );
    // base cost + l2Value overflowing is a panic, as in the contract.
    assert_eq!(
        check(v, 800, 0, U256::MAX, U256::MAX),
        Err(MailboxError::Panic(SolidityPanic::ArithmeticOverflow))
    );
}

/// 32 factory deps before the Gateway upgrade, 64 from it (Config.sol history; zksync-era
/// `vm_latest::constants::get_max_new_factory_deps`).
#[test]
fn factory_deps_limit_by_version() {
    let pre = ProtocolVersionId::new(25).unwrap();
    assert_eq!(constants::max_new_factory_deps(pre), 32);
    assert_eq!(constants::max_new_factory_deps(ProtocolVersionId::GATEWAY), 64);
    assert_eq!(
        constants::max_new_factory_deps(ProtocolVersionId::LATEST),
        constants::MAX_NEW_FACTORY_DEPS
    );
    let params = foundry_params(PubdataPricingMode::Rollup);
    let check = |version| {
        check_request(
            version,
            u(1),
            u(1),
            u(800),
            33,
            U256::MAX,
            U256::ZERO,
            &params,
            BaseTokenMultiplier::ETH,
        )
    };
    assert_eq!(check(pre), Err(MailboxError::TooManyFactoryDeps));
    assert!(check(ProtocolVersionId::GATEWAY).is_ok());
}

fn arb_u256() -> impl Strategy<Value = U256> {
    prop_oneof![
        any::<u64>().prop_map(U256::from),
        any::<u128>().prop_map(U256::from),
        any::<[u8; 32]>().prop_map(U256::from_be_bytes),
    ]
}

prop_compose! {
    fn arb_params()(
        rollup in any::<bool>(),
        batch_overhead_l1_gas in any::<u32>(),
        max_pubdata_per_batch in 1u32..,
        max_l2_gas_per_batch in 1u32..,
        priority_tx_max_pubdata in any::<u32>(),
        minimal_l2_gas_price in any::<u64>(),
    ) -> FeeParams {
        FeeParams {
            pubdata_pricing_mode: if rollup { PubdataPricingMode::Rollup } else { PubdataPricingMode::Validium },
            batch_overhead_l1_gas, max_pubdata_per_batch, max_l2_gas_per_batch, priority_tx_max_pubdata,
            minimal_l2_gas_price,
        }
    }
}

proptest! {
    /// The base cost never decreases as the L1 gas price rises (all other inputs fixed), and never
    /// falls below `minimalL2GasPrice · limit`.
    #[test]
    fn base_cost_monotone_in_gas_price(
        params in arb_params(),
        a in any::<u64>(), b in any::<u64>(),
        limit in 0u64..100_000_000,
        gpp in 1u64..100_000,
        nominator in any::<u64>(), denominator in 1u64..,
    ) {
        let ratio = BaseTokenMultiplier { nominator: u128::from(nominator), denominator: u128::from(denominator) };
        let (lo, hi) = (a.min(b), a.max(b));
        let c_lo = l2_transaction_base_cost(u(lo), u(limit), u(gpp), &params, ratio).unwrap();
        let c_hi = l2_transaction_base_cost(u(hi), u(limit), u(gpp), &params, ratio).unwrap();
        prop_assert!(c_lo <= c_hi);
        prop_assert!(c_lo >= u(params.minimal_l2_gas_price) * u(limit));
    }

    /// The minimal gas limit grows with the encoding length and the number of factory deps.
    #[test]
    fn minimal_gas_monotone(len in 0usize..1_000_000, extra in 0usize..10_000, deps in 0usize..64, gpp in 0u64..1_000_000) {
        let base = minimal_priority_transaction_gas_limit(len, deps, u(gpp)).unwrap();
        prop_assert!(minimal_priority_transaction_gas_limit(len + extra, deps, u(gpp)).unwrap() >= base);
        prop_assert!(minimal_priority_transaction_gas_limit(len, deps + 1, u(gpp)).unwrap() >= base);
    }

    /// Arbitrary 256-bit inputs give a value or a typed error, never a panic.
    #[test]
    fn never_panics(
        params in arb_params(), zero_pubdata in any::<bool>(),
        price in arb_u256(), limit in arb_u256(), gpp in arb_u256(),
        nominator in any::<u128>(), denominator in any::<u128>(),
        len in any::<u32>(), deps in any::<u16>(), gas_limit in arb_u256(), max_gas in arb_u256(), max_pubdata in arb_u256(),
    ) {
        let params = if zero_pubdata { FeeParams { max_pubdata_per_batch: 0, ..params } } else { params };
        let ratio = BaseTokenMultiplier { nominator, denominator };
        let _ = l2_transaction_base_cost(price, limit, gpp, &params, ratio);
        let _ = minimal_priority_transaction_gas_limit(len as usize, usize::from(deps), gpp);
        let tx = L2CanonicalTransaction { gasLimit: gas_limit, gasPerPubdataByteLimit: gpp, ..Default::default() };
        let _ = validate_l1_to_l2_transaction(&tx, max_gas, max_pubdata);
        let _ = validate_upgrade_transaction(&tx);
    }
}
