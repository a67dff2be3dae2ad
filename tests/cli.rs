//! The `zkstack` binary's contract: version, help, honest "not built yet" answers and the demo.

use std::process::Command;

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

const SUBCOMMANDS: [&str; 11] =
    ["demo", "run", "asm", "disasm", "replay", "tx", "fee", "l1", "bridge", "prove", "verify"];

/// Subcommands that compute something today; the rest must say they are not built.
const BUILT: [&str; 9] = ["demo", "l1", "bridge", "tx", "fee", "asm", "disasm", "run", "replay"];

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

#[test]
fn unbuilt_subcommands_exit_2_and_say_so() {
    for name in SUBCOMMANDS.iter().filter(|name| !BUILT.contains(name)) {
        let out = zkstack(&[name, "some-arg", "--json"]);
        assert_eq!(out.status.code(), Some(2), "`zkstack {name}`");
        assert!(out.stdout.is_empty(), "`zkstack {name}` must print nothing on stdout");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not built yet"), "`zkstack {name}` stderr: {stderr}");
    }
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

/// The demo's statuses are exactly what is built, and its values are recomputed here on paths
/// that do not go through the demo: the deposit on a fresh L1 model, the commitment with
/// zksync-era's formula (`commitment::batch_commitment`), the stored batch hash from its nine
/// fields, the logs root from the log tree, the withdrawal proof with the bridge's verifier.
#[test]
#[allow(clippy::unwrap_used)]
fn demo_json_reports_only_what_ran() {
    let out = zkstack(&["demo", "--json"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document on stdout");
    assert_eq!(report["version"], zkstack::VERSION);
    let stages = report["stages"].as_array().expect("stages array");
    let statuses: Vec<(&str, &str)> = stages
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("l1_deposit", "ran"),
            ("l2_transactions", "supplied"),
            ("batch", "ran"),
            ("pubdata", "ran"),
            ("commitment", "ran"),
            ("proof", "not_built"),
            ("l1_execute", "ran"),
            ("withdrawal_proof", "ran"),
        ]
    );
    for stage in stages {
        assert!(!stage["detail"].as_str().unwrap().is_empty(), "{stage}");
    }
    assert!(stages[1]["detail"].as_str().unwrap().contains("supplied"));
    assert!(stages[5]["detail"].as_str().unwrap().contains("test verifier"));
    let all_ran = stages.iter().all(|stage| stage["status"] == "ran");
    assert!(!all_ran);
    assert_eq!(
        report["whole_loop"], all_ran,
        "whole_loop must be true exactly when every stage ran"
    );

    check_demo_values(&report["values"]);

    let smoke = &report["boojum_smoke"];
    assert_eq!(smoke["verified"], true);
    let expected = zkstack::prover::FmaChain { x0: 1, x1: 2, steps: 1024 }.output();
    assert_eq!(smoke["public_output"], expected);
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
    let proof: Vec<B256> = json(&values["withdrawal_proof"]);
    let index: u64 = json(&values["withdrawal_log_index"]);
    let root = zkstack::bridge::proof::SettlementRoot {
        chain_id: U256::from(chain::CHAIN_ID),
        batch_number: U256::from(1),
        root: l2_logs_root,
    };
    let verify = |message: &zkstack::bridge::message::L2Message| {
        zkstack::bridge::proof::verify_message_inclusion(
            root.chain_id,
            root.batch_number,
            U256::from(index),
            message,
            &proof,
            &root,
        )
    };
    assert!(verify(&message).is_ok());
    let mut forged = message.clone();
    forged.data = b"another message".to_vec().into();
    assert!(verify(&forged).is_err(), "the proof is for this message only");
}
