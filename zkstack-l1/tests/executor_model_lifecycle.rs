//! Prove, execute, revert and precommit of the modelled Executor: each check failing alone (state
//! unchanged), and the state each success leaves.
//!
//! Expected values follow era-contracts `main` (v29.4) `Executor.sol` (`proveBatchesSharedBridge`,
//! `_executeOneBatch`, `_checkBatchData`, `_verifyDependencyInteropRoots`, `_revertBatches`,
//! `precommitSharedBridge`); the precommitment rolling hash is rebuilt here by hand from
//! `_calculatePrecommitmentRollingHash`'s definition.

#![allow(clippy::unwrap_used)]

mod executor_model_fixture;

use alloy_primitives::{B256, Bytes, Keccak256, U256, keccak256};
use executor_model_fixture::*;
use zkstack_l1::executor_abi::{InteropRoot, PrecommitInfo};
use zkstack_l1::executor_model::{ExecutorError, ExecutorEvent, PredicateVerifier};
use zkstack_l1::priority::{MerkleError, PriorityTreeError, SolidityPanic};
use zkstack_l1::system_logs::{DEFAULT_PRECOMMITMENT, SystemLogError};

#[test]
fn prove_checks() {
    let mut exec = new_chain();
    let g = genesis();
    let spec1 = BatchSpec::next(&g, vec![]);
    let s1 = commit(&mut exec, &g, &spec1);

    let mut wrong_prev = g.clone();
    wrong_prev.commitment = B256::ZERO;
    assert_rejects(
        &mut exec,
        &ExecutorError::BatchHashMismatch { stored: g.hash(), provided: wrong_prev.hash() },
        |e| e.prove(&wrong_prev, std::slice::from_ref(&s1), &[], &accept()),
    );
    let mut wrong = s1.clone();
    wrong.l2LogsTreeRoot = B256::ZERO;
    assert_rejects(
        &mut exec,
        &ExecutorError::BatchHashMismatch { stored: s1.hash(), provided: wrong.hash() },
        |e| e.prove(&g, std::slice::from_ref(&wrong), &[], &accept()),
    );
    // No batches: the decoder's EmptyData.
    assert_rejects(&mut exec, &ExecutorError::EmptyData, |e| e.prove(&g, &[], &[], &accept()));
    let reject = PredicateVerifier(|_: &[U256], _: &[U256]| false);
    assert_rejects(&mut exec, &ExecutorError::InvalidProof, |e| {
        e.prove(&g, std::slice::from_ref(&s1), &[], &reject)
    });

    // Two batches: both hashes match, but only one proof per call.
    let spec2 = BatchSpec::next(&s1, vec![]);
    let s2 = commit(&mut exec, &s1, &spec2);
    assert_rejects(&mut exec, &ExecutorError::CanOnlyProcessOneBatch, |e| {
        e.prove(&g, &[s1.clone(), s2.clone()], &[], &accept())
    });

    // After reverting batch 2, its stale stored hash still matches, and the totals catch it.
    exec.prove(&g, std::slice::from_ref(&s1), &[], &accept()).unwrap();
    exec.revert_batches(U256::from(1u8)).unwrap();
    assert_eq!(exec.stored_batch_hash(2), s2.hash(), "stale hash kept, as on chain");
    assert_rejects(&mut exec, &ExecutorError::VerifiedBatchesExceedsCommittedBatches, |e| {
        e.prove(&s1, std::slice::from_ref(&s2), &[], &accept())
    });
}

