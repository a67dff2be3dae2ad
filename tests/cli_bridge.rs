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

fn deposit_json(args: &[&str]) -> serde_json::Value {
    let out = zkstack(&[&["bridge", "deposit-tx", "--json"], args].concat());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The canonical hash the library gives the Mailbox's request for these inputs, to compare the
/// CLI's output with (the library's own vectors are in zkstack-bridge/tests/deposit_vectors.rs).
fn library_hash(
    request: &zkstack::bridge::request::BridgehubL2TransactionRequest,
    serial_id: u64,
    l2_gas_price: u64,
) -> String {
    let tx = request.to_priority_op_request(&[]).to_canonical_transaction(
        zkstack::l1::U256::from(serial_id),
        zkstack::l1::U256::from(l2_gas_price),
    );
    format!("{:#x}", tx.canonical_hash())
}

/// era-contracts' recorded `requestL2TransactionDirect` (see deposit_vectors.rs): the CLI prints
/// exactly its calldata, `msg.value` = the mint value on an ETH-based chain, and the L2
/// transaction keeps the EOA sender unaliased.
#[test]
fn deposit_tx_direct_reproduces_a_real_request() {
    use zkstack::bridge::request::{CallContext, L2TransactionRequestDirect};
    use zkstack::l1::{Address, Bytes, U256};

    let account = "0x9ca26d77cde9cff9145d06725b400b2ec4bbc616";
    let json = deposit_json(&[
        "--chain-id",
        "505",
        "--base-token-is-eth",
        "--to",
        account,
        "--amount",
        "10000000000000000000",
        "--mint-value",
        "20000000000000000000",
        "--sender",
        account,
        "--refund-recipient",
        account,
        "--l2-gas-limit",
        "600000000",
        "--l2-gas-price",
        "250000000",
        "--priority-tx-max-gas-limit",
        "600000000",
        "--priority-tx-max-pubdata",
        "1000000",
        "--serial-id",
        "7",
        "--bridgehub",
        "0x303a465b659cbb0ab36ee643ea362c509eeb5213",
    ]);
    let direct = L2TransactionRequestDirect {
        chainId: U256::from(505u32),
        mintValue: U256::from(20_000_000_000_000_000_000u128),
        l2Contract: account.parse().expect("address"),
        l2Value: U256::from(10_000_000_000_000_000_000u128),
        l2Calldata: Bytes::new(),
        l2GasLimit: U256::from(600_000_000u64),
        l2GasPerPubdataByteLimit: U256::from(800u32),
        factoryDeps: vec![],
        refundRecipient: account.parse().expect("address"),
    };
    assert_eq!(json["l1_call"]["calldata"], format!("{}", Bytes::from(direct.calldata())));
    assert!(json["l1_call"]["calldata"].as_str().is_some_and(|c| c.starts_with("0xd52471c1")));
    assert_eq!(json["l1_call"]["function"], "requestL2TransactionDirect");
    assert_eq!(json["l1_call"]["to"], "0x303a465b659cbb0ab36ee643ea362c509eeb5213");
    assert_eq!(json["l1_call"]["value"], "20000000000000000000");
    assert_eq!(json["mint_value"], "20000000000000000000");
    let tx = &json["l2_canonical_tx"];
    assert_eq!(tx["tx_type"], "255");
    assert_eq!(tx["from"], "0x9ca26d77cde9cff9145d06725b400b2ec4bbc616");
    assert_eq!(tx["nonce"], "7");
    assert_eq!(tx["max_fee_per_gas"], "250000000");
    assert_eq!(tx["reserved"][0], "20000000000000000000");
    let account: Address = account.parse().expect("address");
    let ctx = CallContext { caller: account, tx_origin: account, refund_recipient_has_code: false };
    let request = direct.to_mailbox_request(&ctx).expect("valid request");
    assert_eq!(json["l2_tx_hash"], library_hash(&request, 7, 250_000_000));
}

/// zksync-ethers' ETH deposit to a custom-base-token chain (see deposit_vectors.rs): the CLI
/// prints exactly its `requestL2TransactionTwoBridges` calldata and `msg.value`; on L2 the
/// aliased shared bridge calls the asset router's legacy `finalizeDeposit`.
#[test]
fn deposit_tx_two_bridges_reproduces_the_sdk() {
    let account = "0x36615cf349d7f6344891b1e7ca7c72883f5dc049";
    let json = deposit_json(&[
        "--chain-id",
        "270",
        "--to",
        account,
        "--amount",
        "7000000",
        "--token",
        "0x0000000000000000000000000000000000000001",
        "--shared-bridge",
        "0x842deab39809094bf5e4b77a7f97ae308adc5e55",
        "--sender",
        account,
        "--refund-recipient",
        account,
        "--l2-gas-limit",
        "405053",
        "--mint-value",
        "210121243750000",
        "--l1-gas-price",
        "1000000000",
        "--serial-id",
        "3",
        "--l1-chain-id",
        "9",
        "--expiration",
        "1700000000",
    ]);
    let expected = concat!(
        "0x24fd57fb00000000000000000000000000000000000000000000000000000000000000200000000000",
        "00000000000000000000000000000000000000000000000000010e000000000000000000000000000000",
        "0000000000000000000000bf1aaa17ee7000000000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000000000000062e3d000000",
        "000000000000000000000000000000000000000000000000000000032000000000000000000000000036",
        "615cf349d7f6344891b1e7ca7c72883f5dc049000000000000000000000000842deab39809094bf5e4b7",
        "7a7f97ae308adc5e5500000000000000000000000000000000000000000000000000000000006acfc000",
        "000000000000000000000000000000000000000000000000000000000001200000000000000000000000",
        "000000000000000000000000000000000000000060000000000000000000000000000000000000000000",
        "000000000000000000000100000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000036615cf349d7f6344891b1e7ca7c72883f5dc049",
    );
    assert_eq!(json["l1_call"]["calldata"], expected);
    assert_eq!(json["l1_call"]["function"], "requestL2TransactionTwoBridges");
    assert_eq!(json["l1_call"]["to"], "bridgehub");
    assert_eq!(json["l1_call"]["value"], "7000000");
    let tx = &json["l2_canonical_tx"];
    // The second bridge is a contract: aliased. The L2 call goes to the asset router 0x10003.
    assert_eq!(tx["from"], "0x953eeab39809094bf5e4b77a7f97ae308adc6f66");
    assert_eq!(tx["to"], "0x0000000000000000000000000000000000010003");
    assert_eq!(tx["value"], "0");
    assert!(tx["data"].as_str().is_some_and(|d| d.starts_with("0xcfe7af7c")));
    assert_eq!(json["asset_router"]["second_bridge_value"], "7000000");
    assert!(json["new_priority_request_data"].as_str().is_some());
    assert!(json["l2_tx_hash"].as_str().is_some_and(|h| h.len() == 66));
}

#[test]
fn deposit_tx_refuses_what_the_contracts_revert() {
    let base = [
        "bridge",
        "deposit-tx",
        "--chain-id",
        "270",
        "--base-token-is-eth",
        "--to",
        "0x36615cf349d7f6344891b1e7ca7c72883f5dc049",
        "--amount",
        "5",
        "--sender",
        "0x36615cf349d7f6344891b1e7ca7c72883f5dc049",
        "--l2-gas-limit",
        "405053",
        "--l1-gas-price",
        "1000000000",
        "--serial-id",
        "0",
    ];
    let cases: [(&[&str], &str); 4] = [
        (&["--mint-value", "1"], "MsgValueTooLow"),
        (&["--gas-per-pubdata", "801"], "l2GasPerPubdataByteLimit"),
        (
            &[
                "--token",
                "0x00000000000000000000000000000000000000aa",
                "--shared-bridge",
                "0x842deab39809094bf5e4b77a7f97ae308adc5e55",
            ],
            "--token-name",
        ),
        (
            &[
                "--token",
                "0x0000000000000000000000000000000000000001",
                "--shared-bridge",
                "0x842deab39809094bf5e4b77a7f97ae308adc5e55",
            ],
            "base token",
        ),
    ];
    for (extra, reason) in cases {
        let out = zkstack(&[&base[..], extra].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {stderr}");
        assert!(stderr.contains(reason), "{extra:?}: {stderr}");
    }
    let out = zkstack(&base);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("L2 tx hash:"));
}

#[test]
fn deposit_tx_help_documents_the_flags() {
    let out = zkstack(&["bridge", "deposit-tx", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--chain-id",
        "--base-token-is-eth",
        "--to",
        "--amount",
        "--token",
        "--shared-bridge",
        "--sender",
        "--refund-recipient",
        "--l2-gas-limit",
        "--gas-per-pubdata",
        "--l1-gas-price",
        "--mint-value",
        "--serial-id",
        "--expiration",
        "--bridgehub",
        "--json",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}
