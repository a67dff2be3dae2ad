//! Enforces the layering of ARCHITECTURE.md on the resolved dependency graph: a wallet that only
//! needs L1 or bridge encodings must not compile the VM or Boojum, and imports go one way.

use std::process::Command;

/// The packages `package` depends on (normal and build edges, all features), as `cargo tree` prints them.
fn dependencies_of(package: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--all-features",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "-p",
            package,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

fn assert_none_of(package: &str, forbidden: &[&str]) {
    let deps = dependencies_of(package);
    assert!(
        deps.iter().any(|d| d == package),
        "cargo tree output for {package} looks wrong: {deps:?}"
    );
    for name in forbidden {
        assert!(!deps.iter().any(|d| d == name), "{package} must not depend on {name}");
    }
}

#[test]
fn l1_and_bridge_need_neither_vm_nor_boojum() {
    let heavy = ["zkstack-vm", "zkstack-bootloader", "zkstack-prover", "boojum", "cudarc"];
    assert_none_of("zkstack-l1", &heavy);
    assert_none_of("zkstack-bridge", &heavy);
}

#[test]
fn vm_stands_alone() {
    assert_none_of(
        "zkstack-vm",
        &["zkstack-l1", "zkstack-bootloader", "zkstack-bridge", "zkstack-prover", "boojum"],
    );
}

#[test]
fn bootloader_does_not_reach_up() {
    assert_none_of("zkstack-bootloader", &["zkstack-prover", "zkstack-bridge", "boojum"]);
}

#[test]
fn prover_is_where_boojum_lives() {
    let deps = dependencies_of("zkstack-prover");
    assert!(deps.iter().any(|d| d == "boojum"));
    assert!(deps.iter().any(|d| d == "zkstack-bootloader"));
}
