//! The modelled chain diamond: its Executor-relevant storage, genesis, queries and admin setters.

use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, U256};

use super::{ChainConfig, ExecutorError, ExecutorEvent, L1DaValidator};
use crate::executor_abi::StoredBatchInfo;
use crate::mailbox::constants::MAX_GAS_PER_TRANSACTION;
use crate::priority::PriorityTree;
use crate::system_logs::DEFAULT_PRECOMMITMENT;
use crate::{L2CanonicalTransaction, ProtocolVersionId};

/// An in-process model of one ZK chain's diamond as its Executor facet (era-contracts `main`,
/// v29.4, `state-transition/chain-deps/facets/Executor.sol`) and Mailbox request path see it.
///
/// It holds the `ZKChainStorage` fields those read and write: `storedBatchHashes`, the three batch
/// totals, `l2LogsRootHashes`, the priority tree, the pending L2 system-contracts upgrade, the
/// batch precommitment, and the chain parameters ([`ChainConfig`]); `D` is the chain's
/// [`L1DaValidator`].
///
/// Every state-changing call either succeeds or returns a typed error and leaves the model exactly
/// as it was (the contract's revert). Calls return the events they emitted; [`Self::events`] keeps
/// them all.
///
/// Not modelled: caller permissions (`onlyValidator`, the ValidatorTimelock and its delays),
/// protocol upgrades beyond [`Self::set_l2_system_contracts_upgrade`], the pre-interop and v31
/// Executors, migration between settlement layers, and the transaction filterer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct L1Executor<D> {
    pub(super) config: ChainConfig,
    pub(super) da_validator: D,
    pub(super) stored_batch_hashes: BTreeMap<u64, B256>,
    pub(super) total_batches_committed: u64,
    pub(super) total_batches_verified: u64,
    pub(super) total_batches_executed: u64,
    pub(super) l2_logs_root_hashes: BTreeMap<u64, B256>,
    pub(super) priority_tree: PriorityTree,
    pub(super) l2_system_contracts_upgrade_tx_hash: B256,
    pub(super) l2_system_contracts_upgrade_batch_number: u64,
    pub(super) precommitment_for_the_latest_batch: B256,
    pub(super) protocol_version_active: bool,
    pub(super) settlement_layer_address: Address,
    pub(super) historical_message_roots: BTreeMap<U256, B256>,
    pub(super) events: Vec<ExecutorEvent>,
}

impl<D: L1DaValidator + Clone> L1Executor<D> {
    /// A new chain whose batch 0 is `genesis` (see
    /// [`genesis_stored_batch_info`](super::genesis_stored_batch_info)): `storedBatchHashes[0] =
    /// keccak256(abi.encode(genesis))`, as `ChainTypeManager` and `DiamondInit` set it.
    pub fn new(
        config: ChainConfig,
        genesis: &StoredBatchInfo,
        da_validator: D,
    ) -> Result<Self, ExecutorError> {
        Self::from_stored_batch_zero(config, genesis.hash(), da_validator)
    }

    /// `DiamondInit.initialize` with `storedBatchZero` given as a hash: checks the bytecode hashes
    /// are set and `priorityTxMaxGasLimit` is at most `MAX_GAS_PER_TRANSACTION`; the priority tree
    /// starts at 0 and the precommitment at its default.
    pub fn from_stored_batch_zero(
        config: ChainConfig,
        stored_batch_zero: B256,
        da_validator: D,
    ) -> Result<Self, ExecutorError> {
        if config.protocol_version.is_pre_interop() {
            return Err(ExecutorError::UnsupportedProtocolVersion(config.protocol_version));
        }
        if config.priority_tx_max_gas_limit > U256::from(MAX_GAS_PER_TRANSACTION) {
            return Err(ExecutorError::PriorityTxMaxGasLimitTooBig(
                config.priority_tx_max_gas_limit,
            ));
        }
        for (name, hash) in [
            ("l2BootloaderBytecodeHash", config.l2_bootloader_bytecode_hash),
            ("l2DefaultAccountBytecodeHash", config.l2_default_account_bytecode_hash),
            ("l2EvmEmulatorBytecodeHash", config.l2_evm_emulator_bytecode_hash),
        ] {
            if hash.is_zero() {
                return Err(ExecutorError::EmptyBytes32(name));
            }
        }
        Ok(Self {
            config,
            da_validator,
            stored_batch_hashes: BTreeMap::from([(0, stored_batch_zero)]),
            total_batches_committed: 0,
            total_batches_verified: 0,
            total_batches_executed: 0,
            l2_logs_root_hashes: BTreeMap::new(),
            priority_tree: PriorityTree::new(0),
            l2_system_contracts_upgrade_tx_hash: B256::ZERO,
            l2_system_contracts_upgrade_batch_number: 0,
            precommitment_for_the_latest_batch: DEFAULT_PRECOMMITMENT,
            protocol_version_active: true,
            settlement_layer_address: Address::ZERO,
            historical_message_roots: BTreeMap::new(),
            events: Vec::new(),
        })
    }

