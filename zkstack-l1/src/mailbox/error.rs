//! Mailbox and `TransactionValidator` reverts, with their exact revert data.

use alloy_primitives::U256;
use alloy_sol_types::SolError;

use crate::solidity::SolidityPanic;

mod abi {
    alloy_sol_types::sol! {
        error BaseTokenGasPriceDenominatorNotSet();
        error TooManyFactoryDeps();
        error GasPerPubdataMismatch();
        error MsgValueTooLow(uint256 required, uint256 provided);
        error TooMuchGas();
        error PubdataGreaterThanLimit(uint256 limit, uint256 length);
        error ValidateTxnNotEnoughGas();
        error TxnBodyGasLimitNotEnoughGas();
        error InvalidUpgradeTxn(uint8 param);
        error Panic(uint256 code);
    }
}

/// The field `validateUpgradeTransaction` rejected (era-contracts `L1ContractErrors.sol`, enum
/// `UpgradeTxVerifyParam`; the discriminant is the ABI value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum UpgradeTxVerifyParam {
    /// `from` is not a system address (above `type(uint16).max`).
    From = 0,
    /// `to` is not an address (above `type(uint160).max`).
    To = 1,
    /// `paymaster` is set.
    Paymaster = 2,
    /// `value` is set.
    Value = 3,
    /// `maxFeePerGas` is set.
    MaxFeePerGas = 4,
    /// `maxPriorityFeePerGas` is set.
    MaxPriorityFeePerGas = 5,
    /// `reserved[0]` is set.
    Reserved0 = 6,
    /// `reserved[1]` is not an address.
    Reserved1 = 7,
    /// `reserved[2]` is set.
    Reserved2 = 8,
    /// `reserved[3]` is set.
    Reserved3 = 9,
    /// `signature` is not empty.
    Signature = 10,
    /// `paymasterInput` is not empty.
    PaymasterInput = 11,
    /// `reservedDynamic` is not empty.
    ReservedDynamic = 12,
}

/// Why the Mailbox would reject an L1→L2 request or fail to price it; each variant is the custom
/// error (era-contracts `common/L1ContractErrors.sol`) or Solidity panic the contract reverts with,
/// and [`MailboxError::revert_data`] gives its exact ABI encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum MailboxError {
    /// `BaseTokenGasPriceDenominatorNotSet()`: the base-token multiplier's denominator is zero.
    #[error("BaseTokenGasPriceDenominatorNotSet()")]
    BaseTokenGasPriceDenominatorNotSet,
    /// `TooManyFactoryDeps()`: more than `MAX_NEW_FACTORY_DEPS` factory dependencies.
    #[error("TooManyFactoryDeps()")]
    TooManyFactoryDeps,
    /// `GasPerPubdataMismatch()`: a user request with `l2GasPerPubdataByteLimit` other than 800.
    #[error("GasPerPubdataMismatch()")]
    GasPerPubdataMismatch,
    /// `MsgValueTooLow(required, provided)`: `mintValue` below base cost plus `l2Value`.
    #[error("MsgValueTooLow({required}, {provided})")]
    MsgValueTooLow {
        /// Base cost plus `l2Value`.
        required: U256,
        /// The request's `mintValue`.
        provided: U256,
    },
    /// `TooMuchGas()`: the body gas limit exceeds the chain's `priorityTxMaxGasLimit`.
    #[error("TooMuchGas()")]
    TooMuchGas,
    /// `PubdataGreaterThanLimit(limit, length)`: the transaction could publish more pubdata than
    /// `priorityTxMaxPubdata`.
    #[error("PubdataGreaterThanLimit({limit}, {length})")]
    PubdataGreaterThanLimit {
        /// The chain's `priorityTxMaxPubdata`.
        limit: U256,
        /// Body gas limit divided by `gasPerPubdataByteLimit`.
        length: U256,
    },
    /// `ValidateTxnNotEnoughGas()`: the body gas limit is below the minimal priority tx gas limit.
    #[error("ValidateTxnNotEnoughGas()")]
    ValidateTxnNotEnoughGas,
    /// `TxnBodyGasLimitNotEnoughGas()`: the gas limit does not even cover the batch overhead.
    #[error("TxnBodyGasLimitNotEnoughGas()")]
    TxnBodyGasLimitNotEnoughGas,
    /// `InvalidUpgradeTxn(param)`: an upgrade transaction with a forbidden field.
    #[error("InvalidUpgradeTxn({0:?})")]
    InvalidUpgradeTxn(UpgradeTxVerifyParam),
    /// A Solidity panic (overflow, division by zero) the contract would hit on this input.
    #[error(transparent)]
    Panic(#[from] SolidityPanic),
}

impl MailboxError {
    /// The revert data the contract returns: the 4-byte selector and the ABI-encoded arguments.
    pub fn revert_data(&self) -> Vec<u8> {
        match *self {
            Self::BaseTokenGasPriceDenominatorNotSet => {
                abi::BaseTokenGasPriceDenominatorNotSet {}.abi_encode()
            }
            Self::TooManyFactoryDeps => abi::TooManyFactoryDeps {}.abi_encode(),
            Self::GasPerPubdataMismatch => abi::GasPerPubdataMismatch {}.abi_encode(),
            Self::MsgValueTooLow { required, provided } => {
                abi::MsgValueTooLow { required, provided }.abi_encode()
            }
            Self::TooMuchGas => abi::TooMuchGas {}.abi_encode(),
            Self::PubdataGreaterThanLimit { limit, length } => {
                abi::PubdataGreaterThanLimit { limit, length }.abi_encode()
            }
            Self::ValidateTxnNotEnoughGas => abi::ValidateTxnNotEnoughGas {}.abi_encode(),
            Self::TxnBodyGasLimitNotEnoughGas => abi::TxnBodyGasLimitNotEnoughGas {}.abi_encode(),
            Self::InvalidUpgradeTxn(param) => {
                abi::InvalidUpgradeTxn { param: param as u8 }.abi_encode()
            }
            Self::Panic(panic) => abi::Panic { code: U256::from(panic.code()) }.abi_encode(),
        }
    }
}
