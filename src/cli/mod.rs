//! Argument parsing and dispatch of the `zkstack` subcommands.

mod asm;
mod bridge;
mod demo;
mod fee;
mod fee_estimate;
mod fee_params;
mod l1;
mod l1_decode_commit;
mod not_built;
mod output;
mod prove;
mod replay;
mod run;
mod tx;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The ZK Stack in one process: EraVM, bootloader, L1 interface, bridge and Boojum prover.
#[derive(Debug, Parser)]
#[command(name = "zkstack", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. A capability that is not built yet (proving a whole VM dump, the demo's batch
/// proof) exits with code 2 and says so.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the whole loop in memory: L1 deposit, L2 transactions, batch, pubdata, commitment, proof,
    /// L1 execution and a withdrawal proof (today: the parts that are built).
    Demo(demo::DemoArgs),
    /// Run one EraVM contract in an empty in-memory world.
    Run(run::RunArgs),
    /// Assemble EraVM assembly into bytecode (zkevm-assembly's dialect).
    Asm(asm::AsmArgs),
    /// Disassemble EraVM bytecode into assembly.
    Disasm(asm::DisasmArgs),
    /// Replay a zksync-era VM dump through the real bootloader.
    Replay(replay::ReplayArgs),
    /// Transactions: decode, hash and sign them; zkSync addresses and bytecode hashes.
    Tx(tx::TxArgs),
    /// Fees: the L1→L2 base cost, the least L1→L2 gas limit, a batch's base fee.
    Fee(fee::FeeArgs),
    /// What L1 sees: batch commitments, Verifier public inputs, commit calldata.
    L1(l1::L1Args),
    /// The shared bridge: message inclusion proofs, asset ids.
    Bridge(bridge::BridgeArgs),
    /// Prove an EraVM program's zkSync base-layer circuits with Boojum on the CPU.
    Prove(prove::ProveArgs),
    /// Verify the proofs `zkstack prove` wrote.
    Verify(prove::VerifyArgs),
}

/// Errors a subcommand reports on stderr before exiting with code 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// Encoding the JSON output failed.
    #[error("cannot encode JSON output: {0}")]
    Json(#[from] serde_json::Error),
    /// The arguments do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// An input file is unreadable or invalid.
    #[error("{path}: {reason}")]
    Input {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The prover's circuit binary failed.
    #[error(transparent)]
    Prover(#[from] zkstack::prover::era_circuits::EraCircuitsError),
    /// A step of the demo failed.
    #[error("demo step `{step}` failed: {reason}")]
    Demo {
        /// Which step.
        step: &'static str,
        /// Why.
        reason: String,
    },
}

impl CliError {
    /// An error about the input file `path`.
    pub fn input(path: &std::path::Path, reason: String) -> Self {
        Self::Input { path: path.display().to_string(), reason }
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Demo(args) => demo::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Asm(args) => asm::run_asm(&args),
        Command::Disasm(args) => asm::run_disasm(&args),
        Command::Replay(args) => replay::run(&args),
        Command::Tx(args) => tx::run(&args),
        Command::Fee(args) => fee::run(&args),
        Command::L1(args) => l1::run(&args),
        Command::Bridge(args) => bridge::run(&args),
        Command::Prove(args) => prove::run_prove(&args),
        Command::Verify(args) => prove::run_verify(&args),
    }
}