    /// Runs `op` on a copy and keeps it only if `op` succeeds: a Solidity revert. Returns the
    /// events `op` emitted.
    pub(super) fn transact(
        &mut self,
        op: impl FnOnce(&mut Self) -> Result<(), ExecutorError>,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        let mut next = self.clone();
        let before = next.events.len();
        op(&mut next)?;
        let emitted = next.events[before..].to_vec();
        *self = next;
        Ok(emitted)
    }
}

impl<D> L1Executor<D> {
    /// The `onlySettlementLayer` modifier: reverts once the chain settles elsewhere.
    pub(super) fn only_settlement_layer(&self) -> Result<(), ExecutorError> {
        if self.settlement_layer_address.is_zero() {
            Ok(())
        } else {
            Err(ExecutorError::NotSettlementLayer)
        }
    }

    /// `storedBatchHashes[batch_number]` (zero if never stored). Reverted batches keep their
    /// stale hash until overwritten, as on chain.
    pub fn stored_batch_hash(&self, batch_number: u64) -> B256 {
        self.stored_batch_hashes.get(&batch_number).copied().unwrap_or_default()
    }

    /// `l2LogsRootHashes[batch_number]`: the L2→L1 logs root of an executed batch, what
    /// withdrawals and message inclusion proofs are checked against (zero if not executed).
    pub fn l2_logs_root_hash(&self, batch_number: u64) -> B256 {
        self.l2_logs_root_hashes.get(&batch_number).copied().unwrap_or_default()
    }

    /// `totalBatchesCommitted`.
    pub fn total_batches_committed(&self) -> u64 {
        self.total_batches_committed
    }

    /// `totalBatchesVerified`.
    pub fn total_batches_verified(&self) -> u64 {
        self.total_batches_verified
    }

    /// `totalBatchesExecuted`.
    pub fn total_batches_executed(&self) -> u64 {
        self.total_batches_executed
    }

    /// The priority tree (`s.priorityTree`).
    pub fn priority_tree(&self) -> &PriorityTree {
        &self.priority_tree
    }

    /// `getTotalPriorityTxs`.
    pub fn total_priority_txs(&self) -> u64 {
        self.priority_tree.total_priority_txs()
    }

    /// `s.l2SystemContractsUpgradeTxHash`: the upgrade transaction the next batch must execute
    /// (zero when none).
    pub fn l2_system_contracts_upgrade_tx_hash(&self) -> B256 {
        self.l2_system_contracts_upgrade_tx_hash
    }

    /// `s.l2SystemContractsUpgradeBatchNumber`: the batch that committed it (zero when none).
    pub fn l2_system_contracts_upgrade_batch_number(&self) -> u64 {
        self.l2_system_contracts_upgrade_batch_number
    }

    /// `s.precommitmentForTheLatestBatch`.
    pub fn precommitment_for_the_latest_batch(&self) -> B256 {
        self.precommitment_for_the_latest_batch
    }

    /// The chain parameters.
    pub fn config(&self) -> &ChainConfig {
        &self.config
    }

    /// The chain's protocol version.
    pub fn protocol_version(&self) -> ProtocolVersionId {
        self.config.protocol_version
    }

    /// The L1 DA validator.
    pub fn da_validator(&self) -> &D {
        &self.da_validator
    }

    /// The L1 DA validator, for its own state changes (e.g. publishing blobs ahead of a commit).
    pub fn da_validator_mut(&mut self) -> &mut D {
        &mut self.da_validator
    }

    /// Every event emitted so far, oldest first.
    pub fn events(&self) -> &[ExecutorEvent] {
        &self.events
    }

    /// `ChainTypeManager.protocolVersionIsActive(s.protocolVersion)`, which commits require.
    pub fn set_protocol_version_active(&mut self, active: bool) {
        self.protocol_version_active = active;
    }

    /// `s.settlementLayer`: non-zero once the chain has migrated to another settlement layer, after
    /// which this diamond's Executor reverts with `NotSettlementLayer`.
    pub fn set_settlement_layer_address(&mut self, settlement_layer: Address) {
        self.settlement_layer_address = settlement_layer;
    }

    /// Records a root of the settlement layer's `MessageRoot` (`historicalRoot(blockOrBatchNumber)`),
    /// which interop roots on execute are checked against.
    pub fn set_historical_message_root(&mut self, block_or_batch_number: U256, root: B256) {
        self.historical_message_roots.insert(block_or_batch_number, root);
    }

    /// What an upgrade with an L2 transaction (the genesis upgrade included) leaves for the
    /// Executor: `s.l2SystemContractsUpgradeTxHash = tx.canonical_hash()`, which the next committed
    /// batch must carry in its system logs. Reverts like `BaseZkSyncUpgrade` while a previous
    /// upgrade is unfinished.
    pub fn set_l2_system_contracts_upgrade(
        &mut self,
        transaction: &L2CanonicalTransaction,
    ) -> Result<B256, ExecutorError> {
        if !self.l2_system_contracts_upgrade_tx_hash.is_zero() {
            return Err(ExecutorError::PreviousUpgradeNotFinalized(
                self.l2_system_contracts_upgrade_tx_hash,
            ));
        }
        if self.l2_system_contracts_upgrade_batch_number != 0 {
            return Err(ExecutorError::PreviousUpgradeNotCleaned);
        }
        let hash = transaction.canonical_hash();
        self.l2_system_contracts_upgrade_tx_hash = hash;
        Ok(hash)
    }
}
