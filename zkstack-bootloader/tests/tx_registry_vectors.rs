//! A real 0x71 transaction from zkSync Sepolia (chain 300) with a WebAuthn custom signature and a
//! general-flow paymaster, as zksync-era recorded it in the VM dump
//! `core/lib/multivm/tests/vm_dumps/validation_adjacent_storage_slots.json`: its raw bytes next to
//! what the server derived from them (`common_data.L2`: hash, initiator, nonce, fees, signature,
//! paymaster) and `execute`.
//!
//! The dump ships in the published crate `zksync_multivm@29.13.0-non-semver-compat`, fetched at
//! test time into a cache (see zkstack-l1's `tests/support`) and never committed.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

use alloy_primitives::{Address, B256, Bytes, U256, hex};
use serde_json::Value;
use zkstack_bootloader::tx::paymaster::PaymasterFlow;
use zkstack_bootloader::tx::{Transaction, TxType, decode_raw};

const ZKSYNC_MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";

fn hex_field(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

fn u256_field(v: &Value) -> U256 {
    match v {
        Value::Number(n) => U256::from(n.as_u64().expect("u64")),
        Value::String(s) => {
            U256::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex number")
        }
        other => panic!("not a number: {other}"),
    }
}

fn byte_array(v: &Value) -> Vec<u8> {
    v.as_array()
        .expect("byte array")
        .iter()
        .map(|b| u8::try_from(b.as_u64().expect("byte")).expect("byte"))
        .collect()
}

fn address_field(v: &Value) -> Address {
    Address::from_slice(&hex_field(v))
}

#[test]
fn sepolia_webauthn_eip712_transaction() {
    let Some(dir) = support::registry_crate(ZKSYNC_MULTIVM) else { return };
    let path = dir.join("tests/vm_dumps/validation_adjacent_storage_slots.json");
    let dump: Value = serde_json::from_slice(&std::fs::read(&path).expect("dump")).expect("json");
    let chain_id = dump["system_env"]["chain_id"].as_u64().expect("chain id");
    let tx = &dump["l2_blocks"][0]["txs"][0];
    let common = &tx["common_data"]["L2"];
    let execute = &tx["execute"];
    let raw = hex_field(&tx["raw_bytes"]);

    let decoded = decode_raw(&raw, Some(chain_id)).expect("decodes");
    assert_eq!(decoded.tx_type, TxType::Eip712);
    assert_eq!(decoded.tx.encode(), raw, "re-encodes byte for byte");
    let expected_hash = B256::from_slice(&hex_field(&common["input"]["hash"]));
    assert_eq!(decoded.hash, expected_hash);
    assert_eq!(decoded.from, address_field(&common["initiatorAddress"]));
    assert_eq!(decoded.nonce, u256_field(&common["nonce"]));
    let fee = &common["fee"];
    assert_eq!(decoded.gas_limit, u256_field(&fee["gas_limit"]));
    assert_eq!(decoded.max_fee_per_gas, u256_field(&fee["max_fee_per_gas"]));
    assert_eq!(decoded.max_priority_fee_per_gas, u256_field(&fee["max_priority_fee_per_gas"]));
    assert_eq!(decoded.gas_per_pubdata_limit, u256_field(&fee["gas_per_pubdata_limit"]));
    assert_eq!(decoded.signature, Bytes::from(byte_array(&common["signature"])));
    // A WebAuthn signature is not ECDSA.
    assert_eq!(decoded.signer, None);
    let paymaster = decoded.paymaster.as_ref().expect("paymaster");
    assert_eq!(paymaster.paymaster, address_field(&common["paymasterParams"]["paymaster"]));
    assert_eq!(
        paymaster.paymaster_input,
        Bytes::from(byte_array(&common["paymasterParams"]["paymasterInput"]))
    );
    assert_eq!(
        PaymasterFlow::decode(&paymaster.paymaster_input).expect("built-in flow"),
        PaymasterFlow::General { input: Bytes::new() }
    );
    assert_eq!(decoded.to, Some(address_field(&execute["contractAddress"])));
    assert_eq!(decoded.data.as_ref(), hex_field(&execute["calldata"]).as_slice());
    assert_eq!(decoded.value, u256_field(&execute["value"]));
    assert!(decoded.factory_deps.is_empty());

    // What the bootloader is given (multivm `TransactionData::new` for an L2 transaction).
    let boot = decoded.tx.to_bootloader().expect("bootloader struct");
    assert_eq!(boot.txType, U256::from(0x71));
    assert_eq!(boot.from, U256::from_be_slice(decoded.from.as_slice()));
    assert_eq!(boot.paymaster, U256::from_be_slice(paymaster.paymaster.as_slice()));
    assert_eq!(boot.signature, decoded.signature);
    assert_eq!(boot.reserved, [U256::ZERO; 4]);
    assert_eq!(boot.gasPerPubdataByteLimit, u256_field(&fee["gas_per_pubdata_limit"]));
    assert!(matches!(decoded.tx, Transaction::Eip712(_)));
}

/// The dump's `storage` holds the slots the transaction touched, keyed by state-tree key
/// (`hashed_key`). The initiator's NonceHolder slot must be among them holding its nonce (2, the
/// nonce of this very transaction) in the low 128 bits, and the paying paymaster's L2BaseToken
/// balance slot must be among them: this checks our slot numbers and the tree key against the
/// state of a real chain.
#[test]
fn sepolia_dump_storage_has_nonce_and_balance_slots() {
    use zkstack_bootloader::address::{AccountNonce, balance_storage_key, nonce_storage_key};

    let Some(dir) = support::registry_crate(ZKSYNC_MULTIVM) else { return };
    let path = dir.join("tests/vm_dumps/validation_adjacent_storage_slots.json");
    let dump: Value = serde_json::from_slice(&std::fs::read(&path).expect("dump")).expect("json");
    let storage = dump["storage"]["storage"].as_object().expect("storage map");
    let lookup = |key: B256| -> Option<U256> {
        let entry = storage.get(&format!("{key:#x}"))?;
        let value = entry.as_array()?.first()?;
        Some(U256::from_be_slice(&hex_field(value)))
    };
    let common = &dump["l2_blocks"][0]["txs"][0]["common_data"]["L2"];
    let initiator = address_field(&common["initiatorAddress"]);
    let raw_nonce = lookup(nonce_storage_key(initiator).hashed_key()).expect("nonce slot read");
    assert_eq!(AccountNonce::from_raw(raw_nonce).min_nonce, u256_field(&common["nonce"]));

    let paymaster = address_field(&common["paymasterParams"]["paymaster"]);
    let balance = lookup(balance_storage_key(paymaster).hashed_key()).expect("balance slot read");
    assert!(balance > U256::ZERO, "the paymaster pays, so it has a balance");
}
