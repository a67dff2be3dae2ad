//! `zkstack_l1::operator` against two independent checks:
//!
//! - the modelled L1 Executor (era-contracts `Executor.sol` v29) accepts the commit data, stores
//!   exactly the `StoredBatchInfo` the operator predicted, and proves and executes it;
//! - the commitment equals `commitment::batch_commitment` (zksync-era's `L1BatchCommitment`,
//!   checked against zksync-era's own vectors in `commitment_vectors.rs`) of the same batch, whose
//!   input is assembled here by hand, not by the operator.
//!
//! Plus the Gateway (v26) layout through `process_system_logs` and the typed errors.

#![allow(clippy::unwrap_used)]

mod executor_model_fixture;

use alloy_primitives::{Address, B256, Bytes, U256, address, keccak256};
use executor_model_fixture::*;
use proptest::prelude::*;
use zkstack_l1::commitment::{
    AuxCommitments, BlobHash, CommitmentCommonInput, CommitmentInput, batch_commitment,
};
use zkstack_l1::executor_model::{
    ChainConfig, DaCheckContext, L1DaValidator, L1Executor, NoBlobs, PredicateVerifier,
    RollupL1DaValidator, SettlementLayer, TOTAL_BLOBS_IN_COMMITMENT, ValidiumL1DaValidator,
};
use zkstack_l1::operator::{BatchOutputs, CommitData, DaMode, OperatorError};
use zkstack_l1::priority::PriorityLeaves;
use zkstack_l1::pubdata::{BLOB_SIZE_BYTES, RollupDaHeader, StateDiffRecord, state_diffs_hash};
use zkstack_l1::public_input::batch_proof_public_input;
use zkstack_l1::system_logs::{
    L1_MESSENGER_ADDRESS, ProcessLogsParams, SystemLogKey, SystemLogLayout, process_system_logs,
};
use zkstack_l1::{L2ToL1Log, LogTree, ProtocolVersionId};

const BLOB_COMMITMENT: B256 = B256::repeat_byte(0x5c);

fn rollup() -> DaMode {
    DaMode::RollupCalldata { blob_commitment: BLOB_COMMITMENT }
}

/// Batch 1 on top of the fixture's genesis: one L1 transaction, one withdrawal message, one
/// initial and one repeated write.
fn batch_one(priority_tx_hashes: Vec<B256>) -> BatchOutputs {
    let message = Bytes::from_static(b"a message to L1");
    let sender = address!("0x000000000000000000000000000000000000800a");
    BatchOutputs {
        number: 1,
        timestamp: L1_NOW - 600,
        last_l2_block_timestamp: L1_NOW - 598,
        prev_batch_hash: genesis().batchHash,
        new_state_root: keccak256(b"root 1"),
        index_repeated_storage_changes: 51,
        state_diffs: vec![
            StateDiffRecord {
                address: sender,
                key: U256::from(7),
                derived_key: keccak256(b"slot 7"),
                enumeration_index: 0,
                initial_value: U256::ZERO,
                final_value: U256::from(10u64).pow(U256::from(18u8)),
            },
            StateDiffRecord {
                address: sender,
                key: U256::from(8),
                derived_key: keccak256(b"slot 8"),
                enumeration_index: 12,
                initial_value: U256::from(5),
                final_value: U256::from(4),
            },
        ],
        user_logs: vec![L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: 1,
            sender: L1_MESSENGER_ADDRESS,
            key: sender.into_word(),
            value: keccak256(&message),
        }],
        messages: vec![message],
        bytecodes: vec![],
        priority_tx_hashes,
        bootloader_heap_hash: keccak256(b"heap"),
        events_queue_hash: keccak256(b"events"),
        l2_txs_status_rolling_hash: keccak256(b"statuses"),
        message_root_rolling_hash: B256::ZERO,
        upgrade_tx_hash: B256::ZERO,
        aggregation_root: B256::ZERO,
    }
}

