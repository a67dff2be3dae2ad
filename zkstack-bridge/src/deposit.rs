//! Deposits through the asset router and the native token vault (era-contracts
//! `bridge/asset-router/L1AssetRouter.sol`, `bridge/ntv/NativeTokenVault.sol`,
//! `bridge/BridgeHelper.sol`, `common/libraries/DataEncoding.sol`).
//!
//! A two-bridges deposit hands the asset router `secondBridgeCalldata` in one of three forms,
//! told apart by the first byte: `0x00` legacy `abi.encode(token, amount, l2Receiver)` (whose
//! first byte is always zero, an address being left-padded), `0x01 ‖ abi.encode(assetId,
//! transferData)`, and `0x02 ‖ abi.encode(assetId, handlerOnCounterpart)`. The router burns or
//! locks, producing *bridge mint data* for the L2, and records a `txDataHash` to let a failed
//! deposit be claimed back.

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use alloy_sol_types::{SolCall, SolValue, sol};

use crate::abi::{AbiError, decode_params};
use crate::addresses::ETH_TOKEN_ADDRESS;
use crate::asset::ntv_asset_id;

/// The legacy encoding version (`LEGACY_ENCODING_VERSION`).
pub const LEGACY_ENCODING_VERSION: u8 = 0x00;
/// The asset-router encoding version (`NEW_ENCODING_VERSION`).
pub const NEW_ENCODING_VERSION: u8 = 0x01;
/// Registration of an asset handler on the L2 (`SET_ASSET_HANDLER_COUNTERPART_ENCODING_VERSION`).
pub const SET_ASSET_HANDLER_COUNTERPART_ENCODING_VERSION: u8 = 0x02;

sol! {
    /// The asset router's receiving side (L1 and L2).
    interface IAssetRouterBase {
        /// Finalizes a transfer of `_assetId` from `_chainId` (deposit on L2, withdrawal on L1).
        function finalizeDeposit(uint256 _chainId, bytes32 _assetId, bytes _transferData) external payable;
    }

    /// The legacy L2 shared bridge interface the L2 asset router still serves.
    interface IL2SharedBridgeLegacyFunctions {
        /// Finalizes a legacy deposit of an L1 token.
        function finalizeDeposit(address _l1Sender, address _l2Receiver, address _l1Token, uint256 _amount, bytes _data) external;
    }

    /// The L2 asset router's handler registration.
    interface IL2AssetRouter {
        /// Registers the handler of `_assetId` on the L2.
        function setAssetHandlerAddress(uint256 _originChainId, bytes32 _assetId, address _assetHandlerAddress) external;
    }
}

/// Errors of the deposit encodings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DepositError {
    /// Empty data where a version byte is expected.
    #[error("empty data, no encoding version")]
    Empty,
    /// A version byte the router does not know (`UnsupportedEncodingVersion`).
    #[error("unsupported encoding version {0:#04x}")]
    UnsupportedEncodingVersion(u8),
    /// Bridge-burn data that is not exactly three words (`InvalidNTVBurnData`).
    #[error("NTV burn data must be 96 bytes, got {0}")]
    InvalidBurnDataLength(usize),
    /// The asset id is not the NTV asset id of the token on the L1 (`IncorrectTokenAddressFromNTV`).
    #[error("asset id {asset_id} is not the L1 NTV asset of token {token}")]
    IncorrectTokenAddress {
        /// The asset id given.
        asset_id: B256,
        /// The token it was checked against.
        token: Address,
    },
    /// ABI decoding failed.
    #[error(transparent)]
    Abi(#[from] AbiError),
}

/// `DataEncoding.encodeBridgeBurnData`: what a depositor hands the NTV.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BridgeBurnData {
    /// Amount to bridge.
    pub amount: U256,
    /// Receiver on the remote chain.
    pub receiver: Address,
    /// The token (zero if the asset is already registered with the NTV).
    pub maybe_token: Address,
}

impl BridgeBurnData {
    /// `abi.encode(amount, receiver, maybeToken)`.
    pub fn encode(&self) -> Vec<u8> {
        (self.amount, self.receiver, self.maybe_token).abi_encode_params()
    }

