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