/// zksync-era's commitment input for the batch, assembled field by field from the batch and the
/// DA: blob 0's linear hash is the keccak of the zero-padded pubdata, its commitment the KZG one.
fn server_input(
    batch: &BatchOutputs,
    chain: &ChainConfig,
    system_logs: Vec<L2ToL1Log>,
    da: &DaMode,
) -> CommitmentInput {
    let mut blob_hashes = vec![BlobHash::default(); TOTAL_BLOBS_IN_COMMITMENT];
    if let DaMode::RollupCalldata { blob_commitment } = da {
        let mut pubdata = batch.pubdata_input().settlement_layer_pubdata().unwrap();
        assert!(pubdata.len() <= BLOB_SIZE_BYTES);
        pubdata.resize(BLOB_SIZE_BYTES, 0);
        blob_hashes[0] =
            BlobHash { commitment: *blob_commitment, linear_hash: keccak256(&pubdata) };
    }
    CommitmentInput::PostBoojum {
        common: CommitmentCommonInput {
            l2_to_l1_logs: batch.user_logs.clone(),
            rollup_last_leaf_index: batch.index_repeated_storage_changes,
            rollup_root_hash: batch.new_state_root,
            bootloader_code_hash: chain.l2_bootloader_bytecode_hash,
            default_aa_code_hash: chain.l2_default_account_bytecode_hash,
            evm_emulator_code_hash: Some(chain.l2_evm_emulator_bytecode_hash),
            protocol_version: chain.protocol_version,
        },
        system_logs,
        state_diffs: batch.state_diffs.clone(),
        aux_commitments: AuxCommitments {
            events_queue_commitment: batch.events_queue_hash,
            bootloader_initial_content_commitment: batch.bootloader_heap_hash,
        },
        blob_hashes,
        aggregation_root: batch.aggregation_root,
    }
}

fn assert_matches_server(
    batch: &BatchOutputs,
    chain: &ChainConfig,
    da: &DaMode,
    data: &CommitData,
) {
    let input = server_input(batch, chain, data.system_logs.clone(), da);
    let server = batch_commitment(&input).unwrap();
    assert_eq!(data.commitment, server, "every part of the commitment");
    assert_eq!(data.stored_batch_info.commitment, server.commitment);
}

#[test]
fn rollup_commit_is_accepted_proved_and_executed_by_l1() {
    let mut exec = new_chain();
    let (request, rctx) = deposit_request(address!("0x00000000000000000000000000000000000000e1"));
    let deposit = exec.request_l2_transaction(&request, &rctx).unwrap().canonical_tx_hash;
    let batch = batch_one(vec![deposit]);
    let chain = exec.config().clone();
    let data = batch.commit_data(&chain, &rollup()).unwrap();

    exec.commit(&genesis(), std::slice::from_ref(&data.commit_info), &ctx()).unwrap();
    assert_eq!(exec.stored_batch_hash(1), data.stored_batch_info.hash());
    assert_eq!(exec.l2_logs_root_hash(1), B256::ZERO, "the root is stored on execute");
    assert_matches_server(&batch, &chain, &rollup(), &data);

    let expected = batch_proof_public_input(genesis().commitment, data.commitment.commitment);
    let verifier = PredicateVerifier(move |inputs: &[U256], proof: &[U256]| {
        inputs == [expected] && proof == [expected]
    });
    let stored = std::slice::from_ref(&data.stored_batch_info);
    exec.prove(&genesis(), stored, &[expected], &verifier).unwrap();
    let ops = PriorityLeaves::new(vec![deposit]).batch_info(0, 1, 1).unwrap();
    exec.execute(stored, &[ops], &[vec![]]).unwrap();
    assert_eq!(exec.total_batches_executed(), 1);
    let local = LogTree::from_logs(&batch.user_logs, chain.protocol_version).unwrap().root();
    assert_eq!(exec.l2_logs_root_hash(1), keccak256([local.as_slice(), &[0; 32]].concat()));
    assert_eq!(exec.l2_logs_root_hash(1), data.stored_batch_info.l2LogsTreeRoot);
}

