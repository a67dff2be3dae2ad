//! Withdrawals to L1 and claims of failed deposits (era-contracts `bridge/L1Nullifier.sol`,
//! `system-contracts/contracts/L2BaseToken.sol`, `bridge/asset-router/L2AssetRouter.sol`).
//!
//! A withdrawal is an L2→L1 message in one of three packed forms, told apart by a selector:
//! * `IMailbox.finalizeEthWithdrawal` selector ‖ receiver (20) ‖ amount (32), from L2BaseToken
//!   (`0x800a`); `withdrawWithMessage` appends the L2 sender (20) and free data;
//! * `IL1ERC20Bridge.finalizeWithdrawal` selector ‖ receiver (20) ‖ L1 token (20) ‖ amount (32),
//!   exactly 76 bytes, from the legacy L2 shared bridge;
//! * `IAssetRouterBase.finalizeDeposit` selector ‖ chain id (32) ‖ asset id (32) ‖ transfer data,
//!   from the L2 asset router (`0x10003`).

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::{SolCall, sol};

use crate::addresses::{L2_ASSET_ROUTER_ADDRESS, L2_BASE_TOKEN_ADDRESS};
use crate::asset::ntv_asset_id;
use crate::deposit::{
    BridgeBurnData, BridgeMintData, IAssetRouterBase, tx_data_hash_legacy, tx_data_hash_new,
};

sol! {
    /// The parameters of `L1Nullifier.finalizeDeposit` (a withdrawal's finalization on L1).
    #[derive(Debug, PartialEq, Eq)]
    struct FinalizeL1DepositParams {
        uint256 chainId;
        uint256 l2BatchNumber;
        uint256 l2MessageIndex;
        address l2Sender;
        uint16 l2TxNumberInBatch;
        bytes message;
        bytes32[] merkleProof;
    }

    /// The Mailbox's legacy ether withdrawal (its selector heads base-token messages).
    interface IMailbox {
        /// Finalizes an ether withdrawal of the legacy Era bridge.
        function finalizeEthWithdrawal(uint256 _l2BatchNumber, uint256 _l2MessageIndex, uint16 _l2TxNumberInBatch, bytes _message, bytes32[] _merkleProof) external;
    }

    /// The legacy L1 ERC-20 bridge (its selector heads legacy token messages).
    interface IL1ERC20Bridge {
        /// Finalizes a token withdrawal of the legacy bridge.
        function finalizeWithdrawal(uint256 _l2BatchNumber, uint256 _l2MessageIndex, uint16 _l2TxNumberInBatch, bytes _message, bytes32[] _merkleProof) external;
    }

    /// The L1 nullifier: finalizes withdrawals and failed-deposit claims.
    interface IL1Nullifier {
        /// Finalizes a withdrawal.
        function finalizeDeposit(FinalizeL1DepositParams _finalizeWithdrawalParams) external;
        /// Legacy entry point: finalizes a withdrawal sent by the legacy L2 bridge.
        function finalizeWithdrawal(uint256 _chainId, uint256 _l2BatchNumber, uint256 _l2MessageIndex, uint16 _l2TxNumberInBatch, bytes _message, bytes32[] _merkleProof) external;
        /// Claims back a deposit of an L1 token whose L2 transaction failed.
        function claimFailedDeposit(uint256 _chainId, address _depositSender, address _l1Token, uint256 _amount, bytes32 _l2TxHash, uint256 _l2BatchNumber, uint256 _l2MessageIndex, uint16 _l2TxNumberInBatch, bytes32[] _merkleProof) external;
        /// Claims back a failed deposit of any asset.
        function bridgeRecoverFailedTransfer(uint256 _chainId, address _depositSender, bytes32 _assetId, bytes _assetData, bytes32 _l2TxHash, uint256 _l2BatchNumber, uint256 _l2MessageIndex, uint16 _l2TxNumberInBatch, bytes32[] _merkleProof) external;
    }
}

