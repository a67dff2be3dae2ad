//! `zkstack replay`: a zksync-era VM dump through the real bootloader
//! (`zkstack_bootloader::executor::replay_dump`).

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};
use zkstack::bootloader::dump::VmDump;
use zkstack::bootloader::executor::{
    BatchOutputs, Event, ExecutorError, L2ToL1Log, ReplayOptions, StorageWrite, TxResult, TxStatus,
    halt_reason, replay_dump,
};
use zkstack::bootloader::memory::ExecutionMode;

use super::CliError;
use super::output::{print_json, read_input_file};

/// Options of `zkstack replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// The dump: zksync-era `VmDump` JSON (`-` for stdin).
    file: PathBuf,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    json: bool,
    /// End the transaction when its validation ends, as zksync-era's validation tracers do
    /// (dumps recorded that way hold no storage beyond validation).
    #[arg(long)]
    stop_after_validation: bool,
}

fn write_json(w: &StorageWrite) -> Value {
    json!({
        "address": format!("{:#x}", w.address),
        "key": format!("{:#x}", w.key),
        "previous": format!("{:#x}", w.previous),
        "value": format!("{:#x}", w.value),
        "is_initial": w.is_initial,
    })
}

fn event_json(e: &Event) -> Value {
    json!({
        "address": format!("{:#x}", e.address),
        "topics": e.topics.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "data": e.data.to_string(),
        "tx_number_in_block": e.tx_number_in_block,
    })
}

fn log_json(l: &L2ToL1Log) -> Value {
    json!({
        "shard_id": l.shard_id,
        "is_service": l.is_service,
        "tx_number_in_block": l.tx_number_in_block,
        "sender": format!("{:#x}", l.sender),
        "key": format!("{:#x}", l.key),
        "value": format!("{:#x}", l.value),
    })
}

fn halt_of(tx: &TxResult) -> Option<&'static str> {
    if tx.status == TxStatus::Halt { halt_reason(&tx.output) } else { None }
}

fn tx_json(tx: &TxResult) -> Value {
    json!({
        "status": tx.status.as_str(),
        "halt_reason": halt_of(tx),
        "output": tx.output.to_string(),
        "gas_used": tx.gas_used,
        "refund": tx.refund,
        "operator_suggested_refund": tx.operator_suggested_refund,
        "pubdata_published": tx.pubdata_published,
        "cycles": tx.cycles,
        "storage_writes": tx.storage_writes.iter().map(write_json).collect::<Vec<_>>(),
        "events": tx.events.iter().map(event_json).collect::<Vec<_>>(),
        "l2_to_l1_logs": tx.l2_to_l1_logs.iter().map(log_json).collect::<Vec<_>>(),
        "published_bytecodes": tx.published_bytecodes.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn batch_json(txs: &[TxResult], out: &BatchOutputs, error: Option<&str>) -> Value {
    json!({
        "txs": txs.iter().map(tx_json).collect::<Vec<_>>(),
        "storage_writes": out.storage_writes.iter().map(write_json).collect::<Vec<_>>(),
        "events": out.events.iter().map(event_json).collect::<Vec<_>>(),
        "l2_to_l1_logs": out.l2_to_l1_logs.iter().map(log_json).collect::<Vec<_>>(),
        "ergs_used": out.ergs_used,
        "cycles": out.cycles,
        "pubdata": out.pubdata,
        "error": error,
    })
}

/// Runs `zkstack replay`. A replay that stops early prints what it has (with `error` set) and
/// exits 1.
pub fn run(args: &ReplayArgs) -> Result<ExitCode, CliError> {
    let text = read_input_file(&args.file)?;
    let dump = VmDump::from_json(&text).map_err(|e| CliError::input(&args.file, e.to_string()))?;
    let run = |stop_after_validation| {
        replay_dump(&dump, ReplayOptions { stop_after_validation })
            .map_err(|e| CliError::input(&args.file, e.to_string()))
    };
    let mut stopped_after_validation = args.stop_after_validation;
    let mut replay = run(stopped_after_validation)?;
    // zksync-era records a validation run's dump with a tracer that stops when validation ends,
    // so its snapshot holds nothing execution reads after that: such a dump replays up to there.
    if !stopped_after_validation
        && dump.system_env.execution_mode == ExecutionMode::VerifyExecute
        && matches!(replay.error, Some(ExecutorError::MissingStorage(_)))
    {
        let validation_only = run(true)?;
        if validation_only.error.is_none() {
            eprintln!(
                "zkstack replay: the snapshot ends where validation ends ({}); replayed up to \
                 the end of validation, as zksync-era recorded it",
                replay.error.as_ref().map(ToString::to_string).unwrap_or_default()
            );
            replay = validation_only;
            stopped_after_validation = true;
        }
    }
    let error = replay.error.as_ref().map(ToString::to_string);
    if args.json {
        let mut doc = batch_json(&replay.txs, &replay.outputs, error.as_deref());
        doc["stopped_after_validation"] = json!(stopped_after_validation);
        print_json(&doc)?;
    } else {
        for (i, tx) in replay.txs.iter().enumerate() {
            println!(
                "tx {i}: {}{} output {} gas_used {} refund {} storage_writes {} events {}",
                tx.status.as_str(),
                halt_of(tx).map(|r| format!(" ({r})")).unwrap_or_default(),
                tx.output,
                tx.gas_used,
                tx.refund,
                tx.storage_writes.len(),
                tx.events.len()
            );
        }
        let out = &replay.outputs;
        println!(
            "batch: ergs_used {} cycles {} storage_writes {} events {} l2_to_l1_logs {}",
            out.ergs_used,
            out.cycles,
            out.storage_writes.len(),
            out.events.len(),
            out.l2_to_l1_logs.len()
        );
    }
    match error {
        Some(e) => {
            eprintln!("zkstack replay: stopped early: {e}");
            Ok(ExitCode::from(1))
        }
        None => Ok(ExitCode::SUCCESS),
    }
}