    /// `decodeBridgeBurnData`: exactly 96 bytes.
    pub fn decode(data: &[u8]) -> Result<Self, DepositError> {
        if data.len() != 96 {
            return Err(DepositError::InvalidBurnDataLength(data.len()));
        }
        let (amount, receiver, maybe_token) =
            decode_params::<(U256, Address, Address)>(data, "bridge burn data")?;
        Ok(Self { amount, receiver, maybe_token })
    }
}

/// `DataEncoding.encodeBridgeMintData`: what the remote asset handler mints from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BridgeMintData {
    /// Who initiated the transfer.
    pub original_caller: Address,
    /// Who receives on the remote chain.
    pub receiver: Address,
    /// The token's address on its origin chain.
    pub origin_token: Address,
    /// Amount.
    pub amount: U256,
    /// [`TokenData`] encoding of name, symbol and decimals (empty for withdrawals to L1).
    pub erc20_metadata: Bytes,
}

impl BridgeMintData {
    /// `abi.encode(originalCaller, remoteReceiver, originToken, amount, erc20Metadata)`.
    pub fn encode(&self) -> Vec<u8> {
        (
            self.original_caller,
            self.receiver,
            self.origin_token,
            self.amount,
            self.erc20_metadata.clone(),
        )
            .abi_encode_params()
    }

    /// `decodeBridgeMintData`.
    pub fn decode(data: &[u8]) -> Result<Self, DepositError> {
        let (original_caller, receiver, origin_token, amount, erc20_metadata) =
            decode_params::<(Address, Address, Address, U256, Bytes)>(data, "bridge mint data")?;
        Ok(Self { original_caller, receiver, origin_token, amount, erc20_metadata })
    }
}

/// Token metadata carried with a bridged token (`encodeTokenData` / `decodeTokenData`). Each
/// field holds the raw return data of the token's getter (an ABI-encoded value, or empty if the
/// call failed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenData {
    /// Origin chain id (absent in the legacy form).
    pub origin_chain_id: Option<U256>,
    /// Return data of `name()`.
    pub name: Bytes,
    /// Return data of `symbol()`.
    pub symbol: Bytes,
    /// Return data of `decimals()`.
    pub decimals: Bytes,
}

impl TokenData {
    /// Metadata as an ERC-20 with these values returns it from its getters.
    pub fn from_values(origin_chain_id: U256, name: &str, symbol: &str, decimals: u8) -> Self {
        Self {
            origin_chain_id: Some(origin_chain_id),
            name: name.abi_encode().into(),
            symbol: symbol.abi_encode().into(),
            decimals: U256::from(decimals).abi_encode().into(),
        }
    }

    /// Ether's metadata (`BridgeHelper.getERC20Getters` for `ETH_TOKEN_ADDRESS`): "Ether", "ETH", 18.
    pub fn ether(origin_chain_id: U256) -> Self {
        Self::from_values(origin_chain_id, "Ether", "ETH", 18)
    }

    /// `0x01 ‖ abi.encode(chainId, name, symbol, decimals)`, or the legacy
    /// `abi.encode(name, symbol, decimals)` when there is no chain id.
    pub fn encode(&self) -> Vec<u8> {
        let fields = (self.name.clone(), self.symbol.clone(), self.decimals.clone());
        match self.origin_chain_id {
            Some(chain) => {
                let mut out = vec![NEW_ENCODING_VERSION];
                out.extend((chain, fields.0, fields.1, fields.2).abi_encode_params());
                out
            }
            None => fields.abi_encode_params(),
        }
    }

    /// `decodeTokenData`, dispatching on the first byte.
    pub fn decode(data: &[u8]) -> Result<Self, DepositError> {
        match data.first() {
            None => Err(DepositError::Empty),
            Some(&LEGACY_ENCODING_VERSION) => {
                let (name, symbol, decimals) =
                    decode_params::<(Bytes, Bytes, Bytes)>(data, "legacy token data")?;
                Ok(Self { origin_chain_id: None, name, symbol, decimals })
            }
            Some(&NEW_ENCODING_VERSION) => {
                let (chain, name, symbol, decimals) =
                    decode_params::<(U256, Bytes, Bytes, Bytes)>(&data[1..], "token data")?;
                Ok(Self { origin_chain_id: Some(chain), name, symbol, decimals })
            }
            Some(&v) => Err(DepositError::UnsupportedEncodingVersion(v)),
        }
    }
}

