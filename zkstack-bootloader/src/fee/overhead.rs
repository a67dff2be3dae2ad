//! The batch overhead a transaction pays up front, and the gas the bootloader leaves it
//! (bootloader `getTransactionUpfrontOverhead`, `getGasLimitForTx`; zksync-era multivm
//! `derive_overhead` and `zksync_types::fee::encoding_len`).

use alloy_primitives::U256;

use super::{
    FeeError,
    constants::{
        L1_TX_INTRINSIC_L2_GAS, L1_TX_INTRINSIC_PUBDATA, L2_TX_INTRINSIC_GAS,
        L2_TX_INTRINSIC_PUBDATA, MAX_GAS_PER_TRANSACTION, TX_MAX_COMPUTE_GAS_LIMIT,
    },
};
use crate::l1::{ProtocolVersionId, mailbox::overhead_for_transaction};

/// Words (not bytes) of the bootloader `Transaction` ABI encoding, leading offset word included,
/// for the given dynamic-field lengths in bytes (`factory_deps` counts hashes): 25 fixed words
/// (1 offset + 19 head + 5 lengths) plus each `bytes` field rounded up to words plus one word
/// per factory dependency (zksync-era `zksync_types::fee::encoding_len`).
pub fn encoding_len_words(
    data_len: u64,
    signature_len: u64,
    factory_deps: u64,
    paymaster_input_len: u64,
    reserved_dynamic_len: u64,
) -> Result<u64, FeeError> {
    const FIXED_WORDS: u64 = 1 + 19 + 5;
    [data_len.div_ceil(32), signature_len.div_ceil(32), paymaster_input_len.div_ceil(32)]
        .into_iter()
        .chain([reserved_dynamic_len.div_ceil(32), factory_deps])
        .try_fold(FIXED_WORDS, u64::checked_add)
        .ok_or(FeeError::Overflow("transaction encoding length"))
}

/// The bootloader's required up-front overhead for a transaction whose ABI encoding is
/// `encoding_len` bytes: `max(10 · encoding_len, 10 000)` (bootloader
/// `getTransactionUpfrontOverhead`; the Mailbox's `getOverheadForTransaction`, implemented in
/// [`crate::l1::mailbox::overhead_for_transaction`] and used from there, is the same rule).
pub fn transaction_upfront_overhead(encoding_len: usize) -> U256 {
    overhead_for_transaction(encoding_len)
}

/// The overhead the operator charges a transaction from VM 1.4.1 (protocol version 20) on:
/// `max(10 000, 10 · encoded_len)` with `encoded_len` in 32-byte **words**
/// ([`encoding_len_words`]) — zksync-era multivm `derive_overhead` for VM 1.4.1, 1.4.2 and
/// latest. Because the bootloader measures bytes, this never exceeds
/// [`transaction_upfront_overhead`], which is what the bootloader requires.
///
/// The older gas-limit-dependent rule (`get_amortized_overhead`, before version 20) is not
/// implemented: [`FeeError::UnsupportedOverheadVersion`]. A result above `u32::MAX` (the
/// reference's type) is [`FeeError::Overflow`].
pub fn derive_overhead(
    encoded_len_words: u64,
    version: ProtocolVersionId,
) -> Result<u32, FeeError> {
    if version.is_pre_1_4_1() {
        return Err(FeeError::UnsupportedOverheadVersion(version.minor()));
    }
    let words = usize::try_from(encoded_len_words).map_err(|_| FeeError::Overflow("overhead"))?;
    u32::try_from(overhead_for_transaction(words)).map_err(|_| FeeError::Overflow("overhead"))
}

/// The operator's trusted gas limit for a transaction: its gas limit, but at most
/// [`TX_MAX_COMPUTE_GAS_LIMIT`] (zksync-era vm_latest `TransactionData::trusted_ergs_limit`).
pub fn trusted_gas_limit(gas_limit: U256) -> U256 {
    gas_limit.min(U256::from(TX_MAX_COMPUTE_GAS_LIMIT))
}

/// The intrinsic cost the bootloader deducts before running a transaction: `gas` plus `pubdata`
/// bytes at the batch's gas per pubdata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IntrinsicCost {
    /// Computational L2 gas.
    pub gas: u64,
    /// Pubdata bytes.
    pub pubdata: u64,
}

