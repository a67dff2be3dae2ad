//! Operands: registers, immediates, stack addressing, code-page constants and labels.

use super::error::{AsmError, AsmErrorKind};
use super::source::{Tok, check_label_name};
use crate::isa::Register;

/// How a stack operand moves or offsets the stack pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StackKind {
    /// `stack-=[..]`: pop (sources only).
    Pop,
    /// `stack+=[..]`: push (destinations only).
    Push,
    /// `stack-[..]`: relative to `sp`.
    Offset,
    /// `stack[..]` or `stack=[..]`: absolute.
    Absolute,
}

/// A parsed operand, before label resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Operand<'a> {
    /// `rN` (or a bare `0`, which zkevm-assembly reads as `r0`).
    Reg(Register),
    /// `#N`, `#0xN`, `#0bN`, or a bare non-zero decimal.
    Imm(u16),
    /// A stack address `reg + imm (+ global)`.
    Stack {
        /// The addressing kind.
        kind: StackKind,
        /// The base register.
        reg: Register,
        /// The offset.
        imm: u16,
        /// A global (`.data` label) added to the offset; absolute addressing only.
        global: Option<Tok<'a>>,
    },
    /// `@label[reg + imm]`: a code-page word (or, for a code label, its address).
    Code {
        /// The label.
        label: Tok<'a>,
        /// The base register.
        reg: Register,
        /// The offset.
        imm: u16,
    },
    /// `@label` without brackets.
    Label(Tok<'a>),
}

/// Parses one operand token (already trimmed).
pub(crate) fn parse(tok: Tok<'_>, truncate: bool) -> Result<Operand<'_>, AsmError> {
    let t = tok.text;
    if let Some(body) = t.strip_prefix('#') {
        return immediate(tok, body, truncate).map(Operand::Imm);
    }
    if t.starts_with("stack") {
        return stack(tok, truncate);
    }
    if let Some(rest) = t.strip_prefix('@') {
        let end = rest.find('[').unwrap_or(rest.len());
        let label = tok.slice(1, 1 + end);
        check_label_name(label)?;
        if end == rest.len() {
            return Ok(Operand::Label(label));
        }
        let (reg, imm, global) = brackets(tok.slice(1 + end, t.len()), false, truncate)?;
        debug_assert!(global.is_none());
        return Ok(Operand::Code { label, reg, imm });
    }
    if t.starts_with('r') {
        return register(tok).map(Operand::Reg);
    }
    if t.starts_with('-') {
        return Err(tok.err(AsmErrorKind::NegativeImmediate));
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        let value = decimal(tok, truncate)?;
        return Ok(if value == 0 {
            Operand::Reg(Register::R0)
        } else {
            Operand::Imm(value as u16)
        });
    }
    Err(tok.err(AsmErrorKind::BadOperand("a register, immediate, stack or `@label` operand")))
}

/// `rN`, `N` in `0..=15`, written without leading zeros.
pub(crate) fn register(tok: Tok<'_>) -> Result<Register, AsmError> {
    let digits = tok.text.strip_prefix('r').unwrap_or("");
    let canonical = !digits.is_empty()
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.len() == 2 && digits.starts_with('0'));
    if !canonical {
        return Err(tok.err(AsmErrorKind::BadOperand("a register r0..r15")));
    }
    digits
        .parse::<u8>()
        .ok()
        .and_then(Register::new)
        .ok_or_else(|| tok.err(AsmErrorKind::BadRegister))
}

/// The digits after `#`: decimal, `0x` hex or `0b` binary, at most 65535.
fn immediate(tok: Tok<'_>, body: &str, truncate: bool) -> Result<u16, AsmError> {
    let (digits, radix) = if let Some(hex) = body.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(bin) = body.strip_prefix("0b") {
        (bin, 2)
    } else {
        (body, 10)
    };
    if body.starts_with('-') {
        return Err(tok.err(AsmErrorKind::NegativeImmediate));
    }
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(tok.err(AsmErrorKind::BadOperand("an immediate: `#N`, `#0xN` or `#0bN`")));
    }
    let value =
        u64::from_str_radix(digits, radix).map_err(|_| tok.err(AsmErrorKind::ImmediateRange))?;
    fit(tok, value, truncate)
}

