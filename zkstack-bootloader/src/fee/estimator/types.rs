//! What an estimate takes and gives.

use crate::fee::Fee;
use crate::fee::estimate::{BinarySearchKind, InitialGasEstimate};
use crate::tx::BootloaderTransaction;

/// How to estimate. The default is zksync-era's `eth_estimateGas` configuration
/// (`Web3JsonRpcConfig` in `core/lib/config/src/configs/api.rs`): scale factor 1.3, acceptable
/// overestimation 1 000 gas, the full binary search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EstimateOptions {
    /// What the search result and the gas per pubdata are multiplied by
    /// (`estimated_fee_scale_factor`).
    pub scale_factor: f64,
    /// The search stops once its bounds are this close (`acceptable_overestimation`).
    pub acceptable_overestimation: u64,
    /// Full or optimised search (`estimate_gas_optimize_search`).
    pub search: BinarySearchKind,
}

impl Default for EstimateOptions {
    fn default() -> Self {
        EstimateOptions {
            scale_factor: 1.3,
            acceptable_overestimation: 1_000,
            search: BinarySearchKind::Full,
        }
    }
}

/// The transaction to estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EstimateTx {
    /// The bootloader struct; its gas limit and (L2) fee fields are replaced while estimating.
    pub tx: BootloaderTransaction,
    /// The bytecodes it ships.
    pub factory_deps: Vec<Vec<u8>>,
    /// A priority or upgrade transaction.
    pub is_l1: bool,
}

/// One run of the search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SearchStep {
    /// The gas limit searched (overhead excluded).
    pub pivot: u64,
    /// The gas limit the transaction ran with (pivot + overhead, capped).
    pub gas_limit: u64,
    /// Whether the run reverted or halted.
    pub failed: bool,
}

/// An estimate and how it was found.
#[derive(Clone, Debug, PartialEq)]
pub struct FeeEstimate {
    /// What to send the transaction with.
    pub fee: Fee,
    /// The base fee of the adjusted fee input.
    pub base_fee: u64,
    /// The gas per pubdata byte of the adjusted fee input.
    pub gas_per_pubdata: u64,
    /// The operator overhead added to the gas limit.
    pub overhead: u32,
    /// What the first, unlimited run said.
    pub initial: InitialGasEstimate,
    /// The search's result (overhead excluded, unscaled).
    pub unscaled_gas_limit: u64,
    /// The scaled result (overhead excluded) the final run used.
    pub suggested_gas_limit: u64,
    /// The search's runs, in order.
    pub steps: Vec<SearchStep>,
}
