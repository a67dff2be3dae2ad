//! The block-keeping half of SystemContext as plain data: the rules it enforces when a batch or an
//! L2 block starts, the 257-slot hash ring, virtual blocks, and the storage words it leaves.
//!
//! Mirrors era-contracts `system-contracts/contracts/SystemContext.sol` at v26 (commit 16dedf6d7):
//! `setNewBatch`, `setL2Block`, `_setVirtualBlock`, `appendTransactionToCurrentL2Block`,
//! `publishTimestampDataToL1`, `getBlockHashEVM`. Checking a batch here before running it gives
//! the same verdict the contract would give during execution.

use std::collections::BTreeMap;

use alloy_primitives::{B256, U256};

use super::{
    BatchEnv, BlockInfo, L2_BLOCK_HASHES_TO_STORE, L2BlockEnv, L2BlockError, TxsRollingHash,
    batch_hash_slot, l2_block_hash, l2_block_hash_slot, legacy_l2_block_hash,
    packed_batch_and_l2_block_timestamp, slots, virtual_block_hash,
};

/// The last L2 block as a node needs it to open the next one (zksync-era `L2Block`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LastL2Block {
    /// Its number.
    pub number: u128,
    /// Its timestamp.
    pub timestamp: u128,
    /// Its hash, including the transactions so far.
    pub hash: B256,
}

/// SystemContext's block state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemContextBlocks {
    /// `currentBatchInfo`.
    pub batch: BlockInfo,
    /// `currentL2BlockInfo`.
    pub l2_block: BlockInfo,
    /// `currentL2BlockTxsRollingHash`.
    pub txs_rolling_hash: TxsRollingHash,
    /// `l2BlockHash`: block `n`'s hash at index `n % 257`.
    pub l2_block_hashes: Vec<B256>,
    /// `currentVirtualL2BlockInfo`.
    pub virtual_block: BlockInfo,
    /// `virtualBlockUpgradeInfo.virtualBlockStartBatch`.
    pub virtual_block_start_batch: u128,
    /// `virtualBlockUpgradeInfo.virtualBlockFinishL2Block` (0 until virtual blocks caught up).
    pub virtual_block_finish_l2_block: u128,
    /// `batchHashes` entries written by [`SystemContextBlocks::set_new_batch`] since loading.
    pub batch_hashes: BTreeMap<u128, B256>,
    /// `baseFee`.
    pub base_fee: U256,
}

impl Default for SystemContextBlocks {
    /// A fresh SystemContext (nothing started).
    fn default() -> Self {
        Self {
            batch: BlockInfo::default(),
            l2_block: BlockInfo::default(),
            txs_rolling_hash: TxsRollingHash::default(),
            l2_block_hashes: vec![B256::ZERO; L2_BLOCK_HASHES_TO_STORE as usize],
            virtual_block: BlockInfo::default(),
            virtual_block_start_batch: 0,
            virtual_block_finish_l2_block: 0,
            batch_hashes: BTreeMap::new(),
            base_fee: U256::ZERO,
        }
    }
}

fn word(n: u64) -> B256 {
    B256::from(U256::from(n))
}

impl SystemContextBlocks {
    /// Loads the block state from SystemContext's storage (`read(slot)` gives a slot's value;
    /// `batchHashes` is not loaded: it is only written).
    pub fn from_storage(mut read: impl FnMut(B256) -> B256) -> Self {
        let mut packed = |slot: u64| BlockInfo::unpack(U256::from_be_bytes(read(word(slot)).0));
        let batch = packed(slots::CURRENT_BATCH_INFO);
        let l2_block = packed(slots::CURRENT_L2_BLOCK_INFO);
        let virtual_block = packed(slots::CURRENT_VIRTUAL_L2_BLOCK_INFO);
        // The upgrade info packs `start` low and `finish` high, the same layout as BlockInfo.
        let upgrade = packed(slots::VIRTUAL_BLOCK_UPGRADE_INFO);
        let l2_block_hashes =
            (0..L2_BLOCK_HASHES_TO_STORE).map(|i| read(word(slots::L2_BLOCK_HASHES + i))).collect();
        Self {
            batch,
            l2_block,
            txs_rolling_hash: TxsRollingHash(read(word(slots::CURRENT_L2_BLOCK_TXS_ROLLING_HASH))),
            l2_block_hashes,
            virtual_block,
            virtual_block_start_batch: upgrade.timestamp,
            virtual_block_finish_l2_block: upgrade.number,
            batch_hashes: BTreeMap::new(),
            base_fee: U256::from_be_bytes(read(word(slots::BASE_FEE)).0),
        }
    }

