//! Transactions: every kind a ZK Stack chain executes, their wire forms, hashes, signatures and
//! the struct the bootloader reads.
//!
//! - [`LegacyTx`] (with or without EIP-155), [`Eip2930Tx`], [`Eip1559Tx`]: Ethereum's types;
//!   the sender is recovered from the signature and the hash is keccak256 of the bytes.
//! - [`Eip712Tx`] (0x71): ZKsync's own type with factory dependencies, a custom signature, a
//!   paymaster and a gas-per-pubdata limit, signed with EIP-712 ([`eip712_domain`]).
//! - [`L1Tx`]: priority operations (255) and upgrade transactions (254), whose form and hash
//!   are those of zkstack-l1's [`L2CanonicalTransaction`](zkstack_l1::L2CanonicalTransaction).
//! - [`Transaction`] unites them; [`decode_raw`] is the one call a wallet or CLI needs to read
//!   raw bytes, [`sign`] signs with a k256 key, and [`Transaction::to_bootloader`] gives the
//!   [`BootloaderTransaction`] the bootloader reads.
//! - [`paymaster`]: inputs of the built-in paymaster flows.
//!
//! Sources: zksync-era `core/lib/types/src/transaction_request.rs`, `l2/mod.rs`,
//! `core/lib/crypto_primitives` (EIP-712, packed signatures), multivm
//! `vm_latest/types/transaction_data.rs`; era-contracts `TransactionHelper.sol`,
//! `DefaultAccount.sol`, `IPaymasterFlow.sol`; zksync-ethers `serializeEip712`.
//!
//! ```
//! use zkstack_bootloader::tx::{Eip1559Tx, SigningKey, Transaction, decode_raw, sign};
//!
//! let key = SigningKey::from_slice(&[0x11; 32]).unwrap();
//! let unsigned = Transaction::Eip1559(Eip1559Tx { chain_id: 324, ..Default::default() });
//! let raw = sign(unsigned, &key).unwrap().encode();
//! let decoded = decode_raw(&raw, Some(324)).unwrap();
//! assert_eq!(decoded.from, zkstack_bootloader::tx::signer_address(&key));
//! ```

mod access_list;
mod bootloader;
mod decoded;
mod eip1559;
mod eip2930;
mod eip712;
mod eip712_hash;
mod envelope;
mod error;
mod l1;
mod legacy;
pub mod paymaster;
mod rlp;
mod signature;

pub use access_list::{AccessList, AccessListItem};
pub use bootloader::BootloaderTransaction;
pub use decoded::{DecodedTx, decode_raw};
pub use eip712::{
    DEFAULT_GAS_PER_PUBDATA_LIMIT, EIP_712_TX_TYPE, Eip712Tx, InvalidFactoryDep, PaymasterParams,
};
pub use eip712_hash::{
    EIP712_DOMAIN_NAME, EIP712_DOMAIN_VERSION, EIP712_TRANSACTION_TYPE, eip712_domain,
    eip712_transaction_encode_type, eip712_transaction_type_hash,
};
pub use eip1559::{EIP_1559_TX_TYPE, Eip1559Tx};
pub use eip2930::{EIP_2930_TX_TYPE, Eip2930Tx};
pub use envelope::{Transaction, TxType, sign};
pub use error::{ConversionError, DecodeError, SignatureError, TxError};
pub use l1::{
    L1_TO_L2_ALIAS_OFFSET, L1Tx, L1TxKind, actual_refund_recipient, apply_l1_to_l2_alias,
    undo_l1_to_l2_alias,
};
pub use legacy::{LegacyTx, unpack_v};
pub use signature::{EcdsaSignature, SECP256K1_HALF_ORDER, address_of, signer_address};

/// The k256 signing key type [`sign`] takes.
pub use k256::ecdsa::SigningKey;
