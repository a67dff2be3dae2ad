//! The canonical L1→L2 transaction and its hash.

use alloy_primitives::{Address, B256, U256, keccak256};
use alloy_sol_types::SolValue;

alloy_sol_types::sol! {
    /// The L2 transaction as the Mailbox records it for a priority operation or a protocol upgrade
    /// (era-contracts `l1-contracts/contracts/common/Messaging.sol`, struct `L2CanonicalTransaction`).
    ///
    /// Field order and types are consensus: the canonical transaction hash is keccak256 of
    /// `abi.encode` of this struct. Addresses (`from`, `to`, `paymaster`) are `uint256` on purpose;
    /// for a priority operation `nonce` is the priority operation id, `reserved[0]` the `mintValue`
    /// and `reserved[1]` the refund recipient (Mailbox `_serializeL2Transaction`).
    #[derive(Debug, Default, PartialEq, Eq, Hash)]
    struct L2CanonicalTransaction {
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
        uint256[4] reserved;
        bytes data;
        bytes signature;
        uint256[] factoryDeps;
        bytes paymasterInput;
        bytes reservedDynamic;
    }

    /// Emitted by the Mailbox for every priority operation with everything the operator needs to
    /// replay the priority queue off-chain (era-contracts
    /// `state-transition/chain-interfaces/IMailboxImpl.sol`). No field is indexed: the topics hold
    /// only the signature hash, and the data is the ABI encoding of all five fields.
    #[derive(Debug, PartialEq, Eq, Hash)]
    event NewPriorityRequest(
        uint256 txId,
        bytes32 txHash,
        uint64 expirationTimestamp,
        L2CanonicalTransaction transaction,
        bytes[] factoryDeps
    );
}

/// `txType` of an L1→L2 priority operation (era-contracts `common/Config.sol`
/// `PRIORITY_OPERATION_L2_TX_TYPE`).
pub const PRIORITY_OPERATION_L2_TX_TYPE: u8 = 255;

/// `txType` of a protocol upgrade transaction (era-contracts `common/Config.sol`
/// `SYSTEM_UPGRADE_L2_TX_TYPE`).
pub const SYSTEM_UPGRADE_L2_TX_TYPE: u8 = 254;

/// `uint256(uint160(address))`, how the Mailbox stores addresses in the canonical transaction.
pub fn address_to_u256(address: Address) -> U256 {
    U256::from_be_slice(address.as_slice())
}

impl L2CanonicalTransaction {
    /// `abi.encode(tx)`: the encoding the Mailbox hashes and whose length
    /// `TransactionValidator` charges for (a single dynamic tuple, so it starts with the offset `0x20`).
    pub fn encode(&self) -> Vec<u8> {
        self.abi_encode()
    }

    /// Length of [`Self::encode`] without building it.
    pub fn encoded_len(&self) -> usize {
        self.abi_encoded_size()
    }

    /// The canonical transaction hash, `keccak256(abi.encode(tx))` (Mailbox `_validateTx`).
    ///
    /// It is the leaf of the priority tree, the item of the priority rolling hash and the L2
    /// transaction hash of an L1→L2 transaction.
    pub fn canonical_hash(&self) -> B256 {
        keccak256(self.encode())
    }

    /// Decodes `abi.encode(tx)`; every offset and length is checked against the input first, so
    /// arbitrary bytes give an error, never a panic or an outsized allocation.
    pub fn decode(bytes: &[u8]) -> Result<Self, alloy_sol_types::Error> {
        <Self as SolValue>::abi_decode(bytes)
    }
}
