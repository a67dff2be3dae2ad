//! The modelled L1 Executor end to end: a deposit through the Mailbox, a v29 batch with calldata
//! rollup DA committed, proved and executed, and each commit check failing on its own.
//!
//! Expected values: the batch commitment is recomputed by zksync-era's server formula
//! (`commitment::batch_commitment`, checked against zksync-era's vectors in
//! `commitment_vectors.rs`) from the batch's logs, state diffs and blob hashes, which is a different
//! path from the Executor's (DA validator output + `_createBatchCommitment`); the proof public
//! input is `batch_proof_public_input` (checked against era-contracts' `ExecutorProof.t.sol`);
//! error order and state changes follow era-contracts `main` (v29.4) `Executor.sol`.

#![allow(clippy::unwrap_used)]

mod executor_model_fixture;

use alloy_primitives::{B256, U256, address};
use executor_model_fixture::*;
use zkstack_l1::L2ToL1Log;
use zkstack_l1::executor_model::{
    DaError, ExecutorError, ExecutorEvent, L1Context, PredicateVerifier,
};
use zkstack_l1::priority::{PriorityLeaves, SolidityPanic};
use zkstack_l1::public_input::batch_proof_public_input;
use zkstack_l1::system_logs::{
    BOOTLOADER_ADDRESS, DEFAULT_PRECOMMITMENT, SystemLogError, SystemLogKey,
};

#[test]
fn deposit_commit_prove_execute() {
    let mut exec = new_chain();
    let genesis = genesis();
    assert_eq!(exec.stored_batch_hash(0), genesis.hash());

    // A deposit: the Mailbox validates it, gives it priority id 0 and pushes its hash.
    let (request, rctx) = deposit_request(address!("0x00000000000000000000000000000000000000e1"));
    let outcome = exec.request_l2_transaction(&request, &rctx).unwrap();
    assert_eq!(outcome.transaction.nonce, U256::ZERO);
    assert_eq!(outcome.canonical_tx_hash, outcome.transaction.canonical_hash());
    outcome.event.check_consistency().unwrap();
    assert_eq!(exec.total_priority_txs(), 1);
    let mut leaves = PriorityLeaves::default();
    leaves.push(outcome.canonical_tx_hash);
    assert_eq!(exec.priority_tree().root(), leaves.root_at(1).unwrap());

    // Batch 1 executes the deposit.
    let spec = BatchSpec::next(&genesis, vec![outcome.canonical_tx_hash]);
    let events = exec.commit(&genesis, &[spec.commit_info()], &ctx()).unwrap();
    let commitment = spec.server_commitment(exec.config());
    let stored = spec.stored(commitment);
    assert_eq!(
        events,
        vec![ExecutorEvent::BlockCommit {
            batch_number: 1,
            batch_hash: spec.new_state_root,
            commitment
        }]
    );
    assert_eq!(exec.stored_batch_hash(1), stored.hash(), "L1 stored the server's commitment");
    assert_eq!(exec.total_batches_committed(), 1);
    assert_eq!(exec.precommitment_for_the_latest_batch(), DEFAULT_PRECOMMITMENT);

    // Prove: the verifier sees exactly one public input, keccak(prev ‖ curr) >> 32.
    let expected_input = batch_proof_public_input(genesis.commitment, commitment);
    let proof = [U256::from(1u8), U256::from(0xabcdu32)];
    let verifier =
        PredicateVerifier(|inputs: &[U256], p: &[U256]| inputs == [expected_input] && p == proof);
    let events = exec.prove(&genesis, std::slice::from_ref(&stored), &proof, &verifier).unwrap();
    assert_eq!(
        events,
        vec![ExecutorEvent::BlocksVerification {
            previous_last_verified_batch: 0,
            current_last_verified_batch: 1
        }]
    );

    // Execute with the deposit's range proof.
    let ops = leaves.batch_info(0, 1, 1).unwrap();
    let events = exec.execute(std::slice::from_ref(&stored), &[ops], &[vec![]]).unwrap();
    assert_eq!(
        events,
        vec![ExecutorEvent::BlockExecution {
            batch_number: 1,
            batch_hash: stored.batchHash,
            commitment
        }]
    );
    assert_eq!(exec.total_batches_executed(), 1);
    assert_eq!(exec.l2_logs_root_hash(1), spec.l2_logs_root());
    assert_ne!(exec.l2_logs_root_hash(1), B256::ZERO);
    assert_eq!(exec.priority_tree().first_unprocessed_priority_tx(), 1);
    // A withdrawal proves its log against that root: the root is keccak(local ‖ aggregation).
    let local = zkstack_l1::LogTree::from_logs(&spec.user_logs, spec.version).unwrap();
    let path = local.proof(0).unwrap();
    assert!(zkstack_l1::log_tree::verify_proof(spec.user_logs[0].hash(), 0, &path, local.root()));
    assert_eq!(
        zkstack_l1::log_tree::hash_pair(&local.root(), &B256::ZERO),
        exec.l2_logs_root_hash(1)
    );

    // Batch 2 without L1 transactions follows.
    let spec2 = BatchSpec::next(&stored, vec![]);
    let stored2 = commit_prove(&mut exec, &stored, &spec2);
    exec.execute(std::slice::from_ref(&stored2), &[no_ops()], &[vec![]]).unwrap();
    assert_eq!(
        (
            exec.total_batches_committed(),
            exec.total_batches_verified(),
            exec.total_batches_executed()
        ),
        (2, 2, 2)
    );
    assert_eq!(exec.events().len(), 1 + 3 + 3);
}

