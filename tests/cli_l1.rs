//! `zkstack l1 ...` against independent expected values.

use std::process::Command;

#[path = "../zkstack-l1/tests/support/mod.rs"]
mod support;

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

#[test]
fn public_input_matches_era_contracts() {
    // Expected value: era-contracts l1-contracts/test/foundry/l1/unit/concrete/Executor/ExecutorProof.t.sol
    // `test_Hashes` (getBatchProofPublicInput of these two commitments).
    let prev = "0x8199d18dbc01ea80a635f515d6a12312daa1aa32b5404944477dcd41fd7b2bdf";
    let curr = "0x9fae89899313dc524150960147a32da2521608231cb39e2741b2ca13435d3f12";
    let out = zkstack(&["l1", "public-input", prev, curr]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0x00000000c09291737b046c329198e1bee081240eafc26b675f0124bfb2a12fa6"
    );
    let out = zkstack(&["l1", "public-input", prev, curr, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json["public_input"],
        "0x00000000c09291737b046c329198e1bee081240eafc26b675f0124bfb2a12fa6"
    );
}

#[test]
fn public_input_rejects_short_words() {
    let out = zkstack(&["l1", "public-input", "0x01", "0x02"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn commitment_of_every_zksync_era_vector() {
    // Expected values: the `hashes` of zksync_types@29.13.0-non-semver-compat
    // src/commitment/tests/*.json, fetched from the registry at test time.
    let Some(dir) = support::commitment_vectors_dir() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("vector dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let vector: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        let out = zkstack(&["l1", "commitment", path.to_str().expect("utf-8 path"), "--json"]);
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
        for field in ["pass_through_data", "aux_output", "meta_parameters", "commitment"] {
            assert_eq!(
                report["hashes"][field],
                vector["hashes"][field],
                "{}: {field}",
                path.display()
            );
        }
        // The flat fields #7's interface names, against the vector's `hashes` and
        // `auxiliary_output` (field names as zksync-era's own).
        let flat = [
            ("pass_through_data_hash", &vector["hashes"]["pass_through_data"]),
            ("meta_parameters_hash", &vector["hashes"]["meta_parameters"]),
            ("auxiliary_output_hash", &vector["hashes"]["aux_output"]),
            ("commitment", &vector["hashes"]["commitment"]),
        ];
        for (field, expected) in flat {
            assert_eq!(&report[field], expected, "{}: {field}", path.display());
        }
        if let Some(aux) = vector["auxiliary_output"].get("PostBoojum") {
            for field in ["state_diffs_hash", "system_logs_linear_hash"] {
                assert_eq!(report[field], aux[field], "{}: {field}", path.display());
            }
            assert_eq!(
                report["l2_l1_logs_merkle_root"],
                aux["common"]["l2_l1_logs_merkle_root"],
                "{}",
                path.display()
            );
            let compressed: Vec<u8> = serde_json::from_value(aux["state_diffs_compressed"].clone())
                .expect("the vector's compressed state diffs are a byte array");
            assert_eq!(
                report["compressed_state_diffs"],
                format!("0x{}", hex::encode(compressed)),
                "{}",
                path.display()
            );
        } else {
            let aux = &vector["auxiliary_output"]["PreBoojum"];
            assert_eq!(
                report["l2_l1_logs_merkle_root"],
                aux["common"]["l2_l1_logs_merkle_root"],
                "{}",
                path.display()
            );
            assert!(report["compressed_state_diffs"].is_null());
        }
        checked += 1;
    }
    assert_eq!(checked, 6, "all six zksync-era commitment vectors");
}

#[test]
fn commitment_reports_bad_input() {
    let dir = std::env::temp_dir().join(format!("zkstack-cli-l1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"PostBoojum": {"common": 7}}"#).expect("write");
    let out = zkstack(&["l1", "commitment", bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
    let missing = zkstack(&["l1", "commitment", "/nonexistent/input.json"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// Real commit calldata: zksync-era's consistency-checker fixtures
/// (`core/node/consistency_checker/src/tests/*.calldata` of
/// zksync_consistency_checker@29.13.0-non-semver-compat), fetched from the registry at test time.
fn consistency_checker_fixture(name: &str) -> Option<std::path::PathBuf> {
    support::registry_crate("zksync_consistency_checker@29.13.0-non-semver-compat")
        .map(|dir| dir.join("src/tests").join(name))
}

/// Decodes `file` and checks the interface fields and that every batch's L2→L1 log tree root,
/// recomputed from the decoded logs, equals the root the batch committed to on L1 (an
/// end-to-end check of the decoding against real chain data).
fn decode_and_check(file: &std::path::Path, first_batch: u64, batches: usize, last_committed: u64) {
    let out = zkstack(&["l1", "decode-commit", file.to_str().expect("utf-8 path"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert!(report["function"].as_str().is_some_and(|f| f.starts_with("commit")));
    assert_eq!(report["last_committed"]["batch_number"], last_committed);
    let list = report["batches"].as_array().expect("batches");
    assert_eq!(list.len(), batches);
    for (i, batch) in list.iter().enumerate() {
        assert_eq!(batch["batch_number"], first_batch + i as u64);
        for field in [
            "timestamp",
            "new_state_root",
            "index_repeated_storage_changes",
            "number_of_l1_txs",
            "priority_operations_hash",
        ] {
            assert!(!batch[field].is_null(), "batch {i}: {field}");
        }
        assert_eq!(batch["pubdata_status"], "decoded", "batch {i}");
        let pubdata = &batch["pubdata"];
        for field in ["l2_to_l1_logs", "messages", "bytecodes"] {
            assert!(pubdata[field].is_array(), "batch {i}: pubdata.{field}");
        }
        assert!(pubdata["state_diffs"]["initial"].is_array());
        assert!(pubdata["state_diffs"]["repeated"].is_array());
        assert_eq!(
            batch["checks"]["l2_logs_root"]["matches"], true,
            "batch {i}: {}",
            batch["checks"]
        );
    }
}

#[test]
fn decode_commit_pre_boojum_goerli() {
    let Some(file) = consistency_checker_fixture("commit_l1_batch_200000_testnet_goerli.calldata")
    else {
        return;
    };
    decode_and_check(&file, 199_995, 9, 199_994);
}

#[test]
fn decode_commit_boojum_sepolia_and_mainnet() {
    let Some(sepolia) =
        consistency_checker_fixture("commit_l1_batch_4470_testnet_sepolia.calldata")
    else {
        return;
    };
    decode_and_check(&sepolia, 4470, 1, 4469);
    let Some(mainnet) =
        consistency_checker_fixture("commit_l1_batch_351000-351004_mainnet.calldata")
    else {
        return;
    };
    decode_and_check(&mainnet, 351_000, 5, 350_999);
}

#[test]
fn decode_commit_rejects_garbage() {
    let dir = std::env::temp_dir().join(format!("zkstack-cli-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, content) in [
        ("short.hex", &b"0x1234"[..]),
        ("odd.hex", b"0x12345"),
        ("unknown.hex", b"0xdeadbeef0000"),
        ("binary.bin", &[0xff, 0x00, 0x13, 0x37, 0x42][..]),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).expect("write");
        let out = zkstack(&["l1", "decode-commit", path.to_str().expect("utf-8"), "--json"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    }
}

#[test]
fn decode_commit_recomputes_the_commitment_with_the_chain_hashes() {
    let Some(file) = consistency_checker_fixture("commit_l1_batch_4470_testnet_sepolia.calldata")
    else {
        return;
    };
    let hash = |byte: &str| format!("0x{}", byte.repeat(32));
    let out = zkstack(&[
        "l1",
        "decode-commit",
        file.to_str().expect("utf-8 path"),
        "--bootloader-hash",
        &hash("11"),
        "--default-aa-hash",
        &hash("22"),
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let c = &report["batches"][0]["commitment"];
    // The commitment is keccak(pass-through hash ‖ meta hash ‖ aux hash) (Executor.sol
    // `_createBatchCommitment`); the parts themselves are checked in zkstack-l1's tests against
    // era-contracts' executor_proof.spec.ts commitment and zksync-era's vectors.
    let word = |v: &serde_json::Value| {
        v.as_str().expect("hex").parse::<alloy_primitives::B256>().expect("32 bytes")
    };
    let preimage =
        [word(&c["pass_through_data"]), word(&c["meta_parameters"]), word(&c["aux_output"])]
            .concat();
    assert_eq!(word(&c["commitment"]), alloy_primitives::keccak256(preimage));
}