#[test]
fn execute_checks() {
    let (mut exec, leaves, s1) = {
        let mut exec = new_chain();
        let (request, rctx) = deposit_request(alloy_primitives::address!(
            "0x00000000000000000000000000000000000000e1"
        ));
        let hash = exec.request_l2_transaction(&request, &rctx).unwrap().canonical_tx_hash;
        let leaves = zkstack_l1::priority::PriorityLeaves::new(vec![hash]);
        let spec = BatchSpec::next(&genesis(), vec![hash]);
        let s1 = commit(&mut exec, &genesis(), &spec);
        (exec, leaves, s1)
    };
    let ops = leaves.batch_info(0, 1, 1).unwrap();
    let one = std::slice::from_ref(&s1);

    assert_rejects(&mut exec, &ExecutorError::EmptyData, |e| e.execute(&[], &[], &[]));
    assert_rejects(
        &mut exec,
        &ExecutorError::InvalidBatchesDataLength { batches: 1, priority_ops: 0 },
        |e| e.execute(one, &[], &[]),
    );
    assert_rejects(&mut exec, &ExecutorError::Panic(SolidityPanic::ArrayOutOfBounds), |e| {
        e.execute(one, std::slice::from_ref(&ops), &[])
    });
    assert_rejects(
        &mut exec,
        &ExecutorError::MismatchNumberOfLayer1Txs { expected: U256::from(1u8), provided: 0 },
        |e| e.execute(one, &[no_ops()], &[vec![]]),
    );
    let mut later = s1.clone();
    later.batchNumber = 2;
    assert_rejects(&mut exec, &ExecutorError::NonSequentialBatch, |e| {
        e.execute(std::slice::from_ref(&later), std::slice::from_ref(&ops), &[vec![]])
    });
    let mut altered = s1.clone();
    altered.commitment = B256::ZERO;
    assert_rejects(
        &mut exec,
        &ExecutorError::BatchHashMismatch { stored: s1.hash(), provided: altered.hash() },
        |e| e.execute(std::slice::from_ref(&altered), std::slice::from_ref(&ops), &[vec![]]),
    );
    let mut other_item = ops.clone();
    other_item.item_hashes = vec![B256::repeat_byte(3)];
    assert_rejects(&mut exec, &ExecutorError::PriorityOperationsRollingHashMismatch, |e| {
        e.execute(one, std::slice::from_ref(&other_item), &[vec![]])
    });
    // Right items, wrong path: the range proof leads to a root the tree never had.
    let mut bad_path = ops.clone();
    bad_path.left_path = vec![B256::ZERO];
    bad_path.right_path = vec![B256::repeat_byte(4)];
    let err = exec.clone().execute(one, std::slice::from_ref(&bad_path), &[vec![]]).unwrap_err();
    assert!(matches!(err, ExecutorError::PriorityTree(PriorityTreeError::NotHistoricalRoot(_))));
    assert_rejects(&mut exec, &err, |e| e.execute(one, std::slice::from_ref(&bad_path), &[vec![]]));
    let mut uneven = ops.clone();
    uneven.right_path = vec![B256::ZERO];
    assert_rejects(
        &mut exec,
        &ExecutorError::PriorityTree(PriorityTreeError::Merkle(MerkleError::PathLengthMismatch {
            path_length: 0,
            expected_length: 1,
        })),
        |e| e.execute(one, std::slice::from_ref(&uneven), &[vec![]]),
    );
    // Committed but not proved.
    assert_rejects(&mut exec, &ExecutorError::CantExecuteUnprovenBatches, |e| {
        e.execute(one, std::slice::from_ref(&ops), &[vec![]])
    });
    exec.prove(&genesis(), one, &[], &accept()).unwrap();
    exec.execute(one, std::slice::from_ref(&ops), &[vec![]]).unwrap();
    // Executed twice: no longer the next batch.
    assert_rejects(&mut exec, &ExecutorError::NonSequentialBatch, |e| {
        e.execute(one, std::slice::from_ref(&ops), &[vec![]])
    });
}

fn root(chain_id: u64, number: u64, sides: Vec<B256>) -> InteropRoot {
    InteropRoot { chainId: U256::from(chain_id), blockOrBatchNumber: U256::from(number), sides }
}

