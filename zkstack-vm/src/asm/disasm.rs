//! Bytecode back to assembly: code words as instructions, the rest as `.cell` constants.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::error::DisasmError;
use super::print::{self, DATA_LABEL};
use super::{Metadata, assemble_with};
use crate::U256;
use crate::decode::{DecodedInstruction, decode, encode};

/// The most words a bytecode may have.
const MAX_WORDS: usize = u16::MAX as usize;

/// The labels that stop the assembler from appending its default landing pads.
const LANDING_PAD_LABELS: [&str; 3] =
    ["DEFAULT_UNWIND", "DEFAULT_FAR_RETURN", "DEFAULT_FAR_REVERT"];

/// Disassembles `bytecode` (a whole number of 32-byte words, an odd number of them) into
/// assembly `text` such that `assemble_with(&text, Metadata::None)` returns `bytecode` again.
///
/// Every bytecode the assembler can produce disassembles: the longest prefix of words that are
/// four writable instructions and end in padding becomes `.text`, the rest `.rodata` constants.
/// Call targets get `pc_N` labels, code-page reads are relative to the `__data` label.
pub fn disassemble(bytecode: &[u8]) -> Result<String, DisasmError> {
    if bytecode.is_empty() {
        return Err(DisasmError::Empty);
    }
    if !bytecode.len().is_multiple_of(32) {
        return Err(DisasmError::NotWordAligned(bytecode.len()));
    }
    let n = bytecode.len() / 32;
    if n > MAX_WORDS {
        return Err(DisasmError::TooLong(n));
    }
    if n.is_multiple_of(2) {
        return Err(DisasmError::EvenWordCount(n));
    }
    let words: Vec<&[u8]> = bytecode.chunks_exact(32).collect();
    let instructions: Vec<[u64; 4]> = words.iter().map(|w| split_word(w)).collect();

    // The longest prefix of words whose instructions all have a spelling (data start unknown yet,
    // so code-page reads are checked per candidate below).
    let writable = |x: u64| {
        let d = decode(x);
        encode(&d) == Ok(x) && print::instruction(&d, 0).is_some()
    };
    let prefix = instructions.iter().take_while(|w| w.iter().all(|x| writable(*x))).count();

    for k in (1..=prefix).rev() {
        if instructions[k - 1][3] != 0 {
            continue; // the assembler's padding always ends the code with an invalid instruction
        }
        let trailing = instructions[k - 1].iter().rev().take_while(|x| **x == 0).count();
        let len = 4 * k - trailing;
        if let Some(text) = render(&instructions[..k], len, &words[k..])
            && assemble_with(&text, Metadata::None).is_ok_and(|b| b == bytecode)
        {
            return Ok(text);
        }
    }
    Err(DisasmError::Inexpressible { word: prefix.min(n - 1) })
}

/// The four instruction words of a code word, first instruction in the most significant bytes.
fn split_word(word: &[u8]) -> [u64; 4] {
    let mut out = [0u64; 4];
    for (i, slot) in out.iter_mut().enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&word[8 * i..8 * i + 8]);
        *slot = u64::from_be_bytes(bytes);
    }
    out
}

/// The text for `len` instructions of `code` (the rest is the assembler's padding) and `data`.
fn render(code: &[[u64; 4]], len: usize, data: &[&[u8]]) -> Option<String> {
    let data_start = u16::try_from(code.len()).ok()?;
    let decoded: Vec<DecodedInstruction> =
        code.iter().flatten().take(len).map(|x| decode(*x)).collect();
    let mut targets = BTreeSet::new();
    for d in &decoded {
        for target in print::label_targets(d).into_iter().flatten() {
            if usize::from(target) > len {
                return None;
            }
            targets.insert(target);
        }
    }
    let mut out = String::from("\t.text\n");
    for name in LANDING_PAD_LABELS {
        let _ = writeln!(out, "{name}:");
    }
    let mut uses_data = false;
    for (pc, d) in decoded.iter().enumerate() {
        let pc = pc as u16;
        if targets.contains(&pc) {
            let _ = writeln!(out, "{}:", print::label(pc));
        }
        uses_data |= print::code_page_offset(d).is_some();
        let _ = writeln!(out, "\t{}", print::instruction(d, data_start)?);
    }
    if targets.contains(&(len as u16)) {
        let _ = writeln!(out, "{}:", print::label(len as u16));
    }
    if uses_data || !data.is_empty() {
        let _ = writeln!(out, "\t.rodata\n{DATA_LABEL}:");
        for word in data {
            let _ = writeln!(out, "\t.cell {}", U256::from_be_slice(word));
        }
    }
    Some(out)
}
