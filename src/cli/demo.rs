//! `zkstack demo`: the whole loop in one process, running the stages that are built so far.
//!
//! The loop itself is [`zkstack::demo`]; this prints its report. It never reports a stage it did
//! not run: `whole_loop` is true only when every stage's status is `ran`.

use std::io::Write as _;
use std::process::ExitCode;

use zkstack::demo::{Report, StageStatus};

use super::CliError;

/// Options of `zkstack demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Print one JSON document on stdout instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// A directory holding zksync-era's VM dumps (`estimate_fee_for_transfer_to_self.json`,
    /// `validation_adjacent_storage_slots.json`) to take the real bootloader from, instead of
    /// fetching the `zksync_multivm` package from crates.io (also `ZKSTACK_VM_DUMPS`).
    #[arg(long, value_name = "DIR")]
    pub vm_dumps: Option<std::path::PathBuf>,
}

/// Runs the demo and prints its report.
pub fn run(args: &DemoArgs) -> Result<ExitCode, CliError> {
    eprintln!(
        "zkstack demo: running the loop in memory, then proving a {}-step multiply-add chain with Boojum on the CPU…",
        zkstack::demo::boojum::SMOKE_CIRCUIT.steps
    );
    let options = zkstack::demo::DemoOptions { vm_dumps: args.vm_dumps.clone() };
    let report = zkstack::demo::run_with(&options)
        .map_err(|e| CliError::Demo { step: e.step, reason: e.reason })?;
    if let Some(stage) = report.stages.iter().find(|s| s.status == StageStatus::Supplied) {
        eprintln!(
            "zkstack demo: WARNING: stage `{}` did not run, its outputs are supplied: {}",
            stage.name, stage.detail
        );
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status_word(status: StageStatus) -> &'static str {
    match status {
        StageStatus::Ran => "ran",
        StageStatus::Supplied => "SUPPLIED",
        StageStatus::NotBuilt => "NOT BUILT",
    }
}

fn print_summary(out: &mut impl std::io::Write, report: &Report) -> std::io::Result<()> {
    writeln!(out, "zkstack {} demo", report.version)?;
    writeln!(
        out,
        "The whole loop (deposit → L2 txs → batch → pubdata → commitment → proof → L1 execute → withdrawal proof), in memory:"
    )?;
    for stage in &report.stages {
        writeln!(out, "  {:<18} {:<9}  {}", stage.name, status_word(stage.status), stage.detail)?;
    }
    let v = &report.values;
    writeln!(
        out,
        "Whole loop: {}",
        if report.whole_loop { "yes" } else { "no (stages above marked SUPPLIED / NOT BUILT)" }
    )?;
    writeln!(out, "Values:")?;
    writeln!(out, "  deposit canonical tx  {}", v.deposit_canonical_tx_hash)?;
    writeln!(out, "  batch                 {}", v.batch_number)?;
    if let Some(hash) = v.bootloader_hash {
        writeln!(out, "  bootloader            {hash}")?;
        writeln!(
            out,
            "  L2 txs / gas used     {} / {}",
            v.l2_tx_count,
            v.l2_gas_used.unwrap_or(0)
        )?;
    }
    writeln!(out, "  state root            {}", v.state_root)?;
    writeln!(out, "  commitment            {}", v.commitment)?;
    writeln!(out, "  public input          {:#x}", v.public_input)?;
    writeln!(out, "  stored batch hash     {}", v.stored_batch_hash)?;
    writeln!(out, "  L2 logs root          {}", v.l2_logs_root)?;
    writeln!(
        out,
        "  withdrawal proof      {} ({} words)",
        if v.withdrawal_proof_valid { "valid" } else { "INVALID" },
        v.withdrawal_proof.len()
    )?;
    let smoke = &report.boojum_smoke;
    writeln!(out, "Boojum toolchain check (a toy circuit, not the batch):")?;
    writeln!(
        out,
        "  proved a {}-step multiply-add chain (public output {}) in {} ms, verified in {} ms, proof {} bytes as JSON",
        smoke.steps, smoke.public_output, smoke.prove_ms, smoke.verify_ms, smoke.proof_bytes_json
    )?;
    Ok(())
}
