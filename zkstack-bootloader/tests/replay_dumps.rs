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
//!   not failed, and no validation rule is violated (`zkstack_bootloader::validation`, with the
//!   two tokens that test trusts).
//!
//! Storage is priced as a batch prices it (zkstack-vm `StoragePricing::Batch`, vm2's rules):
//! with zk_evm's reference pricing (no refunds, 65 bytes of pubdata per write) the fee dump halts
//! with `PAY_FOR_TX_FAILED_ERR_CODE` and validation runs out of gas (`TX_VALIDATION_OUT_OF_GAS`).

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

use zkstack_bootloader::dump::{CommonData, SnapshotCode, SnapshotStorage, VmDump};
use zkstack_bootloader::executor::{
    BatchEnv, BatchExecutor, Replay, ReplayOptions, SystemEnvironment, TxStatus, replay_dump,
};
use zkstack_bootloader::memory::layout::{TX_DESCRIPTION_BEGIN_SLOT, byte_of};
use zkstack_bootloader::system::BaseSystemContracts;
use zkstack_bootloader::validation::{
    ValidationOutcome, ValidationParams, ValidationRules, ViolatedRule, trusted_token_slots,
    validate_next,
};
use zkstack_bootloader::vm::Address;
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

/// The tokens zksync-era's `adjacent_storage_slots_are_allowed` trusts for this dump.
const ACCESSED_TOKENS: [&str; 2] =
    ["0x185db4e63ff8afdc67b2e44acaa837c104eb22bc", "0x272814b0125380dc65a63570abf903d0a434b597"];

/// Validates the dump's transaction on an executor over its snapshot with `tokens` trusted.
fn validate(dump: &VmDump, tokens: &[Address], user: Option<Address>) -> ValidationOutcome {
    let system = SystemEnvironment::from_dump(dump).expect("v26");
    let snapshot = std::rc::Rc::new(dump.storage.clone());
    let mut code = SnapshotCode::default();
    for (hash, bytes) in &snapshot.factory_deps {
        code.insert_bytes(hash, bytes);
    }
    let storage = SnapshotStorage::new(std::rc::Rc::clone(&snapshot));
    let missing = storage.missing();
    let contracts = BaseSystemContracts::from_dump(dump);
    let env = BatchEnv::from_dump(dump);
    let mut ex = BatchExecutor::new(env, system, &contracts, Box::new(storage), Box::new(code))
        .expect("executor");
    let tx = &dump.l2_blocks[0].txs[0];
    let boot = tx.to_bootloader().expect("tx converts");
    ex.push_transaction(&boot, tx.factory_deps(), tx.is_l1()).expect("tx placed");
    let user = user.unwrap_or_else(|| Address::from_slice(&boot.from.to_be_bytes::<32>()[12..]));
    let mut rules = ValidationRules::new(ValidationParams::with_trusted_tokens(user, tokens));
    let limit = system.default_validation_computational_gas_limit;
    let outcome = validate_next(&mut ex, &mut rules, limit).expect("runs");
    assert!(missing.borrow().is_empty(), "the snapshot lacks {:?}", missing.borrow());
    outcome
}

/// zksync-era `adjacent_storage_slots_are_allowed` (`vm_fast/tests/account_validation_rules.rs`):
/// with the two accessed tokens trusted (`mock_validation_params`), `FullValidationTracer` finds
/// no violated rule and the run (stopped after validation) has not failed.
#[test]
fn validation_dump_breaks_no_validation_rule() {
    let Some(dump) = load(VALIDATION) else { return };
    let tokens = ACCESSED_TOKENS.map(|s| s.parse::<Address>().expect("address"));
    let outcome = validate(&dump, &tokens, None);
    assert_eq!(outcome.violation, None);
    assert!(outcome.validation_ended, "{outcome:?}");
}

/// The rules bite: without the tokens trusted, validation reads their storage and breaks a rule.
#[test]
fn validation_dump_breaks_a_rule_without_trusted_tokens() {
    let Some(dump) = load(VALIDATION) else { return };
    let outcome = validate(&dump, &[], None);
    let token: Address = ACCESSED_TOKENS[0].parse().expect("address");
    // Slot 1 (OpenZeppelin `Initializable`) is one of the trusted token slots.
    let expected = ViolatedRule::TouchedDisallowedStorageSlots(token, U256::from(1));
    assert_eq!(outcome.violation, Some(expected));
}

/// The own-storage rule bites: validated as another account, the real account's reads of its
/// own storage are reads of someone else's.
#[test]
fn validation_dump_breaks_a_rule_as_another_account() {
    let Some(dump) = load(VALIDATION) else { return };
    let tokens = ACCESSED_TOKENS.map(|s| s.parse::<Address>().expect("address"));
    let outcome = validate(&dump, &tokens, Some(Address::repeat_byte(0x11)));
    let CommonData::L2(l2) = &dump.l2_blocks[0].txs[0].common_data else { panic!("an L2 tx") };
    let account = l2.initiator_address;
    assert!(
        matches!(outcome.violation, Some(ViolatedRule::TouchedDisallowedStorageSlots(a, _)) if a == account),
        "{outcome:?}"
    );
}

/// The trusted token slots we derive (EIP-1967 `keccak − 1`, ZeppelinOS `keccak`, slot 1) equal
/// zksync_system_constants 29.13.0's literal bytes (`src/trusted_slots.rs`, fetched at test time).
#[test]
fn trusted_slots_match_zksync_system_constants() {
    let Some(dir) = support::registry_crate("zksync_system_constants@29.13.0-non-semver-compat")
    else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("src/trusted_slots.rs")).expect("source");
    let literal = |name: &str| -> U256 {
        let at = text.find(&format!("const {name}: H256 = H256([")).expect(name);
        let body = &text[at..];
        let body = &body[body.find("([").expect("[") + 2..body.find("])").expect("]")];
        let bytes: Vec<u8> = body
            .split(',')
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|b| u8::from_str_radix(b.trim_start_matches("0x"), 16).expect("hex byte"))
            .collect();
        U256::from_be_slice(&bytes)
    };
    let expected = [
        "ERC1967_ROLLBACK_SLOT",
        "ERC1967_IMPLEMENTATION_SLOT",
        "ERC1967_ADMIN_SLOT",
        "INITIALIZER_INITIALING_SLOT",
        "ZEPPELINOS_ADMIN_SLOT",
        "ZEPPELINOS_IMPLEMENTATION_SLOT",
    ]
    .map(literal);
    assert_eq!(trusted_token_slots(), expected);
    let beacon = literal("ERC1967_BEACON_SLOT");
    let params = ValidationParams::with_trusted_tokens(Address::ZERO, &[Address::ZERO]);
    assert!(params.trusted_address_slots.contains(&(Address::ZERO, beacon)));
}
