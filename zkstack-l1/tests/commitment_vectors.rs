//! Batch commitments against zksync-era's own vectors.
//!
//! Expected values: zksync_types 29.13.0-non-semver-compat (crates.io), `src/commitment/tests/
//! *.json`, the files zksync-era's `commitment::tests` run `L1BatchCommitment::new` against. Each
//! file holds the `input` (fed here unchanged into our `CommitmentInput`), the expected pass-through
//! data, meta parameters, auxiliary output and the four hashes; every one is compared here.

#![cfg(feature = "serde")]

mod support;

use serde_json::Value;
use zkstack_l1::commitment::{
    AuxiliaryOutput, BatchCommitment, CommitmentInput, InitialStorageWrite, RepeatedStorageWrite,
    pre_boojum_counted_bytes,
};
use zkstack_l1::{B256, ProtocolVersionId};

fn b256(value: &Value) -> B256 {
    serde_json::from_value(value.clone()).expect("32-byte hex")
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::from_value(value.clone()).expect("byte array")
}

fn version(value: &Value) -> ProtocolVersionId {
    let text = value.as_str().expect("version string");
    let minor = text.trim_start_matches("Version").parse().expect("number");
    ProtocolVersionId::new(minor).expect("supported")
}

fn run_vector(name: &str) {
    let Some(dir) = support::commitment_vectors_dir() else { return };
    let path = dir.join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).expect("vector file");
    let vector: Value = serde_json::from_str(&text).expect("vector JSON");

    let input: CommitmentInput =
        serde_json::from_value(vector["input"].clone()).expect("input reads as CommitmentInput");
    let commitment = BatchCommitment::new(&input).expect("commitment");

    // Pass-through: [rollup shard, zkPorter shard].
    let states = vector["pass_through_data"]["shared_states"].as_array().expect("shared states");
    assert_eq!(states.len(), 2, "{name}");
    let pass = commitment.pass_through_data;
    assert_eq!(states[0]["last_leaf_index"].as_u64(), Some(pass.index_repeated_storage_changes));
    assert_eq!(b256(&states[0]["root_hash"]), pass.new_state_root, "{name}");
    assert_eq!(states[1]["last_leaf_index"].as_u64(), Some(0), "{name}");
    assert_eq!(b256(&states[1]["root_hash"]), B256::ZERO, "{name}");

    // Meta parameters.
    let meta = &vector["meta_parameters"];
    let ours = commitment.meta_parameters;
    assert_eq!(meta["zkporter_is_available"].as_bool(), Some(ours.zkporter_is_available));
    assert_eq!(b256(&meta["bootloader_code_hash"]), ours.bootloader_code_hash, "{name}");
    assert_eq!(b256(&meta["default_aa_code_hash"]), ours.default_aa_code_hash, "{name}");
    let evm = meta.get("evm_emulator_code_hash").filter(|v| !v.is_null()).map(b256);
    assert_eq!(evm, ours.evm_emulator_code_hash, "{name}");
    assert_eq!(version(&meta["protocol_version"]), ours.protocol_version, "{name}");

    // Auxiliary output, field by field.
    match (&commitment.auxiliary_output, &vector["auxiliary_output"]) {
        (AuxiliaryOutput::PreBoojum(out), expected) if expected.get("PreBoojum").is_some() => {
            let e = &expected["PreBoojum"];
            assert_eq!(b256(&e["common"]["l2_l1_logs_merkle_root"]), out.l2_l1_logs_merkle_root);
            assert_eq!(b256(&e["l2_l1_logs_linear_hash"]), out.l2_l1_logs_linear_hash);
            assert_eq!(b256(&e["initial_writes_hash"]), out.initial_writes_hash);
            assert_eq!(b256(&e["repeated_writes_hash"]), out.repeated_writes_hash);
            let CommitmentInput::PreBoojum { initial_writes, repeated_writes, .. } = &input else {
                panic!("pre-Boojum input expected");
            };
            let initial = pre_boojum_counted_bytes(
                "initial writes",
                initial_writes.iter().map(InitialStorageWrite::to_commitment_bytes),
            )
            .expect("encodes");
            assert_eq!(bytes(&e["initial_writes_compressed"]), initial);
            let repeated = pre_boojum_counted_bytes(
                "repeated writes",
                repeated_writes.iter().map(RepeatedStorageWrite::to_commitment_bytes),
            )
            .expect("encodes");
            assert_eq!(bytes(&e["repeated_writes_compressed"]), repeated);
        }
        (AuxiliaryOutput::PostBoojum(out), expected) if expected.get("PostBoojum").is_some() => {
            let e = &expected["PostBoojum"];
            assert_eq!(b256(&e["common"]["l2_l1_logs_merkle_root"]), out.l2_l1_logs_merkle_root);
            assert_eq!(b256(&e["local_root"]), out.local_root, "{name}");
            assert_eq!(b256(&e["aggregation_root"]), out.aggregation_root, "{name}");
            assert_eq!(b256(&e["system_logs_linear_hash"]), out.system_logs_linear_hash);
            assert_eq!(b256(&e["state_diffs_hash"]), out.state_diffs_hash, "{name}");
            let aux = &e["aux_commitments"];
            assert_eq!(
                b256(&aux["events_queue_commitment"]),
                out.aux_commitments.events_queue_commitment
            );
            assert_eq!(
                b256(&aux["bootloader_initial_content_commitment"]),
                out.aux_commitments.bootloader_initial_content_commitment
            );
            let blobs = e["blob_hashes"].as_array().expect("blob hashes");
            assert_eq!(blobs.len(), out.blob_hashes.len(), "{name}");
            for (expected, ours) in blobs.iter().zip(&out.blob_hashes) {
                assert_eq!(b256(&expected["linear_hash"]), ours.linear_hash);
                assert_eq!(b256(&expected["commitment"]), ours.commitment);
            }
        }
        (ours, expected) => panic!("{name}: generation differs: {ours:?} vs {expected}"),
    }

    // The four hashes.
    let hashes = commitment.hashes();
    let expected = &vector["hashes"];
    assert_eq!(b256(&expected["pass_through_data"]), hashes.pass_through_data, "{name}");
    assert_eq!(b256(&expected["meta_parameters"]), hashes.meta_parameters, "{name}");
    assert_eq!(b256(&expected["aux_output"]), hashes.aux_output, "{name}");
    assert_eq!(b256(&expected["commitment"]), hashes.commitment, "{name}");

    // The input round-trips through our serde shape.
    let again: CommitmentInput =
        serde_json::from_str(&serde_json::to_string(&input).expect("serialises")).expect("reads");
    assert_eq!(again, input, "{name}");
}

#[test]
fn pre_boojum() {
    run_vector("pre_boojum_test");
}

#[test]
fn post_boojum_1_4_1() {
    run_vector("post_boojum_1_4_1_test");
}

#[test]
fn post_boojum_1_4_2() {
    run_vector("post_boojum_1_4_2_test");
}

#[test]
fn post_boojum_1_5_0() {
    run_vector("post_boojum_1_5_0_test");
}

#[test]
fn post_boojum_1_5_0_with_evm_emulator() {
    run_vector("post_boojum_1_5_0_test_with_evm");
}

#[test]
fn post_gateway() {
    run_vector("post_gateway_test");
}
