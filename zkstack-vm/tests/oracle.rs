//! The differential suite against the reference VMs, behind the `oracle` feature:
//! `cargo test --release -p zkstack-vm --features oracle` (with `ZKSTACK_DIFF_CASES=N` and the
//! suite's other knobs in the environment).
//!
//! The references cannot join this workspace's lockfile (oracle/README.md), so this test runs
//! `cargo test --release --locked --manifest-path oracle/Cargo.toml` as a child process: the cargo that
//! runs this test (`$CARGO`), the same environment, output streamed through, and a target
//! directory of its own (`$ZKSTACK_ORACLE_TARGET_DIR`, else `oracle-target` in this build's
//! test scratch directory) so that it never waits on a lock the outer build holds.

#![cfg(feature = "oracle")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn target_dir() -> PathBuf {
    std::env::var_os("ZKSTACK_ORACLE_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("oracle-target"), PathBuf::from)
}

#[test]
fn differential_suite_against_the_references() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("oracle").join("Cargo.toml");
    let target = target_dir();
    eprintln!("running the oracle workspace {} (target {})", manifest.display(), target.display());
    let status = Command::new(&cargo)
        .args(["test", "--release", "--locked", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", Path::new(&cargo).display()));
    assert!(status.success(), "the differential suite failed: {status}");
}
