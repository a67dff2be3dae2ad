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

    let (parts, set_flags) = split_mnemonic(mnemonic)?;
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
    if let Some(short) = set_flags.is_none().then(|| fixed_shorthand(name)).flatten() {
        if operands.len() != short.count {
            let found = operands.len();
            return Err(at.err(AsmErrorKind::OperandCount { expected: short.count, found }));
        }
        let operands = short.layout.iter().map(|slot| slot.map_or(r0, |i| operands[i])).collect();
        let mut modifiers = vec![base.synthetic(short.variant)];
        if short.inc {
            modifiers.push(base.synthetic("inc"));
        }
        return Ok(Statement { opcode: short.opcode, modifiers, operands, at });
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
        "invoke" if plain => Statement { opcode: "near_call", modifiers, operands, at },
        "invoke" => return Err(mnemonic.err(AsmErrorKind::BadModifier)),
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
        other => {
            let opcode = CANONICAL.iter().find(|c| **c == other);
            let opcode = *opcode.ok_or_else(|| mnemonic.err(AsmErrorKind::UnknownMnemonic))?;
            if opcode == "context" {
                context_alias(&mut modifiers);
            }
            Statement { opcode, modifiers, operands, at }
        }
    };
    Ok(statement)
}

/// The dot-separated pieces of a mnemonic, and its `!` (once, ending a piece: `add!`, `sub.s!`,
/// `sub!.s`), which is the `set_flags` modifier.
fn split_mnemonic(mnemonic: Tok<'_>) -> Result<(Vec<Tok<'_>>, Option<Tok<'_>>), AsmError> {
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
    Ok((parts, set_flags))
}

/// A shorthand with a fixed mnemonic: `ld.1 a, b` is `uma.heap_read a, r0, b, r0`.
struct Shorthand {
    opcode: &'static str,
    variant: &'static str,
    inc: bool,
    count: usize,
    /// For each canonical operand, the written operand it takes, or `None` for `r0`.
    layout: &'static [Option<usize>],
}

/// The fixed-mnemonic shorthands of zkevm-assembly.
fn fixed_shorthand(name: &str) -> Option<Shorthand> {
    const READ: &[Option<usize>] = &[Some(0), None, Some(1), None];
    const WRITE: &[Option<usize>] = &[Some(0), Some(1), None, None];
    const READ_INC: &[Option<usize>] = &[Some(0), None, Some(1), Some(2)];
    const WRITE_INC: &[Option<usize>] = &[Some(0), Some(1), Some(2), None];
    const LOG_READ: &[Option<usize>] = &[Some(0), None, Some(1)];
    const LOG_WRITE: &[Option<usize>] = &[Some(0), Some(1), None];
    const LOG_3: &[Option<usize>] = &[Some(0), Some(1), Some(2)];
    let (opcode, variant, inc, layout) = match name {
        "ld.1" => ("uma", "heap_read", false, READ),
        "ld.2" => ("uma", "aux_heap_read", false, READ),
        "st.1" => ("uma", "heap_write", false, WRITE),
        "st.2" => ("uma", "aux_heap_write", false, WRITE),
        "ld" => ("uma", "fat_ptr_read", false, READ),
        "ld.1.inc" => ("uma", "heap_read", true, READ_INC),
        "ld.2.inc" => ("uma", "aux_heap_read", true, READ_INC),
        "st.1.inc" => ("uma", "heap_write", true, WRITE_INC),
        "st.2.inc" => ("uma", "aux_heap_write", true, WRITE_INC),
        "ld.inc" => ("uma", "fat_ptr_read", true, READ_INC),
        "sread" | "sload" => ("log", "sread", false, LOG_READ),
        "sstore" => ("log", "swrite", false, LOG_WRITE),
        "tread" | "tload" => ("log", "tread", false, LOG_READ),
        "tstore" => ("log", "twrite", false, LOG_WRITE),
        "decom" => ("log", "decommit", false, LOG_3),
        "precompile" => ("log", "precompile", false, LOG_3),
        _ => return None,
    };
    let count = layout.iter().flatten().count();
    Some(Shorthand { opcode, variant, inc, count, layout })
}

/// `context.gas_left` and `context.set_gas_per_pubdata` are `ergs_left` and
/// `set_ergs_per_pubdata` (only as the first modifier, as in zkevm-assembly).
fn context_alias(modifiers: &mut [Tok<'_>]) {
    if let Some(first) = modifiers.first_mut() {
        match first.text {
            "gas_left" => *first = first.synthetic("ergs_left"),
            "set_gas_per_pubdata" => *first = first.synthetic("set_ergs_per_pubdata"),
            _ => {}
        }
    }
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
