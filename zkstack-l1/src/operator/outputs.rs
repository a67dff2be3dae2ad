//! The outputs of a sealed batch and the values its system logs report.

use alloy_primitives::{B256, Bytes, U256};

use super::{DaMode, OperatorError};
use crate::executor_model::ChainConfig;
use crate::log_tree::{LogTree, batch_logs_root};
use crate::priority::priority_ops_rolling_hash;
use crate::pubdata::{PubdataInput, RollupDaHeader, StateDiffRecord, state_diffs_hash};
use crate::system_logs::{SystemLogKey, SystemLogLayout};
use crate::{L2ToL1Log, ProtocolVersionId};

/// What executing a batch produced, as the operator's state keeper, Merkle tree and VM hand it
/// over (zksync-era `L1BatchHeader` + `L1BatchMetadata` + the pubdata input).
///
/// The L1-facing data ([`CommitData`](super::CommitData)) is a function of these values, the
/// chain's parameters and the DA mode: see [`Self::commit_data`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchOutputs {
    /// The batch number (the previous batch's plus one).
    pub number: u64,
    /// The batch timestamp.
    pub timestamp: u64,
    /// Timestamp of the batch's last L2 block (the fictive one).
    pub last_l2_block_timestamp: u64,
    /// `batchHash` (state root) of the previous batch, reported by SystemContext.
    pub prev_batch_hash: B256,
    /// Root of the state tree after the batch.
    pub new_state_root: B256,
    /// The state tree's last enumeration index after the batch.
    pub index_repeated_storage_changes: u64,
    /// Uncompressed state diffs, in the order the L1Messenger receives them.
    pub state_diffs: Vec<StateDiffRecord>,
    /// User L2→L1 logs (leaves of the batch's log tree), system logs excluded.
    pub user_logs: Vec<L2ToL1Log>,
    /// L2→L1 messages (each has its log in `user_logs`).
    pub messages: Vec<Bytes>,
    /// Bytecodes published in full.
    pub bytecodes: Vec<Bytes>,
    /// Canonical hashes of the priority (L1→L2) transactions executed, in order.
    pub priority_tx_hashes: Vec<B256>,
    /// Commitment to the bootloader's initial heap (from the prover's witness generation).
    pub bootloader_heap_hash: B256,
    /// Commitment to the final events queue state (from the prover's witness generation).
    pub events_queue_hash: B256,
    /// Rolling hash of the L2 transactions' statuses (v29 on; zero before).
    pub l2_txs_status_rolling_hash: B256,
    /// Rolling hash of the interop roots the batch depends on (v29 on; zero before).
    pub message_root_rolling_hash: B256,
    /// Hash of the system-contract upgrade transaction the batch executes; zero when none.
    pub upgrade_tx_hash: B256,
    /// Root of the aggregated logs of chains settling on this one; zero unless the chain is a
    /// settlement layer.
    pub aggregation_root: B256,
}

impl BatchOutputs {
    /// What the bootloader hands the L1Messenger for the pubdata.
    pub fn pubdata_input(&self) -> PubdataInput {
        PubdataInput {
            user_logs: self.user_logs.clone(),
            messages: self.messages.clone(),
            bytecodes: self.bytecodes.clone(),
            state_diffs: self.state_diffs.clone(),
        }
    }

    /// The rollup pubdata a rollup publishes (the [`Pubdata`](crate::Pubdata) encoding).
    pub fn pubdata(&self) -> Result<Vec<u8>, OperatorError> {
        Ok(self.pubdata_input().settlement_layer_pubdata()?)
    }

    /// Hash of the padded uncompressed state diffs.
    pub fn state_diff_hash(&self) -> B256 {
        state_diffs_hash(&self.state_diffs)
    }

    /// The header of the rollup `operatorDAInput` (the `RollupL2DAValidator` output preimage).
    pub fn rollup_da_header(&self) -> Result<RollupDaHeader, OperatorError> {
        Ok(RollupDaHeader::for_pubdata(self.state_diff_hash(), &self.pubdata()?))
    }

    /// Root of the user logs' tree for `version`.
    pub fn local_logs_root(&self, version: ProtocolVersionId) -> Result<B256, OperatorError> {
        Ok(LogTree::from_logs(&self.user_logs, version)?.root())
    }

    /// The `l2LogsTreeRoot` the L1Messenger reports and L1 stores: from v26 the local root
    /// hashed with the aggregation root.
    pub fn l2_logs_root(&self, version: ProtocolVersionId) -> Result<B256, OperatorError> {
        Ok(batch_logs_root(version, self.local_logs_root(version)?, self.aggregation_root))
    }