/// Why a withdrawal message cannot be parsed (the reverts of `_parseL2WithdrawalMessage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WithdrawalError {
    /// Shorter than a selector.
    #[error("message of {0} bytes has no selector")]
    NoSelector(usize),
    /// A selector of none of the three forms (`InvalidSelector`).
    #[error("unknown withdrawal selector {0:#010x}")]
    InvalidSelector(u32),
    /// A length the form does not allow (`L2WithdrawalMessageWrongLength` / `WrongMsgLength`).
    #[error("withdrawal message of {len} bytes: {expected}")]
    WrongLength {
        /// The message length.
        len: usize,
        /// What the form requires.
        expected: &'static str,
    },
}

/// A parsed withdrawal message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WithdrawalMessage {
    /// Base-token withdrawal from L2BaseToken.
    BaseToken {
        /// Receiver on L1.
        receiver: Address,
        /// Amount.
        amount: U256,
        /// Bytes after the amount: empty for `withdraw`, `sender ‖ data` for
        /// `withdrawWithMessage`. L1 ignores them.
        extra: Bytes,
    },
    /// Legacy L2 shared bridge token withdrawal.
    LegacyErc20 {
        /// Receiver on L1.
        receiver: Address,
        /// The L1 token.
        token: Address,
        /// Amount.
        amount: U256,
    },
    /// L2 asset router withdrawal.
    AssetRouter {
        /// The chain the message comes from (`block.chainid` on the L2; L1 ignores it).
        chain_id: U256,
        /// The asset.
        asset_id: B256,
        /// Data for the L1 asset handler (for the NTV: [`BridgeMintData`]).
        transfer_data: Bytes,
    },
}

impl WithdrawalMessage {
    /// The `withdrawWithMessage` form: `extra = sender ‖ data`.
    pub fn base_token_with_message(
        receiver: Address,
        amount: U256,
        sender: Address,
        data: &[u8],
    ) -> Self {
        let mut extra = sender.to_vec();
        extra.extend_from_slice(data);
        Self::BaseToken { receiver, amount, extra: extra.into() }
    }

    /// The packed message bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            Self::BaseToken { receiver, amount, extra } => {
                out.extend_from_slice(&IMailbox::finalizeEthWithdrawalCall::SELECTOR);
                out.extend_from_slice(receiver.as_slice());
                out.extend_from_slice(&amount.to_be_bytes::<32>());
                out.extend_from_slice(extra);
            }
            Self::LegacyErc20 { receiver, token, amount } => {
                out.extend_from_slice(&IL1ERC20Bridge::finalizeWithdrawalCall::SELECTOR);
                out.extend_from_slice(receiver.as_slice());
                out.extend_from_slice(token.as_slice());
                out.extend_from_slice(&amount.to_be_bytes::<32>());
            }
            Self::AssetRouter { chain_id, asset_id, transfer_data } => {
                out.extend_from_slice(&IAssetRouterBase::finalizeDepositCall::SELECTOR);
                out.extend_from_slice(&chain_id.to_be_bytes::<32>());
                out.extend_from_slice(asset_id.as_slice());
                out.extend_from_slice(transfer_data);
            }
        }
        out
    }

    /// Parses a message with the length rules of `L1Nullifier._parseL2WithdrawalMessage`.
    pub fn parse(message: &[u8]) -> Result<Self, WithdrawalError> {
        let Some((selector, rest)) = message.split_first_chunk::<4>() else {
            return Err(WithdrawalError::NoSelector(message.len()));
        };
        let address_at = |at: usize| Address::from_slice(&rest[at..at + 20]);
        let word_at = |at: usize| B256::from_slice(&rest[at..at + 32]);
        let len = message.len();
        if *selector == IMailbox::finalizeEthWithdrawalCall::SELECTOR {
            if len < 56 {
                return Err(WithdrawalError::WrongLength { len, expected: "at least 56 bytes" });
            }
            Ok(Self::BaseToken {
                receiver: address_at(0),
                amount: word_at(20).into(),
                extra: Bytes::copy_from_slice(&rest[52..]),
            })
        } else if *selector == IL1ERC20Bridge::finalizeWithdrawalCall::SELECTOR {
            if len != 76 {
                return Err(WithdrawalError::WrongLength { len, expected: "exactly 76 bytes" });
            }
            Ok(Self::LegacyErc20 {
                receiver: address_at(0),
                token: address_at(20),
                amount: word_at(40).into(),
            })
        } else if *selector == IAssetRouterBase::finalizeDepositCall::SELECTOR {
            if len < 68 {
                return Err(WithdrawalError::WrongLength { len, expected: "at least 68 bytes" });
            }
            Ok(Self::AssetRouter {
                chain_id: word_at(0).into(),
                asset_id: word_at(32),
                transfer_data: Bytes::copy_from_slice(&rest[64..]),
            })
        } else {
            Err(WithdrawalError::InvalidSelector(u32::from_be_bytes(*selector)))
        }
    }

    /// The `(assetId, transferData)` L1 finalizes with: the base token's asset and mint data for
    /// a base-token message, the L1 NTV asset of the token for a legacy message, the message's
    /// own values for an asset-router message.
    pub fn asset_and_transfer_data(
        &self,
        l1_chain_id: U256,
        base_token_asset_id: B256,
    ) -> (B256, Bytes) {
        let mint = |receiver, origin_token, amount| {
            BridgeMintData {
                original_caller: Address::ZERO,
                receiver,
                origin_token,
                amount,
                erc20_metadata: Bytes::new(),
            }
            .encode()
            .into()
        };
        match self {
            Self::BaseToken { receiver, amount, .. } => {
                (base_token_asset_id, mint(*receiver, Address::ZERO, *amount))
            }
            Self::LegacyErc20 { receiver, token, amount } => {
                (ntv_asset_id(l1_chain_id, *token), mint(*receiver, *token, *amount))
            }
            Self::AssetRouter { asset_id, transfer_data, .. } => (*asset_id, transfer_data.clone()),
        }
    }
}

