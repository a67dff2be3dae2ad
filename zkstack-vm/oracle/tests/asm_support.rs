//! Shared helpers of the assembler oracle tests: the reference assembler behind a panic guard,
//! and the test harness's preprocessing of its `.asm` scenarios.

#![allow(dead_code)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use sha2::{Digest, Sha256};
use zkstack_vm::U256;

/// What the reference assembler did with a source.
#[derive(Debug, PartialEq, Eq)]
pub enum RefOutcome {
    /// It produced these bytes.
    Bytes(Vec<u8>),
    /// It returned an error.
    Error(String),
    /// It panicked.
    Panic,
}

/// zkevm-assembly on `src`: `Assembly::try_from(src)` + `compile_to_bytecode()` when `keccak`,
/// else `Assembly::from_string(src, None)` + `compile_to_bytecode()`.
pub fn reference(src: &str, keccak: bool) -> RefOutcome {
    let run = || {
        let assembly = if keccak {
            zkevm_assembly::Assembly::try_from(src.to_owned())
        } else {
            zkevm_assembly::Assembly::from_string(src.to_owned(), None)
        };
        match assembly {
            Ok(mut a) => match a.compile_to_bytecode() {
                Ok(words) => RefOutcome::Bytes(words.concat()),
                Err(e) => RefOutcome::Error(format!("{e:?}")),
            },
            Err(e) => RefOutcome::Error(format!("{e:?}")),
        }
    };
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = catch_unwind(AssertUnwindSafe(run)).unwrap_or(RefOutcome::Panic);
    std::panic::set_hook(hook);
    out
}

/// The versioned bytecode hash (`bytecode_to_code_hash`): sha256 with version 1, the
/// constructed marker 0 and the length in words in the first four bytes.
pub fn bytecode_hash(bytecode: &[u8]) -> U256 {
    let mut hash: [u8; 32] = Sha256::digest(bytecode).into();
    let words = (bytecode.len() / 32) as u16;
    hash[0] = 1;
    hash[1] = 0;
    hash[2..4].copy_from_slice(&words.to_be_bytes());
    U256::from_be_bytes(hash)
}

/// The test harness's `preprocess_asm` (zkevm_test_harness 0.153.12 `tests/utils/preprocess_asm.rs`),
/// rewritten: `${key}` templates, `print("..")`, `revert("..")`, `set_storage_cold()`,
/// `set_storage_warm(N)` and `<N.asm>` contract hashes.
pub fn preprocess(
    asm: &str,
    templates: &dyn Fn(&str) -> String,
    contract: &dyn Fn(u64) -> Option<U256>,
) -> String {
    let mut text = asm.to_owned();
    while let Some(start) = text.find("${") {
        let Some(len) = text[start..].find('}') else { break };
        let key = text[start + 2..start + len].to_owned();
        text.replace_range(start..=start + len, &templates(&key));
    }
    for (call, prefix, label) in [
        ("print(\"", "L:", "PRINT"),
        ("revert(\"", "E:", "REVERT"),
        ("set_storage_cold()", "C:", "STORAGE_REFUND_COLD"),
        ("set_storage_warm(", "W:", "STORAGE_REFUND_WARM"),
    ] {
        let mut cells = Vec::new();
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(call) {
            let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
            let commented = rest[line_start..at].contains(';');
            let after = &rest[at + call.len()..];
            let (arg, consumed) = match call {
                "set_storage_cold()" => (String::new(), 0),
                "set_storage_warm(" => {
                    let end = after.find(')').unwrap_or(0);
                    (after[..end].to_owned(), end + 1)
                }
                _ => {
                    let end = after.find("\")").unwrap_or(0);
                    (after[..end].to_owned(), end + 2)
                }
            };
            out.push_str(&rest[..at]);
            if commented {
                out.push_str(&rest[at..at + call.len() + consumed]);
            } else {
                let index = cells.len();
                let line = format!("add @{label}_{index}_STRING, r0, r0");
                let extra = match call {
                    "revert(\"" => "\n ret.panic r0".to_owned(),
                    "set_storage_cold()" => "\n add r0, r0, r0".to_owned(),
                    "set_storage_warm(" => format!("\n add {arg}, r0, r0"),
                    _ => String::new(),
                };
                out.push_str(&line);
                out.push_str(&extra);
                let payload = if call == "set_storage_warm(" { String::new() } else { arg };
                cells.push(U256::from_be_slice(format!("{prefix}{payload}").as_bytes()));
            }
            rest = &after[consumed..];
        }
        out.push_str(rest);
        text = out;
        if !cells.is_empty() {
            let mut section = String::from(".rodata\n");
            for (i, cell) in cells.iter().enumerate() {
                section.push_str(&format!("{label}_{i}_STRING:\n .cell {cell}\n"));
            }
            section.push_str(".text\n");
            let at = text.find("__entry:").expect("scenario has __entry");
            text.insert_str(at, &section);
        }
    }
    while let Some(start) = text.find('<') {
        let Some(len) = text[start..].find(".asm>") else { break };
        let Ok(address) = text[start + 1..start + len].parse::<u64>() else { break };
        let hash = contract(address).expect("linked contract is compiled first");
        text.replace_range(start..start + len + 5, &hash.to_string());
    }
    text
}
