//! The Compressor native's `verifyCompressedStateDiffs`, called through a real far call, on
//! zksync-era's own batches: the zksync_types 29.13.0-non-semver-compat commitment vectors
//! (`src/commitment/tests/*.json`, fetched from crates.io at test time, never committed) give
//! each batch's state-diff records, their compressed form and their hash. The native must
//! accept every compressed form and return exactly the vector's `state_diffs_hash`, and must
//! reject a tampered one with the contract's error.
//!
//! Without network access to the registry the test prints a loud notice and passes vacuously.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

#[path = "natives/harness.rs"]
mod harness;
#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

use alloy_primitives::{Address, B256, U256, address};
use alloy_sol_types::{SolCall, SolError};
use harness::{Outcome, call, world};
use serde_json::Value;
use zkstack_bootloader::natives::NativeConfig;
use zkstack_bootloader::natives::addresses::COMPRESSOR;
use zkstack_bootloader::natives::errors::{DerivedKeyNotEqualToCompressedValue, ICompressor};
use zkstack_l1::pubdata::StateDiffRecord;
use zkstack_l1::pubdata::record::encode_padded_records;

const CALLER: Address = address!("0x0000000000000000000000000000000000010010");

fn u256(v: &Value) -> U256 {
    U256::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

fn bytes(v: &Value) -> Vec<u8> {
    v.as_array().unwrap().iter().map(|b| u8::try_from(b.as_u64().unwrap()).unwrap()).collect()
}

fn record(v: &Value) -> StateDiffRecord {
    StateDiffRecord {
        address: v["address"].as_str().unwrap().parse().unwrap(),
        key: u256(&v["key"]),
        derived_key: B256::from_slice(&bytes(&v["derived_key"])),
        enumeration_index: v["enumeration_index"].as_u64().unwrap(),
        initial_value: u256(&v["initial_value"]),
        final_value: u256(&v["final_value"]),
    }
}

fn verify_call(records: &[StateDiffRecord], index_size: u8, body: &[u8]) -> Vec<u8> {
    ICompressor::verifyCompressedStateDiffsCall {
        _numberOfStateDiffs: U256::from(records.len()),
        _enumerationIndexSize: U256::from(index_size),
        _stateDiffs: encode_padded_records(records).into(),
        _compressedStateDiffs: body.to_vec().into(),
    }
    .abi_encode()
}

#[test]
fn compressor_accepts_zksync_eras_compressed_state_diffs() {
    let Some(dir) = support::commitment_vectors_dir() else { return };
    let mut checked = 0;
    for name in [
        "post_boojum_1_4_1_test",
        "post_boojum_1_4_2_test",
        "post_boojum_1_5_0_test",
        "post_boojum_1_5_0_test_with_evm",
        "post_gateway_test",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        let input = &json["input"]["PostBoojum"];
        let output = &json["auxiliary_output"]["PostBoojum"];
        let mut records: Vec<StateDiffRecord> =
            input["state_diffs"].as_array().unwrap().iter().map(record).collect();
        // The L1Messenger receives the records sorted by (address, key), as zksync-era sorts them.
        records.sort_by_key(|r| (r.address, r.key));
        let compressed = bytes(&output["state_diffs_compressed"]);
        let expected_hash: B256 = output["state_diffs_hash"].as_str().unwrap().parse().unwrap();
        // Header: version (1), body length (3), enumeration index size (1); the body follows.
        let (index_size, body) = (compressed[4], &compressed[5..]);

        let w = world(&NativeConfig::default());
        let (w, out, _) = call(w, CALLER, COMPRESSOR, &verify_call(&records, index_size, body), 1);
        assert_eq!(out, Outcome::Ok(expected_hash.to_vec()), "{name}: state-diff hash");
        assert!(w.diff.events().is_empty() && w.diff.storage_changes().is_empty(), "a view");

        // The first initial write's derived key (body bytes 2..34) tampered.
        if records.iter().any(StateDiffRecord::is_initial) {
            let mut bad = body.to_vec();
            bad[2] ^= 0xff;
            let first = records.iter().find(|r| r.is_initial()).unwrap();
            let (_, out, _) =
                call(w, CALLER, COMPRESSOR, &verify_call(&records, index_size, &bad), 1);
            let reason = DerivedKeyNotEqualToCompressedValue {
                expected: first.derived_key,
                provided: B256::from_slice(&bad[2..34]),
            };
            assert_eq!(out, Outcome::Revert(reason.abi_encode()), "{name}: tampered key");
        }
        checked += 1;
    }
    assert_eq!(checked, 5);
}

/// zksync-era's own L1Messenger inputs (`zksync_multivm` 29.13.0-non-semver-compat
/// `src/pubdata_builders/tests.rs`, the post-Gateway rollup and no-DA `expected` strings): with
/// the L1Messenger's state set to the chained hashes zksync-era put in their headers, the native
/// accepts both byte for byte (so its log-tree root and its rollup DA validator's checks agree
/// with zksync-era's), and reports the DA output hash recomputed here from the input's own bytes
/// with the RollupL2DAValidator formula.
#[test]
fn l1_messenger_accepts_zksync_eras_operator_inputs() {
    use alloy_primitives::keccak256;
    use zkstack_bootloader::natives::addresses::{BOOTLOADER, L1_MESSENGER};
    use zkstack_bootloader::natives::errors::IL1Messenger;
    use zkstack_bootloader::natives::register_missing_natives;
    use zkstack_vm::world::{InMemoryCode, InMemoryStorage, StorageKey, World};

    let Some(dir) = support::registry_crate("zksync_multivm@29.13.0-non-semver-compat") else {
        return;
    };
    let source = std::fs::read_to_string(dir.join("src/pubdata_builders/tests.rs")).unwrap();
    let expected: Vec<Vec<u8>> = source
        .split("let expected = \"")
        .skip(1)
        .map(|rest| hex::decode(rest.split('"').next().unwrap()).unwrap())
        .collect();
    assert_eq!(expected.len(), 6, "vector file layout changed");
    let (rollup_input, pubdata, no_da_input) = (&expected[2], &expected[3], &expected[4]);
    let rollup = address!("0x00000000000000000000000000000000000100da");
    let validium = address!("0x00000000000000000000000000000000000100db");
    let config = NativeConfig {
        rollup_da_validator: Some(rollup),
        validium_da_validator: Some(validium),
        ..NativeConfig::default()
    };
    for (input, validator) in [(rollup_input, rollup), (no_da_input, validium)] {
        let header = |i: usize| U256::from_be_slice(&input[4 + 32 * i..36 + 32 * i]);
        let mut storage = InMemoryStorage::new();
        for (slot, value) in [(0u8, header(0)), (1, U256::from(1)), (2, header(2)), (3, header(3))]
        {
            let key = StorageKey { shard: 0, address: L1_MESSENGER, key: U256::from(slot) };
            storage.insert(key, value);
        }
        let mut w = World::new(Box::new(storage), Box::new(InMemoryCode::new()));
        register_missing_natives(&mut w, &config);
        let data = IL1Messenger::publishPubdataAndClearStateCall {
            _l2DAValidator: validator,
            _operatorInput: input.clone().into(),
        }
        .abi_encode();
        let (w, out, _) = call(w, BOOTLOADER, L1_MESSENGER, &data, 0);
        assert_eq!(out, Outcome::Ok(vec![]), "zksync-era's input accepted");
        let logs = w.diff.l2_to_l1_logs();
        assert_eq!(logs.len(), 3);
        let output = logs[2].value;
        if validator == validium {
            assert_eq!(output, U256::ZERO);
            continue;
        }
        // The operator bytes: the pubdata, the record count (u32), the 272-byte records.
        let body = &input[4 + 32 * 6..];
        assert_eq!(&body[..pubdata.len()], pubdata.as_slice());
        let count = u32::from_be_bytes(body[pubdata.len()..pubdata.len() + 4].try_into().unwrap());
        // (The ABI pads the bytes parameter with zeros after the records.)
        let records = &body[pubdata.len() + 4..pubdata.len() + 4 + 272 * count as usize];
        let mut blob = pubdata.clone();
        blob.resize(126_976, 0);
        let mut preimage = keccak256(records).to_vec();
        preimage.extend_from_slice(keccak256(pubdata).as_slice());
        preimage.push(1);
        preimage.extend_from_slice(keccak256(&blob).as_slice());
        assert_eq!(output, U256::from_be_bytes(keccak256(&preimage).0), "rollup DA output hash");
    }
}
