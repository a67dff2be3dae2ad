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
