//! `commitBatchesSharedBridge` and `_commitOneBatch`.

use alloy_primitives::{B256, Bytes, U256};
use alloy_sol_types::SolValue;

use super::{
    DaCheckContext, ExecutorError, ExecutorEvent, L1Context, L1DaValidator, L1Executor,
    TOTAL_BLOBS_IN_COMMITMENT, create_batch_commitment,
};
use crate::executor_abi::{CommitBatchInfo, StoredBatchInfo};
use crate::priority::SolidityPanic;
use crate::system_logs::{
    COMMIT_TIMESTAMP_APPROXIMATION_DELTA, CommitExpectations, DEFAULT_PRECOMMITMENT, L1TimeBounds,
    ProcessLogsParams, process_system_logs, verify_commit,
};

/// Executor.sol `RELAYED_EXECUTOR_VERSION`: the version word of what a Gateway relays to L1.
pub const RELAYED_EXECUTOR_VERSION: u8 = 0;

impl<D: L1DaValidator + Clone> L1Executor<D> {
    /// `commitBatchesSharedBridge` with the decoded payload: commits `new_batches` (exactly one)
    /// on top of `last_committed`, in the facet's order of checks:
    ///
    /// 1. `NotSettlementLayer`, `InvalidProtocolVersion`, `EmptyData` (the decoder);
    /// 2. `CanOnlyProcessOneBatch`;
    /// 3. `BatchHashMismatch`: `last_committed` (nine- or eight-field hash) is the last stored batch;
    /// 4. per batch (`_commitOneBatch`): `BatchNumberMismatch`, the system logs (`_processL2Logs`),
    ///    the DA check, `HashMismatch` (previous batch hash, priority operations hash),
    ///    `ValueMismatch` (L1 tx count), `PrecommitmentMismatch`, the timestamp checks with L1 time
    ///    from `ctx`, then the commitment;
    ///
    /// then stores the new batch's hash, bumps `totalBatchesCommitted` and emits `BlockCommit`. A
    /// pending L2 system-contracts upgrade must be in the first batch committed after it.
    pub fn commit(
        &mut self,
        last_committed: &StoredBatchInfo,
        new_batches: &[CommitBatchInfo],
        ctx: &L1Context<'_>,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        self.only_settlement_layer()?;
        if !self.protocol_version_active {
            return Err(ExecutorError::InvalidProtocolVersion);
        }
        if new_batches.is_empty() {
            return Err(ExecutorError::EmptyData);
        }
        self.transact(|next| next.commit_batches(last_committed, new_batches, ctx))
    }

    fn commit_batches(
        &mut self,
        last_committed: &StoredBatchInfo,
        new_batches: &[CommitBatchInfo],
        ctx: &L1Context<'_>,
    ) -> Result<(), ExecutorError> {
        if new_batches.len() != 1 {
            return Err(ExecutorError::CanOnlyProcessOneBatch);
        }
        let stored = self.stored_batch_hash(self.total_batches_committed);
        if stored != last_committed.hash() && stored != last_committed.legacy_hash() {
            return Err(ExecutorError::BatchHashMismatch {
                stored,
                provided: last_committed.hash(),
            });
        }
        let upgrade_tx_hash = self.l2_system_contracts_upgrade_tx_hash;
        let with_upgrade =
            !upgrade_tx_hash.is_zero() && self.l2_system_contracts_upgrade_batch_number == 0;
        if with_upgrade {
            self.l2_system_contracts_upgrade_batch_number = new_batches[0].batchNumber;
        }
        let mut last = last_committed.clone();
        for (i, batch) in new_batches.iter().enumerate() {
            let expected = if with_upgrade && i == 0 { upgrade_tx_hash } else { B256::ZERO };
            last = self.commit_one_batch(&last, batch, expected, ctx)?;
            self.stored_batch_hashes.insert(last.batchNumber, last.hash());
            self.events.push(ExecutorEvent::BlockCommit {
                batch_number: last.batchNumber,
                batch_hash: last.batchHash,
                commitment: last.commitment,
            });
        }
        self.total_batches_committed = self
            .total_batches_committed
            .checked_add(new_batches.len() as u64)
            .ok_or(SolidityPanic::ArithmeticOverflow)?;
        Ok(())
    }

