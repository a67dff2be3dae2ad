//! The EIP-712 message a ZKsync (type 0x71) transaction's signer signs.
//!
//! Domain `EIP712Domain(string name,string version,uint256 chainId)` with name `"zkSync"` and
//! version `"2"`; primary type [`EIP712_TRANSACTION_TYPE`]. Both are fixed by era-contracts
//! `system-contracts/contracts/libraries/TransactionHelper.sol` (`EIP712_DOMAIN_TYPEHASH`,
//! `EIP712_TRANSACTION_TYPE_HASH`, `_encodeHashEIP712Transaction`) and zksync-era
//! `core/lib/crypto_primitives/src/eip712_signature` (`Eip712Domain::NAME`/`VERSION`).

use alloy_primitives::{B256, U256};
use alloy_sol_types::{Eip712Domain, SolStruct};

/// `name` of the zkSync EIP-712 domain.
pub const EIP712_DOMAIN_NAME: &str = "zkSync";
/// `version` of the zkSync EIP-712 domain.
pub const EIP712_DOMAIN_VERSION: &str = "2";
/// The encoded type of the signed transaction struct (TransactionHelper.sol).
pub const EIP712_TRANSACTION_TYPE: &str = "Transaction(uint256 txType,uint256 from,uint256 to,uint256 gasLimit,uint256 gasPerPubdataByteLimit,uint256 maxFeePerGas,uint256 maxPriorityFeePerGas,uint256 paymaster,uint256 nonce,uint256 value,bytes data,bytes32[] factoryDeps,bytes paymasterInput)";

alloy_sol_types::sol! {
    /// The signed view of a 0x71 transaction; `factoryDeps` holds bytecode hashes.
    #[derive(Debug, Default, PartialEq, Eq)]
    struct Transaction {
        uint256 txType;
        uint256 from;
        uint256 to;
        uint256 gasLimit;
        uint256 gasPerPubdataByteLimit;
        uint256 maxFeePerGas;
        uint256 maxPriorityFeePerGas;
        uint256 paymaster;
        uint256 nonce;
        uint256 value;
        bytes data;
        bytes32[] factoryDeps;
        bytes paymasterInput;
    }
}

/// The signed struct under its Rust name.
pub(crate) type Eip712Message = Transaction;

/// The zkSync EIP-712 domain of a chain.
pub fn eip712_domain(chain_id: u64) -> Eip712Domain {
    Eip712Domain::new(
        Some(EIP712_DOMAIN_NAME.into()),
        Some(EIP712_DOMAIN_VERSION.into()),
        Some(U256::from(chain_id)),
        None,
        None,
    )
}

/// `keccak256(EIP712_TRANSACTION_TYPE)`, TransactionHelper's `EIP712_TRANSACTION_TYPE_HASH`,
/// as derived from the struct definition.
pub fn eip712_transaction_type_hash() -> B256 {
    Eip712Message::default().eip712_type_hash()
}

/// The encoded type derived from the struct definition (equal to [`EIP712_TRANSACTION_TYPE`]).
pub fn eip712_transaction_encode_type() -> String {
    Eip712Message::eip712_encode_type().into_owned()
}

/// `keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message))`.
pub(crate) fn signing_hash(message: &Eip712Message, chain_id: u64) -> B256 {
    message.eip712_signing_hash(&eip712_domain(chain_id))
}