/// The `secondBridgeCalldata` of a two-bridges request to the L1 asset router
/// (`L1AssetRouter.bridgehubDeposit`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SecondBridgeCalldata {
    /// `abi.encode(l1Token, amount, l2Receiver)`; for ether an amount of 0 means `msg.value`.
    Legacy {
        /// The L1 token (`ETH_TOKEN_ADDRESS` for ether).
        token: Address,
        /// Amount.
        amount: U256,
        /// Receiver on L2.
        l2_receiver: Address,
    },
    /// `0x01 ‖ abi.encode(assetId, transferData)`.
    New {
        /// The asset.
        asset_id: B256,
        /// Data for the asset handler (for the NTV: [`BridgeBurnData`]).
        transfer_data: Bytes,
    },
    /// `0x02 ‖ abi.encode(assetId, assetHandlerAddressOnCounterpart)`.
    SetAssetHandlerCounterpart {
        /// The asset.
        asset_id: B256,
        /// The handler to register on the L2.
        handler: Address,
    },
}

impl SecondBridgeCalldata {
    /// The calldata bytes.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::Legacy { token, amount, l2_receiver } => {
                (*token, *amount, *l2_receiver).abi_encode_params()
            }
            Self::New { asset_id, transfer_data } => {
                let mut out = vec![NEW_ENCODING_VERSION];
                out.extend((*asset_id, transfer_data.clone()).abi_encode_params());
                out
            }
            Self::SetAssetHandlerCounterpart { asset_id, handler } => {
                let mut out = vec![SET_ASSET_HANDLER_COUNTERPART_ENCODING_VERSION];
                out.extend((*asset_id, *handler).abi_encode_params());
                out
            }
        }
    }

    /// Decodes as the router does, dispatching on the first byte.
    pub fn decode(data: &[u8]) -> Result<Self, DepositError> {
        match data.first() {
            None => Err(DepositError::Empty),
            Some(&SET_ASSET_HANDLER_COUNTERPART_ENCODING_VERSION) => {
                let (asset_id, handler) =
                    decode_params::<(B256, Address)>(&data[1..], "set-asset-handler data")?;
                Ok(Self::SetAssetHandlerCounterpart { asset_id, handler })
            }
            Some(&NEW_ENCODING_VERSION) => {
                let (asset_id, transfer_data) =
                    decode_params::<(B256, Bytes)>(&data[1..], "asset router deposit data")?;
                Ok(Self::New { asset_id, transfer_data })
            }
            Some(&LEGACY_ENCODING_VERSION) => {
                let (token, amount, l2_receiver) =
                    decode_params::<(Address, U256, Address)>(data, "legacy deposit data")?;
                Ok(Self::Legacy { token, amount, l2_receiver })
            }
            Some(&v) => Err(DepositError::UnsupportedEncodingVersion(v)),
        }
    }

    /// The encoding version byte the router dispatches on.
    pub fn version(&self) -> u8 {
        match self {
            Self::Legacy { .. } => LEGACY_ENCODING_VERSION,
            Self::New { .. } => NEW_ENCODING_VERSION,
            Self::SetAssetHandlerCounterpart { .. } => {
                SET_ASSET_HANDLER_COUNTERPART_ENCODING_VERSION
            }
        }
    }

    /// The asset id and transfer data the router works with for a deposit form (`_handleLegacyData`
    /// for the legacy form: NTV asset of the L1 token, burn data `(amount, receiver, token)`, with
    /// a zero ether amount replaced by `msg_value`). `None` for the handler registration.
    pub fn asset_and_transfer_data(
        &self,
        l1_chain_id: U256,
        msg_value: U256,
    ) -> Option<(B256, Bytes)> {
        match self {
            Self::Legacy { token, amount, l2_receiver } => {
                let asset_id = ntv_asset_id(l1_chain_id, *token);
                let amount = if *token == ETH_TOKEN_ADDRESS && amount.is_zero() {
                    msg_value
                } else {
                    *amount
                };
                let burn = BridgeBurnData { amount, receiver: *l2_receiver, maybe_token: *token };
                Some((asset_id, burn.encode().into()))
            }
            Self::New { asset_id, transfer_data } => Some((*asset_id, transfer_data.clone())),
            Self::SetAssetHandlerCounterpart { .. } => None,
        }
    }
}

