//! The batch's base fee and L2 gas per pubdata byte, as the bootloader derives them from the fee
//! input (bootloader `getFeeParams`; zksync-era multivm `derive_base_fee_and_gas_per_pubdata`).

use super::{
    BatchFeeInput, FeeError, PubdataIndependentBatchFeeModelInput,
    constants::{
        MAX_L2_GAS_PER_PUBDATA, MAX_L2_GAS_PER_PUBDATA_1_4_0, MAX_L2_GAS_PER_PUBDATA_1_4_1,
    },
};
use crate::l1::ProtocolVersionId;

/// The two prices every L2 transaction of a batch is charged with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BaseFeeAndGasPerPubdata {
    /// The batch's base fee (gas price), in base-token wei per gas.
    pub base_fee: u64,
    /// L2 gas charged per byte of pubdata.
    pub gas_per_pubdata: u64,
}

/// The most L2 gas per pubdata byte a batch of protocol `version` may charge (the base fee is
/// raised until the pubdata price fits under it): 50 000 from VM 1.5.0 (version 23), 32 000 for
/// VM 1.4.1/1.4.2 (20–22), 20 000 for VM 1.4.0 (18–19). Earlier versions are not supported.
pub const fn max_gas_per_pubdata_byte(version: ProtocolVersionId) -> Result<u64, FeeError> {
    if version.is_pre_boojum() {
        Err(FeeError::UnsupportedVersion(version.minor()))
    } else if version.is_pre_1_4_1() {
        Ok(MAX_L2_GAS_PER_PUBDATA_1_4_0)
    } else if version.is_pre_1_5_0() {
        Ok(MAX_L2_GAS_PER_PUBDATA_1_4_1)
    } else {
        Ok(MAX_L2_GAS_PER_PUBDATA)
    }
}

/// `⌈x / y⌉`, 0 when either is 0 — the bootloader's `ceilDiv`.
const fn ceil_div_or_zero(x: u64, y: u64) -> u64 {
    if x == 0 || y == 0 { 0 } else { (x - 1) / y + 1 }
}

/// L2 gas per pubdata byte under a given base fee: `⌈pubdata_price / base_fee⌉`, 0 if either is
/// 0 (bootloader `gasPerPubdataFromBaseFee`; the playground batch uses it with the operator's
/// base fee).
pub const fn gas_per_pubdata_from_base_fee(base_fee: u64, fair_pubdata_price: u64) -> u64 {
    ceil_div_or_zero(fair_pubdata_price, base_fee)
}

/// Base fee and gas per pubdata from a V2 input with an explicit per-pubdata cap (bootloader
/// `getFeeParams` with `MAX_L2_GAS_PER_PUBDATA() = max_gas_per_pubdata`):
///
/// - `base_fee = max(fair_l2_gas_price, ⌈fair_pubdata_price / max_gas_per_pubdata⌉)`, so a
///   transaction can always publish pubdata at no more than the cap;
/// - `gas_per_pubdata = ⌈fair_pubdata_price / base_fee⌉` (0 if the pubdata price is 0).
///
/// Never fails: `base_fee` is 0 only when both prices are 0.
pub const fn base_fee_and_gas_per_pubdata_with_cap(
    input: PubdataIndependentBatchFeeModelInput,
    max_gas_per_pubdata: u64,
) -> BaseFeeAndGasPerPubdata {
    let for_pubdata = ceil_div_or_zero(input.fair_pubdata_price, max_gas_per_pubdata);
    let base_fee =
        if input.fair_l2_gas_price > for_pubdata { input.fair_l2_gas_price } else { for_pubdata };
    BaseFeeAndGasPerPubdata {
        base_fee,
        gas_per_pubdata: gas_per_pubdata_from_base_fee(base_fee, input.fair_pubdata_price),
    }
}

/// Base fee and gas per pubdata for a batch of protocol `version` (zksync-era multivm
/// `derive_base_fee_and_gas_per_pubdata`).
///
/// From version 20 (VM 1.4.1) the input is taken as V2 (a V1 input gets pubdata price
/// `17 · l1_gas_price`); for versions 18–19 (VM 1.4.0) it must be V1 and its implied pubdata
/// price is used, which is the same formula. The cap is [`max_gas_per_pubdata_byte`].
///
/// ```
/// use zkstack_bootloader::fee::{BatchFeeInput, derive_base_fee_and_gas_per_pubdata};
/// use zkstack_bootloader::l1::ProtocolVersionId;
///
/// // Pubdata at 10^12 wei/byte needs a base fee of at least ⌈10^12 / 50 000⌉ = 2·10^7.
/// let input = BatchFeeInput::pubdata_independent(0, 1_000_000, 1_000_000_000_000);
/// let fees = derive_base_fee_and_gas_per_pubdata(input, ProtocolVersionId::LATEST)?;
/// assert_eq!((fees.base_fee, fees.gas_per_pubdata), (20_000_000, 50_000));
/// # Ok::<(), zkstack_bootloader::fee::FeeError>(())
/// ```
pub fn derive_base_fee_and_gas_per_pubdata(
    input: BatchFeeInput,
    version: ProtocolVersionId,
) -> Result<BaseFeeAndGasPerPubdata, FeeError> {
    let cap = max_gas_per_pubdata_byte(version)?;
    let input = if version.is_pre_1_4_1() {
        BatchFeeInput::L1Pegged(input.into_l1_pegged()?).into_pubdata_independent()?
    } else {
        input.into_pubdata_independent()?
    };
    Ok(base_fee_and_gas_per_pubdata_with_cap(input, cap))
}

/// The base fee of a batch: the enforced one if the batch has it (`eth_call` / estimation
/// batches), else the derived one (zksync-era multivm `get_batch_base_fee`).
pub fn batch_base_fee(
    input: BatchFeeInput,
    enforced_base_fee: Option<u64>,
    version: ProtocolVersionId,
) -> Result<u64, FeeError> {
    match enforced_base_fee {
        Some(base_fee) => Ok(base_fee),
        None => Ok(derive_base_fee_and_gas_per_pubdata(input, version)?.base_fee),
    }
}
