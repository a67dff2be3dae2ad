//! Turning a user's request into the canonical transaction (Mailbox `_serializeL2Transaction`),
//! with the address aliasing it applies (era-contracts `vendor/AddressAliasHelper.sol`).

use alloy_primitives::{Address, Bytes, U256, address, aliases::U160};

use crate::priority::{L2CanonicalTransaction, PRIORITY_OPERATION_L2_TX_TYPE, address_to_u256};

/// Added (mod 2^160) to an L1 contract's address to get its L2 alias: `AddressAliasHelper.offset`.
pub const L1_TO_L2_ALIAS_OFFSET: Address = address!("1111000000000000000000000000000000001111");

fn to_u160(a: Address) -> U160 {
    U160::from_be_slice(a.as_slice())
}

fn from_u160(x: U160) -> Address {
    Address::from(x.to_be_bytes::<20>())
}

/// `applyL1ToL2Alias`: `l1_address + 0x1111…1111` wrapping at 2^160.
pub fn apply_l1_to_l2_alias(l1_address: Address) -> Address {
    from_u160(to_u160(l1_address).wrapping_add(to_u160(L1_TO_L2_ALIAS_OFFSET)))
}

/// `undoL1ToL2Alias`: the inverse of [`apply_l1_to_l2_alias`].
pub fn undo_l1_to_l2_alias(l2_address: Address) -> Address {
    from_u160(to_u160(l2_address).wrapping_sub(to_u160(L1_TO_L2_ALIAS_OFFSET)))
}

/// `actualRefundRecipient`: where L2 refunds go. No recipient means the caller (aliased unless the
/// caller is the transaction origin); a recipient with code on L1 is aliased; an EOA is kept.
/// The two L1 facts the contract reads (`caller == tx.origin`, `recipient.code.length > 0`) are
/// passed in.
pub fn actual_refund_recipient(
    refund_recipient: Address,
    original_caller: Address,
    caller_is_tx_origin: bool,
    refund_recipient_has_code: bool,
) -> Address {
    if refund_recipient == Address::ZERO {
        if caller_is_tx_origin { original_caller } else { apply_l1_to_l2_alias(original_caller) }
    } else if refund_recipient_has_code {
        apply_l1_to_l2_alias(refund_recipient)
    } else {
        refund_recipient
    }
}

/// A request as `_requestL2Transaction` holds it right before serialising (era-contracts
/// `BridgehubL2TransactionRequest`, after aliasing): `sender` is already aliased when it was not
/// `tx.origin`, `refund_recipient` is already [`actual_refund_recipient`], and the factory
/// dependencies are given as their L2 bytecode hashes (`L2ContractHelper.hashFactoryDeps`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PriorityOpRequest {
    /// L2 `from` (aliased if the L1 caller was a contract).
    pub sender: Address,
    /// The L2 contract called.
    pub contract_l2: Address,
    /// Base token minted on L2 to the sender (`mintValue`).
    pub mint_value: U256,
    /// `msg.value` of the L2 call.
    pub l2_value: U256,
    /// Calldata of the L2 call.
    pub l2_calldata: Bytes,
    /// L2 gas limit.
    pub l2_gas_limit: U256,
    /// L2 gas per pubdata byte limit.
    pub l2_gas_per_pubdata_byte_limit: U256,
    /// Bytecode hashes of the factory dependencies, as `uint256`.
    pub factory_dep_hashes: Vec<U256>,
    /// Refund recipient after [`actual_refund_recipient`].
    pub refund_recipient: Address,
}

impl PriorityOpRequest {
    /// `_serializeL2Transaction`: type 255, addresses widened to `uint256`, `maxFeePerGas` the
    /// derived L2 gas price, `nonce` the priority operation id, `reserved = [mintValue,
    /// refundRecipient, 0, 0]`, empty signature, paymaster input and reserved dynamic field.
    pub fn to_canonical_transaction(
        &self,
        tx_id: U256,
        l2_gas_price: U256,
    ) -> L2CanonicalTransaction {
        L2CanonicalTransaction {
            txType: U256::from(PRIORITY_OPERATION_L2_TX_TYPE),
            from: address_to_u256(self.sender),
            to: address_to_u256(self.contract_l2),
            gasLimit: self.l2_gas_limit,
            gasPerPubdataByteLimit: self.l2_gas_per_pubdata_byte_limit,
            maxFeePerGas: l2_gas_price,
            maxPriorityFeePerGas: U256::ZERO,
            paymaster: U256::ZERO,
            nonce: tx_id,
            value: self.l2_value,
            reserved: [
                self.mint_value,
                address_to_u256(self.refund_recipient),
                U256::ZERO,
                U256::ZERO,
            ],
            data: self.l2_calldata.clone(),
            signature: Bytes::new(),
            factoryDeps: self.factory_dep_hashes.clone(),
            paymasterInput: Bytes::new(),
            reservedDynamic: Bytes::new(),
        }
    }
}
