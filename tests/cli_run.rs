//! `zkstack run`: the one-contract setup from the command line. The setup itself is compared with
//! zk_evm 0.153.12 in zkstack-vm/oracle (tests/run_contract.rs), which CI runs; here the expected
//! ergs come from the opcode prices of zkevm_opcode_defs 0.153 (add 6, heap write 13, ret 5,
//! heap read 7, event 34) worked out by hand, and the JSON must say what
//! the library's `ContractRun` says.

use std::process::Command;

use zkstack::vm::run::{ContractRun, RunStatus};

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

fn temp_file(name: &str, contents: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("zkstack-cli-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path.to_str().expect("utf-8").to_owned()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON document on stdout")
}

/// Copies the calldata word to the heap and returns it: `ld r1` reads calldata through r1.
const ECHO: &str = "\t.text\nmain:\n\tld r1, r2\n\tst.1 r0, r2\n\tadd 32, r0, r3\n\tshl.s 96, r3, r1\n\tret.ok r1\n";

#[test]
fn echo_returns_its_calldata_word() {
    let code = zkstack::vm::asm::assemble(ECHO).expect("assembles");
    let hex = format!("0x{}\n", hex::encode(&code));
    let calldata = format!("0x{}", "ab".repeat(32));
    for file in [temp_file("echo.bin", &code), temp_file("echo.hex", hex.as_bytes())] {
        let report = json(&zkstack(&["run", &file, "--calldata", &calldata, "--json"]));
        assert_eq!(report["status"], "ok");
        assert_eq!(report["return_data"], calldata);
        // ld 7 (VM_CYCLE + 3 RAM), st.1 13, add 6, shl 6, ret 5
        assert_eq!(report["ergs_used"], 7 + 13 + 6 + 6 + 5);
        assert_eq!(report["events"], serde_json::json!([]));
        assert_eq!(report["l2_to_l1_logs"], serde_json::json!([]));
        assert_eq!(report["storage_writes"], serde_json::json!([]));
    }
}

/// A counter at a kernel address (events and L2→L1 messages are kernel-only): the JSON holds
/// what the library reports, field by field.
#[test]
fn counter_reports_what_the_library_reports() {
    let source = "\t.text\nmain:\n\tsload r0, r3\n\tadd 1, r3, r3\n\tsstore r0, r3\n\tevent.first r3, r0\n\tto_l1 r0, r3\n\tret.ok r0\n";
    let code = zkstack::vm::asm::assemble(source).expect("assembles");
    let file = temp_file("counter.bin", &code);
    let address = "0x0000000000000000000000000000000000001000";
    let report =
        json(&zkstack(&["run", &file, "--address", address, "--ergs", "100000", "--json"]));
    let outcome = ContractRun::new(code)
        .address(address.parse().expect("address"))
        .ergs(100_000)
        .run()
        .expect("runs");
    assert_eq!(outcome.status, RunStatus::Ok);
    assert_eq!(report["status"], "ok");
    assert_eq!(report["ergs_used"], outcome.ergs_used);
    assert_eq!(report["return_data"], "0x");
    let one = format!("0x{:064x}", 1);
    assert_eq!(report["storage_writes"][0]["value"], one);
    assert_eq!(report["storage_writes"][0]["address"], address);
    assert_eq!(report["events"][0]["key"], one);
    assert_eq!(report["events"][0]["first"], true);
    assert_eq!(report["l2_to_l1_logs"][0]["value"], one);
    assert_eq!(outcome.events.len(), 1);
    assert_eq!(outcome.l2_to_l1_logs.len(), 1);
}

#[test]
fn user_address_may_not_emit_events_and_panics() {
    let code = zkstack::vm::asm::assemble("\t.text\nmain:\n\tevent.first r0, r0\n\tret.ok r0\n")
        .expect("assembles");
    let report =
        json(&zkstack(&["run", &temp_file("event.bin", &code), "--ergs", "500", "--json"]));
    assert_eq!(report["status"], "panic");
    assert_eq!(report["return_data"], "0x");
    // the kernel-only check turns the event into ret.panic after its price is taken (VM cycle 4,
    // RAM 1, 2 demuxer, 2 sorter, event IO 25 = 34); that ret.panic costs nothing more and hands
    // the rest back
    assert_eq!(report["ergs_used"], 34);
}

#[test]
fn bad_bytecode_is_an_error_not_a_crash() {
    for (name, bytes) in
        [("empty.bin", vec![]), ("even.bin", vec![0u8; 64]), ("odd.bin", vec![1u8; 33])]
    {
        let out = zkstack(&["run", &temp_file(name, &bytes), "--json"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("zkstack: error:"), "{name}");
    }
}

/// The bytecode hash a run deploys under is the one zkstack-l1 computes for pubdata.
#[test]
fn deploy_hash_matches_the_pubdata_hash() {
    let code = zkstack::vm::asm::assemble(ECHO).expect("assembles");
    let ours = zkstack::vm::run::bytecode_hash(&code).expect("deployable").0;
    let l1 = zkstack::l1::pubdata::bytecode::bytecode_hash(&code).expect("deployable");
    assert_eq!(ours, l1.0);
}
