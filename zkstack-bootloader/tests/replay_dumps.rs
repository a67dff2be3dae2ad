//! The two VM dumps zksync-era ships with zksync_multivm 29.13.0 (fetched at test time), run
//! through the real v26 bootloader they carry.
//!
//! What the bootloader itself reports (its `DebugLog` hooks) pins our memory: it reads the
//! transaction description where we put it and the L2 block we wrote. The outcomes zksync-era's
//! tests expect, from zksync_multivm's sources:
//! - `estimate_fee_for_transfer_to_self` (`testonly/simple_execution.rs`,
//!   `test_transfer_to_self_with_low_gas_limit`): `ExecutionResult::Revert` with empty output;
//! - `validation_adjacent_storage_slots` (`vm_fast/tests/account_validation_rules.rs`,
//!   `adjacent_storage_slots_are_allowed`): run with `FullValidationTracer`, which stops at
//!   `ValidationStepEnded` (the dump's snapshot holds nothing beyond validation), the result is
//!   not failed. The validation-rule tracer (storage-access rules) is not built here, so "no
//!   violated rule" is not checked.
//!
//! Storage is priced as a batch prices it (zkstack-vm `StoragePricing::Batch`, vm2's rules):
//! with zk_evm's reference pricing (no refunds, 65 bytes of pubdata per write) the fee dump halts
//! with `PAY_FOR_TX_FAILED_ERR_CODE` and validation runs out of gas (`TX_VALIDATION_OUT_OF_GAS`).

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

use zkstack_bootloader::dump::{CommonData, VmDump};
use zkstack_bootloader::executor::{Replay, ReplayOptions, TxStatus, replay_dump};
use zkstack_bootloader::memory::layout::{TX_DESCRIPTION_BEGIN_SLOT, byte_of};
use zkstack_bootloader::vm::U256;

const MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";
const FEE: &str = "estimate_fee_for_transfer_to_self";
const VALIDATION: &str = "validation_adjacent_storage_slots";

fn load(name: &str) -> Option<VmDump> {
    let dir = support::registry_crate(MULTIVM)?;
    let path = dir.join("tests/vm_dumps").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(VmDump::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn replay(dump: &VmDump, stop_after_validation: bool) -> Replay {
    replay_dump(dump, ReplayOptions { stop_after_validation })
        .unwrap_or_else(|e| panic!("replay: {e}"))
}

/// The values the bootloader logged under `message`, in order.
fn logged(r: &Replay, message: &str) -> Vec<U256> {
    r.txs[0].debug_logs.iter().filter(|l| l.message == message).map(|l| l.value).collect()
}

/// The bootloader finds the first transaction description at `TX_DESCRIPTION_BEGIN_BYTE` and
/// sets the L2 block we wrote (number, timestamp, previous hash, virtual blocks from the dump).
#[test]
fn bootloader_reads_the_memory_we_write() {
    for (name, stop) in [(FEE, false), (VALIDATION, true)] {
        let Some(dump) = load(name) else { return };
        let r = replay(&dump, stop);
        assert_eq!(r.txs.len(), 1, "{name}: {:?}", r.error);
        assert_eq!(logged(&r, "txPtr"), [U256::from(byte_of(TX_DESCRIPTION_BEGIN_SLOT))]);
        assert_eq!(logged(&r, "execute"), [U256::from(1)], "{name}: txMeta execute flag");
        let block = &dump.l2_blocks[0];
        let expected = [
            U256::from(block.number),
            U256::from(block.timestamp),
            U256::from_be_bytes(block.prev_block_hash.0),
            U256::from(block.virtual_blocks),
        ];
        assert_eq!(logged(&r, "Setting new L2 block: "), expected, "{name}");
    }
}

#[test]
fn estimate_fee_for_transfer_to_self_reverts_with_empty_output() {
    let Some(dump) = load(FEE) else { return };
    let r = replay(&dump, false);
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.txs.len(), 1);
    assert_eq!(r.txs[0].status, TxStatus::Revert, "{:?}", r.txs[0].debug_logs);
    assert!(r.txs[0].output.is_empty());
}

#[test]
fn validation_adjacent_storage_slots_passes_validation() {
    let Some(dump) = load(VALIDATION) else { return };
    let r = replay(&dump, true);
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.txs.len(), 1);
    assert_eq!(r.txs[0].status, TxStatus::Success, "{:?}", r.txs[0].debug_logs);
    // The bootloader hashed our encoding of the EIP-712 transaction (BootloaderUtilities) to the
    // hash zksync-era recorded for it.
    let CommonData::L2(l2) = &dump.l2_blocks[0].txs[0].common_data else { panic!("an L2 tx") };
    let hash = l2.input.as_ref().map(|i| U256::from_be_bytes(i.hash.0));
    assert_eq!(logged(&r, "Appending tx to L2 block").first().copied(), hash);
}

/// The reader ignores fields it does not know and names a missing one.
#[test]
fn dump_reader_is_tolerant_and_names_missing_fields() {
    let Some(dir) = support::registry_crate(MULTIVM) else { return };
    let path = dir.join("tests/vm_dumps").join(format!("{FEE}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    value["system_env"]["some_future_field"] = serde_json::json!(42);
    assert!(VmDump::from_json(&value.to_string()).is_ok());
    if let Some(env) = value["system_env"].as_object_mut() {
        env.remove("chain_id");
    }
    let error = VmDump::from_json(&value.to_string()).expect_err("chain_id is required");
    assert!(error.to_string().contains("missing field `chain_id`"), "{error}");
}
