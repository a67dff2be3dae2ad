//! Bridgehub requests (era-contracts `bridgehub/Bridgehub.sol`, `IBridgehub.sol`, and the
//! Mailbox's `_requestL2Transaction` / `_serializeL2Transaction`).
//!
//! The Bridgehub turns a direct or two-bridges request into a `BridgehubL2TransactionRequest`
//! (sender = caller, or the second bridge), fills the refund recipient (`actualRefundRecipient`
//! with the Bridgehub's caller), and the Mailbox aliases the sender unless it is `tx.origin` and
//! lays the request out as the canonical priority transaction. The canonical transaction and its
//! hash belong to `zkstack_l1::priority`; [`CanonicalTxFields`] is the field mapping it takes.

use alloy_primitives::{Address, B256, Bytes, U256, b256};
use alloy_sol_types::{SolCall, sol};

use zkstack_l1::mailbox::PriorityOpRequest;

use crate::addresses::BRIDGEHUB_MIN_SECOND_BRIDGE_ADDRESS;
use crate::alias::{actual_refund_recipient, apply_l1_to_l2_alias};

/// `keccak256("TWO_BRIDGES_MAGIC_VALUE") - 1`: what a second bridge must return.
pub const TWO_BRIDGES_MAGIC_VALUE: B256 =
    b256!("0xa175e001c0e5684bc26302c2f9a55aec9f3936fe2aef558034003ef4da7fc77d");

pub use zkstack_l1::mailbox::constants::REQUIRED_L2_GAS_PRICE_PER_PUBDATA;
pub use zkstack_l1::priority::PRIORITY_OPERATION_L2_TX_TYPE;

sol! {
    /// `requestL2TransactionDirect`'s argument.
    #[derive(Debug, PartialEq, Eq)]
    struct L2TransactionRequestDirect {
        uint256 chainId;
        uint256 mintValue;
        address l2Contract;
        uint256 l2Value;
        bytes l2Calldata;
        uint256 l2GasLimit;
        uint256 l2GasPerPubdataByteLimit;
        bytes[] factoryDeps;
        address refundRecipient;
    }

    /// `requestL2TransactionTwoBridges`'s argument.
    #[derive(Debug, PartialEq, Eq)]
    struct L2TransactionRequestTwoBridgesOuter {
        uint256 chainId;
        uint256 mintValue;
        uint256 l2Value;
        uint256 l2GasLimit;
        uint256 l2GasPerPubdataByteLimit;
        address refundRecipient;
        address secondBridgeAddress;
        uint256 secondBridgeValue;
        bytes secondBridgeCalldata;
    }

    /// What the second bridge returns from `bridgehubDeposit`.
    #[derive(Debug, PartialEq, Eq)]
    struct L2TransactionRequestTwoBridgesInner {
        bytes32 magicValue;
        address l2Contract;
        bytes l2Calldata;
        bytes[] factoryDeps;
        bytes32 txDataHash;
    }

    /// The request the Bridgehub hands the chain's Mailbox.
    #[derive(Debug, PartialEq, Eq)]
    struct BridgehubL2TransactionRequest {
        address sender;
        address contractL2;
        uint256 mintValue;
        uint256 l2Value;
        bytes l2Calldata;
        uint256 l2GasLimit;
        uint256 l2GasPerPubdataByteLimit;
        bytes[] factoryDeps;
        address refundRecipient;
    }

    /// The Bridgehub's entry points.
    interface IBridgehub {
        /// A request paid in the base token, to any L2 contract.
        function requestL2TransactionDirect(L2TransactionRequestDirect _request) external payable returns (bytes32 canonicalTxHash);
        /// A request whose L2 call a second bridge (e.g. the asset router) produces.
        function requestL2TransactionTwoBridges(L2TransactionRequestTwoBridgesOuter _request) external payable returns (bytes32 canonicalTxHash);
        /// Registers a new chain.
        function createNewChain(uint256 _chainId, address _chainTypeManager, bytes32 _baseTokenAssetId, uint256 _salt, address _admin, bytes _initData, bytes[] _factoryDeps) external returns (uint256 chainId);
    }
}

