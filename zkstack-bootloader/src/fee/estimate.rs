//! The pure steps of zksync-era's gas estimation (`core/node/api_server/src/tx_sender/
//! gas_estimation.rs`, multivm `adjust_pubdata_price_for_tx`). Running the transaction in the VM
//! at each step is the caller's part: [`GasSearch`] says which gas limit to try next and takes
//! back whether the run failed.

use std::ops::RangeInclusive;

use alloy_primitives::U256;
use serde::{Deserialize, Serialize};

use super::{
    BaseFeeAndGasPerPubdata, BatchFeeInput, FeeError, L1PeggedBatchFeeModelInput,
    PubdataIndependentBatchFeeModelInput, constants::MAX_L2_TX_GAS_LIMIT,
    derive_base_fee_and_gas_per_pubdata, max_gas_per_pubdata_byte, scale_u64,
};
use crate::l1::ProtocolVersionId;

/// `value` as `u64`, or the named overflow (the reference's `U256::as_u64` panics).
fn to_u64(value: U256, what: &'static str) -> Result<u64, FeeError> {
    u64::try_from(value).map_err(|_| FeeError::Overflow(what))
}

/// Lowers the fee input so the batch's gas per pubdata is at most the transaction's
/// `gasPerPubdataByteLimit` (capped at [`max_gas_per_pubdata_byte`]) and its base fee at most
/// `max_base_fee` (zksync-era multivm `adjust_pubdata_price_for_tx`; `None` means no cap).
///
/// If both already hold the input is returned unchanged. Otherwise the fair L2 gas price is cut
/// to `max_base_fee` and the pubdata price (V2) or L1 gas price (V1) is set so that the derived
/// gas per pubdata does not exceed the target:
/// V2 `fair_pubdata_price = fair_l2_gas_price · (min(limit, current) − 1)`,
/// V1 `l1_gas_price = fair_l2_gas_price · (limit − 1) / 17` (`−1` saturating at 0).
pub fn adjust_pubdata_price_for_tx(
    input: BatchFeeInput,
    tx_gas_per_pubdata_limit: U256,
    max_base_fee: Option<U256>,
    version: ProtocolVersionId,
) -> Result<BatchFeeInput, FeeError> {
    let max_base_fee = max_base_fee.unwrap_or(U256::MAX);
    let bounded_limit =
        tx_gas_per_pubdata_limit.min(U256::from(max_gas_per_pubdata_byte(version)?));
    let current = derive_base_fee_and_gas_per_pubdata(input, version)?;
    if U256::from(current.gas_per_pubdata) <= bounded_limit
        && U256::from(current.base_fee) <= max_base_fee
    {
        return Ok(input);
    }
    let cut = |fair_l2_gas_price: u64| U256::from(fair_l2_gas_price).min(max_base_fee);
    Ok(match input {
        BatchFeeInput::L1Pegged(input) => {
            let fair_l2_gas_price = cut(input.fair_l2_gas_price);
            let l1_gas_price = fair_l2_gas_price
                .checked_mul(bounded_limit.saturating_sub(U256::from(1u8)))
                .ok_or(FeeError::Overflow("adjusted L1 gas price"))?
                / U256::from(17u8);
            BatchFeeInput::L1Pegged(L1PeggedBatchFeeModelInput {
                fair_l2_gas_price: to_u64(fair_l2_gas_price, "adjusted fair L2 gas price")?,
                l1_gas_price: to_u64(l1_gas_price, "adjusted L1 gas price")?,
            })
        }
        BatchFeeInput::PubdataIndependent(input) => {
            let fair_l2_gas_price = cut(input.fair_l2_gas_price);
            let desired = bounded_limit.min(U256::from(current.gas_per_pubdata));
            let fair_pubdata_price = fair_l2_gas_price
                .checked_mul(desired.saturating_sub(U256::from(1u8)))
                .ok_or(FeeError::Overflow("adjusted fair pubdata price"))?;
            BatchFeeInput::PubdataIndependent(PubdataIndependentBatchFeeModelInput {
                fair_l2_gas_price: to_u64(fair_l2_gas_price, "adjusted fair L2 gas price")?,
                fair_pubdata_price: to_u64(fair_pubdata_price, "adjusted fair pubdata price")?,
                l1_gas_price: input.l1_gas_price,
            })
        }
    })
}

