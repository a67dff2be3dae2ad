//! The EraVM assembler and disassembler (`zkstack_vm::asm`) on arbitrary input.
//!
//! What must hold:
//! - `assemble` / `assemble_with` on any UTF-8 text (strict and compat mode) return bytecode or
//!   an `AsmError`, never panic;
//! - bytecode the assembler produced (without a metadata hash) disassembles, and the text
//!   assembles back to the same bytes (the module's round-trip promise);
//! - arbitrary bytes given to `disassemble` give text or a `DisasmError`; when they give text,
//!   that text assembles back to exactly those bytes.
//!
//! `eravm_bytecode` only loads bytes as a program; this target covers the text side.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_vm::asm::{AsmOptions, Metadata, assemble, assemble_with, disassemble};

fn round_trip(bytecode: &[u8]) {
    if let Ok(text) = disassemble(bytecode) {
        match assemble_with(&text, Metadata::None) {
            Ok(again) => assert_eq!(again, bytecode, "round trip changed the bytecode:\n{text}"),
            Err(e) => panic!("disassembly does not assemble: {e}\n{text}"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode & 1 == 0 {
        // Bytes as bytecode: disassemble and round-trip.
        round_trip(rest);
        return;
    }
    let Ok(src) = core::str::from_utf8(rest) else { return };
    let _ = assemble(src);
    let compat = mode & 2 != 0;
    if let Ok(bytecode) = assemble_with(src, AsmOptions { metadata: Metadata::None, compat }) {
        assert!(disassemble(&bytecode).is_ok(), "assembled bytecode does not disassemble:\n{src}");
        round_trip(&bytecode);
    }
});