/// Requests the Bridgehub or Mailbox would revert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// A second bridge at or below `0xffff` (`SecondBridgeAddressTooLow`).
    #[error("second bridge {0} is not above 0xffff")]
    SecondBridgeAddressTooLow(Address),
    /// The second bridge answered without the magic value (`WrongMagicValue`).
    #[error("second bridge returned magic value {0}")]
    WrongMagicValue(B256),
    /// `mintValue + secondBridgeValue` overflows.
    #[error("msg.value overflows")]
    ValueOverflow,
    /// The mint value does not cover base cost and L2 value (`MsgValueTooLow`).
    #[error("mint value {mint_value} below base cost plus L2 value {required}")]
    MintValueTooLow {
        /// Required: base cost + l2Value.
        required: U256,
        /// Given.
        mint_value: U256,
    },
    /// A gas-per-pubdata limit other than 800 (`GasPerPubdataMismatch`).
    #[error("l2GasPerPubdataByteLimit must be {REQUIRED_L2_GAS_PRICE_PER_PUBDATA}")]
    GasPerPubdataMismatch,
}

/// The `msg.value` of `requestL2TransactionDirect`: the mint value on an ETH-based chain, zero on
/// a custom-base-token chain (the token is pulled by allowance instead).
pub fn direct_msg_value(base_token_is_eth: bool, mint_value: U256) -> U256 {
    if base_token_is_eth { mint_value } else { U256::ZERO }
}

/// The `msg.value` of `requestL2TransactionTwoBridges`: `mintValue + secondBridgeValue` on an
/// ETH-based chain, `secondBridgeValue` otherwise.
pub fn two_bridges_msg_value(
    base_token_is_eth: bool,
    mint_value: U256,
    second_bridge_value: U256,
) -> Result<U256, RequestError> {
    if base_token_is_eth {
        mint_value.checked_add(second_bridge_value).ok_or(RequestError::ValueOverflow)
    } else {
        Ok(second_bridge_value)
    }
}

/// The Mailbox's check that the mint pays for the transaction and its value.
pub fn check_mint_value(
    mint_value: U256,
    base_cost: U256,
    l2_value: U256,
) -> Result<(), RequestError> {
    let required = base_cost.checked_add(l2_value).ok_or(RequestError::ValueOverflow)?;
    if mint_value < required {
        Err(RequestError::MintValueTooLow { required, mint_value })
    } else {
        Ok(())
    }
}

/// Who called the Bridgehub, and what L1 knows about the addresses involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallContext {
    /// `msg.sender` of the Bridgehub call.
    pub caller: Address,
    /// `tx.origin` of the L1 transaction.
    pub tx_origin: Address,
    /// Whether the requested refund recipient has code on L1.
    pub refund_recipient_has_code: bool,
}

impl L2TransactionRequestDirect {
    /// The Bridgehub's request to the Mailbox, as the Mailbox stores it (refund recipient
    /// resolved, sender aliased unless it is `tx.origin`).
    pub fn to_mailbox_request(
        &self,
        ctx: &CallContext,
    ) -> Result<BridgehubL2TransactionRequest, RequestError> {
        let request = BridgehubL2TransactionRequest {
            sender: ctx.caller,
            contractL2: self.l2Contract,
            mintValue: self.mintValue,
            l2Value: self.l2Value,
            l2Calldata: self.l2Calldata.clone(),
            l2GasLimit: self.l2GasLimit,
            l2GasPerPubdataByteLimit: self.l2GasPerPubdataByteLimit,
            factoryDeps: self.factoryDeps.clone(),
            refundRecipient: Address::ZERO,
        };
        finish(request, self.refundRecipient, ctx)
    }
}

impl L2TransactionRequestTwoBridgesOuter {
    /// The Bridgehub's request to the Mailbox given the second bridge's answer; the sender is
    /// the second bridge (a contract, so aliased).
    pub fn to_mailbox_request(
        &self,
        inner: &L2TransactionRequestTwoBridgesInner,
        ctx: &CallContext,
    ) -> Result<BridgehubL2TransactionRequest, RequestError> {
        if self.secondBridgeAddress <= BRIDGEHUB_MIN_SECOND_BRIDGE_ADDRESS {
            return Err(RequestError::SecondBridgeAddressTooLow(self.secondBridgeAddress));
        }
        if inner.magicValue != TWO_BRIDGES_MAGIC_VALUE {
            return Err(RequestError::WrongMagicValue(inner.magicValue));
        }
        let request = BridgehubL2TransactionRequest {
            sender: self.secondBridgeAddress,
            contractL2: inner.l2Contract,
            mintValue: self.mintValue,
            l2Value: self.l2Value,
            l2Calldata: inner.l2Calldata.clone(),
            l2GasLimit: self.l2GasLimit,
            l2GasPerPubdataByteLimit: self.l2GasPerPubdataByteLimit,
            factoryDeps: inner.factoryDeps.clone(),
            refundRecipient: Address::ZERO,
        };
        finish(request, self.refundRecipient, ctx)
    }
}

