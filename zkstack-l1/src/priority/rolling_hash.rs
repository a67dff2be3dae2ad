//! The priority operations rolling hash and the legacy (pre-Gateway) priority queue.
//!
//! A batch commits to its L1→L2 transactions with `priorityOperationsHash`: starting from
//! `keccak256("")`, each canonical transaction hash `h` in execution order updates the running value
//! `r` to `keccak256(r ‖ h)` (`abi.encode(bytes32, bytes32)` is exactly the 64-byte concatenation).
//! The bootloader computes it on L2; L1 recomputes it in Executor `_rollingHash` (v26+) and, before
//! that, in `_collectOperationsFromPriorityQueue` while popping the queue; zksync-era computes it in
//! `L1BatchHeader::priority_ops_onchain_data_hash`.

use std::collections::VecDeque;

use alloy_primitives::{B256, keccak256};

use super::ZERO_LEAF_HASH;

/// `keccak256(prev ‖ canonical_tx_hash)` folded over `hashes`, seeded with `keccak256("")`.
pub fn priority_ops_rolling_hash(hashes: &[B256]) -> B256 {
    hashes.iter().fold(ZERO_LEAF_HASH, |acc, hash| roll(acc, *hash))
}

fn roll(acc: B256, hash: B256) -> B256 {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(acc.as_slice());
    preimage[32..].copy_from_slice(hash.as_slice());
    keccak256(preimage)
}

/// One entry of the legacy priority queue (era-contracts `PriorityQueue.sol`, struct
/// `PriorityOperation`, before the Gateway release replaced the queue by the priority tree).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PriorityOperation {
    /// Canonical hash of the L2 transaction.
    pub canonical_tx_hash: B256,
    /// Timestamp by which the operation had to be processed (`uint64`).
    pub expiration_timestamp: u64,
    /// Tip to the validator (`uint192`); always zero in practice.
    pub layer2_tip: alloy_primitives::aliases::U192,
}

/// `QueueIsEmpty()`: popping more operations than the queue holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("QueueIsEmpty()")]
pub struct QueueIsEmpty;

/// The legacy FIFO priority queue with its `head`/`tail` counters (era-contracts `PriorityQueue.sol`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PriorityQueue {
    ops: VecDeque<PriorityOperation>,
    head: u64,
}

impl PriorityQueue {
    /// An empty queue whose first operation will have id `head`.
    pub fn starting_at(head: u64) -> Self {
        Self { ops: VecDeque::new(), head }
    }

    /// Appends an operation (`pushBack`).
    pub fn push_back(&mut self, op: PriorityOperation) {
        self.ops.push_back(op);
    }

    /// Id of the oldest unprocessed operation (`getFirstUnprocessedPriorityTx`, the `head`).
    pub fn first_unprocessed(&self) -> u64 {
        self.head
    }

    /// Total number of operations ever pushed (`getTotalPriorityTxs`, the `tail`).
    pub fn total(&self) -> u64 {
        self.head.saturating_add(self.ops.len() as u64)
    }

    /// Number of unprocessed operations (`getSize`).
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether no operation is waiting (`isEmpty`).
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The oldest unprocessed operation (`front`).
    pub fn front(&self) -> Result<&PriorityOperation, QueueIsEmpty> {
        self.ops.front().ok_or(QueueIsEmpty)
    }

    /// Pops `n` operations and returns their rolling hash, like Executor
    /// `_collectOperationsFromPriorityQueue`. On [`QueueIsEmpty`] the queue is left unchanged
    /// (the contract reverts the whole transaction).
    pub fn collect_operations(&mut self, n: usize) -> Result<B256, QueueIsEmpty> {
        if n > self.ops.len() {
            return Err(QueueIsEmpty);
        }
        let mut acc = ZERO_LEAF_HASH;
        for op in self.ops.drain(..n) {
            acc = roll(acc, op.canonical_tx_hash);
        }
        self.head = self.head.saturating_add(n as u64);
        Ok(acc)
    }
}