    /// The storage words this state occupies (slot, value), as SystemContext would hold them:
    /// block infos, rolling hash, the hash ring, virtual block data, base fee and the batch
    /// hashes written since loading.
    pub fn storage(&self) -> Vec<(B256, B256)> {
        let packed = |info: BlockInfo| B256::from(info.pack());
        let mut out = vec![
            (word(slots::BASE_FEE), B256::from(self.base_fee)),
            (word(slots::CURRENT_BATCH_INFO), packed(self.batch)),
            (word(slots::CURRENT_L2_BLOCK_INFO), packed(self.l2_block)),
            (word(slots::CURRENT_L2_BLOCK_TXS_ROLLING_HASH), self.txs_rolling_hash.0),
            (word(slots::CURRENT_VIRTUAL_L2_BLOCK_INFO), packed(self.virtual_block)),
            (
                word(slots::VIRTUAL_BLOCK_UPGRADE_INFO),
                packed(BlockInfo {
                    number: self.virtual_block_finish_l2_block,
                    timestamp: self.virtual_block_start_batch,
                }),
            ),
        ];
        out.extend(
            self.l2_block_hashes
                .iter()
                .enumerate()
                .map(|(i, hash)| (word(slots::L2_BLOCK_HASHES + i as u64), *hash)),
        );
        out.extend(self.batch_hashes.iter().map(|(n, hash)| (batch_hash_slot(*n), *hash)));
        out
    }

    /// `_getLatest257L2blockHash`: the ring entry for block `number`.
    pub fn stored_l2_block_hash(&self, number: u128) -> B256 {
        let index = (number % u128::from(L2_BLOCK_HASHES_TO_STORE)) as usize;
        self.l2_block_hashes.get(index).copied().unwrap_or_default()
    }

    fn set_stored_l2_block_hash(&mut self, number: u128, hash: B256) {
        let index = (number % u128::from(L2_BLOCK_HASHES_TO_STORE)) as usize;
        if let Some(slot) = self.l2_block_hashes.get_mut(index) {
            *slot = hash;
        }
    }

    /// The slot [`SystemContextBlocks::stored_l2_block_hash`] reads.
    pub fn l2_block_hash_slot(number: u128) -> B256 {
        l2_block_hash_slot(number)
    }

    /// The open L2 block with its hash so far (zksync-era `load_last_l2_block`); `None` before the
    /// first L2 block.
    pub fn last_l2_block(&self) -> Option<LastL2Block> {
        let BlockInfo { number, timestamp } = self.l2_block;
        if number == 0 {
            return None;
        }
        let prev = self.stored_l2_block_hash(number - 1);
        Some(LastL2Block {
            number,
            timestamp,
            hash: l2_block_hash(number, timestamp, prev, self.txs_rolling_hash.0),
        })
    }

