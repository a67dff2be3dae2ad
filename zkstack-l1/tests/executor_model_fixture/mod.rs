//! A v29 chain on a modelled L1 and realistic batches for it, built with the crate's own encoders:
//! system logs with the interop key layout and each key's sender, calldata rollup DA
//! (`RollupDaHeader` ‖ source 0 ‖ pubdata ‖ blob commitment), deposits through the Mailbox.
//! The commit data comes from `zkstack_l1::operator`; the fixture adds tampering knobs and keeps
//! the server-side commitment (`commitment::batch_commitment`) as an independent check.

#![allow(dead_code, clippy::unwrap_used)]

use alloy_primitives::{Address, B256, Bytes, U256, address, keccak256};
use zkstack_l1::commitment::{
    AuxCommitments, BlobHash, CommitmentCommonInput, CommitmentInput, batch_commitment,
};
use zkstack_l1::executor_abi::{CommitBatchInfo, StoredBatchInfo};
use zkstack_l1::executor_model::{
    ChainConfig, ExecutorError, L1Context, L1Executor, L2TransactionRequest, RequestContext,
    RollupL1DaValidator, SettlementLayer, TOTAL_BLOBS_IN_COMMITMENT, genesis_stored_batch_info,
};
use zkstack_l1::mailbox::{BaseTokenMultiplier, FeeParams, PubdataPricingMode, constants};
use zkstack_l1::operator::{BatchOutputs, CommitData, DaMode};
use zkstack_l1::priority::{PriorityLeaves, PriorityOpsBatchInfo};
use zkstack_l1::pubdata::{RollupDaHeader, StateDiffRecord};
use zkstack_l1::system_logs::{L1_MESSENGER_ADDRESS, SystemLogKey};
use zkstack_l1::{L2ToL1Log, ProtocolVersionId};

/// Chain id of the test chain (zksync-era's local default).
pub const CHAIN_ID: u64 = 270;
/// A non-mainnet L1 (30-day commit window).
pub const L1_CHAIN_ID: u64 = 9;
/// The chain's L2 DA validator.
pub const L2_DA_VALIDATOR: Address = address!("0x000000000000000000000000000000000001000a");
/// L1 time of the fixture's commits.
pub const L1_NOW: u64 = 1_750_000_000;

pub fn v29() -> ProtocolVersionId {
    ProtocolVersionId::INTEROP
}

pub fn fee_params() -> FeeParams {
    FeeParams {
        pubdata_pricing_mode: PubdataPricingMode::Rollup,
        batch_overhead_l1_gas: 800_000,
        max_pubdata_per_batch: 120_000,
        max_l2_gas_per_batch: 80_000_000,
        priority_tx_max_pubdata: 99_000,
        minimal_l2_gas_price: 250_000_000,
    }
}

pub fn config(settlement_layer: SettlementLayer) -> ChainConfig {
    ChainConfig {
        chain_id: U256::from(CHAIN_ID),
        protocol_version: v29(),
        l1_chain_id: U256::from(L1_CHAIN_ID),
        settlement_layer,
        l2_bootloader_bytecode_hash: B256::repeat_byte(0xb0),
        l2_default_account_bytecode_hash: B256::repeat_byte(0xaa),
        l2_evm_emulator_bytecode_hash: B256::repeat_byte(0xee),
        l2_da_validator: L2_DA_VALIDATOR,
        fee_params: fee_params(),
        base_token_multiplier: BaseTokenMultiplier::ETH,
        priority_tx_max_gas_limit: U256::from(constants::PRIORITY_TX_MAX_GAS_LIMIT),
    }
}

pub fn genesis() -> StoredBatchInfo {
    genesis_stored_batch_info(B256::repeat_byte(0x01), 50, B256::repeat_byte(0xc0))
}

pub fn new_chain() -> L1Executor<RollupL1DaValidator> {
    L1Executor::new(config(SettlementLayer::L1), &genesis(), RollupL1DaValidator::new()).unwrap()
}

