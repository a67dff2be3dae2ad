//! Paymaster inputs of the two built-in flows (era-contracts
//! `system-contracts/contracts/interfaces/IPaymasterFlow.sol`), which `TransactionHelper.
//! processPaymasterInput` recognises by selector.

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::SolCall;

alloy_sol_types::sol! {
    /// The paymaster flows; their calldata is the paymaster input.
    interface IPaymasterFlow {
        /// The paymaster interprets `input` itself.
        function general(bytes input) external;
        /// The account approves `_minAllowance` of `_token` to the paymaster before paying.
        function approvalBased(address _token, uint256 _minAllowance, bytes _innerInput) external;
    }
}

/// A paymaster input of a known flow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PaymasterFlow {
    /// `general(bytes)`.
    General {
        /// What the paymaster is told.
        input: Bytes,
    },
    /// `approvalBased(address,uint256,bytes)`.
    ApprovalBased {
        /// The token the paymaster is paid in.
        token: Address,
        /// The allowance the account sets at least.
        min_allowance: U256,
        /// What the paymaster is told.
        inner_input: Bytes,
    },
}

/// A paymaster input that is not a well-formed built-in flow.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PaymasterInputError {
    /// Shorter than a selector (TransactionHelper `InvalidInput`).
    #[error("paymaster input shorter than 4 bytes")]
    TooShort,
    /// A selector of no built-in flow (TransactionHelper `UnsupportedPaymasterFlow`).
    #[error("unsupported paymaster flow 0x{0}")]
    UnsupportedFlow(String),
    /// The arguments do not decode.
    #[error("paymaster input arguments: {0}")]
    Abi(String),
}

impl PaymasterFlow {
    /// The paymaster input: the flow's calldata.
    pub fn encode(&self) -> Bytes {
        match self {
            Self::General { input } => general_paymaster_input(input.clone()),
            Self::ApprovalBased { token, min_allowance, inner_input } => {
                approval_based_paymaster_input(*token, *min_allowance, inner_input.clone())
            }
        }
    }

    /// Reads a paymaster input of a built-in flow.
    pub fn decode(input: &[u8]) -> Result<Self, PaymasterInputError> {
        let selector: [u8; 4] =
            input.get(..4).and_then(|s| s.try_into().ok()).ok_or(PaymasterInputError::TooShort)?;
        let abi = |e: alloy_sol_types::Error| PaymasterInputError::Abi(e.to_string());
        if selector == IPaymasterFlow::generalCall::SELECTOR {
            let call = IPaymasterFlow::generalCall::abi_decode(input).map_err(abi)?;
            Ok(Self::General { input: call.input })
        } else if selector == IPaymasterFlow::approvalBasedCall::SELECTOR {
            let call = IPaymasterFlow::approvalBasedCall::abi_decode(input).map_err(abi)?;
            Ok(Self::ApprovalBased {
                token: call._token,
                min_allowance: call._minAllowance,
                inner_input: call._innerInput,
            })
        } else {
            Err(PaymasterInputError::UnsupportedFlow(alloy_primitives::hex::encode(selector)))
        }
    }
}

/// `abi.encodeCall(IPaymasterFlow.general, (input))`.
pub fn general_paymaster_input(input: Bytes) -> Bytes {
    IPaymasterFlow::generalCall { input }.abi_encode().into()
}

/// `abi.encodeCall(IPaymasterFlow.approvalBased, (token, minAllowance, innerInput))`.
pub fn approval_based_paymaster_input(
    token: Address,
    min_allowance: U256,
    inner_input: Bytes,
) -> Bytes {
    IPaymasterFlow::approvalBasedCall {
        _token: token,
        _minAllowance: min_allowance,
        _innerInput: inner_input,
    }
    .abi_encode()
    .into()
}
