//! `zkstack asm` and `zkstack disasm`: the EraVM assembler and disassembler (`zkstack_vm::asm`),
//! byte-identical to zkevm-assembly on everything it assembles faithfully.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;
use zkstack::l1::Bytes;
use zkstack::vm::asm::{AsmOptions, Metadata, assemble_with, disassemble};

use super::CliError;
use super::output::{print_json, read_hex_or_raw, read_input_file};

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
        if args.hex { format!("{}\n", Bytes::from(bytecode)).into_bytes() } else { bytecode };
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
    let bytecode = read_hex_or_raw(&args.file)?;
    let source = disassemble(&bytecode).map_err(|e| CliError::input(&args.file, e.to_string()))?;
    if args.json {
        print_json(&json!({ "source": source, "words": bytecode.len() / 32 }))?;
    } else {
        std::io::stdout().lock().write_all(source.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
