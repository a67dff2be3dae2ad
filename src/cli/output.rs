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