/// `encodeTxDataHash` for the new encoding: `keccak256(0x01 ‖ abi.encode(caller, assetId, transferData))`.
pub fn tx_data_hash_new(original_caller: Address, asset_id: B256, transfer_data: &[u8]) -> B256 {
    let mut pre = vec![NEW_ENCODING_VERSION];
    pre.extend(
        (original_caller, asset_id, Bytes::copy_from_slice(transfer_data)).abi_encode_params(),
    );
    keccak256(pre)
}

/// `encodeTxDataHash` for the legacy encoding: `keccak256(abi.encode(caller, token, amount))`,
/// the amount read from the NTV burn data; the asset must be the L1 NTV asset of `token`.
pub fn tx_data_hash_legacy(
    l1_chain_id: U256,
    original_caller: Address,
    asset_id: B256,
    token: Address,
    transfer_data: &[u8],
) -> Result<B256, DepositError> {
    if ntv_asset_id(l1_chain_id, token) != asset_id {
        return Err(DepositError::IncorrectTokenAddress { asset_id, token });
    }
    let burn = BridgeBurnData::decode(transfer_data)?;
    Ok(keccak256((original_caller, token, burn.amount).abi_encode_params()))
}

/// `encodeTxDataHash(version, …)`: `token` is the NTV's token for the asset, used by the legacy form.
pub fn tx_data_hash(
    version: u8,
    l1_chain_id: U256,
    original_caller: Address,
    asset_id: B256,
    token: Address,
    transfer_data: &[u8],
) -> Result<B256, DepositError> {
    match version {
        LEGACY_ENCODING_VERSION => {
            tx_data_hash_legacy(l1_chain_id, original_caller, asset_id, token, transfer_data)
        }
        NEW_ENCODING_VERSION => Ok(tx_data_hash_new(original_caller, asset_id, transfer_data)),
        v => Err(DepositError::UnsupportedEncodingVersion(v)),
    }
}

/// The L2 call of an asset-router deposit: `finalizeDeposit(l1ChainId, assetId, bridgeMintData)`.
pub fn finalize_deposit_calldata(
    origin_chain_id: U256,
    asset_id: B256,
    transfer_data: Bytes,
) -> Vec<u8> {
    IAssetRouterBase::finalizeDepositCall {
        _chainId: origin_chain_id,
        _assetId: asset_id,
        _transferData: transfer_data,
    }
    .abi_encode()
}

/// The legacy L2 call for an NTV token native to L1:
/// `finalizeDeposit(sender, receiver, originToken, amount, erc20Metadata)`.
pub fn finalize_deposit_legacy_calldata(sender: Address, mint: &BridgeMintData) -> Vec<u8> {
    IL2SharedBridgeLegacyFunctions::finalizeDepositCall {
        _l1Sender: sender,
        _l2Receiver: mint.receiver,
        _l1Token: mint.origin_token,
        _amount: mint.amount,
        _data: mint.erc20_metadata.clone(),
    }
    .abi_encode()
}

/// `L1AssetRouter.getDepositCalldata`: the legacy call when the asset is an NTV token native to
/// this L1 (`ntv_token_native_to_l1`), the asset-router call otherwise.
pub fn deposit_calldata(
    l1_chain_id: U256,
    sender: Address,
    asset_id: B256,
    bridge_mint_data: &[u8],
    ntv_token_native_to_l1: bool,
) -> Result<Vec<u8>, DepositError> {
    if ntv_token_native_to_l1 {
        Ok(finalize_deposit_legacy_calldata(sender, &BridgeMintData::decode(bridge_mint_data)?))
    } else {
        Ok(finalize_deposit_calldata(
            l1_chain_id,
            asset_id,
            Bytes::copy_from_slice(bridge_mint_data),
        ))
    }
}

/// The L2 call that registers an asset handler (`_setAssetHandlerAddressOnCounterpart`).
pub fn set_asset_handler_calldata(l1_chain_id: U256, asset_id: B256, handler: Address) -> Vec<u8> {
    IL2AssetRouter::setAssetHandlerAddressCall {
        _originChainId: l1_chain_id,
        _assetId: asset_id,
        _assetHandlerAddress: handler,
    }
    .abi_encode()
}