#[test]
fn the_next_batch_commits_on_top_of_the_stored_info() {
    let mut exec = new_chain();
    let chain = exec.config().clone();
    let first = batch_one(vec![]);
    let data = first.commit_data(&chain, &rollup()).unwrap();
    exec.commit(&genesis(), std::slice::from_ref(&data.commit_info), &ctx()).unwrap();
    let second = BatchOutputs {
        number: 2,
        timestamp: first.timestamp + 10,
        last_l2_block_timestamp: first.timestamp + 12,
        prev_batch_hash: first.new_state_root,
        new_state_root: keccak256(b"root 2"),
        state_diffs: vec![],
        user_logs: vec![],
        messages: vec![],
        ..first
    };
    let next = second.commit_data(&chain, &rollup()).unwrap();
    exec.commit(&data.stored_batch_info, std::slice::from_ref(&next.commit_info), &ctx()).unwrap();
    assert_eq!(exec.stored_batch_hash(2), next.stored_batch_info.hash());
    assert_matches_server(&second, &chain, &rollup(), &next);
}

#[test]
fn validium_commit_is_accepted_and_matches_the_server() {
    let chain = config(SettlementLayer::L1);
    let mut exec = L1Executor::new(chain.clone(), &genesis(), ValidiumL1DaValidator).unwrap();
    let batch = batch_one(vec![]);
    let data = batch.commit_data(&chain, &DaMode::Validium).unwrap();
    assert_eq!(data.operator_da_input.as_ref(), state_diffs_hash(&batch.state_diffs).as_slice());
    let output_hash = data.system_logs[5];
    assert_eq!(output_hash.key, B256::with_last_byte(5));
    assert_eq!(output_hash.value, B256::ZERO, "ValidiumL2DAValidator returns zero");
    exec.commit(&genesis(), std::slice::from_ref(&data.commit_info), &ctx()).unwrap();
    assert_eq!(exec.stored_batch_hash(1), data.stored_batch_info.hash());
    assert_matches_server(&batch, &chain, &DaMode::Validium, &data);
}

#[test]
fn interop_logs_follow_the_layout_and_the_upgrade_adds_one() {
    let chain = config(SettlementLayer::L1);
    let mut batch = batch_one(vec![]);
    let logs = batch.keyed_system_logs(&chain, &rollup()).unwrap();
    let layout = SystemLogLayout::Interop;
    assert_eq!(logs.len(), layout.keys().len() - 1);
    for (number, (key, log)) in logs.iter().enumerate() {
        assert_eq!(Some(*key), layout.key(U256::from(number)));
        assert_eq!(log.key, B256::from(U256::from(number)));
        assert_eq!(log.sender, key.sender());
    }
    let header = RollupDaHeader::for_pubdata(
        state_diffs_hash(&batch.state_diffs),
        &batch.pubdata_input().settlement_layer_pubdata().unwrap(),
    );
    assert_eq!(logs[5].1.value, keccak256(header.encode().unwrap()));
    assert_eq!(logs[6].1.value, L2_DA_VALIDATOR.into_word());

    batch.upgrade_tx_hash = B256::repeat_byte(0x77);
    let logs = batch.system_logs(&chain, &rollup()).unwrap();
    assert_eq!(logs.len(), layout.keys().len());
    assert_eq!(logs.last().unwrap().value, B256::repeat_byte(0x77));
    let params = ProcessLogsParams {
        expected_upgrade_tx_hash: B256::repeat_byte(0x77),
        l2_da_validator: Some(L2_DA_VALIDATOR),
        total_pubdata_hash: None,
    };
    let bytes: Vec<u8> = logs.iter().flat_map(L2ToL1Log::to_bytes).collect();
    process_system_logs(chain.protocol_version, &bytes, &params).unwrap();
}

