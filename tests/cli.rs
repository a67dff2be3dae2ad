//! The `zkstack` binary's contract: version, help, honest "not built yet" answers and the demo.

use std::process::Command;

#[path = "../zkstack-l1/tests/support/mod.rs"]
mod support;

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

const SUBCOMMANDS: [&str; 11] =
    ["demo", "run", "asm", "disasm", "replay", "tx", "fee", "l1", "bridge", "prove", "verify"];

#[test]
fn version_is_the_crate_version() {
    let out = zkstack(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("zkstack {}", zkstack::VERSION)
    );
}

#[test]
fn help_lists_every_subcommand() {
    let out = zkstack(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for name in SUBCOMMANDS {
        assert!(
            help.lines().any(|line| line.trim_start().starts_with(&format!("{name} "))),
            "`{name}` missing from --help:\n{help}"
        );
    }
}

/// Proving a whole VM dump is not built: `zkstack prove` recognises one and says so (exit 2),
/// before it would build or run anything.
#[test]
fn proving_a_dump_exits_2_and_says_so() {
    let dir = std::env::temp_dir().join(format!("zkstack-cli-dump-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let dump = dir.join("dump.json");
    std::fs::write(&dump, "{\"l1_batch_env\": {}}").expect("write");
    let out_dir = dir.join("out");
    let out = zkstack(&[
        "prove",
        dump.to_str().expect("utf-8 path"),
        "--out",
        out_dir.to_str().expect("utf-8 path"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not built yet"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bad programs and missing proof directories are input errors (exit 1), found before the
/// circuit binary is built or run.
#[test]
fn prove_and_verify_refuse_bad_input_early() {
    let dir = std::env::temp_dir().join(format!("zkstack-cli-badprog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let even = dir.join("even.hex");
    std::fs::write(&even, format!("0x{}", "00".repeat(64))).expect("write");
    let broken = dir.join("broken.asm");
    std::fs::write(&broken, ".text\n__entry:\n    frobnicate r1, r2\n").expect("write");
    for program in [&even, &broken] {
        let out = zkstack(&["prove", program.to_str().expect("utf-8 path")]);
        assert_eq!(out.status.code(), Some(1), "{}", program.display());
        assert!(!String::from_utf8_lossy(&out.stderr).contains("building"));
    }
    let out = zkstack(&["verify", dir.join("nothing-here").to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("proofs.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let out = zkstack(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognized subcommand"));
}

fn json<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> T {
    serde_json::from_value(value.clone()).expect("a value of the expected type")
}

/// Runs `zkstack demo --json` with `args` and checks what every run must hold: the version,
/// non-empty details, `proof` not built (the test verifier), `whole_loop` true exactly when every
/// stage ran, and the Boojum smoke proof. Returns the report and stderr.
#[allow(clippy::unwrap_used)]
fn demo_report(args: &[&str]) -> (serde_json::Value, String) {
    let out = zkstack(&[&["demo", "--json"], args].concat());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "stderr: {stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document on stdout");
    assert_eq!(report["version"], zkstack::VERSION);
    let stages = report["stages"].as_array().expect("stages array");
    for stage in stages {
        assert!(!stage["detail"].as_str().unwrap().is_empty(), "{stage}");
    }
    assert!(stages[5]["detail"].as_str().unwrap().contains("test verifier"));
    let all_ran = stages.iter().all(|stage| stage["status"] == "ran");
    assert!(!all_ran);
    assert_eq!(
        report["whole_loop"], all_ran,
        "whole_loop must be true exactly when every stage ran"
    );
    let smoke = &report["boojum_smoke"];
    assert_eq!(smoke["verified"], true);
    let witness = zkstack::prover::FmaWitness { x0: 1, x1: 2 };
    let expected = zkstack::prover::FmaChain { steps: 1024 }.output(&witness);
    assert_eq!(smoke["public_output"], expected);
    (report, stderr)
}

#[allow(clippy::unwrap_used)]
fn statuses(report: &serde_json::Value) -> Vec<(String, String)> {
    report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_owned(), s["status"].as_str().unwrap().to_owned()))
        .collect()
}

fn expected_statuses(l2: &str) -> Vec<(String, String)> {
    [
        ("l1_deposit", "ran"),
        ("l2_transactions", l2),
        ("batch", "ran"),
        ("pubdata", "ran"),
        ("commitment", "ran"),
        ("proof", "not_built"),
        ("l1_execute", "ran"),
        ("withdrawal_proof", "ran"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect()
}

/// The demo with the real bootloader (fetched from crates.io, as the tests' vectors are): the
/// L2 stage ran, and the values are recomputed on paths that do not go through the bootloader.
/// Without the registry, the demo must fall back to supplied outputs and say so (checked as in
/// [`demo_without_dumps_falls_back_to_supplied_outputs`]); this test then SKIPs the real part.
#[test]
#[allow(clippy::unwrap_used)]
fn demo_json_reports_only_what_ran() {
    let (report, stderr) = demo_report(&[]);
    if support::registry_crate(zkstack::demo::artifacts::MULTIVM).is_none() {
        assert_eq!(statuses(&report), expected_statuses("supplied"));
        assert!(stderr.contains("WARNING"), "the fallback is said on stderr: {stderr}");
        check_demo_values(&report["values"]);
        return;
    }
    assert_eq!(statuses(&report), expected_statuses("ran"));
    let detail = report["stages"][1]["detail"].as_str().unwrap();
    assert!(detail.contains("real v26 bootloader"), "{detail}");
    check_real_demo_values(&report["values"]);
}

/// With a VM-dump directory that does not exist, the L2 stage is `supplied` (never `ran`), the
/// stage and stderr say why, and the supplied loop's values are recomputed independently.
#[test]
#[allow(clippy::unwrap_used)]
fn demo_without_dumps_falls_back_to_supplied_outputs() {
    let (report, stderr) = demo_report(&["--vm-dumps", "/nonexistent/zkstack-vm-dumps"]);
    assert_eq!(statuses(&report), expected_statuses("supplied"));
    let detail = report["stages"][1]["detail"].as_str().unwrap();
    assert!(detail.contains("supplied") && detail.contains("could not be had"), "{detail}");
    assert!(stderr.contains("WARNING") && stderr.contains("/nonexistent/zkstack-vm-dumps"));
    assert!(report["values"]["bootloader_hash"].is_null());
    check_demo_values(&report["values"]);
}

/// The real demo's values, recomputed without the bootloader. Sources: the deposit on a fresh L1
/// model; the bootloader hash and chain id as zksync-era wrote them in the dump's JSON; the
/// withdrawal message as era-contracts' L2BaseToken builds it
/// (`abi.encodePacked(finalizeEthWithdrawal.selector 0x6c0960f9, receiver, amount)`); the batch's
/// two user logs as the bootloader (`sendL2LogUsingL1Messenger(true, canonicalTxHash, success)`)
/// and the L1Messenger (`sendToL1`: key the sender, value keccak of the message) emit them, in
/// their log tree hashed with L2MessageRoot's empty aggregated root; the public input from the
/// commitment; the withdrawal proof with the bridge's verifier.
#[allow(clippy::unwrap_used)]
fn check_real_demo_values(values: &serde_json::Value) {
    use alloy_primitives::{Address, B256, U256, keccak256};
    use zkstack::demo::{chain, l2};
    use zkstack::l1::executor_model::{L1Executor, RollupL1DaValidator};

    let dir = support::registry_crate(zkstack::demo::artifacts::MULTIVM).unwrap();
    let path = dir.join("tests/vm_dumps").join(zkstack::demo::artifacts::MAIN_DUMP);
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let system_env = &raw["system_env"];
    assert_eq!(values["chain_id"], system_env["chain_id"]);
    assert_eq!(
        values["bootloader_hash"],
        system_env["base_system_smart_contracts"]["bootloader"]["hash"]
    );
    assert_eq!(values["l2_tx_count"], 2 * l2::TRANSFERS_PER_BLOCK + 2);
    assert!(json::<u64>(&values["l2_gas_used"]) > 0);
    assert_eq!(values["batch_number"], 1);
    assert_eq!(values["l1_totals"], serde_json::json!([1, 1, 1]));

    let mut l1 =
        L1Executor::new(chain::chain_config(), &chain::genesis(), RollupL1DaValidator::new())
            .unwrap();
    let (request, ctx) = chain::deposit_request_at(l2::L1_NOW).unwrap();
    let deposit = l1.request_l2_transaction(&request, &ctx).unwrap().canonical_tx_hash;
    assert_eq!(json::<B256>(&values["deposit_canonical_tx_hash"]), deposit);

    let mut data = vec![0x6c, 0x09, 0x60, 0xf9];
    data.extend_from_slice(chain::ACCOUNT.as_slice());
    data.extend_from_slice(&chain::withdrawal_amount().to_be_bytes::<32>());
    assert_eq!(json::<zkstack::l1::Bytes>(&values["withdrawal_message"]), data);
    let tx_count: u16 = json(&values["l2_tx_count"]);
    let base_token = Address::left_padding_from(&[0x80, 0x0a]);
    let message = zkstack::bridge::message::L2Message {
        tx_number_in_batch: tx_count - 1,
        sender: base_token,
        data: data.clone().into(),
    };
    let l1_tx_log = zkstack::l1::L2ToL1Log {
        shard_id: 0,
        is_service: true,
        tx_number_in_block: 0,
        sender: Address::left_padding_from(&[0x80, 0x01]),
        key: deposit,
        value: B256::with_last_byte(1),
    };
    let withdrawal_log = zkstack::l1::L2ToL1Log {
        shard_id: 0,
        is_service: true,
        tx_number_in_block: tx_count - 1,
        sender: Address::left_padding_from(&[0x80, 0x08]),
        key: base_token.into_word(),
        value: keccak256(&data),
    };
    let config = chain::chain_config();
    let local =
        zkstack::l1::LogTree::from_logs(&[l1_tx_log, withdrawal_log], config.protocol_version)
            .unwrap()
            .root();
    let aggregated = zkstack::bootloader::natives::SHARED_ROOT_TREE_EMPTY_HASH;
    let l2_logs_root = keccak256([local.as_slice(), aggregated.as_slice()].concat());
    assert_eq!(json::<B256>(&values["l2_logs_root"]), l2_logs_root);

    let commitment: B256 = json(&values["commitment"]);
    assert_eq!(
        json::<U256>(&values["public_input"]),
        zkstack::l1::public_input::batch_proof_public_input(B256::repeat_byte(0xc0), commitment)
    );

    assert_eq!(values["withdrawal_proof_valid"], true);
    let chain_id: u64 = json(&values["chain_id"]);
    assert_withdrawal_proof(values, &message, chain_id, l2_logs_root);
}

/// The demo's values, recomputed independently (see [`demo_json_reports_only_what_ran`]).
#[allow(clippy::unwrap_used)]
fn check_demo_values(values: &serde_json::Value) {
    use alloy_primitives::{B256, U256, keccak256};
    use zkstack::demo::chain;
    use zkstack::l1::commitment::{
        AuxCommitments, BlobHash, CommitmentCommonInput, CommitmentInput, batch_commitment,
    };
    use zkstack::l1::executor_abi::StoredBatchInfo;
    use zkstack::l1::executor_model::{L1Executor, RollupL1DaValidator};
    use zkstack::l1::operator::DaMode;
    use zkstack::l1::pubdata::BLOB_SIZE_BYTES;
    use zkstack::l1::public_input::batch_proof_public_input;

    let config = chain::chain_config();
    let genesis = chain::genesis();
    let mut l1 = L1Executor::new(config.clone(), &genesis, RollupL1DaValidator::new()).unwrap();
    let (request, ctx) = chain::deposit_request().unwrap();
    let deposit = l1.request_l2_transaction(&request, &ctx).unwrap().canonical_tx_hash;
    assert_eq!(json::<B256>(&values["deposit_canonical_tx_hash"]), deposit);
    assert_eq!(values["batch_number"], 1);

    let outputs = chain::supplied_outputs(deposit);
    let DaMode::RollupCalldata { blob_commitment } = chain::da_mode() else {
        panic!("the demo is a calldata rollup")
    };
    let mut blob = outputs.pubdata_input().settlement_layer_pubdata().unwrap();
    assert_eq!(values["pubdata_bytes"], blob.len());
    blob.resize(BLOB_SIZE_BYTES, 0);
    let mut blob_hashes = vec![BlobHash::default(); 16];
    blob_hashes[0] = BlobHash { commitment: blob_commitment, linear_hash: keccak256(&blob) };
    let input = CommitmentInput::PostBoojum {
        common: CommitmentCommonInput {
            l2_to_l1_logs: outputs.user_logs.clone(),
            rollup_last_leaf_index: outputs.index_repeated_storage_changes,
            rollup_root_hash: outputs.new_state_root,
            bootloader_code_hash: config.l2_bootloader_bytecode_hash,
            default_aa_code_hash: config.l2_default_account_bytecode_hash,
            evm_emulator_code_hash: Some(config.l2_evm_emulator_bytecode_hash),
            protocol_version: config.protocol_version,
        },
        system_logs: outputs.system_logs(&config, &chain::da_mode()).unwrap(),
        state_diffs: outputs.state_diffs.clone(),
        aux_commitments: AuxCommitments {
            events_queue_commitment: outputs.events_queue_hash,
            bootloader_initial_content_commitment: outputs.bootloader_heap_hash,
        },
        blob_hashes,
        aggregation_root: B256::ZERO,
    };
    let commitment = batch_commitment(&input).unwrap().commitment;
    assert_eq!(json::<B256>(&values["commitment"]), commitment);
    assert_eq!(
        json::<U256>(&values["public_input"]),
        batch_proof_public_input(genesis.commitment, commitment)
    );

    let local = zkstack::l1::LogTree::from_logs(&outputs.user_logs, config.protocol_version)
        .unwrap()
        .root();
    let l2_logs_root = keccak256([local.as_slice(), B256::ZERO.as_slice()].concat());
    assert_eq!(json::<B256>(&values["l2_logs_root"]), l2_logs_root);
    let stored = StoredBatchInfo {
        batchNumber: 1,
        batchHash: outputs.new_state_root,
        indexRepeatedStorageChanges: outputs.index_repeated_storage_changes,
        numberOfLayer1Txs: U256::from(1),
        priorityOperationsHash: keccak256([keccak256([]).as_slice(), deposit.as_slice()].concat()),
        dependencyRootsRollingHash: B256::ZERO,
        l2LogsTreeRoot: l2_logs_root,
        timestamp: U256::from(outputs.timestamp),
        commitment,
    };
    assert_eq!(json::<B256>(&values["stored_batch_hash"]), stored.hash());
    assert_eq!(values["l1_totals"], serde_json::json!([1, 1, 1]));

    assert_eq!(values["withdrawal_proof_valid"], true);
    let message = chain::withdrawal_message();
    assert_eq!(json::<zkstack::l1::Bytes>(&values["withdrawal_message"]), message.data);
    assert_withdrawal_proof(values, &message, chain::CHAIN_ID, l2_logs_root);
}

/// The demo's withdrawal proof proves `message` (log `withdrawal_log_index` of batch 1 of
/// `chain_id`) against `l2_logs_root`, and nothing else.
fn assert_withdrawal_proof(
    values: &serde_json::Value,
    message: &zkstack::bridge::message::L2Message,
    chain_id: u64,
    l2_logs_root: zkstack::l1::B256,
) {
    let proof: Vec<zkstack::l1::B256> = json(&values["withdrawal_proof"]);
    let index: u64 = json(&values["withdrawal_log_index"]);
    let root = zkstack::bridge::proof::SettlementRoot {
        chain_id: zkstack::l1::U256::from(chain_id),
        batch_number: zkstack::l1::U256::from(1),
        root: l2_logs_root,
    };
    let verify = |message: &zkstack::bridge::message::L2Message| {
        zkstack::bridge::proof::verify_message_inclusion(
            root.chain_id,
            root.batch_number,
            zkstack::l1::U256::from(index),
            message,
            &proof,
            &root,
        )
    };
    assert!(verify(message).is_ok());
    let mut forged = message.clone();
    forged.data = b"another message".to_vec().into();
    assert!(verify(&forged).is_err(), "the proof is for this message only");
}
