//! The ZK Stack fee model: from L1 prices to the batch fee input, from the fee input to the base
//! fee and gas per pubdata the bootloader charges, and the per-transaction overhead and intrinsic
//! costs.
//!
//! The pipeline, with the zksync-era / era-contracts code each step follows:
//!
//! 1. [`effective_l1_gas_price`], [`l1_pubdata_price`]: the node's L1 prices for calldata, blobs,
//!    custom DA and validium (`core/node/fee_model`, gas adjuster).
//! 2. [`FeeParams`] (the `zks_getFeeParams` JSON) → [`FeeParams::scale`] →
//!    [`BatchFeeInput`]: fair L2 gas price and fair pubdata price with the batch overhead shares,
//!    base-token conversion and the server's price clipping (`core/lib/types/src/fee_model.rs`).
//! 3. [`derive_base_fee_and_gas_per_pubdata`]: the bootloader's `getFeeParams` (multivm
//!    `derive_base_fee_and_gas_per_pubdata`), per protocol version from 18 on.
//! 4. [`derive_overhead`], [`gas_limit_for_tx`], [`IntrinsicCost`]: what a transaction pays
//!    before it runs (bootloader `getGasLimitForTx`, multivm `derive_overhead`).
//! 5. [`estimate`]: the VM-free parts of gas estimation; [`estimator`]: the whole estimate,
//!    running the transaction through the real bootloader ([`estimator::FeeEstimator`]).
//! 6. L1→L2 costs are [`crate::l1::mailbox`]'s, re-exported in [`l1_to_l2`].
//!
//! All prices are `u64` (wei or base-token units), as in the reference; every step that could
//! overflow or divide by zero is checked and returns [`FeeError`] where the reference would panic.
//! Floating-point scale factors go through [`scale_u64`], bit-for-bit the reference's casts.

mod base_fee;
mod config;
pub mod constants;
mod error;
pub mod estimate;
pub mod estimator;
mod input;
mod l1_price;
pub mod l1_to_l2;
mod limits;
mod overhead;
mod params;
mod ratio;
mod scale;

pub use base_fee::{
    BaseFeeAndGasPerPubdata, base_fee_and_gas_per_pubdata_with_cap, batch_base_fee,
    derive_base_fee_and_gas_per_pubdata, gas_per_pubdata_from_base_fee, max_gas_per_pubdata_byte,
};
pub use config::{FeeModelConfig, FeeModelConfigV1, FeeModelConfigV2};
pub use error::FeeError;
pub use estimate::{Fee, adjust_pubdata_price_for_tx};
pub use estimator::{EstimateError, EstimateOptions, EstimateTx, FeeEstimate, FeeEstimator};
pub use input::{BatchFeeInput, L1PeggedBatchFeeModelInput, PubdataIndependentBatchFeeModelInput};
pub use l1_price::{
    L1BatchCommitmentMode, L1PricingConfig, PubdataPriceSource, effective_l1_gas_price,
    l1_pubdata_price,
};
pub use limits::{clip_batch_fee_model_input_v2, validate_operator_provided_prices};
pub use overhead::{
    GasLimitForTx, IntrinsicCost, TxGasInputs, derive_overhead, encoding_len_words,
    gas_limit_for_tx, transaction_upfront_overhead, trusted_gas_limit,
};
pub use params::{
    FeeParams, FeeParamsV1, FeeParamsV2, compute_batch_fee_model_input_v1,
    compute_batch_fee_model_input_v2,
};
pub use ratio::{BaseTokenConversionRatio, ConversionRatio};
pub use scale::scale_u64;