/// v26–28 (Gateway layout): no interop keys; the Executor's log processing and DA check for
/// that version accept the data, and the commitment matches the server's.
#[test]
fn gateway_layout_passes_the_v26_checks() {
    let v26 = ProtocolVersionId::GATEWAY;
    let chain = ChainConfig { protocol_version: v26, ..config(SettlementLayer::L1) };
    let mut batch = batch_one(vec![B256::repeat_byte(0x11)]);
    batch.l2_txs_status_rolling_hash = B256::ZERO;
    let data = batch.commit_data(&chain, &rollup()).unwrap();
    assert_eq!(data.system_logs.len(), SystemLogLayout::Gateway.keys().len() - 1);
    let params = ProcessLogsParams {
        expected_upgrade_tx_hash: B256::ZERO,
        l2_da_validator: Some(L2_DA_VALIDATOR),
        total_pubdata_hash: None,
    };
    let logs = process_system_logs(v26, &data.commit_info.systemLogs, &params).unwrap();
    assert_eq!(logs.previous_batch_hash, batch.prev_batch_hash);
    assert_eq!(logs.chained_priority_txs_hash, data.commit_info.priorityOperationsHash);
    assert_eq!(logs.number_of_layer1_txs, U256::from(1));
    assert_eq!(logs.l2_logs_tree_root, data.stored_batch_info.l2LogsTreeRoot);
    let da = RollupL1DaValidator::new()
        .check_da(
            &DaCheckContext {
                chain_id: chain.chain_id,
                batch_number: 1,
                l1_block_number: 1,
                blobs: &NoBlobs,
            },
            logs.l2_da_validator_output_hash,
            &data.operator_da_input,
            TOTAL_BLOBS_IN_COMMITMENT,
        )
        .unwrap();
    assert_eq!(da, data.da_output);
    assert_eq!(data.stored_batch_info.dependencyRootsRollingHash, B256::ZERO);
    assert_matches_server(&batch, &chain, &rollup(), &data);
}

#[test]
fn typed_errors() {
    let chain = |minor| ChainConfig {
        protocol_version: ProtocolVersionId::new(minor).unwrap(),
        ..config(SettlementLayer::L1)
    };
    let batch = batch_one(vec![]);
    for minor in [18, 23, 25] {
        assert_eq!(
            batch.commit_data(&chain(minor), &rollup()),
            Err(OperatorError::UnsupportedProtocolVersion(ProtocolVersionId::new(minor).unwrap()))
        );
    }
    assert_eq!(
        batch.commit_data(&chain(26), &rollup()),
        Err(OperatorError::ValueWithoutLog {
            key: SystemLogKey::L2TxsStatusRollingHash,
            version: ProtocolVersionId::GATEWAY,
            value: batch.l2_txs_status_rolling_hash,
        })
    );
    let big =
        BatchOutputs { messages: vec![Bytes::from(vec![1u8; BLOB_SIZE_BYTES])], ..batch.clone() };
    let len = big.pubdata_input().settlement_layer_pubdata().unwrap().len();
    assert_eq!(
        big.commit_data(&chain(29), &rollup()),
        Err(OperatorError::CalldataPubdataTooLong { len, max: BLOB_SIZE_BYTES })
    );
    // A validium publishes nothing, so the same batch commits.
    assert!(big.commit_data(&chain(29), &DaMode::Validium).is_ok());
}

