//! `zkstack replay` on zksync-era's own VM dumps (zksync_multivm@29.13.0-non-semver-compat
//! tests/vm_dumps, fetched at test time), with the outcomes zksync-era's tests expect of them.

use std::path::PathBuf;
use std::process::Command;

#[path = "../zkstack-l1/tests/support/mod.rs"]
mod support;

fn dump(name: &str) -> Option<PathBuf> {
    let dir = support::registry_crate("zksync_multivm@29.13.0-non-semver-compat")?;
    Some(dir.join("tests/vm_dumps").join(format!("{name}.json")))
}

fn replay(path: &PathBuf) -> (serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .arg("replay")
        .arg(path)
        .arg("--json")
        .output()
        .expect("the zkstack binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).expect("one JSON document"), stderr)
}

/// zksync-era (multivm `estimate_fee_for_transfer_to_self` tests) expects the transaction of this
/// fee-estimation dump to revert with empty output at the recorded gas limit.
#[test]
fn fee_estimation_dump_reverts_with_empty_output() {
    let Some(path) = dump("estimate_fee_for_transfer_to_self") else { return };
    let (json, _) = replay(&path);
    let txs = json["txs"].as_array().expect("txs");
    assert_eq!(txs.len(), 1);
    assert_eq!(txs[0]["status"], "revert");
    assert_eq!(txs[0]["output"], "0x");
    assert_eq!(json["stopped_after_validation"], false);
    assert!(json["ergs_used"].as_u64().is_some_and(|e| e > 0));
    for field in ["storage_writes", "events", "l2_to_l1_logs"] {
        assert!(json[field].is_array(), "{field}");
    }
}

/// zksync-era (multivm `adjacent_storage_slots_are_allowed`) expects this validation dump's
/// transaction to pass validation; the dump was recorded by a tracer that stops after validation,
/// so the replay stops there too and says so.
#[test]
fn validation_dump_passes_validation() {
    let Some(path) = dump("validation_adjacent_storage_slots") else { return };
    let (json, stderr) = replay(&path);
    assert_eq!(json["txs"][0]["status"], "success");
    assert_eq!(json["stopped_after_validation"], true);
    assert!(json["error"].is_null());
    assert!(stderr.contains("replayed up to the end of validation"), "{stderr}");
}

#[test]
fn malformed_dump_is_an_input_error() {
    let dir = std::env::temp_dir().join(format!("zkstack-replay-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"l1_batch_env": {}}"#).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(["replay", bad.to_str().expect("utf-8"), "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
}
