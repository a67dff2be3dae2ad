//! The chain parameters the Executor and Mailbox read (the `ZKChainStorage` fields set by
//! `DiamondInit` and the chain admin) and the genesis stored batch.

use alloy_primitives::{Address, B256, U256};

use crate::ProtocolVersionId;
use crate::commitment::{MetaParameters, ZKPORTER_IS_AVAILABLE};
use crate::executor_abi::StoredBatchInfo;
use crate::mailbox::{BaseTokenMultiplier, FeeParams};
use crate::priority::ZERO_LEAF_HASH;
use crate::system_logs::{MAINNET_COMMIT_TIMESTAMP_NOT_OLDER, TESTNET_COMMIT_TIMESTAMP_NOT_OLDER};

/// Config.sol `MAINNET_CHAIN_ID`.
pub const MAINNET_CHAIN_ID: u64 = 1;

/// Where the chain's diamond (the modelled Executor) runs.
///
/// The facet's behaviour differs only by whether `block.chainid` is the L1 chain id: on a Gateway
/// each commit relays the stored batch info and commitment parts to L1
/// ([`ExecutorEvent::RelayedBatchToL1`](super::ExecutorEvent::RelayedBatchToL1)) and each executed
/// batch's root is appended to the Gateway's message root
/// ([`ExecutorEvent::ChainBatchRootAdded`](super::ExecutorEvent::ChainBatchRootAdded)). Both are
/// recorded as events; the Gateway's own L2 side (its L1Messenger, MessageRoot) is not modelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SettlementLayer {
    /// The diamond is on L1 (`block.chainid == L1_CHAIN_ID`).
    L1,
    /// The diamond is on a Gateway chain with this chain id.
    Gateway {
        /// The Gateway's chain id (`block.chainid`).
        chain_id: U256,
    },
}

/// The chain's static parameters as the Executor and Mailbox read them from `ZKChainStorage`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainConfig {
    /// `s.chainId`.
    pub chain_id: U256,
    /// `s.protocolVersion` (v29 or later for this model).
    pub protocol_version: ProtocolVersionId,
    /// The Executor's immutable `L1_CHAIN_ID` (mainnet 1 allows 3-day-old batches, others 30 days).
    pub l1_chain_id: U256,
    /// Where the diamond runs.
    pub settlement_layer: SettlementLayer,
    /// `s.l2BootloaderBytecodeHash`.
    pub l2_bootloader_bytecode_hash: B256,
    /// `s.l2DefaultAccountBytecodeHash`.
    pub l2_default_account_bytecode_hash: B256,
    /// `s.l2EvmEmulatorBytecodeHash`.
    pub l2_evm_emulator_bytecode_hash: B256,
    /// `s.l2DAValidator`: the L2 DA validator the system logs must name.
    pub l2_da_validator: Address,
    /// `s.feeParams`.
    pub fee_params: FeeParams,
    /// `s.baseTokenGasPriceMultiplierNominator` / `Denominator`.
    pub base_token_multiplier: BaseTokenMultiplier,
    /// `s.priorityTxMaxGasLimit`.
    pub priority_tx_max_gas_limit: U256,
}

impl ChainConfig {
    /// `block.chainid` of the diamond.
    pub fn settlement_chain_id(&self) -> U256 {
        match self.settlement_layer {
            SettlementLayer::L1 => self.l1_chain_id,
            SettlementLayer::Gateway { chain_id } => chain_id,
        }
    }

    /// Whether the diamond runs on a Gateway (`L1_CHAIN_ID != block.chainid`).
    pub fn settles_on_gateway(&self) -> bool {
        self.settlement_chain_id() != self.l1_chain_id
    }

    /// The Executor's `COMMIT_TIMESTAMP_NOT_OLDER`: 3 days when `L1_CHAIN_ID` is mainnet, else 30.
    pub fn commit_timestamp_not_older(&self) -> u64 {
        if self.l1_chain_id == U256::from(MAINNET_CHAIN_ID) {
            MAINNET_COMMIT_TIMESTAMP_NOT_OLDER
        } else {
            TESTNET_COMMIT_TIMESTAMP_NOT_OLDER
        }
    }

    /// `_batchMetaParameters`: zkPorter flag, bootloader, default account and EVM emulator hashes.
    pub fn meta_parameters(&self) -> MetaParameters {
        MetaParameters {
            zkporter_is_available: ZKPORTER_IS_AVAILABLE,
            bootloader_code_hash: self.l2_bootloader_bytecode_hash,
            default_aa_code_hash: self.l2_default_account_bytecode_hash,
            evm_emulator_code_hash: Some(self.l2_evm_emulator_bytecode_hash),
            protocol_version: self.protocol_version,
        }
    }
}

/// Batch 0 as `ChainTypeManager` builds it from the chain creation parameters: number 0, the
/// genesis root and enumeration index, no L1 transactions, `priorityOperationsHash =
/// keccak256("")`, zero log root, dependency hash and timestamp, and the genesis commitment.
/// Its [`hash`](StoredBatchInfo::hash) is `storedBatchZero`.
pub fn genesis_stored_batch_info(
    genesis_batch_hash: B256,
    genesis_index_repeated_storage_changes: u64,
    genesis_batch_commitment: B256,
) -> StoredBatchInfo {
    StoredBatchInfo {
        batchNumber: 0,
        batchHash: genesis_batch_hash,
        indexRepeatedStorageChanges: genesis_index_repeated_storage_changes,
        numberOfLayer1Txs: U256::ZERO,
        priorityOperationsHash: ZERO_LEAF_HASH,
        dependencyRootsRollingHash: B256::ZERO,
        l2LogsTreeRoot: B256::ZERO,
        timestamp: U256::ZERO,
        commitment: genesis_batch_commitment,
    }
}
