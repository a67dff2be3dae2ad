//! `zkstack tx ...` against published vectors.

use std::process::Command;

fn zkstack(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zkstack"));
    command.args(args).env_remove("ZKSTACK_PRIVATE_KEY");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the zkstack binary runs")
}

/// The signed example transaction of EIP-155 (https://eips.ethereum.org/EIPS/eip-155, "Example"):
/// nonce 9, 20 gwei, 21000 gas, to 0x3535…35, 1 ether, chain 1, key 0x4646…46.
const EIP155_SIGNED: &str = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

#[test]
fn decode_the_eip155_example() {
    let out = zkstack(&["tx", "decode", EIP155_SIGNED, "--json"], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["type"], 0);
    // The EIP's "signing hash" and the sender of its private key.
    assert_eq!(
        json["signed_hash"],
        "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"
    );
    assert_eq!(json["from"], "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
    assert_eq!(json["to"], "0x3535353535353535353535353535353535353535");
    assert_eq!(json["nonce"], "9");
    assert_eq!(json["value"], "1000000000000000000");
    assert_eq!(json["data"], "0x");
    // The transaction hash is keccak of the raw bytes.
    let raw = hex::decode(&EIP155_SIGNED[2..]).expect("hex");
    assert_eq!(json["hash"], format!("{:#x}", alloy_primitives::keccak256(&raw)));
}

#[test]
fn sign_reproduces_the_eip155_signature() {
    // RFC 6979 signing is deterministic, so signing the example again with the EIP's key must give
    // exactly the EIP's signed bytes.
    let key = format!("0x{}", "46".repeat(32));
    let out = zkstack(&["tx", "sign", EIP155_SIGNED], &[("ZKSTACK_PRIVATE_KEY", &key)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), EIP155_SIGNED);
    let missing = zkstack(&["tx", "sign", EIP155_SIGNED], &[]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ZKSTACK_PRIVATE_KEY"));
}

#[test]
fn decode_rejects_garbage_and_wrong_chain() {
    for raw in ["0x", "0x00", "0xf8", "0x71c0", "0xdeadbeef"] {
        let out = zkstack(&["tx", "decode", raw, "--json"], &[]);
        assert_eq!(out.status.code(), Some(1), "{raw}");
        assert!(out.stdout.is_empty());
    }
    let out = zkstack(&["tx", "decode", EIP155_SIGNED, "--chain-id", "324"], &[]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn create_address_matches_zksync_ethers() {
    // zksync-ethers tests/unit/utils.test.ts `#createAddress()`.
    let out = zkstack(
        &[
            "tx",
            "address",
            "create",
            "--sender",
            "0x36615Cf349d7F6344891B1e7CA7C72883F5dc049",
            "--nonce",
            "1",
        ],
        &[],
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim().to_lowercase(),
        "0x4b5df730c2e6b28e17013a1485e5d9bc41efe021"
    );
}

#[test]
fn bytecode_hash_follows_the_versioned_layout() {
    // Versioned hash of one zero word: version 1, constructed flag 0, length 1 word, then bytes
    // 4.. of sha256(32 zero bytes) = 66687aad f862bd77….
    let code = format!("0x{}", "00".repeat(32));
    let out = zkstack(&["tx", "bytecode-hash", &code], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0x01000001f862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
    );
    // An even number of words is not a valid EraVM bytecode.
    let even = format!("0x{}", "00".repeat(64));
    assert_eq!(zkstack(&["tx", "bytecode-hash", &even], &[]).status.code(), Some(1));
}