    /// The rolling hash of the priority transactions (`priorityOperationsHash`).
    pub fn priority_operations_hash(&self) -> B256 {
        priority_ops_rolling_hash(&self.priority_tx_hashes)
    }

    /// `batchTimestamp << 128 | lastL2BlockTimestamp`, as SystemContext packs it.
    pub fn packed_timestamps(&self) -> U256 {
        (U256::from(self.timestamp) << 128) | U256::from(self.last_l2_block_timestamp)
    }

    /// The value the system log `key` reports for this batch on `chain`, with `da`.
    ///
    /// `L2DaValidatorOutputHash` is the L2 DA validator's output: the hash of the rollup DA
    /// header for a rollup, zero for a validium (`ValidiumL2DAValidator`).
    pub fn system_log_value(
        &self,
        key: SystemLogKey,
        chain: &ChainConfig,
        da: &DaMode,
    ) -> Result<B256, OperatorError> {
        let version = chain.protocol_version;
        Ok(match key {
            SystemLogKey::L2ToL1LogsTreeRoot => self.l2_logs_root(version)?,
            SystemLogKey::PackedBatchAndL2BlockTimestamp => B256::from(self.packed_timestamps()),
            SystemLogKey::ChainedPriorityTxnHash => self.priority_operations_hash(),
            SystemLogKey::NumberOfLayer1Txs => {
                B256::from(U256::from(self.priority_tx_hashes.len()))
            }
            SystemLogKey::PrevBatchHash => self.prev_batch_hash,
            SystemLogKey::L2DaValidatorOutputHash => match da {
                DaMode::RollupCalldata { .. } => self.rollup_da_header()?.output_hash()?,
                DaMode::Validium => B256::ZERO,
            },
            SystemLogKey::UsedL2DaValidatorAddress => chain.l2_da_validator.into_word(),
            SystemLogKey::MessageRootRollingHash => self.message_root_rolling_hash,
            SystemLogKey::L2TxsStatusRollingHash => self.l2_txs_status_rolling_hash,
            SystemLogKey::ExpectedSystemContractUpgradeTxHash => self.upgrade_tx_hash,
            SystemLogKey::TotalL2ToL1Pubdata
            | SystemLogKey::StateDiffHash
            | SystemLogKey::BlobHash(_) => {
                return Err(OperatorError::UnsupportedProtocolVersion(version));
            }
        })
    }

    /// The system logs of the batch with their keys: one per key of the version's layout, in
    /// key order, each from its sender; the upgrade transaction's only when there is one.
    pub fn keyed_system_logs(
        &self,
        chain: &ChainConfig,
        da: &DaMode,
    ) -> Result<Vec<(SystemLogKey, L2ToL1Log)>, OperatorError> {
        let version = chain.protocol_version;
        let layout = supported_layout(version)?;
        for (key, value) in [
            (SystemLogKey::MessageRootRollingHash, self.message_root_rolling_hash),
            (SystemLogKey::L2TxsStatusRollingHash, self.l2_txs_status_rolling_hash),
        ] {
            if layout.number_of(key).is_none() && !value.is_zero() {
                return Err(OperatorError::ValueWithoutLog { key, version, value });
            }
        }
        let mut logs = Vec::with_capacity(layout.keys().len());
        for (number, &key) in layout.keys().iter().enumerate() {
            if key == SystemLogKey::ExpectedSystemContractUpgradeTxHash
                && self.upgrade_tx_hash.is_zero()
            {
                continue;
            }
            let log = L2ToL1Log {
                shard_id: 0,
                is_service: true,
                tx_number_in_block: 0,
                sender: key.sender(),
                key: B256::from(U256::from(number)),
                value: self.system_log_value(key, chain, da)?,
            };
            logs.push((key, log));
        }
        Ok(logs)
    }

    /// The system logs of the batch ([`Self::keyed_system_logs`] without the keys).
    pub fn system_logs(
        &self,
        chain: &ChainConfig,
        da: &DaMode,
    ) -> Result<Vec<L2ToL1Log>, OperatorError> {
        Ok(self.keyed_system_logs(chain, da)?.into_iter().map(|(_, log)| log).collect())
    }
}

/// The layout of `version` if the operator supports it (26 on).
pub(super) fn supported_layout(
    version: ProtocolVersionId,
) -> Result<SystemLogLayout, OperatorError> {
    match SystemLogLayout::for_version(version) {
        Ok(layout @ (SystemLogLayout::Gateway | SystemLogLayout::Interop)) => Ok(layout),
        _ => Err(OperatorError::UnsupportedProtocolVersion(version)),
    }
}
