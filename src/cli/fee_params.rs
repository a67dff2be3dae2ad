//! The L1→L2 fee parameters of a chain as command-line flags, shared by every subcommand that
//! prices a priority transaction (`zkstack fee base-cost`, `zkstack bridge deposit-tx`).

use zkstack::l1::mailbox::{BaseTokenMultiplier, FeeParams, PubdataPricingMode};

/// A chain's `FeeParams` and base-token price; the defaults are era-contracts' deploy config.
#[derive(Debug, clap::Args)]
pub struct ChainFeeArgs {
    /// Pubdata pricing of the chain: `rollup` or `validium`.
    #[arg(long, default_value = "rollup", value_parser = parse_pricing_mode)]
    pub pubdata_pricing: PubdataPricingMode,
    /// Fee parameter `batchOverheadL1Gas` (default: era-contracts' deploy config).
    #[arg(long, default_value_t = 1_000_000)]
    pub batch_overhead_l1_gas: u32,
    /// Fee parameter `maxPubdataPerBatch`.
    #[arg(long, default_value_t = 120_000)]
    pub max_pubdata_per_batch: u32,
    /// Fee parameter `maxL2GasPerBatch`.
    #[arg(long, default_value_t = 80_000_000)]
    pub max_l2_gas_per_batch: u32,
    /// Fee parameter `priorityTxMaxPubdata`.
    #[arg(long, default_value_t = 99_000)]
    pub priority_tx_max_pubdata: u32,
    /// Fee parameter `minimalL2GasPrice` (base-token wei).
    #[arg(long, default_value_t = 250_000_000)]
    pub minimal_l2_gas_price: u64,
    /// Base token price in ether: `baseTokenGasPriceMultiplierNominator`.
    #[arg(long, default_value_t = 1)]
    pub base_token_nominator: u128,
    /// `baseTokenGasPriceMultiplierDenominator`.
    #[arg(long, default_value_t = 1)]
    pub base_token_denominator: u128,
}

impl ChainFeeArgs {
    /// The Mailbox's `FeeParams` these flags describe.
    pub fn fee_params(&self) -> FeeParams {
        FeeParams {
            pubdata_pricing_mode: self.pubdata_pricing,
            batch_overhead_l1_gas: self.batch_overhead_l1_gas,
            max_pubdata_per_batch: self.max_pubdata_per_batch,
            max_l2_gas_per_batch: self.max_l2_gas_per_batch,
            priority_tx_max_pubdata: self.priority_tx_max_pubdata,
            minimal_l2_gas_price: self.minimal_l2_gas_price,
        }
    }

    /// The base token's price in ether.
    pub fn multiplier(&self) -> BaseTokenMultiplier {
        BaseTokenMultiplier {
            nominator: self.base_token_nominator,
            denominator: self.base_token_denominator,
        }
    }
}

fn parse_pricing_mode(s: &str) -> Result<PubdataPricingMode, String> {
    match s {
        "rollup" => Ok(PubdataPricingMode::Rollup),
        "validium" => Ok(PubdataPricingMode::Validium),
        _ => Err(format!("`{s}` is neither `rollup` nor `validium`")),
    }
}
