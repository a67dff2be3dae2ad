//! A statement's mnemonic, modifiers and operands, with zkevm-assembly's shorthand mnemonics
//! (`and`, `shl`, `ret`, `call`, `sstore`, `ld.1`, `nop stack+=[..]`, ...) expanded into the
//! canonical `opcode.modifiers operands` form.

use super::error::{AsmError, AsmErrorKind};
use super::source::{Tok, is_blank};

/// A statement in canonical form.
#[derive(Clone, Debug)]
pub(crate) struct Statement<'a> {
    /// The canonical opcode name (`add`, `binop`, `log`, ...).
    pub opcode: &'static str,
    /// The modifiers, in source order (variant modifiers an alias implies come first).
    pub modifiers: Vec<Tok<'a>>,
    /// The operands, in canonical order (with the `r0`s and labels an alias inserts).
    pub operands: Vec<Tok<'a>>,
    /// The whole statement, for errors.
    pub at: Tok<'a>,
}

/// The canonical opcodes.
const CANONICAL: [&str; 16] = [
    "invalid",
    "nop",
    "add",
    "sub",
    "mul",
    "div",
    "jump",
    "context",
    "shift",
    "binop",
    "ptr",
    "log",
    "near_call",
    "far_call",
    "ret",
    "uma",
];