#[test]
fn execute_dependency_roots() {
    let mut exec = new_chain();
    let g = genesis();
    let message_root = B256::repeat_byte(0x3e);
    exec.set_historical_message_root(U256::from(77u8), message_root);
    // The batch imported one root of the settlement layer (L1, chain id 9): the bootloader's
    // rolling hash is keccak(0 ‖ chainId ‖ number ‖ root).
    let mut hasher = Keccak256::new();
    hasher.update(B256::ZERO);
    hasher.update(U256::from(L1_CHAIN_ID).to_be_bytes::<32>());
    hasher.update(U256::from(77u8).to_be_bytes::<32>());
    hasher.update(message_root);
    let expected_hash = hasher.finalize();
    let mut spec = BatchSpec::next(&g, vec![]);
    spec.message_root_rolling_hash = expected_hash;
    let s1 = commit_prove(&mut exec, &g, &spec);
    let one = std::slice::from_ref(&s1);
    let run = |exec: &mut _, roots: Vec<InteropRoot>, expected: ExecutorError| {
        assert_rejects(exec, &expected, |e: &mut zkstack_l1::executor_model::L1Executor<_>| {
            e.execute(one, &[no_ops()], std::slice::from_ref(&roots))
        });
    };
    run(
        &mut exec,
        vec![root(270, 77, vec![message_root])],
        ExecutorError::CommitBasedInteropNotSupported,
    );
    run(
        &mut exec,
        vec![root(L1_CHAIN_ID, 78, vec![message_root])],
        ExecutorError::MessageRootIsZero,
    );
    run(
        &mut exec,
        vec![root(L1_CHAIN_ID, 77, vec![B256::repeat_byte(1)])],
        ExecutorError::InvalidMessageRoot {
            expected: message_root,
            provided: B256::repeat_byte(1),
        },
    );
    run(
        &mut exec,
        vec![root(L1_CHAIN_ID, 77, vec![message_root, message_root])],
        ExecutorError::InvalidMessageRoot { expected: message_root, provided: message_root },
    );
    run(
        &mut exec,
        vec![root(L1_CHAIN_ID, 77, vec![])],
        ExecutorError::Panic(SolidityPanic::ArrayOutOfBounds),
    );
    run(
        &mut exec,
        vec![],
        ExecutorError::DependencyRootsRollingHashMismatch {
            stored: expected_hash,
            computed: B256::ZERO,
        },
    );
    exec.execute(one, &[no_ops()], &[vec![root(L1_CHAIN_ID, 77, vec![message_root])]]).unwrap();
    assert_eq!(exec.total_batches_executed(), 1);
}

#[test]
fn revert_semantics() {
    let (mut exec, _, s1) = chain_with_executed_batch();
    let spec2 = BatchSpec::next(&s1, vec![]);
    let s2 = commit_prove(&mut exec, &s1, &spec2);
    let spec3 = BatchSpec::next(&s2, vec![]);
    let s3 = commit(&mut exec, &s2, &spec3);
    exec.precommit(
        U256::from(4u8),
        &PrecommitInfo {
            packedTxsCommitments: vec![0u8; 33].into(),
            untrustedLastL2BlockNumberHint: U256::ZERO,
        },
    )
    .unwrap();
    assert_ne!(exec.precommitment_for_the_latest_batch(), DEFAULT_PRECOMMITMENT);

    assert_rejects(&mut exec, &ExecutorError::RevertedBatchNotAfterNewLastBatch, |e| {
        e.revert_batches(U256::from(4u8))
    });
    assert_rejects(&mut exec, &ExecutorError::CantRevertExecutedBatch, |e| {
        e.revert_batches(U256::ZERO)
    });
    assert_rejects(&mut exec, &ExecutorError::RevertedBatchNotAfterNewLastBatch, |e| {
        e.revert_batches(U256::MAX)
    });

    let events = exec.revert_batches(U256::from(1u8)).unwrap();
    assert_eq!(
        events,
        vec![ExecutorEvent::BlocksRevert {
            total_batches_committed: 1,
            total_batches_verified: 1,
            total_batches_executed: 1
        }]
    );
    assert_eq!(exec.precommitment_for_the_latest_batch(), DEFAULT_PRECOMMITMENT);
    assert_eq!(exec.stored_batch_hash(3), s3.hash());
    // Committing batch 2 again on top of batch 1, with other content, overwrites the stale hash.
    let mut spec2b = BatchSpec::next(&s1, vec![]);
    spec2b.new_state_root = B256::repeat_byte(0x2b);
    let s2b = commit(&mut exec, &s1, &spec2b);
    assert_eq!(exec.stored_batch_hash(2), s2b.hash());
    assert_ne!(s2b.hash(), s2.hash());
    // The old batch 2 can no longer be proved.
    assert_rejects(
        &mut exec,
        &ExecutorError::BatchHashMismatch { stored: s2b.hash(), provided: s2.hash() },
        |e| e.prove(&s1, std::slice::from_ref(&s2), &[], &accept()),
    );
    // Reverting to the executed batch itself is allowed.
    exec.revert_batches(U256::from(1u8)).unwrap();
    assert_eq!(exec.total_batches_committed(), 1);
}

