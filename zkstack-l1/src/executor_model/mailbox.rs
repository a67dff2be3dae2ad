//! The Mailbox's request path (`bridgehubRequestL2Transaction` → `_requestL2TransactionSender`):
//! a user's L1→L2 request becomes a priority operation in the chain's priority tree.

use alloy_primitives::{Address, B256, Bytes, U256};

use super::{ExecutorError, ExecutorEvent, L1Executor};
use crate::L2CanonicalTransaction;
use crate::mailbox::{
    PriorityOpRequest, actual_refund_recipient, apply_l1_to_l2_alias, check_request,
    validate_l1_to_l2_transaction,
};
use crate::priority::NewPriorityRequest;
use crate::pubdata::bytecode_hash;

/// Config.sol `PRIORITY_EXPIRATION`: priority operations do not expire (0 days).
pub const PRIORITY_EXPIRATION: u64 = 0;

/// `BridgehubL2TransactionRequest`: what a user (through the Bridgehub) asks the chain to run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct L2TransactionRequest {
    /// The L1 sender (aliased on L2 unless it is the transaction origin).
    pub sender: Address,
    /// The L2 contract to call.
    pub contract_l2: Address,
    /// Base token minted on L2 (`msg.value` for ETH chains).
    pub mint_value: U256,
    /// `msg.value` of the L2 call.
    pub l2_value: U256,
    /// Calldata of the L2 call.
    pub l2_calldata: Bytes,
    /// L2 gas limit.
    pub l2_gas_limit: U256,
    /// Must be `REQUIRED_L2_GAS_PRICE_PER_PUBDATA` (800).
    pub l2_gas_per_pubdata_byte_limit: U256,
    /// Bytecodes to publish, hashed into the transaction's `factoryDeps`.
    pub factory_deps: Vec<Bytes>,
    /// Where L2 refunds go (zero: the sender).
    pub refund_recipient: Address,
}

/// The L1 facts a request reads besides its arguments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// `tx.gasprice`.
    pub gas_price: U256,
    /// `block.timestamp`.
    pub timestamp: u64,
    /// `sender == tx.origin` (an EOA calling directly: no aliasing).
    pub sender_is_tx_origin: bool,
    /// `refundRecipient.code.length > 0` (a contract recipient is aliased).
    pub refund_recipient_has_code: bool,
}

/// A priority operation as the Mailbox recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityRequestOutcome {
    /// The canonical transaction.
    pub transaction: L2CanonicalTransaction,
    /// Its canonical hash, the new priority-tree leaf.
    pub canonical_tx_hash: B256,
    /// The `NewPriorityRequest` event.
    pub event: NewPriorityRequest,
}

impl<D> L1Executor<D> {
    /// `_requestL2TransactionSender`: `GasPerPubdataMismatch`, `TooManyFactoryDeps`, the L2 gas
    /// price and `MsgValueTooLow` (see [`check_request`]); then sender aliasing and the refund
    /// recipient, the canonical transaction with the next priority id as nonce and the factory
    /// dependencies' bytecode hashes, `TransactionValidator` (see
    /// [`validate_l1_to_l2_transaction`]), and the push of its hash into the priority tree.
    ///
    /// Not modelled: the transaction filterer, and the forwarding to a Gateway's Mailbox when
    /// the chain settles there.
    pub fn request_l2_transaction(
        &mut self,
        request: &L2TransactionRequest,
        ctx: &RequestContext,
    ) -> Result<PriorityRequestOutcome, ExecutorError> {
        let config = &self.config;
        let l2_gas_price = check_request(
            config.protocol_version,
            ctx.gas_price,
            request.l2_gas_limit,
            request.l2_gas_per_pubdata_byte_limit,
            request.factory_deps.len(),
            request.mint_value,
            request.l2_value,
            &config.fee_params,
            config.base_token_multiplier,
        )?;
        let refund_recipient = actual_refund_recipient(
            request.refund_recipient,
            request.sender,
            ctx.sender_is_tx_origin,
            ctx.refund_recipient_has_code,
        );
        let sender = if ctx.sender_is_tx_origin {
            request.sender
        } else {
            apply_l1_to_l2_alias(request.sender)
        };
        let factory_dep_hashes = request
            .factory_deps
            .iter()
            .enumerate()
            .map(|(index, code)| {
                bytecode_hash(code)
                    .map(|hash| U256::from_be_bytes(hash.0))
                    .map_err(|source| ExecutorError::FactoryDependency { index, source })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tx_id = U256::from(self.priority_tree.total_priority_txs());
        let transaction = PriorityOpRequest {
            sender,
            contract_l2: request.contract_l2,
            mint_value: request.mint_value,
            l2_value: request.l2_value,
            l2_calldata: request.l2_calldata.clone(),
            l2_gas_limit: request.l2_gas_limit,
            l2_gas_per_pubdata_byte_limit: request.l2_gas_per_pubdata_byte_limit,
            factory_dep_hashes,
            refund_recipient,
        }
        .to_canonical_transaction(tx_id, l2_gas_price);
        validate_l1_to_l2_transaction(
            &transaction,
            config.priority_tx_max_gas_limit,
            U256::from(config.fee_params.priority_tx_max_pubdata),
        )?;
        let canonical_tx_hash = transaction.canonical_hash();
        self.priority_tree.push(canonical_tx_hash)?;
        let expiration = ctx.timestamp.saturating_add(PRIORITY_EXPIRATION);
        let event = NewPriorityRequest::for_transaction(
            transaction.clone(),
            expiration,
            request.factory_deps.clone(),
        );
        self.events.push(ExecutorEvent::NewPriorityRequest(Box::new(event.clone())));
        Ok(PriorityRequestOutcome { transaction, canonical_tx_hash, event })
    }
}
