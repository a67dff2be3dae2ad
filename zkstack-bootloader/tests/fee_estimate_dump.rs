//! Fee estimation through the real bootloader, on zksync_multivm 29.13.0's
//! `tests/vm_dumps/estimate_fee_for_transfer_to_self.json` (fetched at test time).
//!
//! What the dump is (zksync-era `core/lib/multivm/tests/vm_dumps/README.md`): "Fee estimation
//! step for a 0 base token transfer to self with a low gas limit"; zksync-era's test
//! (`testonly/simple_execution.rs`, `test_transfer_to_self_with_low_gas_limit`) expects that step
//! to revert with empty output. zksync-era publishes no final estimate for it, so the checks are:
//!
//! - **The recorded step is one of ours.** The dump's transaction is the step zksync-era's
//!   estimator ran: `maxFeePerGas = maxPriorityFeePerGas = 10^8` (`adjust_transaction_fee` sets
//!   both to the base fee), the default signature (64 zero bytes, 27), gas limit 98 151. Our
//!   full binary search (`estimate_gas_optimize_search` is off in zksync-era's defaults) with the
//!   dump's batch runs exactly that gas limit as its 13th step, and that step reverts with empty
//!   output, as recorded. The pivots before it are midpoints of bounds that start at the pubdata
//!   charge of the first run, so this pins our first run's pubdata (20 bytes · 13 = 260 gas) and
//!   the pass/fail outcome of the twelve steps before it against zksync-era's own run.
//! - **The fee fields** follow from the dump's batch, independently of our code: base fee
//!   `max(10^8, ⌈1 280 000 001 / 50 000⌉) = 10^8` (equal to the dump's `enforced_base_fee`),
//!   gas per pubdata `⌈1 280 000 001 / 10^8⌉ = 13` (which the bootloader itself logs),
//!   `gas_per_pubdata_limit = min(⌊13 · 1.3⌋, 50 000) = 16`, priority fee 0.
//! - **The guarantees zksync-era gives** (`TxSender::binary_search`): the estimated gas limit
//!   succeeds, and a limit `acceptable_overestimation` lower fails.
//!
//! The snapshot only holds what the recorded (failing) step read. A passing run goes on to the
//! bootloader's `markFactoryDeps` call on KnownCodesStorage (0x8004), whose code hash and
//! bytecode the snapshot lacks; the tests deploy the KnownCodesStorage that
//! zkevm_test_harness 0.153.12 ships (`src/tests/complex_tests/test_artifacts/basic_test.json`,
//! `predeployed_contracts`). It may not be byte-identical to the v26 one, so the final gas
//! limit is not claimed to be zksync-era's to the unit: only the properties above are checked.

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

use zkstack_bootloader::dump::VmDump;
use zkstack_bootloader::executor::TxStatus;
use zkstack_bootloader::fee::estimate::BinarySearchKind;
use zkstack_bootloader::fee::estimator::{DumpEstimation, dump_estimation};
use zkstack_bootloader::fee::{EstimateError, EstimateOptions};
use zkstack_bootloader::l1::Address;
use zkstack_bootloader::vm::U256;

const MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";
const HARNESS: &str = "zkevm_test_harness@0.153.12";
const KNOWN_CODES_STORAGE: &str = "0x0000000000000000000000000000000000008004";

/// The gas limit of the recorded step (the dump's `fee.gas_limit`, 0x17f67).
const RECORDED_GAS_LIMIT: u64 = 98_151;

/// zksync-era's local-node configuration (`etc/env/file_based/general.yaml`:
/// `estimate_gas_scale_factor: 1.3`, `estimate_gas_acceptable_overestimation: 5000`).
const LOCAL_NODE: EstimateOptions = EstimateOptions {
    scale_factor: 1.3,
    acceptable_overestimation: 5_000,
    search: BinarySearchKind::Full,
};