    /// `setNewBatch`: opens batch `expected_number` at `timestamp`, recording the previous
    /// batch's hash. Returns the `PREV_BATCH_HASH_KEY` system log value (the previous hash).
    pub fn set_new_batch(
        &mut self,
        prev_batch_hash: B256,
        timestamp: u128,
        expected_number: u128,
        base_fee: U256,
    ) -> Result<B256, L2BlockError> {
        let previous = self.batch;
        if timestamp <= previous.timestamp {
            return Err(L2BlockError::TimestampsShouldBeIncremental {
                new: timestamp,
                previous: previous.timestamp,
            });
        }
        let expected = previous.number.checked_add(1).ok_or(L2BlockError::Overflow)?;
        if expected != expected_number {
            return Err(L2BlockError::ProvidedBatchNumberIsNotCorrect {
                expected,
                provided: expected_number,
            });
        }
        if timestamp <= self.l2_block.timestamp {
            return Err(L2BlockError::InconsistentNewBatchTimestamp {
                new: timestamp,
                l2_block: self.l2_block.timestamp,
            });
        }
        self.batch_hashes.insert(previous.number, prev_batch_hash);
        self.batch = BlockInfo { number: expected, timestamp };
        self.base_fee = base_fee;
        Ok(prev_batch_hash)
    }

    /// `setL2Block`: opens L2 block `number` (or re-enters the open one, as the bootloader does
    /// before every transaction) and creates virtual blocks.
    pub fn set_l2_block(
        &mut self,
        number: u128,
        timestamp: u128,
        expected_prev_hash: B256,
        is_first_in_batch: bool,
        max_virtual_blocks_to_create: u128,
    ) -> Result<(), L2BlockError> {
        if is_first_in_batch {
            if timestamp < self.batch.timestamp {
                return Err(L2BlockError::L2BlockAndBatchTimestampMismatch {
                    l2_block: timestamp,
                    batch: self.batch.timestamp,
                });
            }
            if max_virtual_blocks_to_create == 0 {
                return Err(L2BlockError::NoVirtualBlocks);
            }
        }
        let current = self.l2_block;
        if current.number == 0 && current.timestamp == 0 {
            // The first L2 block ever (`_upgradeL2Blocks`).
            if !is_first_in_batch {
                return Err(L2BlockError::UpgradeTransactionMustBeFirst);
            }
            let prev_number = number.checked_sub(1).ok_or(L2BlockError::L2BlockNumberZero)?;
            let expected = legacy_l2_block_hash(prev_number);
            if expected != expected_prev_hash {
                return Err(L2BlockError::PreviousL2BlockHashIsIncorrect {
                    expected,
                    provided: expected_prev_hash,
                });
            }
            self.open_l2_block(number, timestamp, expected_prev_hash);
        } else if current.number == number {
            if is_first_in_batch {
                return Err(L2BlockError::CannotReuseL2BlockNumberFromPreviousBatch);
            }
            if current.timestamp != timestamp {
                return Err(L2BlockError::IncorrectSameL2BlockTimestamp {
                    provided: timestamp,
                    current: current.timestamp,
                });
            }
            let stored = self.stored_l2_block_hash(number.wrapping_sub(1));
            if expected_prev_hash != stored {
                return Err(L2BlockError::IncorrectSameL2BlockPrevBlockHash {
                    provided: expected_prev_hash,
                    current: stored,
                });
            }
            if max_virtual_blocks_to_create != 0 {
                return Err(L2BlockError::IncorrectVirtualBlockInsideMiniblock);
            }
        } else if current.number.checked_add(1) == Some(number) {
            let pending = l2_block_hash(
                current.number,
                current.timestamp,
                self.stored_l2_block_hash(current.number.wrapping_sub(1)),
                self.txs_rolling_hash.0,
            );
            if expected_prev_hash != pending {
                return Err(L2BlockError::IncorrectL2BlockHash {
                    expected: pending,
                    provided: expected_prev_hash,
                });
            }
            if timestamp <= current.timestamp {
                return Err(L2BlockError::NonMonotonicL2BlockTimestamp {
                    new: timestamp,
                    previous: current.timestamp,
                });
            }
            self.open_l2_block(number, timestamp, expected_prev_hash);
        } else {
            return Err(L2BlockError::InvalidNewL2BlockNumber(number));
        }
        self.set_virtual_block(number, max_virtual_blocks_to_create, timestamp)
    }

