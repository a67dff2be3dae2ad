//! Why a gas estimate has no answer (zksync-era `SubmitTxError`, the variants estimation returns).

use alloy_primitives::{Bytes, U256};

use crate::executor::ExecutorError;
use crate::fee::FeeError;

/// A fee estimation that failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EstimateError {
    /// The transaction reverts even with the batch's whole gas limit, or at the final estimate
    /// (zksync-era `SubmitTxError::ExecutionReverted`); `reason` is the decoded revert reason
    /// (`Error(string)`, `Panic(uint256)` or UTF-8 text), else the hex of `data`; "no revert
    /// data" when it is empty.
    #[error("execution reverted: {reason}")]
    Reverted {
        /// The revert reason, readable.
        reason: String,
        /// The raw revert data.
        data: Bytes,
    },
    /// The bootloader rejected the transaction (validation failed, fee not paid, …): the halt
    /// code named by [`crate::executor::halt_reason`], with the failing call's data.
    #[error("transaction halted: {reason}")]
    Halted {
        /// The bootloader error code's name, or the hex of `data` if it has none.
        reason: String,
        /// The bootloader's revert data (code byte first).
        data: Bytes,
    },
    /// The sender is an account without code whose balance is below the value it sends
    /// (zksync-era `SubmitTxError::NotEnoughBalanceForFeeValue`, checked before any run).
    #[error("sender balance {balance} is below the value {value} it sends")]
    InsufficientBalance {
        /// The sender's balance.
        balance: U256,
        /// The transaction's value.
        value: U256,
    },
    /// `gas_limit · max_fee_per_gas + value` of an L1 transaction overflows (zksync-era
    /// `SubmitTxError::MintedAmountOverflow`).
    #[error("the amount to mint overflows")]
    MintedAmountOverflow,
    /// The transaction's nonce does not fit NonceHolder's 128-bit field.
    #[error("nonce {0} does not fit 128 bits")]
    NonceTooBig(U256),
    /// A fee-model step failed (including "exceeds block gas limit").
    #[error(transparent)]
    Fee(#[from] FeeError),
    /// The batch executor could not run the transaction.
    #[error(transparent)]
    Executor(#[from] ExecutorError),
}
