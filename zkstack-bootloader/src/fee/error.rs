//! Why a fee computation has no answer.

use alloy_primitives::U256;

/// A fee computation that cannot produce a value; where the reference code (zksync-era, the
/// bootloader) would panic or assert, these functions return the matching variant instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// An intermediate or final value does not fit its type (the reference panics or wraps).
    #[error("arithmetic overflow computing {0}")]
    Overflow(&'static str),
    /// A divisor taken from the configuration is zero (the reference panics).
    #[error("{0} must not be zero")]
    ZeroDivisor(&'static str),
    /// A VM before 1.4.1 prices pubdata from the L1 gas price only, but the input carries an
    /// independent pubdata price (zksync-era `BatchFeeInput::into_l1_pegged` panics here).
    #[error("this VM version needs an L1-pegged batch fee input")]
    NotL1Pegged,
    /// From protocol version 20 (VM 1.4.1) a batch fee input needs a fair pubdata price.
    #[error("protocol version {0} needs a fair pubdata price")]
    MissingPubdataPrice(u16),
    /// Fee rules of VMs before Boojum (protocol version < 18) are not implemented.
    #[error("fee rules for protocol version {0} are not implemented (only 18 and later)")]
    UnsupportedVersion(u16),
    /// The per-transaction overhead rule before VM 1.4.1 (`get_amortized_overhead`) is not
    /// implemented.
    #[error(
        "the transaction overhead rule of protocol version {0} is not implemented (only 20 and later)"
    )]
    UnsupportedOverheadVersion(u16),
    /// An operator-provided price above the bootloader's limit (`validateOperatorProvidedPrices`
    /// asserts "Fair pubdata price too high" / "L2 fair gas price too high").
    #[error("operator-provided {what} {value} is above the bootloader limit {max}")]
    PriceTooHigh {
        /// Which price.
        what: &'static str,
        /// The value provided.
        value: U256,
        /// The bootloader's limit.
        max: u64,
    },
    /// Bootloader assertion "Overhead higher than gasLimit".
    #[error("operator overhead {overhead} is higher than the gas limit {gas_limit}")]
    OverheadHigherThanGasLimit {
        /// The operator-suggested overhead.
        overhead: U256,
        /// The transaction's gas limit after the trusted-limit cut.
        gas_limit: U256,
    },
    /// Bootloader assertion "Operator's overhead too high".
    #[error("operator overhead {operator} is higher than the required overhead {required}")]
    OperatorOverheadTooHigh {
        /// The operator-suggested overhead.
        operator: U256,
        /// What `getTransactionUpfrontOverhead` requires.
        required: U256,
    },
    /// The estimated gas limit plus overhead exceeds the batch gas limit (zksync-era estimator:
    /// "exceeds block gas limit").
    #[error("exceeds block gas limit")]
    ExceedsBatchGasLimit,
}
