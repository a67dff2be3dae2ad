//! Properties of the modelled Executor: random sequences of valid and invalid operations never
//! panic, a failed operation changes nothing, and `committed ≥ verified ≥ executed` always holds;
//! arbitrary calldata gives a typed error, never a panic.
//!
//! The invariant is the facet's own (`VerifiedBatchesExceedsCommittedBatches`,
//! `CantExecuteUnprovenBatches`, `_revertBatches`); no external vectors are involved.

#![allow(clippy::unwrap_used)]

mod executor_model_fixture;

use alloy_primitives::{B256, U256};
use executor_model_fixture::*;
use proptest::prelude::*;
use zkstack_l1::executor_abi::{
    EXECUTOR_FUNCTIONS, ExecutorGeneration, PrecommitInfo, StoredBatchInfo,
};
use zkstack_l1::executor_model::{
    ExecutorError, L1Executor, PredicateVerifier, RollupL1DaValidator,
};
use zkstack_l1::priority::PriorityLeaves;

#[derive(Clone, Debug)]
enum Op {
    /// Commit the next batch honestly, or with one field broken.
    Commit { broken: Option<u8> },
    /// Prove the next batch (with an accepting or rejecting verifier).
    Prove { accept: bool },
    /// Execute the next batch, with its range proof right or wrong.
    Execute { right_proof: bool },
    /// Revert to `committed - back`.
    Revert { back: u8 },
    /// Deposit.
    Deposit,
    /// Precommit some transactions for the next batch.
    Precommit { entries: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => proptest::option::of(0u8..6).prop_map(|broken| Op::Commit { broken }),
        2 => any::<bool>().prop_map(|accept| Op::Prove { accept }),
        2 => any::<bool>().prop_map(|right_proof| Op::Execute { right_proof }),
        1 => (0u8..4).prop_map(|back| Op::Revert { back }),
        1 => Just(Op::Deposit),
        1 => (0u8..3).prop_map(|entries| Op::Precommit { entries }),
    ]
}

/// The operator's view: stored infos of committed batches, the priority leaves, deposits pending.
struct Operator {
    stored: Vec<StoredBatchInfo>,
    leaves: PriorityLeaves,
    included: usize,
    precommitment: Option<B256>,
}

impl Operator {
    /// An operator that has seen only genesis.
    fn at_genesis() -> Self {
        Self {
            stored: vec![genesis()],
            leaves: PriorityLeaves::default(),
            included: 0,
            precommitment: None,
        }
    }
}

fn apply_commit(
    exec: &mut L1Executor<RollupL1DaValidator>,
    operator: &mut Operator,
    broken: Option<u8>,
) -> Result<(), ExecutorError> {
    let committed = exec.total_batches_committed() as usize;
    let prev = operator.stored[committed].clone();
    // Deposits not yet in a committed batch (after the executed ones' leaves).
    let first = operator.stored[..=committed]
        .iter()
        .map(|s| s.numberOfLayer1Txs.saturating_to::<usize>())
        .sum::<usize>();
    let pending = operator.leaves.leaves()[first..].to_vec();
    let mut spec = BatchSpec::next(&prev, pending);
    if let Some(status) = operator.precommitment {
        spec.l2_txs_status_rolling_hash = status;
    }
    match broken {
        Some(0) => spec.timestamp = 0,
        Some(1) => spec.prev_batch_hash = B256::repeat_byte(1),
        Some(2) => {
            spec.dropped = vec![zkstack_l1::system_logs::SystemLogKey::PrevBatchHash];
        }
        Some(3) => spec.number += 1,
        Some(4) => spec.blob_commitment = B256::ZERO,
        Some(_) => spec.l2_txs_status_rolling_hash = B256::repeat_byte(9),
        None => {}
    }
    let result = exec.commit(&prev, &[spec.commit_info()], &ctx()).map(|_| ());
    if result.is_ok() {
        operator.stored.truncate(committed + 1);
        operator.stored.push(spec.stored(spec.server_commitment(exec.config())));
        operator.included = first + spec.priority_tx_hashes.len();
        operator.precommitment = None;
    }
    result
}

