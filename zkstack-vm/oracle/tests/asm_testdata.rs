//! Every `.asm` scenario of crates.io `zkevm_test_harness` 0.153.12
//! (`src/tests/simple_tests/testdata/**`, fetched at test time, never committed), preprocessed
//! as the harness does, assembled by zkstack-vm and by zkevm-assembly 0.153.12: the bytes must
//! be identical, and the disassembly must assemble back to them.

#[path = "../../../zkstack-l1/tests/support/mod.rs"]
mod support;

mod asm_support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use asm_support::{RefOutcome, bytecode_hash, preprocess, reference};
use zkstack_vm::asm::{AsmErrorKind, AsmOptions, Metadata, assemble_with, disassemble};

const HARNESS: &str = "zkevm_test_harness@0.153.12";

fn asm_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).expect("read testdata").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            asm_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "asm") {
            out.push(path);
        }
    }
}

/// The harness's template values: ten thousand `nop`s for `${garbage}` (as `far_call.rs` has),
/// a contract address for every other key.
fn template(key: &str) -> String {
    if key == "garbage" { "\n        nop\n    ".repeat(10_000) } else { "65536".to_owned() }
}

#[test]
fn harness_scenarios_assemble_identically() {
    let Some(root) = support::registry_crate(HARNESS) else { return };
    let testdata = root.join("src/tests/simple_tests/testdata");
    let mut files = Vec::new();
    asm_files(&testdata, &mut files);
    assert!(files.len() >= 100, "expected the harness's ~113 scenarios, found {}", files.len());

    // Contracts first (files named by address), so that `<N.asm>` links resolve.
    files.sort_by_key(|p| p.file_name().is_some_and(|n| n == "entry.asm"));
    let mut compiled: HashMap<(PathBuf, u64), Vec<u8>> = HashMap::new();
    let mut checked = 0;
    let mut compat_only = Vec::new();
    for path in &files {
        let dir = path.parent().expect("file in a directory").to_path_buf();
        let raw = std::fs::read_to_string(path).expect("read scenario");
        let lookup = |address: u64| compiled.get(&(dir.clone(), address)).map(|b| bytecode_hash(b));
        let src = preprocess(&raw, &template, &lookup);
        let name = path.strip_prefix(&testdata).unwrap_or(path).display().to_string();

        // Strict by default: a scenario may only fail for an immediate the reference truncates;
        // then the opt-in truncation must reproduce the reference exactly.
        let truncate = match assemble_with(&src, Metadata::None) {
            Ok(_) => false,
            Err(e) if matches!(e.kind, AsmErrorKind::ImmediateRange | AsmErrorKind::DataInText) => {
                compat_only.push(format!("{name}:{}:{} `{}`", e.line, e.column, e.token));
                true
            }
            Err(e) => panic!("{name}: {e}"),
        };
        for keccak in [true, false] {
            let metadata = if keccak { Metadata::SourceKeccak } else { Metadata::None };
            let ours = assemble_with(&src, AsmOptions { metadata, compat: truncate });
            let theirs = reference(&src, keccak);
            match (&ours, &theirs) {
                (Ok(a), RefOutcome::Bytes(b)) => {
                    assert_eq!(a, b, "{name}: bytes differ (keccak={keccak})")
                }
                _ => panic!("{name} (keccak={keccak}): ours {ours:?}, reference {theirs:?}"),
            }
            let bytes = ours.expect("checked above");
            let text =
                disassemble(&bytes).unwrap_or_else(|e| panic!("{name}: disassembly failed: {e}"));
            let again = assemble_with(&text, Metadata::None)
                .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
            assert_eq!(again, bytes, "{name}: disassembly does not round-trip");
            assert_eq!(
                reference(&text, false),
                RefOutcome::Bytes(bytes.clone()),
                "{name}: reference disagrees on our disassembly"
            );
        }
        if let Some(address) =
            path.file_stem().and_then(|s| s.to_str()).and_then(|s| s.parse::<u64>().ok())
        {
            let options = AsmOptions { compat: truncate, ..AsmOptions::default() };
            compiled.insert((dir, address), assemble_with(&src, options).expect("assembled above"));
        }
        checked += 1;
    }
    eprintln!(
        "zkevm_test_harness scenarios: {checked} files identical to zkevm-assembly; {} need \
         `compat` (refused by default): {compat_only:#?}",
        compat_only.len()
    );
    assert_eq!(
        compat_only.len(),
        20,
        "exactly the 19 `add 100000`-like truncations and one `.cell` in `.text`"
    );
}
