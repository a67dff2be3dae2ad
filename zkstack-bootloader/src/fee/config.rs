//! The operator's fee-model configuration (zksync-era `FeeModelConfig`).

use serde::{Deserialize, Serialize};

/// Configuration of the first fee model: pubdata is pegged to the L1 gas price and neither price
/// includes the cost of closing the batch (zksync-era `FeeModelConfigV1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeeModelConfigV1 {
    /// The minimal acceptable L2 gas price (compute/proving cost plus any congestion premium);
    /// used as the fair L2 gas price as is.
    pub minimal_l2_gas_price: u64,
}

/// Configuration of the second fee model, where both prices include a share of the batch
/// overhead (zksync-era `FeeModelConfigV2`; the serde field order is the reference's).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeeModelConfigV2 {
    /// The minimal acceptable L2 gas price, in wei (converted to the base token when used).
    pub minimal_l2_gas_price: u64,
    /// How likely batches are sealed for running out of compute, normally in `[0, 1]`: the share
    /// of the batch overhead each unit of gas carries.
    pub compute_overhead_part: f64,
    /// How likely batches are sealed for running out of pubdata, normally in `[0, 1]`: the share
    /// of the batch overhead each pubdata byte carries.
    pub pubdata_overhead_part: f64,
    /// L1 gas spent on a batch regardless of its content (proof verification, etc.).
    pub batch_overhead_l1_gas: u64,
    /// Most gas a batch can use (circuit limits).
    pub max_gas_per_batch: u64,
    /// Most pubdata a batch can publish (at most 128 KiB when pubdata goes in calldata).
    pub max_pubdata_per_batch: u64,
}

/// Which fee model the operator runs (zksync-era `FeeModelConfig`, externally tagged in serde).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum FeeModelConfig {
    /// The first model (before VM 1.4.1).
    V1(FeeModelConfigV1),
    /// The second model.
    V2(FeeModelConfigV2),
}

impl Default for FeeModelConfig {
    /// V1 with a minimal L2 gas price of 0.1 gwei (the reference's default; an all-zero config
    /// would divide by zero).
    fn default() -> Self {
        Self::V1(FeeModelConfigV1 { minimal_l2_gas_price: 100_000_000 })
    }
}
