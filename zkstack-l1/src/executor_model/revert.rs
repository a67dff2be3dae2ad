//! `revertBatchesSharedBridge` and `precommitSharedBridge`.

use alloy_primitives::{B256, U256, keccak256};

use super::{ExecutorError, ExecutorEvent, L1Executor};
use crate::executor_abi::PrecommitInfo;
use crate::system_logs::DEFAULT_PRECOMMITMENT;

/// Config.sol `PACKED_L2_PRECOMMITMENT_LENGTH`: `tx hash (32) ‖ status (1)`.
pub const PACKED_L2_PRECOMMITMENT_LENGTH: usize = 33;

/// `_calculatePrecommitmentRollingHash`: `h = keccak256(h ‖ keccak256(entry))` over the 33-byte
/// entries, from `current`.
pub fn precommitment_rolling_hash(
    current: B256,
    packed_txs_commitments: &[u8],
) -> Result<B256, ExecutorError> {
    if !packed_txs_commitments.len().is_multiple_of(PACKED_L2_PRECOMMITMENT_LENGTH) {
        return Err(ExecutorError::InvalidPackedPrecommitmentLength(packed_txs_commitments.len()));
    }
    Ok(packed_txs_commitments.chunks_exact(PACKED_L2_PRECOMMITMENT_LENGTH).fold(
        current,
        |acc, entry| {
            let mut preimage = [0u8; 64];
            preimage[..32].copy_from_slice(acc.as_slice());
            preimage[32..].copy_from_slice(keccak256(entry).as_slice());
            keccak256(preimage)
        },
    ))
}

impl<D> L1Executor<D> {
    /// `revertBatchesSharedBridge(chain, newLastBatch)`: forgets committed batches after
    /// `new_last_batch` (their stored hashes stay, as on chain, until overwritten).
    ///
    /// Checks `NotSettlementLayer`, `RevertedBatchNotAfterNewLastBatch` (beyond the last committed),
    /// `CantRevertExecutedBatch`; then resets the precommitment, lowers the verified and committed
    /// totals, forgets the upgrade batch if it was reverted, and emits `BlocksRevert`.
    pub fn revert_batches(
        &mut self,
        new_last_batch: U256,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        self.only_settlement_layer()?;
        if U256::from(self.total_batches_committed) < new_last_batch {
            return Err(ExecutorError::RevertedBatchNotAfterNewLastBatch);
        }
        // Not above the committed total, so it fits.
        let new_last: u64 = new_last_batch.saturating_to();
        if new_last < self.total_batches_executed {
            return Err(ExecutorError::CantRevertExecutedBatch);
        }
        self.precommitment_for_the_latest_batch = DEFAULT_PRECOMMITMENT;
        self.total_batches_verified = self.total_batches_verified.min(new_last);
        self.total_batches_committed = new_last;
        if self.l2_system_contracts_upgrade_batch_number > new_last {
            self.l2_system_contracts_upgrade_batch_number = 0;
        }
        let event = ExecutorEvent::BlocksRevert {
            total_batches_committed: self.total_batches_committed,
            total_batches_verified: self.total_batches_verified,
            total_batches_executed: self.total_batches_executed,
        };
        self.events.push(event.clone());
        Ok(vec![event])
    }

    /// `precommitSharedBridge(chain, batchNumber, 0x01 ‖ abi.encode(info))` with the decoded info:
    /// `InvalidBatchNumber` unless `batch_number` is the next batch to commit, `EmptyPrecommitData`,
    /// `InvalidPackedPrecommitmentLength`; then rolls the entries into the stored precommitment
    /// (from zero when it holds the default) and emits `BatchPrecommitmentSet`.
    pub fn precommit(
        &mut self,
        batch_number: U256,
        info: &PrecommitInfo,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        self.only_settlement_layer()?;
        self.check_precommit_batch_number(batch_number)?;
        if info.packedTxsCommitments.is_empty() {
            return Err(ExecutorError::EmptyPrecommitData(batch_number));
        }
        let current = match self.precommitment_for_the_latest_batch {
            DEFAULT_PRECOMMITMENT => B256::ZERO,
            other => other,
        };
        let precommitment = precommitment_rolling_hash(current, &info.packedTxsCommitments)?;
        self.precommitment_for_the_latest_batch = precommitment;
        let event = ExecutorEvent::BatchPrecommitmentSet {
            batch_number,
            untrusted_last_l2_block_number_hint: info.untrustedLastL2BlockNumberHint,
            precommitment,
        };
        self.events.push(event.clone());
        Ok(vec![event])
    }

    /// `InvalidBatchNumber(batchNumber, totalBatchesCommitted + 1)`.
    pub(super) fn check_precommit_batch_number(
        &self,
        batch_number: U256,
    ) -> Result<(), ExecutorError> {
        let expected = U256::from(self.total_batches_committed) + U256::from(1u8);
        if batch_number == expected {
            Ok(())
        } else {
            Err(ExecutorError::InvalidBatchNumber { provided: batch_number, expected })
        }
    }
}
