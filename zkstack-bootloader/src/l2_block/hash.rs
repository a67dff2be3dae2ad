//! L2 block hashes (SystemContext.sol `_calculateL2BlockHash`, `_calculateLegacyL2BlockHash`,
//! `appendTransactionToCurrentL2Block`; zksync-era `L2BlockHasher`).

use alloy_primitives::{B256, U256, keccak256};

use crate::l1::ProtocolVersionId;

/// `keccak256(abi.encode(number, timestamp, prev_hash, txs_rolling_hash))`: the L2 block hash from
/// protocol version 13 on (all four are 32-byte words, numbers big-endian).
pub fn l2_block_hash(
    number: u128,
    timestamp: u128,
    prev_hash: B256,
    txs_rolling_hash: B256,
) -> B256 {
    let mut preimage = [0u8; 128];
    preimage[..32].copy_from_slice(&U256::from(number).to_be_bytes::<32>());
    preimage[32..64].copy_from_slice(&U256::from(timestamp).to_be_bytes::<32>());
    preimage[64..96].copy_from_slice(prev_hash.as_slice());
    preimage[96..].copy_from_slice(txs_rolling_hash.as_slice());
    keccak256(preimage)
}

/// `keccak256(abi.encodePacked(uint32(number)))`: the hash of L2 blocks made before version 13
/// (4 bytes hashed; the number is truncated to 32 bits as the contract does).
pub fn legacy_l2_block_hash(number: u128) -> B256 {
    keccak256((number as u32).to_be_bytes())
}

/// `keccak256(abi.encode(number))`: what `blockhash` answers for a virtual block that did not catch
/// up with the L2 blocks (kept apart from both L2 block hash forms).
pub fn virtual_block_hash(number: u128) -> B256 {
    keccak256(U256::from(number).to_be_bytes::<32>())
}

/// The rolling hash of an L2 block's transactions: zero for none, then
/// `keccak256(previous ‖ tx_hash)` per transaction in execution order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TxsRollingHash(pub B256);

impl TxsRollingHash {
    /// Folds in the next transaction's hash.
    pub fn push(&mut self, tx_hash: B256) {
        let mut preimage = [0u8; 64];
        preimage[..32].copy_from_slice(self.0.as_slice());
        preimage[32..].copy_from_slice(tx_hash.as_slice());
        self.0 = keccak256(preimage);
    }

    /// The rolling hash of `tx_hashes`.
    pub fn of(tx_hashes: impl IntoIterator<Item = B256>) -> Self {
        let mut out = Self::default();
        for hash in tx_hashes {
            out.push(hash);
        }
        out
    }
}

/// zksync-era's `L2BlockHasher`: accumulates an L2 block's transactions and hashes it for a
/// protocol version (the legacy form before version 13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct L2BlockHasher {
    /// The block's number.
    pub number: u32,
    /// The block's timestamp.
    pub timestamp: u64,
    /// The previous L2 block's hash.
    pub prev_hash: B256,
    /// The transactions so far.
    pub txs_rolling_hash: TxsRollingHash,
}

impl L2BlockHasher {
    /// A hasher for a block with no transactions yet.
    pub fn new(number: u32, timestamp: u64, prev_hash: B256) -> Self {
        Self { number, timestamp, prev_hash, txs_rolling_hash: TxsRollingHash::default() }
    }

    /// Adds a transaction (in execution order).
    pub fn push_tx_hash(&mut self, tx_hash: B256) {
        self.txs_rolling_hash.push(tx_hash);
    }

    /// The block hash under `version`.
    pub fn finalize(&self, version: ProtocolVersionId) -> B256 {
        if version.minor() >= 13 {
            l2_block_hash(
                u128::from(self.number),
                u128::from(self.timestamp),
                self.prev_hash,
                self.txs_rolling_hash.0,
            )
        } else {
            legacy_l2_block_hash(u128::from(self.number))
        }
    }
}
