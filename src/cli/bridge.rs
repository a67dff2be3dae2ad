//! `zkstack bridge ...`: message inclusion proofs and asset ids of the shared bridge.

use std::io::Write as _;
use std::process::ExitCode;

use serde_json::json;
use zkstack::bridge::asset::{asset_id, eth_asset_id, ntv_asset_id};
use zkstack::bridge::cli::{VerifyProofArgs, verify_proof};
use zkstack::l1::{Address, B256, Bytes, U256};

use super::CliError;
use super::output::print_json;

/// Options of `zkstack bridge`.
#[derive(Debug, clap::Args)]
pub struct BridgeArgs {
    /// What to compute.
    #[command(subcommand)]
    pub command: BridgeCommand,
}

/// The `zkstack bridge` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BridgeCommand {
    /// Verify that an L2→L1 message is included under a root, with the proof words exactly as the
    /// contracts take `_proof` (old format, v26+ format, nested Gateway proofs). Exit code 0 when
    /// valid, 1 when not.
    VerifyProof(VerifyProofCli),
    /// The asset id of a token: the native token vault's (`--token`), ether's (`--eth`), or any
    /// deployment tracker's (`--tracker` and `--asset-data`).
    AssetId {
        /// Chain the asset originates from (for `--eth`: the L1 chain id).
        #[arg(long)]
        chain_id: U256,
        /// Token address on its origin chain (native token vault asset).
        #[arg(long, conflicts_with_all = ["eth", "tracker", "asset_data"])]
        token: Option<Address>,
        /// Ether's asset id.
        #[arg(long, conflicts_with_all = ["tracker", "asset_data"])]
        eth: bool,
        /// Deployment tracker of a custom asset.
        #[arg(long, requires = "asset_data")]
        tracker: Option<Address>,
        /// Asset data word of a custom asset.
        #[arg(long, requires = "tracker")]
        asset_data: Option<B256>,
        /// Print one JSON document instead of the bare id.
        #[arg(long)]
        json: bool,
    },
}

/// Arguments of `zkstack bridge verify-proof`.
#[derive(Debug, clap::Args)]
pub struct VerifyProofCli {
    /// Chain that sent the message.
    #[arg(long)]
    chain_id: U256,
    /// Batch of that chain holding the message.
    #[arg(long)]
    batch: U256,
    /// Index of the message's log in the batch's L2→L1 log tree.
    #[arg(long)]
    index: U256,
    /// Index of the sending transaction within the batch.
    #[arg(long)]
    tx_number: u16,
    /// L2 contract that sent the message.
    #[arg(long)]
    sender: Address,
    /// The message bytes (0x-hex).
    #[arg(long)]
    data: Bytes,
    /// The proof words, comma-separated 0x-hex (may be empty).
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    proof: Vec<B256>,
    /// The root the proof must end in (the batch's L2 logs root, or for a nested proof the
    /// settlement layer's).
    #[arg(long)]
    root: B256,
    /// Chain whose batch the proof must end in (default: whatever the proof names).
    #[arg(long, requires = "settlement_batch")]
    settlement_chain_id: Option<U256>,
    /// Batch number the proof must end in (with `--settlement-chain-id`).
    #[arg(long, requires = "settlement_chain_id")]
    settlement_batch: Option<U256>,
    /// Print one JSON document instead of a sentence.
    #[arg(long)]
    json: bool,
}

/// Runs a `zkstack bridge` subcommand.
pub fn run(args: &BridgeArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        BridgeCommand::VerifyProof(cli) => verify(cli),
        BridgeCommand::AssetId { chain_id, token, eth, tracker, asset_data, json } => {
            let id = match (token, eth, tracker, asset_data) {
                (Some(token), false, None, None) => ntv_asset_id(*chain_id, *token),
                (None, true, None, None) => eth_asset_id(*chain_id),
                (None, false, Some(tracker), Some(data)) => asset_id(*chain_id, *tracker, *data),
                _ => {
                    return Err(CliError::Usage(
                        "give exactly one of --token, --eth, or --tracker with --asset-data".into(),
                    ));
                }
            };
            if *json {
                print_json(&json!({ "asset_id": id }))?;
            } else {
                writeln!(std::io::stdout().lock(), "{id}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn verify(cli: &VerifyProofCli) -> Result<ExitCode, CliError> {
    let report = verify_proof(&VerifyProofArgs {
        chain_id: cli.chain_id,
        batch_number: cli.batch,
        index: cli.index,
        tx_number_in_batch: cli.tx_number,
        sender: cli.sender,
        data: cli.data.to_vec(),
        proof: cli.proof.clone(),
        expected_root: cli.root,
        settlement: cli.settlement_chain_id.zip(cli.settlement_batch),
    });
    if cli.json {
        let settlement = report.settlement.as_ref().map(|s| {
            json!({ "chain_id": s.chain_id.to_string(), "batch_number": s.batch_number.to_string(), "root": s.root })
        });
        let mut doc =
            json!({ "valid": report.valid, "reason": report.reason, "hops": report.hops });
        doc["settlement"] = settlement.unwrap_or_default();
        print_json(&doc)?;
    } else {
        writeln!(std::io::stdout().lock(), "{}", report.reason)?;
    }
    Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