/// Splits and canonicalizes a statement (a trimmed, non-empty line of `.text`).
pub(crate) fn parse<'a>(at: Tok<'a>) -> Result<Statement<'a>, AsmError> {
    let end = at.text.find(is_blank).unwrap_or(at.text.len());
    let mnemonic = at.slice(0, end);
    let operands = split_operands(at.slice(end, at.text.len()).trim())?;

    // `!` (once, ending a piece: `add!`, `sub.s!`, `sub!.s`) is the `set_flags` modifier.
    let bangs = mnemonic.text.matches('!').count();
    let mut set_flags = None;
    let mut parts = Vec::new();
    let mut start = 0;
    for piece in mnemonic.text.split('.') {
        let mut part = mnemonic.slice(start, start + piece.len());
        start += piece.len() + 1;
        if let Some(stripped) = piece.strip_suffix('!') {
            set_flags = Some(part.slice(stripped.len(), piece.len()));
            part = part.slice(0, stripped.len());
        }
        if part.text.is_empty() || part.text.contains('!') || bangs > 1 {
            return Err(mnemonic.err(AsmErrorKind::UnknownMnemonic));
        }
        parts.push(part);
    }
    let name_buf: String = parts.iter().map(|p| p.text).collect::<Vec<_>>().join(".");
    let name = name_buf.as_str();
    let base = parts[0];
    let mut modifiers: Vec<Tok<'a>> = parts[1..].to_vec();
    if let Some(bang) = set_flags {
        modifiers.push(bang.synthetic("set_flags"));
    }
    let plain = modifiers.is_empty();
    let r0 = at.synthetic("r0");

    // Shorthands whose whole mnemonic is fixed (no modifiers, no `!`).
    let fixed: Option<(&'static str, &'static str, &[usize], Vec<Option<usize>>)> = match name {
        _ if set_flags.is_some() => None,
        "ld.1" => Some(("uma", "heap_read", &[2], vec![Some(0), None, Some(1), None])),
        "ld.2" => Some(("uma", "aux_heap_read", &[2], vec![Some(0), None, Some(1), None])),
        "st.1" => Some(("uma", "heap_write", &[2], vec![Some(0), Some(1), None, None])),
        "st.2" => Some(("uma", "aux_heap_write", &[2], vec![Some(0), Some(1), None, None])),
        "ld" => Some(("uma", "fat_ptr_read", &[2], vec![Some(0), None, Some(1), None])),
        "ld.1.inc" => Some(("uma", "heap_read", &[3], vec![Some(0), None, Some(1), Some(2)])),
        "ld.2.inc" => Some(("uma", "aux_heap_read", &[3], vec![Some(0), None, Some(1), Some(2)])),
        "st.1.inc" => Some(("uma", "heap_write", &[3], vec![Some(0), Some(1), Some(2), None])),
        "st.2.inc" => Some(("uma", "aux_heap_write", &[3], vec![Some(0), Some(1), Some(2), None])),
        "ld.inc" => Some(("uma", "fat_ptr_read", &[3], vec![Some(0), None, Some(1), Some(2)])),
        "sread" | "sload" => Some(("log", "sread", &[2], vec![Some(0), None, Some(1)])),
        "sstore" => Some(("log", "swrite", &[2], vec![Some(0), Some(1), None])),
        "tread" | "tload" => Some(("log", "tread", &[2], vec![Some(0), None, Some(1)])),
        "tstore" => Some(("log", "twrite", &[2], vec![Some(0), Some(1), None])),
        "decom" => Some(("log", "decommit", &[3], vec![Some(0), Some(1), Some(2)])),
        "precompile" => Some(("log", "precompile", &[3], vec![Some(0), Some(1), Some(2)])),
        _ => None,
    };
    if let Some((opcode, variant, counts, layout)) = fixed {
        if !counts.contains(&operands.len()) {
            return Err(
                at.err(AsmErrorKind::OperandCount { expected: counts[0], found: operands.len() })
            );
        }
        let mut out = Vec::with_capacity(layout.len());
        for slot in layout {
            out.push(slot.map_or(r0, |i| operands[i]));
        }
        let mut modifiers = vec![base.synthetic(variant)];
        if name.ends_with(".inc") {
            modifiers.push(base.synthetic("inc"));
        }
        return Ok(Statement { opcode, modifiers, operands: out, at });
    }

    let with_variant = |opcode: &'static str, variant: &'static str, operands: Vec<Tok<'a>>| {
        let mut all = vec![base.synthetic(variant)];
        all.extend(modifiers.iter().copied());
        Statement { opcode, modifiers: all, operands, at }
    };
    let statement = match base.text {
        "nop" if plain && operands.is_empty() => {
            Statement { opcode: "nop", modifiers, operands: vec![r0; 4], at }
        }
        "nop" if plain && operands.len() == 1 && operands[0].text.starts_with("stack+=") => {
            Statement { opcode: "nop", modifiers, operands: vec![r0, r0, operands[0], r0], at }
        }
        "nop" if plain && operands.len() == 1 && operands[0].text.starts_with("stack-=") => {
            Statement { opcode: "nop", modifiers, operands: vec![operands[0], r0, r0, r0], at }
        }
        "nop" if operands.first().is_some_and(|o| o.text.starts_with("stack-=")) => {
            return Err(operands[0].err(AsmErrorKind::Unsupported(
                "zkevm-assembly reads `nop stack-=..` only as the one-operand shorthand",
            )));
        }
        "and" | "or" | "xor" => with_variant("binop", static_name(base.text), operands),
        "shl" | "shr" | "rol" | "ror" => with_variant("shift", static_name(base.text), operands),
        "ret" if plain && operands.is_empty() => Statement {
            opcode: "ret",
            modifiers: vec![base.synthetic("ok")],
            operands: vec![at.synthetic("r1")],
            at,
        },
        "revert" if plain && operands.is_empty() => Statement {
            opcode: "ret",
            modifiers: vec![base.synthetic("revert")],
            operands: vec![at.synthetic("r1")],
            at,
        },
        "panic" if plain && operands.is_empty() => Statement {
            opcode: "ret",
            modifiers: vec![base.synthetic("panic")],
            operands: vec![r0],
            at,
        },
        "invoke" => Statement { opcode: "near_call", modifiers, operands, at },
        "call" if operands.len() == 1 => Statement {
            opcode: "near_call",
            modifiers,
            operands: vec![r0, operands[0], at.synthetic("@DEFAULT_UNWIND")],
            at,
        },
        "call" => Statement { opcode: "near_call", modifiers, operands, at },
        "event" | "to_l1" => {
            if operands.len() != 2 {
                return Err(
                    at.err(AsmErrorKind::OperandCount { expected: 2, found: operands.len() })
                );
            }
            with_variant("log", static_name(base.text), vec![operands[0], operands[1], r0])
        }
        "mov" | "push" | "pop" => {
            return Err(mnemonic.err(AsmErrorKind::Unsupported(
                "zkevm-assembly expands this shorthand into an invalid 4-operand `binop`",
            )));
        }
        other => match CANONICAL.iter().find(|c| **c == other) {
            Some(opcode) => {
                if *opcode == "context" {
                    if let Some(first) = modifiers.first_mut() {
                        match first.text {
                            "gas_left" => *first = first.synthetic("ergs_left"),
                            "set_gas_per_pubdata" => {
                                *first = first.synthetic("set_ergs_per_pubdata")
                            }
                            _ => {}
                        }
                    }
                }
                Statement { opcode, modifiers, operands, at }
            }
            None => return Err(mnemonic.err(AsmErrorKind::UnknownMnemonic)),
        },
    };
    Ok(statement)
}

/// The `'static` spelling of a shorthand that is also a variant modifier.
fn static_name(name: &str) -> &'static str {
    const NAMES: [&str; 9] = ["and", "or", "xor", "shl", "shr", "rol", "ror", "event", "to_l1"];
    NAMES.iter().find(|n| **n == name).copied().unwrap_or("")
}

/// Comma-separated operands, each trimmed and non-empty.
fn split_operands(text: Tok<'_>) -> Result<Vec<Tok<'_>>, AsmError> {
    if text.text.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.text.split(',') {
        let operand = text.slice(start, start + piece.len()).trim();
        if operand.text.is_empty() {
            return Err(text
                .slice(start, start + piece.len())
                .err(AsmErrorKind::BadOperand("an operand")));
        }
        start += piece.len() + 1;
        out.push(operand);
    }
    Ok(out)
}
