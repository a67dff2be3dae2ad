//! `zkstack asm` and `zkstack disasm`: the EraVM assembler and disassembler (`zkstack_vm::asm`),
//! byte-identical to zkevm-assembly on everything it assembles faithfully.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;
use zkstack::vm::asm::{AsmOptions, Metadata, assemble_with, disassemble};

use super::CliError;
use super::output::{print_json, read_input_bytes, read_input_file};

/// Options of `zkstack asm`.
#[derive(Debug, clap::Args)]
pub struct AsmArgs {
    /// The assembly source (`-` for stdin).
    file: PathBuf,
    /// Write the bytecode here instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write 0x-hex text instead of raw bytes.
    #[arg(long)]
    hex: bool,
    /// End without the keccak-of-source metadata word (only a zero word where an odd word count
    /// needs one); `disasm` output reassembles to the same bytes with this.
    #[arg(long)]
    no_metadata: bool,
    /// Reproduce zkevm-assembly's silent changes (immediates above 65535 keep their low 16 bits,
    /// `.cell` in `.text` is ignored) instead of refusing them.
    #[arg(long)]
    compat: bool,
}

/// Options of `zkstack disasm`.
#[derive(Debug, clap::Args)]
pub struct DisasmArgs {
    /// The bytecode: raw bytes, or hex text with or without 0x (`-` for stdin).
    file: PathBuf,
    /// Print one JSON document `{source, words}` instead of the assembly text.
    #[arg(long)]
    json: bool,
}

/// Runs `zkstack asm`.
pub fn run_asm(args: &AsmArgs) -> Result<ExitCode, CliError> {
    let source = read_input_file(&args.file)?;
    let options = AsmOptions {
        metadata: if args.no_metadata { Metadata::None } else { Metadata::SourceKeccak },
        compat: args.compat,
    };
    let bytecode =
        assemble_with(&source, options).map_err(|e| CliError::input(&args.file, e.to_string()))?;
    let bytes =
        if args.hex { format!("0x{}\n", hex_string(&bytecode)).into_bytes() } else { bytecode };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes).map_err(|e| CliError::input(path, e.to_string()))?;
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `zkstack disasm`.
pub fn run_disasm(args: &DisasmArgs) -> Result<ExitCode, CliError> {
    let bytecode = bytecode_from_file(&args.file)?;
    let source = disassemble(&bytecode).map_err(|e| CliError::input(&args.file, e.to_string()))?;
    if args.json {
        print_json(&json!({ "source": source, "words": bytecode.len() / 32 }))?;
    } else {
        std::io::stdout().lock().write_all(source.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Raw bytes, or the bytes of hex text (with or without 0x, whitespace ignored).
fn bytecode_from_file(path: &Path) -> Result<Vec<u8>, CliError> {
    let raw = read_input_bytes(path)?;
    let Ok(text) = std::str::from_utf8(&raw) else { return Ok(raw) };
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = digits.strip_prefix("0x").unwrap_or(&digits);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(raw);
    }
    if digits.len() % 2 == 1 {
        return Err(CliError::input(path, "hex text has an odd number of digits".into()));
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .map_err(|e| CliError::input(path, e.to_string()))
}

fn hex_string(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}