    /// `_commitOneBatch`: the checks on one batch and its stored info.
    fn commit_one_batch(
        &mut self,
        previous: &StoredBatchInfo,
        batch: &CommitBatchInfo,
        expected_upgrade_tx_hash: B256,
        ctx: &L1Context<'_>,
    ) -> Result<StoredBatchInfo, ExecutorError> {
        let expected =
            previous.batchNumber.checked_add(1).ok_or(SolidityPanic::ArithmeticOverflow)?;
        if batch.batchNumber != expected {
            return Err(ExecutorError::BatchNumberMismatch {
                expected,
                provided: batch.batchNumber,
            });
        }
        let version = self.config.protocol_version;
        let logs = process_system_logs(
            version,
            &batch.systemLogs,
            &ProcessLogsParams {
                expected_upgrade_tx_hash,
                l2_da_validator: Some(self.config.l2_da_validator),
                total_pubdata_hash: None,
            },
        )?;
        let da = self.da_validator.check_da(
            &DaCheckContext {
                chain_id: self.config.chain_id,
                batch_number: batch.batchNumber,
                l1_block_number: ctx.block_number,
                blobs: ctx.blobs,
            },
            logs.l2_da_validator_output_hash,
            &batch.operatorDAInput,
            TOTAL_BLOBS_IN_COMMITMENT,
        )?;
        verify_commit(
            version,
            &logs,
            &CommitExpectations {
                previous_batch_hash: previous.batchHash,
                // A stored timestamp never exceeds u64 (it was committed as one); saturating keeps
                // the contract's `>=` outcome for a hand-made genesis.
                previous_batch_timestamp: previous.timestamp.saturating_to(),
                priority_operations_hash: batch.priorityOperationsHash,
                number_of_layer1_txs: batch.numberOfLayer1Txs,
                batch_timestamp: batch.timestamp,
                stored_precommitment: Some(self.precommitment_for_the_latest_batch),
                time: L1TimeBounds {
                    l1_timestamp: ctx.timestamp,
                    not_older: self.config.commit_timestamp_not_older(),
                    approximation_delta: COMMIT_TIMESTAMP_APPROXIMATION_DELTA,
                },
            },
        )?;
        self.precommitment_for_the_latest_batch = DEFAULT_PRECOMMITMENT;
        let hashes = create_batch_commitment(batch, &da, &self.config.meta_parameters())?;
        let stored = StoredBatchInfo {
            batchNumber: batch.batchNumber,
            batchHash: batch.newStateRoot,
            indexRepeatedStorageChanges: batch.indexRepeatedStorageChanges,
            numberOfLayer1Txs: batch.numberOfLayer1Txs,
            priorityOperationsHash: batch.priorityOperationsHash,
            dependencyRootsRollingHash: logs.message_root_rolling_hash,
            l2LogsTreeRoot: logs.l2_logs_tree_root,
            timestamp: U256::from(batch.timestamp),
            commitment: hashes.commitment,
        };
        if self.config.settles_on_gateway() {
            // `abi.encode(uint8, StoredBatchInfo, bytes32, bytes32)`: all static, so the words back
            // to back (the struct inline, no offset).
            let mut message = Vec::with_capacity(12 * 32);
            message.extend_from_slice(&U256::from(RELAYED_EXECUTOR_VERSION).to_be_bytes::<32>());
            message.extend_from_slice(&stored.abi_encode());
            message.extend_from_slice(hashes.meta_parameters.as_slice());
            message.extend_from_slice(hashes.aux_output.as_slice());
            self.events.push(ExecutorEvent::RelayedBatchToL1 {
                batch_number: stored.batchNumber,
                message: Bytes::from(message),
            });
        }
        Ok(stored)
    }
}