impl L2TransactionRequestDirect {
    /// `requestL2TransactionDirect(request)`: the calldata a depositor sends the Bridgehub.
    pub fn calldata(&self) -> Vec<u8> {
        IBridgehub::requestL2TransactionDirectCall { _request: self.clone() }.abi_encode()
    }
}

impl L2TransactionRequestTwoBridgesOuter {
    /// `requestL2TransactionTwoBridges(request)`: the calldata a depositor sends the Bridgehub.
    pub fn calldata(&self) -> Vec<u8> {
        IBridgehub::requestL2TransactionTwoBridgesCall { _request: self.clone() }.abi_encode()
    }
}

/// `_sendRequest` + the Mailbox's checks and aliasing. The Mailbox applies
/// `actualRefundRecipient` once more to the (now nonzero) recipient; an aliased address has no
/// code on L1, so that second pass changes nothing and is not modelled.
fn finish(
    mut request: BridgehubL2TransactionRequest,
    refund_recipient: Address,
    ctx: &CallContext,
) -> Result<BridgehubL2TransactionRequest, RequestError> {
    if request.l2GasPerPubdataByteLimit != U256::from(REQUIRED_L2_GAS_PRICE_PER_PUBDATA) {
        return Err(RequestError::GasPerPubdataMismatch);
    }
    request.refundRecipient = actual_refund_recipient(
        refund_recipient,
        ctx.caller,
        ctx.caller == ctx.tx_origin,
        ctx.refund_recipient_has_code,
    );
    if request.sender != ctx.tx_origin {
        request.sender = apply_l1_to_l2_alias(request.sender);
    }
    Ok(request)
}

/// The canonical priority transaction's fields as `Mailbox._serializeL2Transaction` fills them.
/// `zkstack_l1::priority` owns the `L2CanonicalTransaction` struct and its hash
/// (`keccak256(abi.encode(tx))`), and `zkstack_l1::mailbox::PriorityOpRequest` the mapping;
/// this is that struct with `from` and `to` as addresses and without `signature`,
/// `paymasterInput` and `reservedDynamic` (always empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalTxFields {
    /// `txType`: always [`PRIORITY_OPERATION_L2_TX_TYPE`].
    pub tx_type: U256,
    /// `from`: the (aliased) sender.
    pub from: Address,
    /// `to`: the L2 contract.
    pub to: Address,
    /// `gasLimit`.
    pub gas_limit: U256,
    /// `gasPerPubdataByteLimit`.
    pub gas_per_pubdata_byte_limit: U256,
    /// `maxFeePerGas`: the L2 gas price the Mailbox derived.
    pub max_fee_per_gas: U256,
    /// `maxPriorityFeePerGas`: 0.
    pub max_priority_fee_per_gas: U256,
    /// `paymaster`: 0.
    pub paymaster: U256,
    /// `nonce`: the priority operation id.
    pub nonce: U256,
    /// `value`: the L2 value.
    pub value: U256,
    /// `reserved`: `[mintValue, refundRecipient, 0, 0]`.
    pub reserved: [U256; 4],
    /// `data`: the L2 calldata.
    pub data: Bytes,
    /// `factoryDeps`: the EraVM bytecode hashes of the factory deps (`hashL2Bytecode`), which the
    /// caller supplies.
    pub factory_deps: Vec<U256>,
}

impl BridgehubL2TransactionRequest {
    /// The request as the Mailbox serialises it (`zkstack_l1::mailbox::PriorityOpRequest`), with
    /// the factory deps given as their EraVM bytecode hashes (`hashL2Bytecode`).
    pub fn to_priority_op_request(&self, factory_dep_hashes: &[B256]) -> PriorityOpRequest {
        PriorityOpRequest {
            sender: self.sender,
            contract_l2: self.contractL2,
            mint_value: self.mintValue,
            l2_value: self.l2Value,
            l2_calldata: self.l2Calldata.clone(),
            l2_gas_limit: self.l2GasLimit,
            l2_gas_per_pubdata_byte_limit: self.l2GasPerPubdataByteLimit,
            factory_dep_hashes: factory_dep_hashes
                .iter()
                .map(|h| U256::from_be_bytes(h.0))
                .collect(),
            refund_recipient: self.refundRecipient,
        }
    }

