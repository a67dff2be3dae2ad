//! `zkstack fee ...`: what a transaction costs — the L1→L2 base cost the Mailbox charges, the
//! least gas limit it accepts, the base fee and gas per pubdata of an L2 batch, and (in
//! [`super::fee_estimate`]) the estimated fee of a transaction.

use std::io::Write as _;
use std::process::ExitCode;

use serde_json::json;
use zkstack::bootloader::fee::{BatchFeeInput, derive_base_fee_and_gas_per_pubdata};
use zkstack::l1::mailbox::{derive_l2_gas_price, minimal_priority_transaction_gas_limit};
use zkstack::l1::{ProtocolVersionId, U256};

use super::CliError;
use super::fee_params::ChainFeeArgs;
use super::output::print_json;

/// Options of `zkstack fee`.
#[derive(Debug, clap::Args)]
pub struct FeeArgs {
    /// What to price.
    #[command(subcommand)]
    pub command: FeeCommand,
}

/// The `zkstack fee` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum FeeCommand {
    /// The fee of a VM dump's first transaction, estimated as zksync-era's `eth_estimateGas`
    /// does (binary search of the gas limit through the real bootloader, overhead, scale
    /// factor): gas limit, max fee per gas, priority fee, gas per pubdata limit.
    Estimate(super::fee_estimate::EstimateArgs),
    /// The base cost of an L1→L2 transaction (Mailbox `l2TransactionBaseCost`): the L2 gas price
    /// derived from the L1 gas price and the chain's fee parameters, times the L2 gas limit.
    BaseCost {
        /// L1 gas price in wei (`tx.gasprice` of the L1 transaction).
        #[arg(long)]
        l1_gas_price: U256,
        /// L2 gas limit of the transaction.
        #[arg(long)]
        l2_gas_limit: U256,
        /// L2 gas per pubdata byte limit (the Mailbox accepts only 800).
        #[arg(long, default_value = "800")]
        gas_per_pubdata: U256,
        /// The chain's fee parameters.
        #[command(flatten)]
        fees: ChainFeeArgs,
        /// Print one JSON document instead of the base cost alone.
        #[arg(long)]
        json: bool,
    },
    /// The least L2 gas limit the Mailbox accepts for a priority transaction's body
    /// (`TransactionValidator.getMinimalPriorityTransactionGasLimit`).
    L1MinGas {
        /// Length in bytes of `abi.encode(transaction)`.
        #[arg(long)]
        encoding_len: usize,
        /// Number of factory dependencies.
        #[arg(long, default_value_t = 0)]
        factory_deps: usize,
        /// L2 gas per pubdata byte limit.
        #[arg(long, default_value = "800")]
        gas_per_pubdata: U256,
        /// Print one JSON document instead of the number alone.
        #[arg(long)]
        json: bool,
    },
    /// The base fee and L2 gas per pubdata byte of a batch, as the bootloader derives them from
    /// the batch fee input (V2 with `--fair-pubdata-price`, V1 with `--l1-gas-price` alone).
    BaseFee {
        /// Fair L2 gas price (wei per gas).
        #[arg(long)]
        fair_l2_gas_price: u64,
        /// Fair pubdata price (wei per byte): a V2 (pubdata-independent) input.
        #[arg(long, required_unless_present = "l1_gas_price")]
        fair_pubdata_price: Option<u64>,
        /// L1 gas price (wei): alone, a V1 (L1-pegged) input, whose pubdata price is 17 times it.
        #[arg(long)]
        l1_gas_price: Option<u64>,
        /// Protocol version of the batch (selects the per-pubdata cap).
        #[arg(long, default_value_t = u16::from(ProtocolVersionId::LATEST))]
        protocol_version: u16,
        /// Print one JSON document instead of a summary.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `zkstack fee` subcommand.
pub fn run(args: &FeeArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        FeeCommand::Estimate(estimate) => return super::fee_estimate::run(estimate),
        FeeCommand::BaseCost { l1_gas_price, l2_gas_limit, gas_per_pubdata, fees, json } => {
            let l2_gas_price = derive_l2_gas_price(
                *l1_gas_price,
                *gas_per_pubdata,
                &fees.fee_params(),
                fees.multiplier(),
            )
            .map_err(|e| CliError::Usage(format!("the Mailbox reverts: {e}")))?;
            let base_cost = l2_gas_price.checked_mul(*l2_gas_limit).ok_or_else(|| {
                CliError::Usage("base cost overflows (Solidity panic 0x11)".into())
            })?;
            if *json {
                print_json(&json!({
                    "base_cost": base_cost.to_string(),
                    "l2_gas_price": l2_gas_price.to_string(),
                    "l2_gas_limit": l2_gas_limit.to_string(),
                    "gas_per_pubdata": gas_per_pubdata.to_string(),
                }))?;
            } else {
                writeln!(std::io::stdout().lock(), "{base_cost}")?;
            }
        }
        FeeCommand::L1MinGas { encoding_len, factory_deps, gas_per_pubdata, json } => {
            let min = minimal_priority_transaction_gas_limit(
                *encoding_len,
                *factory_deps,
                *gas_per_pubdata,
            )
            .map_err(|e| CliError::Usage(format!("the Mailbox reverts: {e}")))?;
            if *json {
                print_json(&json!({ "minimal_gas_limit": min.to_string() }))?;
            } else {
                writeln!(std::io::stdout().lock(), "{min}")?;
            }
        }
        FeeCommand::BaseFee {
            fair_l2_gas_price,
            fair_pubdata_price,
            l1_gas_price,
            protocol_version,
            json,
        } => {
            let version = ProtocolVersionId::try_from(*protocol_version)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            let input = match fair_pubdata_price {
                Some(pubdata) => BatchFeeInput::pubdata_independent(
                    l1_gas_price.unwrap_or(0),
                    *fair_l2_gas_price,
                    *pubdata,
                ),
                None => BatchFeeInput::l1_pegged(l1_gas_price.unwrap_or(0), *fair_l2_gas_price),
            };
            let fees = derive_base_fee_and_gas_per_pubdata(input, version)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            if *json {
                print_json(&json!({
                    "base_fee": fees.base_fee.to_string(),
                    "gas_per_pubdata": fees.gas_per_pubdata.to_string(),
                    "protocol_version": protocol_version,
                }))?;
            } else {
                let mut out = std::io::stdout().lock();
                writeln!(out, "base_fee         {}", fees.base_fee)?;
                writeln!(out, "gas_per_pubdata  {}", fees.gas_per_pubdata)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
