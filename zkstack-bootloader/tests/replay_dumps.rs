//! Both VM dumps zksync-era ships with zksync_multivm 29.13.0 replay through the real v26
//! bootloader to the outcome zksync-era's own tests expect.
//!
//! Expected outcomes, from zksync_multivm's sources (fetched with the dumps):
//! - `estimate_fee_for_transfer_to_self` (`testonly/simple_execution.rs`,
//!   `test_transfer_to_self_with_low_gas_limit`): `ExecutionResult::Revert` with empty output;
//! - `validation_adjacent_storage_slots` (`vm_fast/tests/account_validation_rules.rs`,
//!   `adjacent_storage_slots_are_allowed`): run with `FullValidationTracer`, which stops at
//!   `ValidationStepEnded` (its snapshot holds nothing beyond validation), the result is not
//!   failed. The validation-rule tracer itself (storage-access rules) is not built here, so
//!   "no violated rule" is not checked.

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

use zkstack_bootloader::dump::VmDump;
use zkstack_bootloader::executor::{Replay, ReplayOptions, TxStatus, replay_dump};

const MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";

fn replay(name: &str, options: ReplayOptions) -> Option<Replay> {
    let dir = support::registry_crate(MULTIVM)?;
    let path = dir.join("tests/vm_dumps").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let dump = VmDump::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    Some(replay_dump(&dump, options).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn report(name: &str, r: &Replay) {
    eprintln!("{name}: error {:?}", r.error);
    for tx in &r.txs {
        eprintln!(
            "  {:?} output 0x{} gas_used {} refund {} cycles {} debug {:?}",
            tx.status,
            hex::encode(&tx.output),
            tx.gas_used,
            tx.refund,
            tx.cycles,
            tx.debug_logs
        );
    }
}

#[test]
fn estimate_fee_for_transfer_to_self_reverts_with_empty_output() {
    let Some(r) = replay("estimate_fee_for_transfer_to_self", ReplayOptions::default()) else { return };
    report("estimate_fee_for_transfer_to_self", &r);
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.txs.len(), 1);
    assert_eq!(r.txs[0].status, TxStatus::Revert);
    assert!(r.txs[0].output.is_empty());
}

#[test]
fn validation_adjacent_storage_slots_passes() {
    let Some(r) = replay("validation_adjacent_storage_slots", ReplayOptions { stop_after_validation: true }) else { return };
    report("validation_adjacent_storage_slots", &r);
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.txs.len(), 1);
    assert_ne!(r.txs[0].status, TxStatus::Halt);
}