fn batch_one() -> (
    zkstack_l1::executor_model::L1Executor<zkstack_l1::executor_model::RollupL1DaValidator>,
    BatchSpec,
) {
    let exec = new_chain();
    let spec = BatchSpec::next(&genesis(), vec![]);
    (exec, spec)
}

#[allow(clippy::needless_pass_by_value)] // call sites read better with the error by value
fn reject_commit(spec: &BatchSpec, ctx: &L1Context<'_>, expected: ExecutorError) {
    let mut exec = new_chain();
    assert_rejects(&mut exec, &expected, |e| e.commit(&genesis(), &[spec.commit_info()], ctx));
}

#[test]
fn commit_batch_number_mismatch() {
    let (_, mut spec) = batch_one();
    spec.number = 2;
    reject_commit(&spec, &ctx(), ExecutorError::BatchNumberMismatch { expected: 1, provided: 2 });
}

#[test]
fn commit_last_committed_hash_mismatch() {
    let (mut exec, spec) = batch_one();
    let mut wrong = genesis();
    wrong.timestamp = U256::from(1u8);
    let expected =
        ExecutorError::BatchHashMismatch { stored: genesis().hash(), provided: wrong.hash() };
    assert_rejects(&mut exec, &expected, |e| e.commit(&wrong, &[spec.commit_info()], &ctx()));
}

#[test]
fn commit_accepts_legacy_hash_of_last_committed() {
    // v29 accepts the eight-field hash for batches stored before the interop upgrade.
    let config = config(zkstack_l1::executor_model::SettlementLayer::L1);
    let legacy_zero = genesis().legacy_hash();
    let mut exec = zkstack_l1::executor_model::L1Executor::from_stored_batch_zero(
        config,
        legacy_zero,
        zkstack_l1::executor_model::RollupL1DaValidator::new(),
    )
    .unwrap();
    let spec = BatchSpec::next(&genesis(), vec![]);
    exec.commit(&genesis(), &[spec.commit_info()], &ctx()).unwrap();
}

#[test]
fn commit_only_one_batch_and_not_none() {
    let (mut exec, spec) = batch_one();
    let two = [spec.commit_info(), spec.commit_info()];
    assert_rejects(&mut exec, &ExecutorError::CanOnlyProcessOneBatch, |e| {
        e.commit(&genesis(), &two, &ctx())
    });
    assert_rejects(&mut exec, &ExecutorError::EmptyData, |e| e.commit(&genesis(), &[], &ctx()));
}

#[test]
fn commit_missing_duplicate_misattributed_unknown_logs() {
    let (_, mut spec) = batch_one();
    spec.dropped = vec![SystemLogKey::L2TxsStatusRollingHash];
    let required = U256::from(511u16);
    reject_commit(
        &spec,
        &ctx(),
        ExecutorError::SystemLogs(SystemLogError::MissingLogs {
            required,
            processed: required - (U256::from(1u8) << 8),
            missing: vec![SystemLogKey::L2TxsStatusRollingHash],
        }),
    );

    let (_, mut spec) = batch_one();
    let dup = spec.system_logs()[2];
    spec.extra_logs = vec![dup];
    reject_commit(
        &spec,
        &ctx(),
        ExecutorError::SystemLogs(SystemLogError::DuplicateKey { index: 9, key: 2 }),
    );

    let (_, mut spec) = batch_one();
    spec.extra_logs = vec![L2ToL1Log {
        sender: BOOTLOADER_ADDRESS,
        key: B256::from(U256::from(10u8)),
        ..L2ToL1Log::default()
    }];
    reject_commit(
        &spec,
        &ctx(),
        ExecutorError::SystemLogs(SystemLogError::UnexpectedKey {
            index: 9,
            key: U256::from(10u8),
        }),
    );

    let (_, spec) = batch_one();
    let mut info = spec.commit_info();
    let mut logs = spec.system_logs();
    logs[0].sender = BOOTLOADER_ADDRESS;
    info.systemLogs = logs.iter().flat_map(L2ToL1Log::to_bytes).collect::<Vec<_>>().into();
    let mut exec = new_chain();
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::WrongSender {
            index: 0,
            key: SystemLogKey::L2ToL1LogsTreeRoot,
            expected: SystemLogKey::L2ToL1LogsTreeRoot.sender(),
            actual: BOOTLOADER_ADDRESS,
        }),
        |e| e.commit(&genesis(), std::slice::from_ref(&info), &ctx()),
    );

    let mut info = spec.commit_info();
    info.systemLogs = info.systemLogs[..87].to_vec().into();
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::InvalidLength { len: 87 }),
        |e| e.commit(&genesis(), std::slice::from_ref(&info), &ctx()),
    );
}

