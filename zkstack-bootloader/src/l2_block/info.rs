//! SystemContext's packed `BlockInfo` word and its storage slots (era-contracts
//! `system-contracts/contracts/SystemContext.sol` at v26, zksync-era `system_context.rs`).

use alloy_primitives::{Address, B256, U256, address};

/// The SystemContext system contract.
pub const SYSTEM_CONTEXT_ADDRESS: Address = address!("000000000000000000000000000000000000800b");
/// How many recent L2 block hashes SystemContext keeps (`MINIBLOCK_HASHES_TO_STORE`).
pub const L2_BLOCK_HASHES_TO_STORE: u64 = 257;

/// Storage slots of SystemContext (declaration order, one slot each, `l2BlockHash` taking 257).
pub mod slots {
    /// `chainId`.
    pub const CHAIN_ID: u64 = 0;
    /// `origin` (tx.origin).
    pub const ORIGIN: u64 = 1;
    /// `gasPrice`.
    pub const GAS_PRICE: u64 = 2;
    /// `blockGasLimit`.
    pub const BLOCK_GAS_LIMIT: u64 = 3;
    /// `coinbase`.
    pub const COINBASE: u64 = 4;
    /// `difficulty`.
    pub const DIFFICULTY: u64 = 5;
    /// `baseFee`.
    pub const BASE_FEE: u64 = 6;
    /// `currentBatchInfo` (packed [`BlockInfo`](super::BlockInfo)).
    pub const CURRENT_BATCH_INFO: u64 = 7;
    /// `batchHashes` mapping (`keccak256(pad32(number) ‖ pad32(8))`).
    pub const BATCH_HASHES: u64 = 8;
    /// `currentL2BlockInfo` (packed).
    pub const CURRENT_L2_BLOCK_INFO: u64 = 9;
    /// `currentL2BlockTxsRollingHash`.
    pub const CURRENT_L2_BLOCK_TXS_ROLLING_HASH: u64 = 10;
    /// First slot of `l2BlockHash[257]`; block `n` lives at `11 + n % 257`.
    pub const L2_BLOCK_HASHES: u64 = 11;
    /// `currentVirtualL2BlockInfo` (packed).
    pub const CURRENT_VIRTUAL_L2_BLOCK_INFO: u64 = 268;
    /// `virtualBlockUpgradeInfo`: `virtualBlockFinishL2Block << 128 | virtualBlockStartBatch`.
    pub const VIRTUAL_BLOCK_UPGRADE_INFO: u64 = 269;
    /// `txNumberInBlock` (uint16).
    pub const TX_NUMBER_IN_BLOCK: u64 = 270;
    /// `gasPerPubdataByte`.
    pub const GAS_PER_PUBDATA_BYTE: u64 = 271;
    /// `basePubdataSpent`.
    pub const BASE_PUBDATA_SPENT: u64 = 272;
}

/// The slot of L2 block `number`'s hash in the 257-entry ring.
pub fn l2_block_hash_slot(number: u128) -> B256 {
    B256::from(U256::from(
        slots::L2_BLOCK_HASHES + (number % u128::from(L2_BLOCK_HASHES_TO_STORE)) as u64,
    ))
}

/// The slot of `batchHashes[number]`.
pub fn batch_hash_slot(number: u128) -> B256 {
    crate::address::mapping_key(
        B256::from(U256::from(number)),
        B256::from(U256::from(slots::BATCH_HASHES)),
    )
}

/// A number and a timestamp as SystemContext packs them into one word (`BlockInfo {timestamp,
/// number}`: the timestamp in the low 128 bits, the number in the high ones; zksync-era
/// `pack_block_info`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BlockInfo {
    /// Block (or batch) number.
    pub number: u128,
    /// Timestamp.
    pub timestamp: u128,
}

impl BlockInfo {
    /// `number << 128 | timestamp`.
    pub fn pack(self) -> U256 {
        (U256::from(self.number) << 128) | U256::from(self.timestamp)
    }

    /// The inverse of [`BlockInfo::pack`].
    pub fn unpack(word: U256) -> Self {
        let limbs = word.as_limbs();
        Self {
            number: u128::from(limbs[2]) | (u128::from(limbs[3]) << 64),
            timestamp: u128::from(limbs[0]) | (u128::from(limbs[1]) << 64),
        }
    }
}

/// The value of the `PACKED_BATCH_AND_L2_BLOCK_TIMESTAMP_KEY` system log
/// (`publishTimestampDataToL1`): `batch_timestamp << 128 | last_l2_block_timestamp`.
pub fn packed_batch_and_l2_block_timestamp(
    batch_timestamp: u128,
    l2_block_timestamp: u128,
) -> B256 {
    B256::from((U256::from(batch_timestamp) << 128) | U256::from(l2_block_timestamp))
}