fn arb_batch() -> impl Strategy<Value = BatchOutputs> {
    let diff = (
        any::<[u8; 20]>(),
        any::<u64>(),
        any::<[u8; 32]>(),
        0u64..1000,
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(address, key, derived, index, initial, last)| StateDiffRecord {
            address: Address::from(address),
            key: U256::from(key),
            derived_key: B256::from(derived),
            enumeration_index: index,
            initial_value: U256::from(initial),
            final_value: U256::from(last),
        });
    let message = proptest::collection::vec(any::<u8>(), 0..200);
    (
        proptest::collection::vec(diff, 0..6),
        proptest::collection::vec((any::<[u8; 20]>(), message), 0..5),
        proptest::collection::vec(any::<[u8; 32]>(), 0..4),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
    )
        .prop_map(|(diffs, messages, priority, root, aggregation, upgrade)| {
            let mut batch = batch_one(priority.into_iter().map(B256::from).collect());
            batch.state_diffs = diffs;
            batch.user_logs = messages
                .iter()
                .enumerate()
                .map(|(i, (sender, data))| L2ToL1Log {
                    shard_id: 0,
                    is_service: true,
                    tx_number_in_block: i as u16,
                    sender: L1_MESSENGER_ADDRESS,
                    key: Address::from(*sender).into_word(),
                    value: keccak256(data),
                })
                .collect();
            batch.messages = messages.into_iter().map(|(_, data)| data.into()).collect();
            batch.new_state_root = B256::from(root);
            batch.aggregation_root = B256::from(aggregation);
            if upgrade[0] % 2 == 0 {
                batch.upgrade_tx_hash = B256::from(upgrade);
            }
            batch
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// For any batch the operator's commitment (the Executor's formula over the DA output) is
    /// zksync-era's `L1BatchCommitment` of the same batch, for both DA modes and both layouts.
    #[test]
    fn commitment_is_the_servers_for_any_batch(batch in arb_batch(), validium in any::<bool>(), v26 in any::<bool>()) {
        let mut batch = batch;
        let version = if v26 {
            batch.l2_txs_status_rolling_hash = B256::ZERO;
            ProtocolVersionId::GATEWAY
        } else {
            ProtocolVersionId::INTEROP
        };
        let chain = ChainConfig { protocol_version: version, ..config(SettlementLayer::L1) };
        let da = if validium { DaMode::Validium } else { rollup() };
        let data = batch.commit_data(&chain, &da).unwrap();
        let server = batch_commitment(&server_input(&batch, &chain, data.system_logs.clone(), &da)).unwrap();
        prop_assert_eq!(data.commitment, server);
        let root = LogTree::from_logs(&batch.user_logs, version).unwrap().root();
        prop_assert_eq!(data.stored_batch_info.l2LogsTreeRoot, keccak256([root.as_slice(), batch.aggregation_root.as_slice()].concat()));
    }
}

#[test]
fn relayed_chain_on_gateway_gets_the_same_commit_data() {
    // Where the chain settles does not change what the operator sends.
    let batch = batch_one(vec![]);
    let on_l1 = batch.commit_data(&config(SettlementLayer::L1), &rollup()).unwrap();
    let gateway = SettlementLayer::Gateway { chain_id: U256::from(506) };
    let on_gateway = batch.commit_data(&config(gateway), &rollup()).unwrap();
    assert_eq!(on_l1, on_gateway);
    let mut exec =
        L1Executor::new(config(gateway), &genesis(), RollupL1DaValidator::new()).unwrap();
    exec.commit(&genesis(), std::slice::from_ref(&on_gateway.commit_info), &ctx()).unwrap();
    assert_eq!(exec.stored_batch_hash(1), on_gateway.stored_batch_info.hash());
}

/// Recomputing the commitment from the commit's calldata alone (as `zkstack l1 decode-commit`
/// does) gives the commitment L1 computes from its DA validator's output, for rollup and validium.
#[test]
fn commitment_recomputed_from_calldata_matches_l1() {
    use zkstack_l1::commitment::{CommittedBatch, commitment_from_commit};
    let chain = config(SettlementLayer::L1);
    let meta = chain.meta_parameters();
    for mode in [rollup(), DaMode::Validium] {
        let data = batch_one(vec![]).commit_data(&chain, &mode).unwrap();
        let recomputed =
            commitment_from_commit(CommittedBatch::from(&data.commit_info), &meta).unwrap();
        assert_eq!(recomputed.hashes(), data.commitment, "{mode:?}");
    }
}
