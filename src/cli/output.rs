//! Shared plumbing of the subcommands: reading input files and printing JSON.

use std::io::{Read as _, Write as _};
use std::path::Path;

use serde::Serialize;

use super::CliError;

/// Largest input file a subcommand reads (commit calldata with blobs in calldata stays far below).
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Reads a whole input file (`-` is stdin), refusing files over [`MAX_INPUT_BYTES`].
pub fn read_input_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| CliError::input(path, e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(CliError::input(path, format!("larger than {MAX_INPUT_BYTES} bytes")));
    }
    Ok(bytes)
}

/// Reads a whole UTF-8 input file (`-` is stdin).
pub fn read_input_file(path: &Path) -> Result<String, CliError> {
    String::from_utf8(read_input_bytes(path)?)
        .map_err(|_| CliError::input(path, "not valid UTF-8".to_owned()))
}

/// Prints one pretty JSON document and a newline on stdout.
pub fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Decodes hex digits (no `0x`); `None` unless the length is even and every digit is hex.
pub fn decode_hex(digits: &str) -> Option<Vec<u8>> {
    if digits.len() % 2 == 1 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(&digits[i..i + 2], 16).ok()).collect()
}

/// A file's bytes: when the file is hex text (optionally `0x`-prefixed, whitespace ignored) its
/// decoded bytes, otherwise the raw bytes as they are.
pub fn read_hex_or_raw(path: &Path) -> Result<Vec<u8>, CliError> {
    let raw = read_input_bytes(path)?;
    let Ok(text) = std::str::from_utf8(&raw) else { return Ok(raw) };
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = digits.strip_prefix("0x").unwrap_or(&digits);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(raw);
    }
    decode_hex(digits)
        .ok_or_else(|| CliError::input(path, "hex text has an odd number of digits".to_owned()))
}
