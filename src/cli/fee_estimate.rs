//! `zkstack fee estimate`: the fee of a VM dump's first transaction, estimated as zksync-era's
//! `eth_estimateGas` does, through the real bootloader
//! (`zkstack_bootloader::fee::estimator`).

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;
use zkstack::bootloader::dump::VmDump;
use zkstack::bootloader::fee::estimate::BinarySearchKind;
use zkstack::bootloader::fee::estimator::dump_estimation;
use zkstack::bootloader::fee::{EstimateError, EstimateOptions, FeeEstimate};
use zkstack::l1::Address;

use super::CliError;
use super::output::{print_json, read_hex_or_raw, read_input_file};

/// Options of `zkstack fee estimate`.
#[derive(Debug, clap::Args)]
pub struct EstimateArgs {
    /// The dump: zksync-era `VmDump` JSON (`-` for stdin); its first transaction is estimated
    /// against its snapshot with its batch. Use a dump whose bootloader is the fee-estimation
    /// one.
    file: PathBuf,
    /// What the search result and the gas per pubdata are multiplied by (zksync-era
    /// `estimate_gas_scale_factor`).
    #[arg(long, default_value_t = 1.3)]
    scale_factor: f64,
    /// The search stops once its bounds are this close, in gas (zksync-era
    /// `estimate_gas_acceptable_overestimation`).
    #[arg(long, default_value_t = 1_000)]
    acceptable_overestimation: u64,
    /// Use the optimised binary search (zksync-era `estimate_gas_optimize_search`).
    #[arg(long)]
    optimized_search: bool,
    /// Deploy a system contract the snapshot lacks, as ADDRESS=FILE (raw or hex bytecode);
    /// may be repeated.
    #[arg(long = "system-contract", value_name = "ADDRESS=FILE")]
    system_contracts: Vec<String>,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    json: bool,
}

fn fill_in(spec: &str) -> Result<(Address, Vec<u8>), CliError> {
    let usage = || CliError::Usage(format!("--system-contract {spec}: expected ADDRESS=FILE"));
    let (address, file) = spec.split_once('=').ok_or_else(usage)?;
    let address: Address = address.parse().map_err(|_| usage())?;
    Ok((address, read_hex_or_raw(std::path::Path::new(file))?))
}

fn estimate_json(e: &FeeEstimate, missing: usize) -> serde_json::Value {
    let steps: Vec<_> = e
        .steps
        .iter()
        .map(|s| json!({ "pivot": s.pivot, "gas_limit": s.gas_limit, "failed": s.failed }))
        .collect();
    json!({
        "gas_limit": e.fee.gas_limit.to_string(),
        "max_fee_per_gas": e.fee.max_fee_per_gas.to_string(),
        "max_priority_fee_per_gas": e.fee.max_priority_fee_per_gas.to_string(),
        "gas_per_pubdata_limit": e.fee.gas_per_pubdata_limit.to_string(),
        "base_fee": e.base_fee.to_string(),
        "gas_per_pubdata": e.gas_per_pubdata.to_string(),
        "overhead": e.overhead,
        "unscaled_gas_limit": e.unscaled_gas_limit,
        "suggested_gas_limit": e.suggested_gas_limit,
        "steps": steps,
        "missing_storage_slots": missing,
    })
}

/// Runs `zkstack fee estimate`. A transaction that cannot be estimated (it reverts or halts)
/// is reported on stderr with exit code 1.
pub fn run(args: &EstimateArgs) -> Result<ExitCode, CliError> {
    let text = read_input_file(&args.file)?;
    let dump = VmDump::from_json(&text).map_err(|e| CliError::input(&args.file, e.to_string()))?;
    let fill_ins =
        args.system_contracts.iter().map(|s| fill_in(s)).collect::<Result<Vec<_>, _>>()?;
    let d = dump_estimation(&dump, &fill_ins)
        .map_err(|e| CliError::input(&args.file, e.to_string()))?;
    let options = EstimateOptions {
        scale_factor: args.scale_factor,
        acceptable_overestimation: args.acceptable_overestimation,
        search: if args.optimized_search {
            BinarySearchKind::Optimized
        } else {
            BinarySearchKind::Full
        },
    };
    let result = d.estimator.estimate(&d.tx, &options);
    let missing = d.missing.borrow().len();
    if missing > 0 {
        eprintln!(
            "zkstack fee estimate: warning: the runs read {missing} slot(s) the snapshot lacks \
             (read as zero), first {:?}; a system contract's code can be given with --system-contract",
            d.missing.borrow().first()
        );
    }
    let estimate = match result {
        Ok(estimate) => estimate,
        Err(e @ (EstimateError::Reverted { .. } | EstimateError::Halted { .. })) => {
            eprintln!("zkstack fee estimate: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(CliError::Usage(e.to_string())),
    };
    if args.json {
        print_json(&estimate_json(&estimate, missing))?;
    } else {
        println!("gas_limit                 {}", estimate.fee.gas_limit);
        println!("max_fee_per_gas           {}", estimate.fee.max_fee_per_gas);
        println!("max_priority_fee_per_gas  {}", estimate.fee.max_priority_fee_per_gas);
        println!("gas_per_pubdata_limit     {}", estimate.fee.gas_per_pubdata_limit);
        println!(
            "({} runs; unscaled {} + overhead {})",
            estimate.steps.len() + 2,
            estimate.unscaled_gas_limit,
            estimate.overhead
        );
    }
    Ok(ExitCode::SUCCESS)
}