    /// The canonical transaction's fields for priority id `priority_id` at `l2_gas_price`: the
    /// fields of `PriorityOpRequest::to_canonical_transaction`, addresses as addresses.
    pub fn canonical_fields(
        &self,
        priority_id: U256,
        l2_gas_price: U256,
        factory_dep_hashes: &[B256],
    ) -> CanonicalTxFields {
        let tx = self
            .to_priority_op_request(factory_dep_hashes)
            .to_canonical_transaction(priority_id, l2_gas_price);
        CanonicalTxFields {
            tx_type: tx.txType,
            from: u256_to_address(tx.from),
            to: u256_to_address(tx.to),
            gas_limit: tx.gasLimit,
            gas_per_pubdata_byte_limit: tx.gasPerPubdataByteLimit,
            max_fee_per_gas: tx.maxFeePerGas,
            max_priority_fee_per_gas: tx.maxPriorityFeePerGas,
            paymaster: tx.paymaster,
            nonce: tx.nonce,
            value: tx.value,
            reserved: tx.reserved,
            data: tx.data,
            factory_deps: tx.factoryDeps,
        }
    }
}

/// `address(uint160(word))`: the inverse of `zkstack_l1::priority::address_to_u256`.
fn u256_to_address(word: U256) -> Address {
    Address::from_word(B256::from(word))
}

/// `Bridgehub.createNewChain` calldata.
#[allow(clippy::too_many_arguments)]
pub fn create_new_chain_calldata(
    chain_id: U256,
    chain_type_manager: Address,
    base_token_asset_id: B256,
    salt: U256,
    admin: Address,
    init_data: Bytes,
    factory_deps: Vec<Bytes>,
) -> Vec<u8> {
    IBridgehub::createNewChainCall {
        _chainId: chain_id,
        _chainTypeManager: chain_type_manager,
        _baseTokenAssetId: base_token_asset_id,
        _salt: salt,
        _admin: admin,
        _initData: init_data,
        _factoryDeps: factory_deps,
    }
    .abi_encode()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::keccak256;

    #[test]
    fn magic_value_is_its_definition() {
        let v = U256::from_be_bytes(keccak256("TWO_BRIDGES_MAGIC_VALUE").0) - U256::from(1u8);
        assert_eq!(TWO_BRIDGES_MAGIC_VALUE, B256::from(v));
    }

    /// The fields are `_serializeL2Transaction`'s: type 255, sender and contract as addresses,
    /// `reserved = [mintValue, refundRecipient, 0, 0]`, factory-dep hashes as words.
    #[test]
    fn canonical_fields_follow_serialize_l2_transaction() {
        let request = BridgehubL2TransactionRequest {
            sender: Address::repeat_byte(0x11),
            contractL2: Address::repeat_byte(0x22),
            mintValue: U256::from(7u8),
            l2Value: U256::from(5u8),
            l2Calldata: Bytes::from_static(b"call"),
            l2GasLimit: U256::from(900_000u32),
            l2GasPerPubdataByteLimit: U256::from(REQUIRED_L2_GAS_PRICE_PER_PUBDATA),
            factoryDeps: vec![],
            refundRecipient: Address::repeat_byte(0x33),
        };
        let hash = B256::repeat_byte(0x44);
        let fields = request.canonical_fields(U256::from(3u8), U256::from(250u8), &[hash]);
        assert_eq!(
            fields,
            CanonicalTxFields {
                tx_type: U256::from(PRIORITY_OPERATION_L2_TX_TYPE),
                from: request.sender,
                to: request.contractL2,
                gas_limit: request.l2GasLimit,
                gas_per_pubdata_byte_limit: request.l2GasPerPubdataByteLimit,
                max_fee_per_gas: U256::from(250u8),
                max_priority_fee_per_gas: U256::ZERO,
                paymaster: U256::ZERO,
                nonce: U256::from(3u8),
                value: request.l2Value,
                reserved: [
                    request.mintValue,
                    U256::from_be_slice(request.refundRecipient.as_slice()),
                    U256::ZERO,
                    U256::ZERO,
                ],
                data: request.l2Calldata.clone(),
                factory_deps: vec![U256::from_be_bytes(hash.0)],
            }
        );
    }
}