fn apply(exec: &mut L1Executor<RollupL1DaValidator>, operator: &mut Operator, op: &Op) {
    let before = exec.clone();
    let committed = exec.total_batches_committed() as usize;
    let result: Result<(), _> = match op {
        Op::Commit { broken } => apply_commit(exec, operator, *broken),
        Op::Prove { accept } => {
            let last_proved = exec.total_batches_verified() as usize;
            let verifier = PredicateVerifier(|_: &[U256], _: &[U256]| *accept);
            match operator.stored.get(last_proved + 1) {
                Some(next) => exec
                    .prove(
                        &operator.stored[last_proved],
                        std::slice::from_ref(next),
                        &[],
                        &verifier,
                    )
                    .map(|_| ()),
                None => exec
                    .prove(
                        &operator.stored[last_proved],
                        &[operator.stored[last_proved].clone()],
                        &[],
                        &verifier,
                    )
                    .map(|_| ()),
            }
        }
        Op::Execute { right_proof } => {
            let executed = exec.total_batches_executed() as usize;
            let batch =
                operator.stored.get(executed + 1).unwrap_or(&operator.stored[executed]).clone();
            let start = exec.priority_tree().unprocessed_index() as usize;
            let count = batch.numberOfLayer1Txs.saturating_to::<usize>();
            let mut ops =
                operator.leaves.batch_info(start, count, operator.leaves.len()).unwrap_or_default();
            if !right_proof {
                ops.item_hashes.reverse();
                ops.left_path.push(B256::repeat_byte(5));
            }
            exec.execute(std::slice::from_ref(&batch), &[ops], &[vec![]]).map(|_| ())
        }
        Op::Revert { back } => {
            let target = committed.saturating_sub(usize::from(*back));
            let result = exec.revert_batches(U256::from(target)).map(|_| ());
            if result.is_ok() {
                operator.precommitment = None;
            }
            result
        }
        Op::Deposit => {
            let (request, rctx) = deposit_request(alloy_primitives::Address::repeat_byte(0xe1));
            exec.request_l2_transaction(&request, &rctx).map(|outcome| {
                operator.leaves.push(outcome.canonical_tx_hash);
            })
        }
        Op::Precommit { entries } => {
            let info = PrecommitInfo {
                packedTxsCommitments: vec![7u8; 33 * usize::from(*entries)].into(),
                untrustedLastL2BlockNumberHint: U256::ZERO,
            };
            let result = exec.precommit(U256::from(committed + 1), &info).map(|_| ());
            if result.is_ok() {
                operator.precommitment = Some(exec.precommitment_for_the_latest_batch());
            }
            result
        }
    };
    if result.is_err() {
        assert_eq!(*exec, before, "{op:?} failed with {result:?} but changed the state");
    }
    assert!(exec.total_batches_committed() >= exec.total_batches_verified());
    assert!(exec.total_batches_verified() >= exec.total_batches_executed());
}

/// The harness itself drives a chain forward when every operation is valid.
#[test]
fn valid_sequence_executes() {
    let mut exec = new_chain();
    let mut operator = Operator::at_genesis();
    let valid = [
        Op::Deposit,
        Op::Commit { broken: None },
        Op::Prove { accept: true },
        Op::Execute { right_proof: true },
        Op::Precommit { entries: 2 },
        Op::Commit { broken: None },
        Op::Prove { accept: true },
        Op::Execute { right_proof: true },
    ];
    for op in &valid {
        apply(&mut exec, &mut operator, op);
    }
    assert_eq!(exec.total_batches_executed(), 2);
    assert_eq!(exec.priority_tree().first_unprocessed_priority_tx(), 1);
    assert_eq!(operator.included, 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_operations_keep_the_invariants(ops in proptest::collection::vec(op(), 1..30)) {
        let mut exec = new_chain();
        let mut operator = Operator::at_genesis();
        for op in &ops {
            apply(&mut exec, &mut operator, op);
        }
        // Every executed batch has its log root stored.
        for n in 1..=exec.total_batches_executed() {
            prop_assert_ne!(exec.l2_logs_root_hash(n), B256::ZERO);
        }
    }

    #[test]
    fn arbitrary_calldata_is_a_typed_error(bytes in proptest::collection::vec(any::<u8>(), 0..600), selector in 0usize..7) {
        // The v29 functions' selectors with random arguments, and fully random bytes.
        let selectors: Vec<[u8; 4]> = EXECUTOR_FUNCTIONS
            .iter()
            .filter(|f| f.generation == ExecutorGeneration::Interop)
            .map(|f| f.selector.0)
            .collect();
        let mut calldata = bytes.clone();
        if let Some(s) = selectors.get(selector) {
            calldata = [s.as_slice(), &bytes].concat();
        }
        let mut exec = new_chain();
        let before = exec.clone();
        let verifier = PredicateVerifier(|_: &[U256], _: &[U256]| true);
        prop_assert!(exec.apply_calldata(&calldata, &ctx(), &verifier).is_err());
        prop_assert_eq!(exec, before);
    }
}