/// A decimal number (the token is all digits): at most 65535, or (`truncate`) at most
/// `u64::MAX`, returned whole so that callers can tell a truncated `65536` from `0`.
fn decimal(tok: Tok<'_>, truncate: bool) -> Result<u64, AsmError> {
    let value = tok.text.parse::<u64>().map_err(|_| tok.err(AsmErrorKind::ImmediateRange))?;
    fit(tok, value, truncate).map(|_| value)
}

/// `value` as 16 bits: refused above 65535 unless `truncate` (zkevm-assembly's behaviour).
fn fit(tok: Tok<'_>, value: u64, truncate: bool) -> Result<u16, AsmError> {
    if truncate {
        Ok(value as u16)
    } else {
        u16::try_from(value).map_err(|_| tok.err(AsmErrorKind::ImmediateRange))
    }
}

/// `stack-=[..]`, `stack+=[..]`, `stack-[..]`, `stack[..]`, `stack=[..]`.
fn stack(tok: Tok<'_>, truncate: bool) -> Result<Operand<'_>, AsmError> {
    const PREFIXES: [(&str, Option<StackKind>); 6] = [
        ("stack+=", Some(StackKind::Push)),
        ("stack-=", Some(StackKind::Pop)),
        ("stack=", Some(StackKind::Absolute)),
        ("stack-", Some(StackKind::Offset)),
        ("stack+", None),
        ("stack", Some(StackKind::Absolute)),
    ];
    for (prefix, kind) in PREFIXES {
        if tok.text.starts_with(prefix) {
            let Some(kind) = kind else {
                return Err(tok.err(AsmErrorKind::Unsupported(
                    "`stack+[..]` is `sp - ..` in zkevm-assembly; write `stack-[..]`",
                )));
            };
            let body = tok.slice(prefix.len(), tok.text.len());
            let (reg, imm, global) = brackets(body, kind == StackKind::Absolute, truncate)?;
            return Ok(Operand::Stack { kind, reg, imm, global });
        }
    }
    Err(tok.err(AsmErrorKind::BadOperand("a stack operand")))
}

/// `[part + part + ...]` with at most one register, one decimal offset and (where allowed) one
/// `@global`, in any order. Nothing may follow the `]`.
fn brackets(
    tok: Tok<'_>,
    allow_global: bool,
    truncate: bool,
) -> Result<(Register, u16, Option<Tok<'_>>), AsmError> {
    let bad = || tok.err(AsmErrorKind::BadOperand("`[rN + offset]` addressing"));
    if !tok.text.starts_with('[') || !tok.text.ends_with(']') || tok.text.len() < 3 {
        return Err(bad());
    }
    let inner = tok.slice(1, tok.text.len() - 1);
    if let Some(minus) = inner.text.find('-') {
        return Err(inner.slice(minus, inner.text.len()).err(AsmErrorKind::NegativeImmediate));
    }
    let (mut reg, mut imm, mut global) = (None, None, None);
    let mut start = 0;
    for piece in inner.text.split('+') {
        let part = inner.slice(start, start + piece.len()).trim();
        start += piece.len() + 1;
        let t = part.text;
        if t.is_empty() {
            return Err(bad());
        }
        if t.starts_with('r') {
            if reg.replace(register(part)?).is_some() {
                return Err(part.err(AsmErrorKind::BadOperand("one register per address")));
            }
        } else if let Some(name) = t.strip_prefix('@') {
            let label = part.slice(1, 1 + name.len());
            check_label_name(label)?;
            if !allow_global {
                return Err(part.err(AsmErrorKind::BadOperand("a global only in `stack[..]`")));
            }
            if global.replace(label).is_some() {
                return Err(part.err(AsmErrorKind::BadOperand("one global per address")));
            }
        } else if t.bytes().all(|b| b.is_ascii_digit()) {
            if imm.replace(decimal(part, truncate)? as u16).is_some() {
                return Err(part.err(AsmErrorKind::BadOperand("one offset per address")));
            }
        } else {
            return Err(part.err(AsmErrorKind::BadOperand(
                "a register, a decimal offset or a `@global` inside `[..]`",
            )));
        }
    }
    Ok((reg.unwrap_or(Register::R0), imm.unwrap_or(0), global))
}
