//! The `zkstack` binary's contract: version, help, honest "not built yet" answers and the demo.

use std::process::Command;

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

const SUBCOMMANDS: [&str; 10] =
    ["demo", "run", "asm", "disasm", "replay", "tx", "l1", "bridge", "prove", "verify"];

/// Subcommands that compute something today; the rest must say they are not built.
const BUILT: [&str; 4] = ["demo", "l1", "bridge", "tx"];

#[test]
fn version_is_the_crate_version() {
    let out = zkstack(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("zkstack {}", zkstack::VERSION)
    );
}

#[test]
fn help_lists_every_subcommand() {
    let out = zkstack(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for name in SUBCOMMANDS {
        assert!(
            help.lines().any(|line| line.trim_start().starts_with(&format!("{name} "))),
            "`{name}` missing from --help:\n{help}"
        );
    }
}

#[test]
fn unbuilt_subcommands_exit_2_and_say_so() {
    for name in SUBCOMMANDS.iter().filter(|name| !BUILT.contains(name)) {
        let out = zkstack(&[name, "some-arg", "--json"]);
        assert_eq!(out.status.code(), Some(2), "`zkstack {name}`");
        assert!(out.stdout.is_empty(), "`zkstack {name}` must print nothing on stdout");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not built yet"), "`zkstack {name}` stderr: {stderr}");
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let out = zkstack(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognized subcommand"));
}

#[test]
fn demo_json_reports_only_what_ran() {
    let out = zkstack(&["demo", "--json"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document on stdout");
    assert_eq!(report["version"], zkstack::VERSION);
    let stages = report["stages"].as_array().expect("stages array");
    assert_eq!(stages.len(), 8);
    let all_ran = stages.iter().all(|stage| stage["status"] == "ran");
    assert_eq!(
        report["whole_loop"], all_ran,
        "whole_loop must be true exactly when every stage ran"
    );
    let smoke = &report["boojum_smoke"];
    assert_eq!(smoke["verified"], true);
    let expected = zkstack::prover::FmaChain { x0: 1, x1: 2, steps: 1024 }.output();
    assert_eq!(smoke["public_output"], expected);
}