/// The L2 sender of a withdrawal message, as the nullifier proves it: the base token contract
/// for the base token's asset, the given sender (asset router or legacy bridge) otherwise.
pub fn message_sender(asset_id: B256, base_token_asset_id: B256, l2_sender: Address) -> Address {
    if asset_id == base_token_asset_id { L2_BASE_TOKEN_ADDRESS } else { l2_sender }
}

/// Whether the nullifier accepts `l2_sender` (asset router, base token, or the chain's legacy bridge).
pub fn is_accepted_l2_sender(l2_sender: Address, legacy_bridge: Option<Address>) -> bool {
    l2_sender == L2_ASSET_ROUTER_ADDRESS
        || l2_sender == L2_BASE_TOKEN_ADDRESS
        || Some(l2_sender) == legacy_bridge
}

/// `L1Nullifier.finalizeDeposit(params)` calldata.
pub fn finalize_deposit_call(params: FinalizeL1DepositParams) -> Vec<u8> {
    IL1Nullifier::finalizeDepositCall { _finalizeWithdrawalParams: params }.abi_encode()
}

/// The data `claimFailedDeposit` checks a legacy-token claim with: NTV burn data with the amount
/// only (`encodeBridgeBurnData(amount, 0, 0)`).
pub fn claim_failed_deposit_asset_data(amount: U256) -> Vec<u8> {
    BridgeBurnData { amount, receiver: Address::ZERO, maybe_token: Address::ZERO }.encode()
}

/// Whether a stored `depositHappened` hash matches a claim, as `_verifyAndClearFailedTransfer`
/// checks it: the legacy hash (if `token` is the L1 NTV token of the asset and the data is burn
/// data) or the new one.
pub fn failed_deposit_matches(
    stored: B256,
    l1_chain_id: U256,
    depositor: Address,
    asset_id: B256,
    token: Address,
    asset_data: &[u8],
) -> bool {
    tx_data_hash_legacy(l1_chain_id, depositor, asset_id, token, asset_data)
        .is_ok_and(|h| h == stored)
        || tx_data_hash_new(depositor, asset_id, asset_data) == stored
}