/// Gas a transaction is charged for the pubdata it published: `pubdata_published ·
/// gas_per_pubdata` (the estimator's `gas_charged_for_pubdata`).
pub fn gas_charged_for_pubdata(
    pubdata_published: u32,
    gas_per_pubdata: u64,
) -> Result<u64, FeeError> {
    u64::from(pubdata_published)
        .checked_mul(gas_per_pubdata)
        .ok_or(FeeError::Overflow("gas charged for pubdata"))
}

/// What the first, unlimited run of the transaction tells the search (zksync-era
/// `InitialGasEstimate`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct InitialGasEstimate {
    /// Gas limit minus refund of the first run; `None` for L1 transactions or bogus refunds.
    pub total_gas_charged: Option<u64>,
    /// Computational gas of the first run; `None` for L1 transactions.
    pub computational_gas_used: Option<u64>,
    /// The operator overhead at the batch gas limit ([`super::derive_overhead`]).
    pub operator_overhead: u64,
    /// [`gas_charged_for_pubdata`] of the first run (0 for L1 transactions).
    pub gas_charged_for_pubdata: u64,
}

impl InitialGasEstimate {
    /// A gas limit (overhead excluded) below the smallest passing one but close to it:
    /// `min(computational + pubdata, charged − max(charged / 64, 1000))` minus the overhead;
    /// `Ok(None)` when the parts are unknown or the overhead does not fit.
    pub fn lower_gas_bound_without_overhead(&self) -> Result<Option<u64>, FeeError> {
        let Some(computational) = self.computational_gas_used else { return Ok(None) };
        let mut bound = computational
            .checked_add(self.gas_charged_for_pubdata)
            .ok_or(FeeError::Overflow("gas lower bound"))?;
        if let Some(charged) = self.total_gas_charged {
            let margin = (charged / 64).max(1_000);
            bound = bound.min(charged.saturating_sub(margin));
        }
        Ok(bound.checked_sub(self.operator_overhead))
    }

    /// A gas limit (overhead excluded) enough for most transactions: `(charged − overhead) ·
    /// 21 / 20`, the optimised search's first pivot.
    pub fn optimistic_gas_limit_without_overhead(&self) -> Result<Option<u64>, FeeError> {
        let Some(charged) = self.total_gas_charged else { return Ok(None) };
        let Some(without_overhead) = charged.checked_sub(self.operator_overhead) else {
            return Ok(None);
        };
        without_overhead
            .checked_mul(21)
            .map(|limit| Some(limit / 20))
            .ok_or(FeeError::Overflow("optimistic gas limit"))
    }
}

/// Which binary search to run (zksync-era `BinarySearchKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinarySearchKind {
    /// Between the pubdata charge and 80 M gas above it.
    Full,
    /// From [`InitialGasEstimate::lower_gas_bound_without_overhead`], trying
    /// [`InitialGasEstimate::optimistic_gas_limit_without_overhead`] first.
    Optimized,
}

/// The binary search over gas limits (overhead excluded) of zksync-era `TxSender::binary_search`,
/// without the VM: ask [`GasSearch::next_pivot`] which limit to run, report the outcome with
/// [`GasSearch::record`], and when there is no next pivot [`GasSearch::result`] is the estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GasSearch {
    lower: u64,
    upper: u64,
    initial_pivot: Option<u64>,
    acceptable_overestimation: u64,
}

impl GasSearch {
    /// The search of `kind` for a transaction with `estimate`; it stops once the bounds are within
    /// `acceptable_overestimation`.
    pub fn new(
        kind: BinarySearchKind,
        estimate: &InitialGasEstimate,
        acceptable_overestimation: u64,
    ) -> Result<Self, FeeError> {
        let (bounds, initial_pivot) = Self::bounds(kind, estimate)?;
        Ok(Self {
            lower: *bounds.start(),
            upper: *bounds.end(),
            initial_pivot,
            acceptable_overestimation,
        })
    }

    /// The initial bounds and first pivot for `kind`: `[pubdata, 80 000 000 + pubdata]` for a full
    /// search; the optimised one starts at the lower bound if known and tries the optimistic limit
    /// first if it lies below the plain midpoint.
    pub fn bounds(
        kind: BinarySearchKind,
        estimate: &InitialGasEstimate,
    ) -> Result<(RangeInclusive<u64>, Option<u64>), FeeError> {
        let pubdata = estimate.gas_charged_for_pubdata;
        let upper = MAX_L2_TX_GAS_LIMIT
            .checked_add(pubdata)
            .ok_or(FeeError::Overflow("gas search upper bound"))?;
        match kind {
            BinarySearchKind::Full => Ok((pubdata..=upper, None)),
            BinarySearchKind::Optimized => {
                let lower = estimate.lower_gas_bound_without_overhead()?.unwrap_or(pubdata);
                let midpoint = midpoint(lower, upper);
                let pivot =
                    estimate.optimistic_gas_limit_without_overhead()?.filter(|gas| *gas < midpoint);
                Ok((lower..=upper, pivot))
            }
        }
    }