#[test]
fn commit_l2_da_validator_mismatch() {
    let (_, mut spec) = batch_one();
    let other = address!("0x0000000000000000000000000000000000000bad");
    spec.overrides = vec![(SystemLogKey::UsedL2DaValidatorAddress, other.into_word())];
    reject_commit(
        &spec,
        &ctx(),
        ExecutorError::SystemLogs(SystemLogError::L2DaValidatorMismatch {
            in_logs: other,
            expected: L2_DA_VALIDATOR,
        }),
    );
}

#[test]
fn commit_da_checks() {
    // The L2 DA validator's output hash in the logs does not match the header.
    let (_, mut spec) = batch_one();
    let wrong = B256::repeat_byte(9);
    spec.overrides = vec![(SystemLogKey::L2DaValidatorOutputHash, wrong)];
    reject_commit(&spec, &ctx(), ExecutorError::Da(DaError::InvalidL2DaOutputHash(wrong)));

    let (_, spec) = batch_one();
    let da = spec.operator_da_input();
    let header_len = spec.da_header().encode().unwrap().len();
    let with_da = |bytes: Vec<u8>| {
        let mut info = spec.commit_info();
        info.operatorDAInput = bytes.into();
        info
    };
    let run = |bytes: Vec<u8>, expected: DaError| {
        let mut exec = new_chain();
        let info = with_da(bytes);
        assert_rejects(&mut exec, &ExecutorError::Da(expected), |e| {
            e.commit(&genesis(), std::slice::from_ref(&info), &ctx())
        });
    };
    // Pubdata altered: its hash no longer matches the header's full pubdata hash.
    let mut tampered = da.clone();
    tampered[header_len + 1] ^= 1;
    let pubdata = &tampered[header_len + 1..tampered.len() - 32];
    run(
        tampered.clone(),
        DaError::InvalidPubdataHash {
            expected: spec.da_header().full_pubdata_hash,
            actual: alloy_primitives::keccak256(pubdata),
        },
    );
    // Unknown source byte.
    let mut bad_source = da.clone();
    bad_source[header_len] = 2;
    run(bad_source, DaError::InvalidPubdataSource(2));
    // Header only: reading the source byte is out of bounds.
    run(da[..header_len].to_vec(), DaError::Panic(SolidityPanic::ArrayOutOfBounds));
    // Too short for the header.
    run(da[..64].to_vec(), DaError::OperatorDaInputTooSmall { len: 64, min: 65 });
    // No room for the blob commitment.
    let short = [&da[..=header_len], &[0u8; 31]].concat();
    run(short, DaError::PubdataInputTooSmall { len: 31, min: 32 });

    // A zero blob commitment next to a non-zero linear hash.
    let (_, mut spec) = batch_one();
    spec.blob_commitment = B256::ZERO;
    reject_commit(
        &spec,
        &ctx(),
        ExecutorError::Da(DaError::BlobHashCommitmentError {
            index: 0,
            linear_hash_zero: false,
            commitment_zero: true,
        }),
    );
}

#[test]
fn commit_previous_hash_priority_hash_and_count() {
    let (_, mut spec) = batch_one();
    spec.prev_batch_hash = B256::repeat_byte(0x55);
    reject_commit(
        &spec,
        &ctx(),
        ExecutorError::SystemLogs(SystemLogError::PrevBatchHashMismatch {
            in_logs: B256::repeat_byte(0x55),
            expected: genesis().batchHash,
        }),
    );

    let (mut exec, spec) = batch_one();
    let mut info = spec.commit_info();
    info.priorityOperationsHash = B256::repeat_byte(0x66);
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::PriorityOpsHashMismatch {
            in_logs: spec.priority_operations_hash(),
            expected: B256::repeat_byte(0x66),
        }),
        |e| e.commit(&genesis(), std::slice::from_ref(&info), &ctx()),
    );

    let mut info = spec.commit_info();
    info.numberOfLayer1Txs = U256::from(3u8);
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::NumberOfLayer1TxsMismatch {
            in_logs: U256::ZERO,
            expected: U256::from(3u8),
        }),
        |e| e.commit(&genesis(), std::slice::from_ref(&info), &ctx()),
    );
}

