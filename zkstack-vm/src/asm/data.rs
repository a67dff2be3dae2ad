//! `.cell` and `.zero`: 32-byte words of `.rodata` (the code page) and `.data` (globals).

use super::error::{AsmError, AsmErrorKind};
use super::source::{Tok, check_label_name, is_blank};
use crate::U256;

/// One data word.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Word<'a> {
    /// A value.
    Value(U256),
    /// `.cell @label`: the address of a code label.
    CodeAddress(Tok<'a>),
}

/// The most words a bytecode can have (16-bit code addresses).
pub(crate) const MAX_WORDS: usize = u16::MAX as usize;

/// 2^256 in decimal: `.cell -2^256` is accepted (it is 0), anything more negative is not.
const TWO_POW_256: &str =
    "115792089237316195423570985008687907853269984665640564039457584007913129639936";

/// Parses a `.cell` or `.zero` directive (a trimmed line starting with one of them).
pub(crate) fn parse(tok: Tok<'_>) -> Result<Vec<Word<'_>>, AsmError> {
    let split = tok.text.find(is_blank).unwrap_or(tok.text.len());
    let directive = tok.slice(0, split).text;
    let arg = tok.slice(split, tok.text.len()).trim();
    if arg.text.is_empty() || arg.text.contains(is_blank) {
        return Err(tok.err(AsmErrorKind::BadData("expected exactly one argument")));
    }
    if directive == ".zero" {
        if !arg.text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(arg.err(AsmErrorKind::BadData("`.zero` takes a decimal byte count")));
        }
        let bytes: usize =
            arg.text.parse().map_err(|_| arg.err(AsmErrorKind::TooLarge("`.zero`")))?;
        if !bytes.is_multiple_of(32) {
            return Err(arg.err(AsmErrorKind::BadData("`.zero` needs a multiple of 32 bytes")));
        }
        if bytes / 32 > MAX_WORDS {
            return Err(arg.err(AsmErrorKind::TooLarge("more than 65535 words")));
        }
        return Ok(vec![Word::Value(U256::ZERO); bytes / 32]);
    }
    if let Some(name) = arg.text.strip_prefix('@') {
        let label = arg.slice(1, 1 + name.len());
        check_label_name(label)?;
        return Ok(vec![Word::CodeAddress(label)]);
    }
    let (negative, digits) = match arg.text.as_bytes()[0] {
        b'-' => (true, &arg.text[1..]),
        b'+' => (false, &arg.text[1..]),
        _ => (false, arg.text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(arg.err(AsmErrorKind::BadData("`.cell` takes a decimal integer or `@label`")));
    }
    let significant = digits.trim_start_matches('0');
    if negative && significant == TWO_POW_256 {
        return Ok(vec![Word::Value(U256::ZERO)]);
    }
    let magnitude = U256::from_str_radix(digits, 10)
        .map_err(|_| arg.err(AsmErrorKind::BadData("`.cell` value does not fit 256 bits")))?;
    if negative && magnitude.is_zero() {
        return Err(arg.err(AsmErrorKind::BadData("`-0` (zkevm-assembly drops the line)")));
    }
    Ok(vec![Word::Value(if negative { magnitude.wrapping_neg() } else { magnitude })])
}
