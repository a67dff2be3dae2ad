//! `zkstack bridge ...` against era-contracts' real proofs.

use std::process::Command;

#[path = "../zkstack-bridge/tests/common/mod.rs"]
mod common;

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

/// The withdrawal message and its nested Gateway proof of era-contracts
/// `L2MessageVerification.t.sol` `test_ProveL2MessageInclusion` (see `common`), which the
/// contract accepts against `MESSAGE_ROOT` (batch 0x57 of settlement chain 506).
fn verify_args(proof: &[String], root: &str) -> Vec<String> {
    let mut args: Vec<String> = [
        "bridge",
        "verify-proof",
        "--chain-id",
        &common::MESSAGE_CHAIN.to_string(),
        "--batch",
        &common::MESSAGE_BATCH.to_string(),
        "--index",
        &common::MESSAGE_INDEX.to_string(),
        "--tx-number",
        &common::MESSAGE_TX_NUMBER.to_string(),
        "--sender",
        &format!("{:#x}", common::MESSAGE_SENDER),
        "--data",
        &format!("0x{}", common::MESSAGE_DATA),
        "--root",
        root,
        "--json",
    ]
    .map(str::to_owned)
    .into();
    args.push(format!("--proof={}", proof.join(",")));
    args
}

fn run_verify(proof: &[String], root: &str) -> (Option<i32>, serde_json::Value) {
    let args = verify_args(proof, root);
    let out = zkstack(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("JSON on stdout ({e}); stderr: {}", String::from_utf8_lossy(&out.stderr))
    });
    (out.status.code(), json)
}

#[test]
fn verify_proof_accepts_the_real_withdrawal_proof() {
    let proof: Vec<String> = common::MESSAGE_PROOF.iter().map(|w| format!("{w:#x}")).collect();
    let root = format!("{:#x}", common::MESSAGE_ROOT);
    let (code, json) = run_verify(&proof, &root);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["settlement"]["chain_id"], "506");
    assert_eq!(json["settlement"]["batch_number"], "87");
}

#[test]
fn verify_proof_rejects_a_changed_word_and_a_wrong_root() {
    let mut proof: Vec<String> = common::MESSAGE_PROOF.iter().map(|w| format!("{w:#x}")).collect();
    let root = format!("{:#x}", common::MESSAGE_ROOT);
    let (code, json) = run_verify(&proof, &format!("0x{}", "11".repeat(32)));
    assert_eq!((code, &json["valid"]), (Some(1), &serde_json::Value::Bool(false)));
    assert!(json["reason"].as_str().is_some_and(|r| r.starts_with("invalid")));
    proof[3] = format!("0x{}", "00".repeat(32));
    let (code, json) = run_verify(&proof, &root);
    assert_eq!((code, &json["valid"]), (Some(1), &serde_json::Value::Bool(false)));
}

#[test]
fn asset_ids() {
    // The derivation itself is pinned by zkstack-bridge's tests (the asset id inside the real
    // withdrawal message of era-contracts L2MessageVerification.t.sol); here the CLI must print
    // exactly what the library computes, and refuse an ambiguous request.
    let token = "0x0000000000000000000000000000000000000abc";
    let out = zkstack(&["bridge", "asset-id", "--chain-id", "9", "--token", token]);
    assert!(out.status.success());
    let expected = zkstack::bridge::asset::ntv_asset_id(
        zkstack::l1::U256::from(9),
        token.parse().expect("address"),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("{expected:#x}"));
    let out = zkstack(&["bridge", "asset-id", "--chain-id", "1", "--eth", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let eth = zkstack::bridge::asset::eth_asset_id(zkstack::l1::U256::from(1));
    assert_eq!(json["asset_id"], format!("{eth:#x}"));
    let out = zkstack(&["bridge", "asset-id", "--chain-id", "1"]);
    assert_eq!(out.status.code(), Some(1));
}
