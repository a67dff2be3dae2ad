//! Transactions that come from L1: priority operations (type 255) and protocol upgrade
//! transactions (type 254).
//!
//! They have no RLP form and no signature: the Mailbox (or the upgrade) fixes them as
//! [`L2CanonicalTransaction`], whose `abi.encode` is both their wire form (the `transaction` of
//! `NewPriorityRequest`) and, hashed, their L2 transaction hash. For a priority operation `nonce`
//! is the priority operation id, `reserved[0]` the value minted on L2 (`mintValue`) and
//! `reserved[1]` the refund recipient (Mailbox `_serializeL2Transaction`).

use alloy_primitives::{Address, B256, U256};
use zkstack_l1::L2CanonicalTransaction;
use zkstack_l1::mailbox::PriorityOpRequest;
use zkstack_l1::priority::{PRIORITY_OPERATION_L2_TX_TYPE, SYSTEM_UPGRADE_L2_TX_TYPE};

pub use zkstack_l1::mailbox::{
    L1_TO_L2_ALIAS_OFFSET, actual_refund_recipient, apply_l1_to_l2_alias, undo_l1_to_l2_alias,
};

use super::error::DecodeError;

/// Which kind of L1 transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum L1TxKind {
    /// A priority operation requested through the Mailbox (type 255).
    Priority,
    /// A protocol upgrade transaction (type 254).
    Upgrade,
}

impl L1TxKind {
    /// The `txType` byte.
    pub const fn tx_type(self) -> u8 {
        match self {
            Self::Priority => PRIORITY_OPERATION_L2_TX_TYPE,
            Self::Upgrade => SYSTEM_UPGRADE_L2_TX_TYPE,
        }
    }
}

/// An L1 transaction: a canonical transaction of type 255 or 254 whose address fields fit in
/// 160 bits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct L1Tx {
    canonical: L2CanonicalTransaction,
}

impl L1Tx {
    /// Wraps a canonical transaction after checking its type and address fields.
    pub fn new(canonical: L2CanonicalTransaction) -> Result<Self, DecodeError> {
        let tx_type = canonical.txType;
        if tx_type != U256::from(PRIORITY_OPERATION_L2_TX_TYPE)
            && tx_type != U256::from(SYSTEM_UPGRADE_L2_TX_TYPE)
        {
            return Err(DecodeError::NotL1Type(tx_type));
        }
        for (field, word) in [
            ("from", canonical.from),
            ("to", canonical.to),
            ("paymaster", canonical.paymaster),
            ("refundRecipient", canonical.reserved[1]),
        ] {
            if word.bit_len() > 160 {
                return Err(DecodeError::AddressLength { field, len: word.byte_len() });
            }
        }
        Ok(Self { canonical })
    }

    /// The priority operation a Mailbox request becomes (Mailbox `_serializeL2Transaction`).
    pub fn from_request(request: &PriorityOpRequest, tx_id: U256, l2_gas_price: U256) -> Self {
        Self { canonical: request.to_canonical_transaction(tx_id, l2_gas_price) }
    }

    /// Decodes `abi.encode(L2CanonicalTransaction)`, accepting only the canonical encoding (no
    /// trailing bytes, no dirty padding, standard offsets), so that it re-encodes to itself.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let canonical =
            L2CanonicalTransaction::decode(bytes).map_err(|e| DecodeError::Abi(e.to_string()))?;
        if canonical.encoded_len() != bytes.len() || canonical.encode() != bytes {
            return Err(DecodeError::Abi("not the canonical encoding".into()));
        }
        Self::new(canonical)
    }

    /// `abi.encode(L2CanonicalTransaction)`.
    pub fn encode(&self) -> Vec<u8> {
        self.canonical.encode()
    }

    /// The canonical struct.
    pub fn canonical(&self) -> &L2CanonicalTransaction {
        &self.canonical
    }

    /// The canonical struct, by value.
    pub fn into_canonical(self) -> L2CanonicalTransaction {
        self.canonical
    }

    /// Priority operation or upgrade.
    pub fn kind(&self) -> L1TxKind {
        if self.canonical.txType == U256::from(SYSTEM_UPGRADE_L2_TX_TYPE) {
            L1TxKind::Upgrade
        } else {
            L1TxKind::Priority
        }
    }

    /// The L2 transaction hash: keccak256 of the canonical encoding.
    pub fn hash(&self) -> B256 {
        self.canonical.canonical_hash()
    }

    /// The L2 sender (already aliased by the Mailbox when the L1 caller was a contract; see
    /// [`undo_l1_to_l2_alias`]).
    pub fn sender(&self) -> Address {
        word_address(self.canonical.from)
    }

    /// The L2 contract called.
    pub fn to(&self) -> Address {
        word_address(self.canonical.to)
    }

    /// The priority operation id (or, for an upgrade, the protocol version it belongs to).
    pub fn serial_id(&self) -> U256 {
        self.canonical.nonce
    }

    /// Base token minted on L2 to the sender before execution (`reserved[0]`).
    pub fn mint_value(&self) -> U256 {
        self.canonical.reserved[0]
    }

    /// Where unspent gas is refunded on L2 (`reserved[1]`).
    pub fn refund_recipient(&self) -> Address {
        word_address(self.canonical.reserved[1])
    }

    /// Factory dependency bytecode hashes.
    pub fn factory_dep_hashes(&self) -> Vec<B256> {
        self.canonical.factoryDeps.iter().map(|word| B256::from(*word)).collect()
    }
}

/// The low 160 bits of a word (callers have checked that no higher bit is set).
fn word_address(word: U256) -> Address {
    Address::from_slice(&word.to_be_bytes::<32>()[12..])
}