pub fn ctx() -> L1Context<'static> {
    L1Context::at(L1_NOW)
}

/// A deposit of 1 ETH to `to`, from an EOA.
pub fn deposit_request(to: Address) -> (L2TransactionRequest, RequestContext) {
    let gas_price = U256::from(20_000_000_000u64);
    let l2_gas_limit = U256::from(300_000u64);
    let request = L2TransactionRequest {
        sender: address!("0x00000000000000000000000000000000000000d1"),
        contract_l2: to,
        mint_value: U256::from(10u64).pow(U256::from(18u64)) * U256::from(2u8),
        l2_value: U256::from(10u64).pow(U256::from(18u64)),
        l2_calldata: Bytes::new(),
        l2_gas_limit,
        l2_gas_per_pubdata_byte_limit: U256::from(constants::REQUIRED_L2_GAS_PRICE_PER_PUBDATA),
        factory_deps: vec![],
        refund_recipient: Address::ZERO,
    };
    let ctx = RequestContext {
        gas_price,
        timestamp: L1_NOW - 100,
        sender_is_tx_origin: true,
        refund_recipient_has_code: false,
    };
    (request, ctx)
}

/// A batch: the operator's [`BatchOutputs`] (reached through `Deref`, so `spec.timestamp` reads
/// `spec.outputs.timestamp`) plus what the fixture adds: the protocol version, the blob
/// commitment and tampering knobs. [`BatchSpec::commit_info`] turns it into the committed data.
#[derive(Clone, Debug)]
pub struct BatchSpec {
    pub version: ProtocolVersionId,
    /// What executing the batch produced, as `zkstack_l1::operator` takes it.
    pub outputs: BatchOutputs,
    pub blob_commitment: B256,
    /// Log values replaced after the honest logs are built.
    pub overrides: Vec<(SystemLogKey, B256)>,
    /// Keys left out.
    pub dropped: Vec<SystemLogKey>,
    /// Raw logs appended.
    pub extra_logs: Vec<L2ToL1Log>,
}

impl std::ops::Deref for BatchSpec {
    type Target = BatchOutputs;

    fn deref(&self) -> &BatchOutputs {
        &self.outputs
    }
}

impl std::ops::DerefMut for BatchSpec {
    fn deref_mut(&mut self) -> &mut BatchOutputs {
        &mut self.outputs
    }
}