#[test]
fn commit_timestamps() {
    let (_, spec) = batch_one();
    // The commit data disagrees with the log.
    let mut exec = new_chain();
    let mut info = spec.commit_info();
    info.timestamp += 1;
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::BatchTimestampMismatch {
            in_logs: u128::from(spec.timestamp),
            expected: spec.timestamp + 1,
        }),
        |e| e.commit(&genesis(), std::slice::from_ref(&info), &ctx()),
    );
    // Not after the previous batch (genesis has timestamp 0).
    let mut zero = spec.clone();
    zero.timestamp = 0;
    reject_commit(
        &zero,
        &ctx(),
        ExecutorError::SystemLogs(SystemLogError::NonIncreasingTimestamp { previous: 0, batch: 0 }),
    );
    // Older than 30 days (L1 chain 9 is not mainnet).
    let not_older = 30 * 24 * 3600;
    let late = L1Context::at(spec.timestamp + not_older + 1);
    reject_commit(
        &spec,
        &late,
        ExecutorError::SystemLogs(SystemLogError::BatchTooOld {
            batch: u128::from(spec.timestamp),
            earliest: spec.timestamp + 1,
        }),
    );
    // The last L2 block more than an hour ahead of L1.
    let early = L1Context::at(spec.last_l2_block_timestamp - 3601);
    reject_commit(
        &spec,
        &early,
        ExecutorError::SystemLogs(SystemLogError::L2BlockTooNew {
            last_l2_block: u128::from(spec.last_l2_block_timestamp),
            latest: u128::from(spec.last_l2_block_timestamp - 1),
        }),
    );
    // `block.timestamp - COMMIT_TIMESTAMP_NOT_OLDER` underflows.
    let mut young = spec.clone();
    young.timestamp = 10;
    young.last_l2_block_timestamp = 10;
    reject_commit(
        &young,
        &L1Context::at(100),
        ExecutorError::SystemLogs(SystemLogError::L1TimeUnderflow { l1_timestamp: 100, not_older }),
    );
}

#[test]
fn commit_needs_active_version_and_settlement_here() {
    let (mut exec, spec) = batch_one();
    exec.set_protocol_version_active(false);
    assert_rejects(&mut exec, &ExecutorError::InvalidProtocolVersion, |e| {
        e.commit(&genesis(), &[spec.commit_info()], &ctx())
    });
    let (mut exec, spec) = batch_one();
    exec.set_settlement_layer_address(address!("0x00000000000000000000000000000000000000a7"));
    assert_rejects(&mut exec, &ExecutorError::NotSettlementLayer, |e| {
        e.commit(&genesis(), &[spec.commit_info()], &ctx())
    });
}

#[test]
fn commit_with_system_contracts_upgrade() {
    let (mut exec, mut spec) = batch_one();
    let upgrade = zkstack_l1::L2CanonicalTransaction {
        txType: U256::from(254u8),
        nonce: U256::from(29u8),
        ..Default::default()
    };
    let hash = exec.set_l2_system_contracts_upgrade(&upgrade).unwrap();
    assert_eq!(
        exec.set_l2_system_contracts_upgrade(&upgrade),
        Err(ExecutorError::PreviousUpgradeNotFinalized(hash))
    );
    // Without the upgrade log: the required bitmap includes key 9.
    assert!(matches!(
        exec.clone().commit(&genesis(), &[spec.commit_info()], &ctx()),
        Err(ExecutorError::SystemLogs(SystemLogError::MissingLogs { .. }))
    ));
    // With a wrong hash.
    spec.upgrade_tx_hash = B256::repeat_byte(7);
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::UpgradeTxHashMismatch {
            in_logs: B256::repeat_byte(7),
            expected: hash,
        }),
        |e| e.commit(&genesis(), &[spec.commit_info()], &ctx()),
    );
    spec.upgrade_tx_hash = hash;
    let stored = commit_prove(&mut exec, &genesis(), &spec);
    assert_eq!(exec.l2_system_contracts_upgrade_batch_number(), 1);
    // Executing the upgrade batch clears the upgrade.
    exec.execute(std::slice::from_ref(&stored), &[no_ops()], &[vec![]]).unwrap();
    assert_eq!(exec.l2_system_contracts_upgrade_tx_hash(), B256::ZERO);
    assert_eq!(exec.l2_system_contracts_upgrade_batch_number(), 0);
}
