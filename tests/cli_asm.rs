//! `zkstack asm` / `zkstack disasm`: files in, bytes out, errors with positions. The byte-exactness
//! against zkevm-assembly is tested in zkstack-vm/oracle (tests/asm*.rs), which CI runs.

use std::process::Command;

fn zkstack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkstack"))
        .args(args)
        .output()
        .expect("the zkstack binary runs")
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zkstack-cli-asm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const PROGRAM: &str = "    .text\n    .globl __entry\n__entry:\n    add 5, r0, r1\n    add r1, r1, r2\n    sub.s! 3, r2, r3\n    ret.ok r0\n";

#[test]
fn assemble_disassemble_reassemble() {
    let dir = temp_dir();
    let source = dir.join("counter.asm");
    std::fs::write(&source, PROGRAM).expect("write");
    let hex_out = dir.join("counter.hex");
    let out = zkstack(&[
        "asm",
        source.to_str().expect("utf-8"),
        "--hex",
        "--no-metadata",
        "-o",
        hex_out.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let hex = std::fs::read_to_string(&hex_out).expect("written");
    let bytes = hex::decode(hex.trim().trim_start_matches("0x")).expect("hex");
    assert_eq!(bytes.len() % 32, 0, "whole words");
    assert_eq!((bytes.len() / 32) % 2, 1, "an odd number of words, as EraVM requires");

    let out = zkstack(&["disasm", hex_out.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listing = String::from_utf8(out.stdout).expect("utf-8");
    assert!(listing.contains("sub.s! #3, r2, r3"), "{listing}");
    let again = dir.join("again.asm");
    std::fs::write(&again, listing).expect("write");
    let out = zkstack(&["asm", again.to_str().expect("utf-8"), "--hex", "--no-metadata"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        hex.trim(),
        "disasm → asm gives the same bytes"
    );

    // Raw output with the default metadata word: the code words are the same, and the last word
    // is the keccak of the source text (zkevm-assembly's `Assembly::try_from`).
    let out = zkstack(&["asm", source.to_str().expect("utf-8")]);
    assert!(out.status.success());
    assert!(out.stdout.len().is_multiple_of(32));
    let keccak = alloy_primitives::keccak256(PROGRAM.as_bytes());
    assert_eq!(&out.stdout[out.stdout.len() - 32..], keccak.as_slice());
}

#[test]
fn errors_name_line_column_and_token() {
    let dir = temp_dir();
    let source = dir.join("bad.asm");
    std::fs::write(&source, "    .text\n__entry:\n    add 70000, r0, r1\n").expect("write");
    let out = zkstack(&["asm", source.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3:") && stderr.contains("70000"), "{stderr}");
    let garbage = dir.join("garbage.bin");
    std::fs::write(&garbage, [1u8, 2, 3]).expect("write");
    assert_eq!(zkstack(&["disasm", garbage.to_str().expect("utf-8")]).status.code(), Some(1));
}