impl BatchSpec {
    /// Batch `prev.batchNumber + 1` on top of `prev`, with the given L1→L2 transactions.
    pub fn next(prev: &StoredBatchInfo, priority_tx_hashes: Vec<B256>) -> Self {
        let number = prev.batchNumber + 1;
        let prev_ts: u64 = prev.timestamp.saturating_to();
        let timestamp = if prev_ts == 0 { L1_NOW - 600 } else { prev_ts + 1 };
        let withdrawal = Bytes::from(format!("withdrawal from batch {number}").into_bytes());
        let user_log = L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: 0,
            sender: L1_MESSENGER_ADDRESS,
            key: B256::left_padding_from(&[0x80, 0x0a]),
            value: keccak256(&withdrawal),
        };
        let state_diff = StateDiffRecord {
            address: address!("0x000000000000000000000000000000000000800a"),
            key: U256::from(number),
            derived_key: keccak256(number.to_be_bytes()),
            enumeration_index: 0,
            initial_value: U256::ZERO,
            final_value: U256::from(1000 + number),
        };
        let outputs = BatchOutputs {
            number,
            timestamp,
            last_l2_block_timestamp: timestamp + 2,
            prev_batch_hash: prev.batchHash,
            new_state_root: keccak256([b"root".as_slice(), &number.to_be_bytes()].concat()),
            index_repeated_storage_changes: prev.indexRepeatedStorageChanges + 1,
            state_diffs: vec![state_diff],
            user_logs: vec![user_log],
            messages: vec![withdrawal],
            bytecodes: vec![],
            priority_tx_hashes,
            bootloader_heap_hash: keccak256(b"heap"),
            events_queue_hash: keccak256(b"events"),
            l2_txs_status_rolling_hash: keccak256(b"statuses"),
            message_root_rolling_hash: B256::ZERO,
            upgrade_tx_hash: B256::ZERO,
            aggregation_root: B256::ZERO,
        };
        Self {
            version: v29(),
            outputs,
            blob_commitment: keccak256(b"blob commitment"),
            overrides: vec![],
            dropped: vec![],
            extra_logs: vec![],
        }
    }

    /// The fixture chain at the batch's protocol version.
    pub fn chain(&self) -> ChainConfig {
        ChainConfig { protocol_version: self.version, ..config(SettlementLayer::L1) }
    }

    /// Calldata rollup DA with the spec's blob commitment.
    pub fn da(&self) -> DaMode {
        DaMode::RollupCalldata { blob_commitment: self.blob_commitment }
    }

    /// The honest commit data, from `zkstack_l1::operator`.
    pub fn commit_data(&self) -> CommitData {
        self.outputs.commit_data(&self.chain(), &self.da()).unwrap()
    }

    pub fn pubdata(&self) -> Vec<u8> {
        self.outputs.pubdata().unwrap()
    }

    pub fn da_header(&self) -> RollupDaHeader {
        self.outputs.rollup_da_header().unwrap()
    }

    /// `operatorDAInput` for calldata rollup DA, as zksync-era sends it.
    pub fn operator_da_input(&self) -> Vec<u8> {
        self.commit_data().operator_da_input.to_vec()
    }

    /// Root of the user logs' tree, combined with a zero aggregation root (v26+).
    pub fn l2_logs_root(&self) -> B256 {
        self.outputs.l2_logs_root(self.version).unwrap()
    }

    /// The system logs: the operator's honest ones (one per interop key, the upgrade key only
    /// with an upgrade), less `dropped`, with `overrides` applied, then `extra_logs`.
    pub fn system_logs(&self) -> Vec<L2ToL1Log> {
        let mut logs: Vec<L2ToL1Log> = self
            .outputs
            .keyed_system_logs(&self.chain(), &self.da())
            .unwrap()
            .into_iter()
            .filter(|(key, _)| !self.dropped.contains(key))
            .map(|(key, mut log)| {
                if let Some((_, value)) = self.overrides.iter().rev().find(|(k, _)| *k == key) {
                    log.value = *value;
                }
                log
            })
            .collect();
        logs.extend(self.extra_logs.iter().copied());
        logs
    }

    pub fn system_logs_bytes(&self) -> Bytes {
        self.system_logs().iter().flat_map(L2ToL1Log::to_bytes).collect::<Vec<u8>>().into()
    }

    /// The operator's `CommitBatchInfo` with the spec's (possibly tampered) system logs.
    pub fn commit_info(&self) -> CommitBatchInfo {
        let mut info = self.commit_data().commit_info;
        info.systemLogs = self.system_logs_bytes();
        info
    }

    /// The batch commitment as zksync-era's server computes it (`L1BatchCommitment` from the
    /// batch's logs, state diffs and blob hashes): an independent path from the Executor's.
    pub fn server_commitment(&self, config: &ChainConfig) -> B256 {
        let mut blob_hashes = vec![BlobHash::default(); TOTAL_BLOBS_IN_COMMITMENT];
        let header = self.da_header();
        for (slot, linear) in blob_hashes.iter_mut().zip(&header.blob_linear_hashes) {
            slot.linear_hash = *linear;
        }
        blob_hashes[0].commitment = self.blob_commitment;
        self.server_commitment_with(config, blob_hashes)
    }

    /// [`Self::server_commitment`] with the given blob slots (all zero for a validium).
    pub fn server_commitment_with(&self, config: &ChainConfig, blob_hashes: Vec<BlobHash>) -> B256 {
        let input = CommitmentInput::PostBoojum {
            common: CommitmentCommonInput {
                l2_to_l1_logs: self.user_logs.clone(),
                rollup_last_leaf_index: self.index_repeated_storage_changes,
                rollup_root_hash: self.new_state_root,
                bootloader_code_hash: config.l2_bootloader_bytecode_hash,
                default_aa_code_hash: config.l2_default_account_bytecode_hash,
                evm_emulator_code_hash: Some(config.l2_evm_emulator_bytecode_hash),
                protocol_version: self.version,
            },
            system_logs: self.system_logs(),
            state_diffs: self.state_diffs.clone(),
            aux_commitments: AuxCommitments {
                events_queue_commitment: self.events_queue_hash,
                bootloader_initial_content_commitment: self.bootloader_heap_hash,
            },
            blob_hashes,
            aggregation_root: self.aggregation_root,
        };
        batch_commitment(&input).unwrap().commitment
    }

    /// What L1 stores for the batch, from the operator's data with the given commitment.
    pub fn stored(&self, commitment: B256) -> StoredBatchInfo {
        StoredBatchInfo { commitment, ..self.commit_data().stored_batch_info }
    }
}

