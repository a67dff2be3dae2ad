//! `executeBatchesSharedBridge`, `_executeOneBatch` and the interop-root check.

use alloy_primitives::{B256, Keccak256, U256};

use super::{ExecutorError, ExecutorEvent, L1DaValidator, L1Executor};
use crate::executor_abi::{InteropRoot, StoredBatchInfo};
use crate::priority::{PriorityOpsBatchInfo, SolidityPanic};

impl<D: L1DaValidator + Clone> L1Executor<D> {
    /// `executeBatchesSharedBridge` with the decoded payload. Checks, in the facet's order:
    /// `NotSettlementLayer`, `EmptyData` (the decoder), `InvalidBatchesDataLength`; per batch a
    /// missing `dependency_roots[i]` (Solidity's out-of-bounds panic), `MismatchNumberOfLayer1Txs`,
    /// the interop roots (`CommitBasedInteropNotSupported`, `MessageRootIsZero`,
    /// `InvalidMessageRoot`), `NonSequentialBatch`, `BatchHashMismatch`,
    /// `PriorityOperationsRollingHashMismatch`, `DependencyRootsRollingHashMismatch`, the priority
    /// tree's range proof; finally `CantExecuteUnprovenBatches`.
    ///
    /// Stores each batch's `l2LogsTreeRoot` in `l2LogsRootHashes`, emits `BlockExecution`, moves
    /// `totalBatchesExecuted`, and clears an executed L2 system-contracts upgrade.
    pub fn execute(
        &mut self,
        batches: &[StoredBatchInfo],
        priority_ops: &[PriorityOpsBatchInfo],
        dependency_roots: &[Vec<InteropRoot>],
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        self.only_settlement_layer()?;
        if batches.is_empty() {
            return Err(ExecutorError::EmptyData);
        }
        if batches.len() != priority_ops.len() {
            return Err(ExecutorError::InvalidBatchesDataLength {
                batches: batches.len(),
                priority_ops: priority_ops.len(),
            });
        }
        self.transact(|next| next.execute_batches(batches, priority_ops, dependency_roots))
    }

    fn execute_batches(
        &mut self,
        batches: &[StoredBatchInfo],
        priority_ops: &[PriorityOpsBatchInfo],
        dependency_roots: &[Vec<InteropRoot>],
    ) -> Result<(), ExecutorError> {
        for (index, (batch, ops)) in batches.iter().zip(priority_ops).enumerate() {
            let roots = dependency_roots.get(index).ok_or(SolidityPanic::ArrayOutOfBounds)?;
            self.execute_one_batch(batch, ops, roots, index as u64)?;
            self.events.push(ExecutorEvent::BlockExecution {
                batch_number: batch.batchNumber,
                batch_hash: batch.batchHash,
                commitment: batch.commitment,
            });
        }
        let executed = self
            .total_batches_executed
            .checked_add(batches.len() as u64)
            .ok_or(SolidityPanic::ArithmeticOverflow)?;
        self.total_batches_executed = executed;
        if executed > self.total_batches_verified {
            return Err(ExecutorError::CantExecuteUnprovenBatches);
        }
        let upgrade_batch = self.l2_system_contracts_upgrade_batch_number;
        if upgrade_batch != 0 && upgrade_batch <= executed {
            self.l2_system_contracts_upgrade_tx_hash = B256::ZERO;
            self.l2_system_contracts_upgrade_batch_number = 0;
        }
        Ok(())
    }

    fn execute_one_batch(
        &mut self,
        batch: &StoredBatchInfo,
        ops: &PriorityOpsBatchInfo,
        dependency_roots: &[InteropRoot],
        index: u64,
    ) -> Result<(), ExecutorError> {
        if U256::from(ops.item_hashes.len()) != batch.numberOfLayer1Txs {
            return Err(ExecutorError::MismatchNumberOfLayer1Txs {
                expected: batch.numberOfLayer1Txs,
                provided: ops.item_hashes.len(),
            });
        }
        let priority_operations_hash = ops.rolling_hash();
        let dependency_roots_hash = self.verify_dependency_interop_roots(dependency_roots)?;
        // `_checkBatchData`. The index is below the batch count, so the sum cannot overflow before
        // the batch number (a u64) stops matching.
        let expected_number = u128::from(self.total_batches_executed) + u128::from(index) + 1;
        if u128::from(batch.batchNumber) != expected_number {
            return Err(ExecutorError::NonSequentialBatch);
        }
        let stored = self.stored_batch_hash(batch.batchNumber);
        if batch.hash() != stored {
            return Err(ExecutorError::BatchHashMismatch { stored, provided: batch.hash() });
        }
        if priority_operations_hash != batch.priorityOperationsHash {
            return Err(ExecutorError::PriorityOperationsRollingHashMismatch);
        }
        if dependency_roots_hash != batch.dependencyRootsRollingHash {
            return Err(ExecutorError::DependencyRootsRollingHashMismatch {
                stored: batch.dependencyRootsRollingHash,
                computed: dependency_roots_hash,
            });
        }
        self.priority_tree.process_batch(ops)?;
        self.l2_logs_root_hashes.insert(batch.batchNumber, batch.l2LogsTreeRoot);
        if self.config.settles_on_gateway() {
            self.events.push(ExecutorEvent::ChainBatchRootAdded {
                chain_id: self.config.chain_id,
                batch_number: batch.batchNumber,
                root: batch.l2LogsTreeRoot,
            });
        }
        Ok(())
    }

    /// `_verifyDependencyInteropRoots`: each root must be the settlement layer's own historical
    /// message root; returns `keccak(prev ‖ chainId ‖ blockOrBatchNumber ‖ sides)` rolled over them.
    fn verify_dependency_interop_roots(
        &self,
        roots: &[InteropRoot],
    ) -> Result<B256, ExecutorError> {
        let own_chain_id = self.config.settlement_chain_id();
        let mut rolling = B256::ZERO;
        for root in roots {
            if root.chainId != own_chain_id {
                return Err(ExecutorError::CommitBasedInteropNotSupported);
            }
            let correct = self
                .historical_message_roots
                .get(&root.blockOrBatchNumber)
                .copied()
                .unwrap_or_default();
            if correct.is_zero() {
                return Err(ExecutorError::MessageRootIsZero);
            }
            if root.sides.len() != 1 || root.sides[0] != correct {
                // The revert's argument `sides[0]` is itself out of bounds for empty sides.
                let provided = *root.sides.first().ok_or(SolidityPanic::ArrayOutOfBounds)?;
                return Err(ExecutorError::InvalidMessageRoot { expected: correct, provided });
            }
            let mut hasher = Keccak256::new();
            hasher.update(rolling);
            hasher.update(root.chainId.to_be_bytes::<32>());
            hasher.update(root.blockOrBatchNumber.to_be_bytes::<32>());
            hasher.update(root.sides[0]);
            rolling = hasher.finalize();
        }
        Ok(rolling)
    }
}
