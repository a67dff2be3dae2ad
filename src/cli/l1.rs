//! `zkstack l1 ...`: what L1 sees of a batch — commitments, public inputs, commit calldata.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use zkstack::l1::commitment::{
    AuxiliaryOutput, BatchCommitment, CommitmentHashes, CommitmentInput,
};
use zkstack::l1::pubdata::compress_state_diffs;
use zkstack::l1::public_input::{
    VerifierParams, batch_proof_public_input, batch_proof_public_input_with_vks,
};
use zkstack::l1::{B256, Bytes};

use super::CliError;
use super::output::{print_json, read_input_file};

/// Options of `zkstack l1`.
#[derive(Debug, clap::Args)]
pub struct L1Args {
    /// What to compute.
    #[command(subcommand)]
    pub command: L1Command,
}

/// The `zkstack l1` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum L1Command {
    /// Compute a batch commitment from a JSON input (zksync-era's commitment-test `input` shape,
    /// or a whole test-vector file with an `input` field).
    Commitment {
        /// The JSON input file (`-` for stdin).
        input: PathBuf,
        /// Print one JSON document instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Decode the calldata of a commit transaction (any supported protocol generation): every
    /// batch with its fields, system logs and decoded pubdata.
    DecodeCommit {
        /// File with the calldata, selector included: hex (with or without 0x) or raw bytes; `-` for stdin.
        file: PathBuf,
        /// Protocol version of the batches, which selects the pubdata layout (default: the newest
        /// version of the call's generation).
        #[arg(long)]
        protocol_version: Option<u16>,
        /// The chain's bootloader bytecode hash: with `--default-aa-hash`, the batch commitment is
        /// recomputed in full (without them, only its pass-through and auxiliary-output hashes).
        #[arg(long, requires = "default_aa_hash")]
        bootloader_hash: Option<B256>,
        /// The chain's default account bytecode hash.
        #[arg(long, requires = "bootloader_hash")]
        default_aa_hash: Option<B256>,
        /// The chain's EVM emulator bytecode hash, if it has one.
        #[arg(long, requires = "bootloader_hash")]
        evm_emulator_hash: Option<B256>,
        /// Print one JSON document instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// The Verifier public input of a batch: `uint256(keccak(prev ‖ curr)) >> 32`.
    PublicInput {
        /// Commitment of the previous batch (0x-hex, 32 bytes).
        prev: B256,
        /// Commitment of the batch being proved (0x-hex, 32 bytes).
        curr: B256,
        /// Recursion node-level VK hash: selects the older form (protocol versions 18–23) that
        /// also hashes the verification keys; needs `--leaf-vk` too.
        #[arg(long, requires = "leaf_vk")]
        node_vk: Option<B256>,
        /// Recursion leaf-level VK hash (older form only).
        #[arg(long, requires = "node_vk")]
        leaf_vk: Option<B256>,
        /// Print one JSON document instead of the bare hex word.
        #[arg(long)]
        json: bool,
    },
}

/// `zkstack l1 commitment --json`: the flat fields named as zksync-era's commitment vectors name
/// them (`*_hash` for the hashes of the three parts), then the structured parts.
#[derive(Serialize)]
struct CommitmentReport {
    protocol_version: u16,
    /// zksync-era `compress_state_diffs` of the input's state diffs (post-Boojum only).
    compressed_state_diffs: Option<String>,
    state_diffs_hash: Option<B256>,
    l2_l1_logs_merkle_root: B256,
    system_logs_linear_hash: Option<B256>,
    pass_through_data_hash: B256,
    meta_parameters_hash: B256,
    auxiliary_output_hash: B256,
    commitment: B256,
    hashes: CommitmentHashes,
    parts: BatchCommitment,
}

/// Runs a `zkstack l1` subcommand.
pub fn run(args: &L1Args) -> Result<ExitCode, CliError> {
    match &args.command {
        L1Command::Commitment { input, json } => commitment(input, *json),
        L1Command::DecodeCommit {
            file,
            protocol_version,
            bootloader_hash,
            default_aa_hash,
            evm_emulator_hash,
            json,
        } => {
            let hashes = bootloader_hash.zip(*default_aa_hash).map(|(bootloader, default_aa)| {
                super::l1_decode_commit::ChainHashes {
                    bootloader,
                    default_aa,
                    evm_emulator: *evm_emulator_hash,
                }
            });
            super::l1_decode_commit::run(file, *protocol_version, hashes, *json)
        }
        L1Command::PublicInput { prev, curr, node_vk, leaf_vk, json } => {
            let value = match (node_vk, leaf_vk) {
                (Some(node), Some(leaf)) => batch_proof_public_input_with_vks(
                    *prev,
                    *curr,
                    &VerifierParams {
                        recursion_node_level_vk_hash: *node,
                        recursion_leaf_level_vk_hash: *leaf,
                        recursion_circuits_set_vks_hash: B256::ZERO,
                    },
                ),
                _ => batch_proof_public_input(*prev, *curr),
            };
            let hex = format!("{:#x}", B256::from(value.to_be_bytes::<32>()));
            if *json {
                print_json(
                    &serde_json::json!({ "public_input": hex, "decimal": value.to_string() }),
                )?;
            } else {
                writeln!(std::io::stdout().lock(), "{hex}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn commitment(path: &Path, json: bool) -> Result<ExitCode, CliError> {
    let text = read_input_file(path)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| CliError::input(path, e.to_string()))?;
    let input_value = match value.get("input") {
        Some(inner) => inner.clone(),
        None => value,
    };
    let input: CommitmentInput =
        serde_json::from_value(input_value).map_err(|e| CliError::input(path, e.to_string()))?;
    let parts = BatchCommitment::new(&input).map_err(|e| CliError::input(path, e.to_string()))?;
    let compressed_state_diffs = match &input {
        CommitmentInput::PostBoojum { state_diffs, .. } => Some(
            Bytes::from(
                compress_state_diffs(state_diffs)
                    .map_err(|e| CliError::input(path, e.to_string()))?,
            )
            .to_string(),
        ),
        CommitmentInput::PreBoojum { .. } => None,
    };
    let hashes = parts.hashes();
    let (l2_l1_logs_merkle_root, state_diffs_hash, system_logs_linear_hash) =
        match &parts.auxiliary_output {
            AuxiliaryOutput::PreBoojum(aux) => (aux.l2_l1_logs_merkle_root, None, None),
            AuxiliaryOutput::PostBoojum(aux) => (
                aux.l2_l1_logs_merkle_root,
                Some(aux.state_diffs_hash),
                Some(aux.system_logs_linear_hash),
            ),
        };
    let report = CommitmentReport {
        protocol_version: input.common().protocol_version.minor(),
        compressed_state_diffs,
        state_diffs_hash,
        l2_l1_logs_merkle_root,
        system_logs_linear_hash,
        pass_through_data_hash: hashes.pass_through_data,
        meta_parameters_hash: hashes.meta_parameters,
        auxiliary_output_hash: hashes.aux_output,
        commitment: hashes.commitment,
        hashes,
        parts,
    };
    if json {
        print_json(&report)?;
    } else {
        let h = &report.hashes;
        let mut out = std::io::stdout().lock();
        writeln!(out, "protocol version   v{}", report.protocol_version)?;
        writeln!(out, "pass-through hash  {}", h.pass_through_data)?;
        writeln!(out, "meta params hash   {}", h.meta_parameters)?;
        writeln!(out, "aux output hash    {}", h.aux_output)?;
        writeln!(out, "commitment         {}", h.commitment)?;
    }
    Ok(ExitCode::SUCCESS)
}