/// Runs `op` on `exec`; asserts it fails with `expected` and leaves `exec` exactly as it was.
pub fn assert_rejects<D, T: std::fmt::Debug>(
    exec: &mut L1Executor<D>,
    expected: &ExecutorError,
    op: impl FnOnce(&mut L1Executor<D>) -> Result<T, ExecutorError>,
) where
    D: Clone + PartialEq + std::fmt::Debug,
{
    let before = exec.clone();
    let result = op(exec);
    assert_eq!(result.as_ref().err(), Some(expected), "result: {result:?}");
    assert_eq!(*exec, before, "state changed by a failed call");
}

/// A chain with one deposit, batch 1 (containing it) committed, proved and executed; returns the
/// chain, the leaves of its priority tree and batch 1's stored info.
pub fn chain_with_executed_batch()
-> (L1Executor<RollupL1DaValidator>, PriorityLeaves, StoredBatchInfo) {
    let mut exec = new_chain();
    let (request, rctx) = deposit_request(address!("0x00000000000000000000000000000000000000e1"));
    let outcome = exec.request_l2_transaction(&request, &rctx).unwrap();
    let leaves = PriorityLeaves::new(vec![outcome.canonical_tx_hash]);
    let spec = BatchSpec::next(&genesis(), vec![outcome.canonical_tx_hash]);
    let stored = commit_prove(&mut exec, &genesis(), &spec);
    let ops = leaves.batch_info(0, 1, 1).unwrap();
    exec.execute(std::slice::from_ref(&stored), &[ops], &[vec![]]).unwrap();
    (exec, leaves, stored)
}

/// Commits `spec` on top of `prev` and proves it with an accepting verifier.
pub fn commit_prove(
    exec: &mut L1Executor<RollupL1DaValidator>,
    prev: &StoredBatchInfo,
    spec: &BatchSpec,
) -> StoredBatchInfo {
    let stored = commit(exec, prev, spec);
    let verifier = zkstack_l1::executor_model::PredicateVerifier(|_: &[U256], _: &[U256]| true);
    exec.prove(prev, std::slice::from_ref(&stored), &[], &verifier).unwrap();
    stored
}

/// Commits `spec` on top of `prev`; returns the stored info.
pub fn commit(
    exec: &mut L1Executor<RollupL1DaValidator>,
    prev: &StoredBatchInfo,
    spec: &BatchSpec,
) -> StoredBatchInfo {
    exec.commit(prev, &[spec.commit_info()], &ctx()).unwrap();
    spec.stored(spec.server_commitment(exec.config()))
}

/// A verifier accepting every proof.
pub type AcceptAll = zkstack_l1::executor_model::PredicateVerifier<fn(&[U256], &[U256]) -> bool>;

/// [`AcceptAll`].
pub fn accept() -> AcceptAll {
    zkstack_l1::executor_model::PredicateVerifier(|_, _| true)
}

/// The priority info of a batch without L1 transactions.
pub fn no_ops() -> PriorityOpsBatchInfo {
    PriorityOpsBatchInfo::default()
}