impl IntrinsicCost {
    /// L1→L2 (priority and upgrade) transactions: bootloader `processL1Tx` passes
    /// `L1_TX_INTRINSIC_L2_GAS` (167 157) and `L1_TX_INTRINSIC_PUBDATA` (88).
    pub const L1_TX: Self = Self { gas: L1_TX_INTRINSIC_L2_GAS, pubdata: L1_TX_INTRINSIC_PUBDATA };
    /// L2 transactions: bootloader `processL2Tx` passes `L2_TX_INTRINSIC_GAS` (14 070) and
    /// `L2_TX_INTRINSIC_PUBDATA` (0).
    pub const L2_TX: Self = Self { gas: L2_TX_INTRINSIC_GAS, pubdata: L2_TX_INTRINSIC_PUBDATA };

    /// `gas + pubdata · gas_per_pubdata`, with the bootloader's checked (`safeAdd`/`safeMul`)
    /// arithmetic.
    pub fn total(self, gas_per_pubdata: U256) -> Result<U256, FeeError> {
        U256::from(self.pubdata)
            .checked_mul(gas_per_pubdata)
            .and_then(|pubdata| pubdata.checked_add(U256::from(self.gas)))
            .ok_or(FeeError::Overflow("intrinsic overhead"))
    }
}

/// What the bootloader's `getGasLimitForTx` reads for one transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxGasInputs {
    /// The transaction's `gasLimit`.
    pub total_gas_limit: U256,
    /// The operator's trusted gas limit for it (bootloader memory; see [`trusted_gas_limit`]).
    pub operator_trusted_gas_limit: U256,
    /// The overhead the operator asks for (bootloader memory; see [`derive_overhead`]).
    pub operator_overhead: U256,
    /// Bytes of the transaction's ABI encoding, leading offset word included
    /// (`32 + getDataLength`).
    pub encoding_len: usize,
    /// The intrinsic cost of the transaction kind.
    pub intrinsic: IntrinsicCost,
    /// The batch's gas per pubdata byte.
    pub gas_per_pubdata: U256,
}

/// The gas a transaction gets and the gas held back from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GasLimitForTx {
    /// Gas available to validation and execution.
    pub gas_limit_for_tx: U256,
    /// Gas beyond the trusted limit, refunded at the end and never usable.
    pub reserved_gas: U256,
}

/// The bootloader's `getGasLimitForTx` (with `getVerifiedOperatorOverheadForTx`):
///
/// 1. the limit is cut to `max(MAX_GAS_PER_TRANSACTION, operator_trusted_gas_limit)`; the excess
///    is `reserved_gas`;
/// 2. the operator's overhead must not exceed the cut limit ([`FeeError::OverheadHigherThanGasLimit`])
///    nor [`transaction_upfront_overhead`] ([`FeeError::OperatorOverheadTooHigh`]), and is
///    subtracted;
/// 3. the intrinsic cost is subtracted, leaving 0 if it does not fit.
pub fn gas_limit_for_tx(inputs: &TxGasInputs) -> Result<GasLimitForTx, FeeError> {
    let trusted = inputs.operator_trusted_gas_limit.max(U256::from(MAX_GAS_PER_TRANSACTION));
    let (total, reserved_gas) = if inputs.total_gas_limit > trusted {
        (trusted, inputs.total_gas_limit - trusted)
    } else {
        (inputs.total_gas_limit, U256::ZERO)
    };

    if inputs.operator_overhead > total {
        return Err(FeeError::OverheadHigherThanGasLimit {
            overhead: inputs.operator_overhead,
            gas_limit: total,
        });
    }
    let required = transaction_upfront_overhead(inputs.encoding_len);
    if required < inputs.operator_overhead {
        return Err(FeeError::OperatorOverheadTooHigh {
            operator: inputs.operator_overhead,
            required,
        });
    }
    let after_overhead = total - inputs.operator_overhead;
    let intrinsic = inputs.intrinsic.total(inputs.gas_per_pubdata)?;
    Ok(GasLimitForTx { gas_limit_for_tx: after_overhead.saturating_sub(intrinsic), reserved_gas })
}