fn dump() -> Option<VmDump> {
    let dir = support::registry_crate(MULTIVM)?;
    let path = dir.join("tests/vm_dumps/estimate_fee_for_transfer_to_self.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(VmDump::from_json(&text).expect("the dump parses"))
}

/// KnownCodesStorage's bytecode from zkevm_test_harness (32-byte words as arrays of numbers).
fn known_codes_storage() -> Option<Vec<u8>> {
    let dir = support::registry_crate(HARNESS)?;
    let path = dir.join("src/tests/complex_tests/test_artifacts/basic_test.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let words = json["predeployed_contracts"][KNOWN_CODES_STORAGE].as_array().expect("0x8004");
    let byte = |b: &serde_json::Value| u8::try_from(b.as_u64().expect("a byte")).expect("a byte");
    Some(words.iter().flat_map(|w| w.as_array().expect("a word").iter().map(byte)).collect())
}

fn estimation() -> Option<DumpEstimation> {
    let dump = dump()?;
    let code = known_codes_storage()?;
    let address: Address = KNOWN_CODES_STORAGE.parse().expect("address");
    Some(dump_estimation(&dump, &[(address, code)]).expect("the dump is estimable"))
}

#[test]
fn full_search_runs_the_recorded_step_and_it_reverts() {
    let Some(d) = estimation() else { return };
    // The recorded step added gas_limit · max_fee_per_gas to the balance; it is taken off again.
    assert_eq!(d.undone_balance, U256::from(RECORDED_GAS_LIMIT) * U256::from(100_000_000u64));
    let estimate = d.estimator.estimate(&d.tx, &LOCAL_NODE).expect("an estimate");
    assert!(d.missing.borrow().is_empty(), "snapshot lacks {:?}", d.missing.borrow());

    let recorded = estimate.steps.iter().position(|s| s.gas_limit == RECORDED_GAS_LIMIT);
    let index = recorded.unwrap_or_else(|| panic!("98151 not among {:?}", estimate.steps));
    assert_eq!(index, 12, "{:?}", estimate.steps);
    assert!(estimate.steps[index].failed);
    // The first pivot is the midpoint of [pubdata, 80 000 000 + pubdata]: 20 bytes at 13.
    assert_eq!(estimate.initial.gas_charged_for_pubdata, 260);
    assert_eq!(estimate.steps[0].pivot, 40_000_260);

    // The recorded step, run alone: a revert with empty output (zksync-era's expectation).
    let run = d.estimator.run_with_gas_limit(&d.tx, RECORDED_GAS_LIMIT).expect("runs");
    assert_eq!(run.status, TxStatus::Revert);
    assert!(run.output.is_empty());

    // Runs share no state: the same estimate again, after all those runs, is identical.
    assert_eq!(d.estimator.estimate(&d.tx, &LOCAL_NODE).expect("an estimate"), estimate);
}

#[test]
fn estimate_has_zksync_era_fee_fields_and_guarantees() {
    let Some(d) = estimation() else { return };
    for options in [
        LOCAL_NODE,
        EstimateOptions::default(),
        EstimateOptions { search: BinarySearchKind::Optimized, ..EstimateOptions::default() },
    ] {
        let e = d.estimator.estimate(&d.tx, &options).expect("an estimate");
        assert_eq!((e.base_fee, e.gas_per_pubdata, e.overhead), (100_000_000, 13, 10_000));
        assert_eq!(e.fee.max_fee_per_gas, U256::from(100_000_000u64));
        assert_eq!(e.fee.max_priority_fee_per_gas, U256::ZERO);
        assert_eq!(e.fee.gas_per_pubdata_limit, U256::from(16u8));
        // gas_limit = ⌊unscaled · 1.3⌋ + overhead.
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let suggested = (e.unscaled_gas_limit as f64 * 1.3) as u64;
        assert_eq!(e.suggested_gas_limit, suggested);
        assert_eq!(e.fee.gas_limit, U256::from(suggested + 10_000));

        // The unscaled result passes; a limit `acceptable_overestimation` lower fails.
        let at = |gas: u64| d.estimator.run_with_gas_limit(&d.tx, gas + 10_000).expect("runs");
        assert_eq!(at(e.unscaled_gas_limit).status, TxStatus::Success, "{options:?}");
        let below = e.unscaled_gas_limit - options.acceptable_overestimation - 1;
        assert_ne!(at(below).status, TxStatus::Success, "{options:?}");
        // And zksync-era saw the recorded limit fail, so the estimate lies above it.
        assert!(e.unscaled_gas_limit + 10_000 > RECORDED_GAS_LIMIT);
        assert!(d.missing.borrow().is_empty());
    }
}

/// Without KnownCodesStorage the bootloader's `markFactoryDeps` call fails and the transaction
/// reverts even with the whole batch gas limit: the estimator's typed error, and the slot the
/// snapshot lacks is named.
#[test]
fn always_reverting_transaction_is_a_typed_error() {
    let Some(dump) = dump() else { return };
    let d = dump_estimation(&dump, &[]).expect("the dump is estimable");
    let error = d.estimator.estimate(&d.tx, &LOCAL_NODE).expect_err("it reverts");
    assert!(matches!(&error, EstimateError::Reverted { data, .. } if data.is_empty()), "{error:?}");
    let missing = d.missing.borrow();
    let account_code_storage: Address =
        "0x0000000000000000000000000000000000008002".parse().expect("address");
    assert!(
        missing.iter().any(|k| k.address == account_code_storage && k.key == U256::from(0x8004)),
        "{missing:?}"
    );
}

/// An account without code sending more than it holds is refused before any run (zksync-era
/// `ensure_sufficient_balance`); the balance is the dump's, less the recorded step's addition.
#[test]
fn value_above_balance_is_refused() {
    let Some(mut d) = estimation() else { return };
    d.tx.tx.value = U256::from(10u8).pow(U256::from(30u8));
    let error = d.estimator.estimate(&d.tx, &LOCAL_NODE).expect_err("too poor");
    // 0x2b5e30b555f8424ff in the snapshot, less 98 151 · 10^8.
    let balance = U256::from(0x2_b5e3_0b55_5f84_24ff_u128) - d.undone_balance;
    assert_eq!(error, EstimateError::InsufficientBalance { balance, value: d.tx.tx.value });
}