    /// The next gas limit to run, or `None` when the search is over.
    pub fn next_pivot(&self) -> Option<u64> {
        if let Some(pivot) = self.initial_pivot {
            return Some(pivot);
        }
        (self.lower.saturating_add(self.acceptable_overestimation) < self.upper)
            .then(|| midpoint(self.lower, self.upper))
    }

    /// Records the outcome of running at `pivot`: a failure raises the lower bound past it, a
    /// success lowers the upper bound to it.
    pub fn record(&mut self, pivot: u64, failed: bool) {
        self.initial_pivot = None;
        if failed {
            self.lower = pivot.saturating_add(1);
        } else {
            self.upper = pivot;
        }
    }

    /// The current bounds.
    pub fn range(&self) -> RangeInclusive<u64> {
        self.lower..=self.upper
    }

    /// The estimate: the upper bound.
    pub fn result(&self) -> u64 {
        self.upper
    }
}

/// `⌊(a + b) / 2⌋` without overflow (equal to the reference's for its `u64` range).
fn midpoint(a: u64, b: u64) -> u64 {
    u64::midpoint(a, b)
}

/// The gas limit a search step runs with: limit plus overhead, at most `max_batch_gas_limit`
/// (the estimator's `step`).
pub fn step_gas_limit(tx_gas_limit: u64, overhead: u32, max_batch_gas_limit: u64) -> u64 {
    tx_gas_limit.saturating_add(u64::from(overhead)).min(max_batch_gas_limit)
}

/// The fee a transaction should be sent with (zksync-era `zksync_types::fee::Fee`; serde field
/// names and hex quantities are the reference's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fee {
    /// Gas limit, overhead included.
    pub gas_limit: U256,
    /// `maxFeePerGas`: the batch's base fee.
    pub max_fee_per_gas: U256,
    /// `maxPriorityFeePerGas`: always 0 from the estimator.
    pub max_priority_fee_per_gas: U256,
    /// The gas per pubdata byte the sender agrees to.
    pub gas_per_pubdata_limit: U256,
}

/// The estimator's final step (`finalize`), given the unscaled search result:
///
/// - `suggested = scale(unscaled, factor)` and `gas_limit = suggested + overhead`, which must not
///   exceed `max_gas_limit` ([`FeeError::ExceedsBatchGasLimit`]);
/// - `gas_per_pubdata_limit = min(scale(gas_per_pubdata, factor), tx_gas_per_pubdata_limit)`;
/// - `max_fee_per_gas` is the base fee and the priority fee 0.
///
/// `overhead_for` is the overhead at a gas limit ([`super::derive_overhead`] from VM 1.4.1 on
/// ignores it). Returns the suggested limit (before overhead) with the fee.
pub fn finalize_fee(
    unscaled_gas_limit: u64,
    estimated_fee_scale_factor: f64,
    overhead_for: impl Fn(u64) -> Result<u32, FeeError>,
    fees: BaseFeeAndGasPerPubdata,
    tx_gas_per_pubdata_limit: U256,
    max_gas_limit: u64,
) -> Result<(u64, Fee), FeeError> {
    let suggested = scale_u64(unscaled_gas_limit, estimated_fee_scale_factor);
    let overhead = overhead_for(suggested)?;
    let gas_limit = suggested
        .checked_add(u64::from(overhead))
        .filter(|limit| *limit <= max_gas_limit)
        .ok_or(FeeError::ExceedsBatchGasLimit)?;
    let gas_per_pubdata_limit =
        U256::from(scale_u64(fees.gas_per_pubdata, estimated_fee_scale_factor))
            .min(tx_gas_per_pubdata_limit);
    Ok((
        suggested,
        Fee {
            gas_limit: U256::from(gas_limit),
            max_fee_per_gas: U256::from(fees.base_fee),
            max_priority_fee_per_gas: U256::ZERO,
            gas_per_pubdata_limit,
        },
    ))
}