    /// `_setNewL2BlockData`.
    fn open_l2_block(&mut self, number: u128, timestamp: u128, prev_hash: B256) {
        self.l2_block = BlockInfo { number, timestamp };
        self.set_stored_l2_block_hash(number.wrapping_sub(1), prev_hash);
        self.txs_rolling_hash = TxsRollingHash::default();
    }

    /// `_setVirtualBlock`.
    fn set_virtual_block(
        &mut self,
        l2_block_number: u128,
        mut max_to_create: u128,
        timestamp: u128,
    ) -> Result<(), L2BlockError> {
        if self.virtual_block_finish_l2_block != 0 {
            self.virtual_block = self.l2_block;
            return Ok(());
        }
        let mut info = self.virtual_block;
        if info.number == 0 && info.timestamp == 0 {
            info.number = self.batch.number;
            self.virtual_block_start_batch = self.batch.number;
            max_to_create = max_to_create
                .checked_sub(1)
                .ok_or(L2BlockError::CannotInitializeFirstVirtualBlock)?;
        } else if max_to_create == 0 {
            return Ok(());
        }
        info.number = info.number.checked_add(max_to_create).ok_or(L2BlockError::Overflow)?;
        info.timestamp = timestamp;
        if info.number >= l2_block_number {
            self.virtual_block_finish_l2_block = l2_block_number;
            info.number = l2_block_number;
        }
        self.virtual_block = info;
        Ok(())
    }

    /// `appendTransactionToCurrentL2Block`.
    pub fn append_transaction(&mut self, tx_hash: B256) {
        self.txs_rolling_hash.push(tx_hash);
    }

    /// `publishTimestampDataToL1`: the value of the packed timestamp system log.
    pub fn publish_timestamp_data(&self) -> Result<B256, L2BlockError> {
        if self.batch.number == 0 {
            return Err(L2BlockError::CurrentBatchNumberMustBeGreaterThanZero);
        }
        Ok(packed_batch_and_l2_block_timestamp(self.batch.timestamp, self.l2_block.timestamp))
    }

    /// `getBlockHashEVM`: what `blockhash(block)` returns (zero outside the last 256 blocks).
    pub fn block_hash_evm(&self, block: u128) -> B256 {
        let current = self.virtual_block.number;
        if current <= block || current - block > 256 {
            B256::ZERO
        } else if block < self.virtual_block_start_batch {
            self.batch_hashes.get(&block).copied().unwrap_or_default()
        } else if self.virtual_block_finish_l2_block > 0
            && block >= self.virtual_block_finish_l2_block
        {
            self.stored_l2_block_hash(block)
        } else {
            virtual_block_hash(block)
        }
    }

    /// Opens `batch` with `base_fee` and its first L2 block, checking every SystemContext rule the
    /// bootloader's start would hit (`setNewBatch`, then `setL2Block` with `isFirstInBatch`).
    /// A batch without a previous hash is checked with zero in its place.
    pub fn start_batch(&mut self, batch: &BatchEnv, base_fee: U256) -> Result<(), L2BlockError> {
        self.set_new_batch(
            batch.previous_batch_hash.unwrap_or_default(),
            u128::from(batch.timestamp),
            u128::from(batch.number),
            base_fee,
        )?;
        self.apply_l2_block(&batch.first_l2_block, true)
    }

    /// Opens the next L2 block of the batch (`setL2Block`, not first in batch).
    pub fn start_l2_block(&mut self, block: &L2BlockEnv) -> Result<(), L2BlockError> {
        self.apply_l2_block(block, false)
    }

    fn apply_l2_block(&mut self, block: &L2BlockEnv, first: bool) -> Result<(), L2BlockError> {
        self.set_l2_block(
            u128::from(block.number),
            u128::from(block.timestamp),
            block.prev_block_hash,
            first,
            u128::from(block.max_virtual_blocks_to_create),
        )
    }
}