#[test]
fn revert_forgets_a_reverted_upgrade_batch() {
    let mut exec = new_chain();
    let upgrade =
        zkstack_l1::L2CanonicalTransaction { txType: U256::from(254u8), ..Default::default() };
    let hash = exec.set_l2_system_contracts_upgrade(&upgrade).unwrap();
    let mut spec = BatchSpec::next(&genesis(), vec![]);
    spec.upgrade_tx_hash = hash;
    commit(&mut exec, &genesis(), &spec);
    assert_eq!(exec.l2_system_contracts_upgrade_batch_number(), 1);
    exec.revert_batches(U256::ZERO).unwrap();
    assert_eq!(exec.l2_system_contracts_upgrade_batch_number(), 0);
    assert_eq!(
        exec.l2_system_contracts_upgrade_tx_hash(),
        hash,
        "still expected in the next batch"
    );
    commit(&mut exec, &genesis(), &spec);
}

fn precommit_hash_by_hand(entries: &[[u8; 33]]) -> B256 {
    entries.iter().fold(B256::ZERO, |acc, entry| {
        keccak256([acc.as_slice(), keccak256(entry).as_slice()].concat())
    })
}

#[test]
fn precommit_checks_and_matching_commit() {
    let mut exec = new_chain();
    let info = |bytes: Vec<u8>| PrecommitInfo {
        packedTxsCommitments: Bytes::from(bytes),
        untrustedLastL2BlockNumberHint: U256::from(5u8),
    };
    assert_rejects(
        &mut exec,
        &ExecutorError::InvalidBatchNumber { provided: U256::from(2u8), expected: U256::from(1u8) },
        |e| e.precommit(U256::from(2u8), &info(vec![0; 33])),
    );
    assert_rejects(&mut exec, &ExecutorError::EmptyPrecommitData(U256::from(1u8)), |e| {
        e.precommit(U256::from(1u8), &info(vec![]))
    });
    assert_rejects(&mut exec, &ExecutorError::InvalidPackedPrecommitmentLength(34), |e| {
        e.precommit(U256::from(1u8), &info(vec![0; 34]))
    });

    let mut a = [0u8; 33];
    a[..32].copy_from_slice(keccak256(b"tx a").as_slice());
    a[32] = 1;
    let mut b = [0u8; 33];
    b[..32].copy_from_slice(keccak256(b"tx b").as_slice());
    exec.precommit(U256::from(1u8), &info(a.to_vec())).unwrap();
    let events = exec.precommit(U256::from(1u8), &info(b.to_vec())).unwrap();
    let expected = precommit_hash_by_hand(&[a, b]);
    assert_eq!(
        events,
        vec![ExecutorEvent::BatchPrecommitmentSet {
            batch_number: U256::from(1u8),
            untrusted_last_l2_block_number_hint: U256::from(5u8),
            precommitment: expected
        }]
    );
    assert_eq!(exec.precommitment_for_the_latest_batch(), expected);

    // The batch's L2 txs status rolling hash must equal the precommitment.
    let mut spec = BatchSpec::next(&genesis(), vec![]);
    assert_rejects(
        &mut exec,
        &ExecutorError::SystemLogs(SystemLogError::PrecommitmentMismatch {
            in_logs: spec.l2_txs_status_rolling_hash,
            stored: expected,
        }),
        |e| e.commit(&genesis(), &[spec.commit_info()], &ctx()),
    );
    spec.l2_txs_status_rolling_hash = expected;
    commit(&mut exec, &genesis(), &spec);
    assert_eq!(exec.precommitment_for_the_latest_batch(), DEFAULT_PRECOMMITMENT);
}
