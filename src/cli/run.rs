//! `zkstack run`: one EraVM contract in the one-contract setup (`zkstack_vm::run`).

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};
use zkstack::l1::{Address, Bytes};
use zkstack::vm::U256;
use zkstack::vm::run::{
    ContractRun, DEFAULT_ADDRESS, DEFAULT_ERGS, LineTracer, RunOutcome, StorageWrite,
};
use zkstack::vm::world::LogEntry;

use super::CliError;
use super::output::{print_json, read_hex_or_raw};

/// Options of `zkstack run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The contract's bytecode: raw bytes, or hex text with or without 0x (`-` for stdin).
    file: PathBuf,
    /// The calldata r1 points to, 0x-hex.
    #[arg(long, default_value = "0x")]
    calldata: Bytes,
    /// Ergs the contract starts with.
    #[arg(long, default_value_t = DEFAULT_ERGS)]
    ergs: u32,
    /// The contract's address (below 2^16: kernel mode).
    #[arg(long, default_value_t = DEFAULT_ADDRESS)]
    address: Address,
    /// Print every cycle (depth, pc, ergs, sp, instruction) on stderr.
    #[arg(long)]
    trace: bool,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    json: bool,
}

/// Runs `zkstack run`. The exit code is 0 whatever the contract's status; a bytecode that cannot
/// run (or an instruction the VM refuses) is an error.
pub fn run(args: &RunArgs) -> Result<ExitCode, CliError> {
    let bytecode = read_hex_or_raw(&args.file)?;
    let contract = ContractRun::new(bytecode)
        .calldata(args.calldata.to_vec())
        .ergs(args.ergs)
        .address(args.address);
    let outcome = if args.trace {
        let trace = LineTracer(|line: String| eprintln!("{line}"));
        contract.run_with_tracer(trace).map(|(outcome, _)| outcome)
    } else {
        contract.run()
    }
    .map_err(|e| CliError::input(&args.file, e.to_string()))?;
    if args.json {
        print_json(&to_json(&outcome))?;
    } else {
        print_summary(&outcome);
    }
    Ok(ExitCode::SUCCESS)
}

/// A word as 0x-hex of 32 bytes.
fn word(value: &U256) -> String {
    Bytes::from(value.to_be_bytes::<32>().to_vec()).to_string()
}

fn log_json(entry: &LogEntry, first: &str) -> Value {
    json!({
        "address": entry.address,
        "key": word(&entry.key),
        "value": word(&entry.value),
        first: entry.is_first,
        "shard": entry.shard_id,
        "tx_number": entry.tx_number,
    })
}

fn write_json(write: &StorageWrite) -> Value {
    json!({
        "address": write.key.address,
        "key": word(&write.key.key),
        "value": word(&write.value),
        "before": word(&write.before),
        "shard": write.key.shard,
    })
}

/// The JSON document of `zkstack run --json`.
fn to_json(outcome: &RunOutcome) -> Value {
    json!({
        "status": outcome.status.as_str(),
        "return_data": Bytes::from(outcome.return_data.clone()),
        "ergs_used": outcome.ergs_used,
        "ergs_left": outcome.ergs_left,
        "pubdata_spent": outcome.pubdata_spent,
        "events": outcome.events.iter().map(|e| log_json(e, "first")).collect::<Vec<_>>(),
        "l2_to_l1_logs":
            outcome.l2_to_l1_logs.iter().map(|e| log_json(e, "is_service")).collect::<Vec<_>>(),
        "storage_writes": outcome.storage_writes.iter().map(write_json).collect::<Vec<_>>(),
    })
}

fn print_summary(outcome: &RunOutcome) {
    println!("status        {}", outcome.status.as_str());
    println!("return data   {}", Bytes::from(outcome.return_data.clone()));
    println!("ergs used     {} ({} left)", outcome.ergs_used, outcome.ergs_left);
    println!("pubdata       {}", outcome.pubdata_spent);
    for e in &outcome.events {
        let first = if e.is_first { " (first)" } else { "" };
        println!("event         {} {} {}{first}", e.address, word(&e.key), word(&e.value));
    }
    for e in &outcome.l2_to_l1_logs {
        let service = if e.is_first { " (service)" } else { "" };
        println!("l2->l1 log    {} {} {}{service}", e.address, word(&e.key), word(&e.value));
    }
    for w in &outcome.storage_writes {
        println!("storage write {} {} = {}", w.key.address, word(&w.key.key), word(&w.value));
    }
}
