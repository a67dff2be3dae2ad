//! The whole loop in one process, on in-memory state: what `zkstack demo` runs.
//!
//! | stage | status | what runs |
//! |---|---|---|
//! | `l1_deposit` | ran | an ETH deposit through the modelled Mailbox ([`L1Executor::request_l2_transaction`]): canonical transaction, hash, priority tree |
//! | `l2_transactions` | **supplied** | nothing: the EraVM interpreter is in progress, so the batch's outputs are given ([`chain::supplied_outputs`]) |
//! | `batch`, `pubdata`, `commitment` | ran | [`zkstack_l1::operator`]: system logs, calldata DA input, `CommitBatchInfo`, commitment |
//! | `proof` | **not built** | no proof of EraVM execution (issue #10); L1 checks the public input with a test verifier |
//! | `l1_execute` | ran | commit → prove → execute on the [`L1Executor`], with the priority range proof |
//! | `withdrawal_proof` | ran | the withdrawal message's inclusion proof ([`zkstack_bridge::proof`]) against the root L1 stored |
//!
//! [`Report::whole_loop`] is true only when every stage ran; the demo never reports a stage it
//! did not run. The Boojum smoke test ([`boojum_smoke`]) is reported apart: it proves a toy
//! circuit, not the batch.
//!
//! ```
//! let run = zkstack::demo::run_loop().unwrap();
//! assert!(run.values.withdrawal_proof_valid);
//! assert!(!run.whole_loop());
//! ```

pub mod boojum;
pub mod chain;

use serde::Serialize;
use zkstack_bridge::proof::{LogProof, verify_message_inclusion};
use zkstack_bridge::withdrawal::WithdrawalMessage;
use zkstack_l1::executor_abi::StoredBatchInfo;
use zkstack_l1::executor_model::{
    ChainConfig, L1Context, L1Executor, PredicateVerifier, RollupL1DaValidator,
};
use zkstack_l1::operator::{BatchOutputs, CommitData, DaMode};
use zkstack_l1::priority::PriorityLeaves;
use zkstack_l1::public_input::batch_proof_public_input;
use zkstack_l1::{Address, B256, Bytes, U256};

pub use boojum::{BoojumSmoke, boojum_smoke};

/// A stage of the demo failed (which it should not: the inputs are fixed).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("demo step `{step}` failed: {reason}")]
pub struct DemoError {
    /// The step.
    pub step: &'static str,
    /// Why.
    pub reason: String,
}

impl DemoError {
    /// A mapper from any error to a failure of `step`.
    pub fn at<E: std::fmt::Display>(step: &'static str) -> impl FnOnce(E) -> Self {
        move |error| Self { step, reason: error.to_string() }
    }
}

/// Whether a stage ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// The stage ran on real code.
    Ran,
    /// The stage did not run; its outputs were given instead.
    Supplied,
    /// The stage is not built; nothing stands in for it but what `detail` says.
    NotBuilt,
}

/// One stage of the loop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// The stage's name.
    pub name: &'static str,
    /// Whether it ran.
    pub status: StageStatus,
    /// What happened, in one or two sentences.
    pub detail: String,
}

/// The concrete values the loop produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoopValues {
    /// The chain's id.
    pub chain_id: u64,
    /// The protocol version (minor).
    pub protocol_version: u16,
    /// The deposit's amount in wei.
    pub deposit_amount_wei: U256,
    /// The deposit's canonical L2 transaction hash (the priority-tree leaf).
    pub deposit_canonical_tx_hash: B256,
    /// The priority tree's root after the deposit.
    pub priority_tree_root: B256,
    /// The batch committed, proved and executed.
    pub batch_number: u64,
    /// Bytes of rollup pubdata published in calldata.
    pub pubdata_bytes: usize,
    /// The batch's state-diff hash.
    pub state_diff_hash: B256,
    /// The batch commitment.
    pub commitment: B256,
    /// The proof's public input: `batch_proof_public_input(previous commitment, commitment)`.
    pub public_input: U256,
    /// What verified the "proof" on L1.
    pub verifier: &'static str,
    /// `storedBatchHashes[batch]` on L1.
    pub stored_batch_hash: B256,
    /// `l2LogsRootHashes[batch]` on L1, set on execute.
    pub l2_logs_root: B256,
    /// Batches committed, verified and executed on L1 after the loop.
    pub l1_totals: [u64; 3],
    /// The withdrawal's L2→L1 message.
    pub withdrawal_message: Bytes,
    /// The withdrawal's L1 receiver.
    pub withdrawal_receiver: Address,
    /// The withdrawal's amount in wei.
    pub withdrawal_amount_wei: U256,
    /// Index of the withdrawal's log in the batch's log tree.
    pub withdrawal_log_index: usize,
    /// The inclusion proof words (metadata word, then the path).
    pub withdrawal_proof: Vec<B256>,
    /// Whether the proof verified against `l2_logs_root`.
    pub withdrawal_proof_valid: bool,
}

/// The loop's stages and values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoopRun {
    /// The stages, in loop order.
    pub stages: Vec<Stage>,
    /// The values.
    pub values: LoopValues,
}

impl LoopRun {
    /// Whether every stage ran.
    pub fn whole_loop(&self) -> bool {
        self.stages.iter().all(|stage| stage.status == StageStatus::Ran)
    }
}

/// The demo's report (the JSON of `zkstack demo --json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Crate family version.
    pub version: &'static str,
    /// Whether every stage ran.
    pub whole_loop: bool,
    /// The stages, in loop order.
    pub stages: Vec<Stage>,
    /// The concrete values.
    pub values: LoopValues,
    /// The Boojum toolchain check.
    pub boojum_smoke: BoojumSmoke,
}

/// What L1 used as the batch verifier.
pub const VERIFIER: &str = "test verifier: accepts exactly when the public input equals \
batch_proof_public_input(previous commitment, new commitment); no SNARK is checked";

/// Runs the loop and the Boojum smoke test.
pub fn run() -> Result<Report, DemoError> {
    let run = run_loop()?;
    let boojum_smoke = boojum_smoke()?;
    Ok(Report {
        version: crate::VERSION,
        whole_loop: run.whole_loop(),
        stages: run.stages,
        values: run.values,
        boojum_smoke,
    })
}

fn ran(name: &'static str, detail: String) -> Stage {
    Stage { name, status: StageStatus::Ran, detail }
}

/// The withdrawal stage's values.
struct Withdrawal {
    message: Bytes,
    receiver: Address,
    amount: U256,
    index: usize,
    proof: Vec<B256>,
    valid: bool,
}

/// Runs the loop: deposit, supplied L2 outputs, batch, pubdata, commitment, L1 commit / prove /
/// execute with the test verifier, and the withdrawal's inclusion proof.
pub fn run_loop() -> Result<LoopRun, DemoError> {
    let config = chain::chain_config();
    let genesis = chain::genesis();
    let mut l1 = L1Executor::new(config.clone(), &genesis, RollupL1DaValidator::new())
        .map_err(DemoError::at("l1_deposit.genesis"))?;
    let mut stages = Vec::with_capacity(8);

    // 1. The deposit.
    let (request, request_ctx) = chain::deposit_request().map_err(DemoError::at("l1_deposit"))?;
    let deposit =
        l1.request_l2_transaction(&request, &request_ctx).map_err(DemoError::at("l1_deposit"))?;
    let priority_tree_root = l1.priority_tree().root();
    stages.push(ran(
        "l1_deposit",
        format!(
            "Mailbox accepted an ETH deposit of {} wei (mint {} wei): priority id {}, canonical tx {}, priority tree root {priority_tree_root}",
            request.l2_value, request.mint_value, deposit.transaction.nonce, deposit.canonical_tx_hash
        ),
    ));

    // 2. L2 execution: supplied.
    let outputs = chain::supplied_outputs(deposit.canonical_tx_hash);
    stages.push(Stage {
        name: "l2_transactions",
        status: StageStatus::Supplied,
        detail: "Not executed: the EraVM interpreter is in progress. The batch's outputs are supplied: \
the deposit's success log and L2BaseToken balance write (state diff), a withdrawal's L2→L1 message \
from L2BaseToken (0x800a) through the L1Messenger, the priority tx hash; the state root and circuit \
commitments are placeholders."
            .into(),
    });

    // 3–5. Batch, pubdata, commitment.
    let (data, pubdata_bytes) = seal(&outputs, &config, &mut stages)?;
    let commitment = data.commitment.commitment;

    // 6–7. Proof (not built) and L1 commit, prove, execute.
    let public_input = settle(&mut l1, &genesis, &data, &outputs, &mut stages)?;

    // 8. The withdrawal's inclusion proof, against what L1 stored.
    let withdrawal = prove_withdrawal(&l1, &outputs, &mut stages)?;

    Ok(LoopRun {
        stages,
        values: LoopValues {
            chain_id: chain::CHAIN_ID,
            protocol_version: config.protocol_version.minor(),
            deposit_amount_wei: request.l2_value,
            deposit_canonical_tx_hash: deposit.canonical_tx_hash,
            priority_tree_root,
            batch_number: outputs.number,
            pubdata_bytes,
            state_diff_hash: outputs.state_diff_hash(),
            commitment,
            public_input,
            verifier: VERIFIER,
            stored_batch_hash: l1.stored_batch_hash(outputs.number),
            l2_logs_root: l1.l2_logs_root_hash(outputs.number),
            l1_totals: [
                l1.total_batches_committed(),
                l1.total_batches_verified(),
                l1.total_batches_executed(),
            ],
            withdrawal_message: withdrawal.message,
            withdrawal_receiver: withdrawal.receiver,
            withdrawal_amount_wei: withdrawal.amount,
            withdrawal_log_index: withdrawal.index,
            withdrawal_proof: withdrawal.proof,
            withdrawal_proof_valid: withdrawal.valid,
        },
    })
}

/// Stages 3–5: the operator's commit data; returns it and the pubdata's length.
fn seal(
    outputs: &BatchOutputs,
    config: &ChainConfig,
    stages: &mut Vec<Stage>,
) -> Result<(CommitData, usize), DemoError> {
    let da = chain::da_mode();
    let data = outputs.commit_data(config, &da).map_err(DemoError::at("batch"))?;
    let pubdata = outputs.pubdata().map_err(DemoError::at("pubdata"))?;
    stages.push(ran(
        "batch",
        format!(
            "batch {} sealed by zkstack_l1::operator: {} system logs ({} layout), {} user logs, CommitBatchInfo",
            outputs.number,
            data.system_logs.len(),
            config.protocol_version,
            outputs.user_logs.len()
        ),
    ));
    let da_name = match da {
        DaMode::RollupCalldata { .. } => "rollup calldata",
        DaMode::Validium => "validium",
    };
    stages.push(ran(
        "pubdata",
        format!(
            "{} bytes of pubdata ({} state diff, {} message), {da_name} DA input of {} bytes, state-diff hash {}",
            pubdata.len(),
            outputs.state_diffs.len(),
            outputs.messages.len(),
            data.operator_da_input.len(),
            outputs.state_diff_hash()
        ),
    ));
    stages.push(ran(
        "commitment",
        format!(
            "commitment {} (the Executor's formula over the DA validator's output)",
            data.commitment.commitment
        ),
    ));
    Ok((data, pubdata.len()))
}

/// Stages 6–7: the proof stage (not built) and commit, prove (test verifier), execute on L1;
/// returns the public input.
fn settle(
    l1: &mut L1Executor<RollupL1DaValidator>,
    genesis: &StoredBatchInfo,
    data: &CommitData,
    outputs: &BatchOutputs,
    stages: &mut Vec<Stage>,
) -> Result<U256, DemoError> {
    let public_input = batch_proof_public_input(genesis.commitment, data.commitment.commitment);
    stages.push(Stage {
        name: "proof",
        status: StageStatus::NotBuilt,
        detail: format!(
            "No proof of EraVM execution (issue #10). L1 used a {VERIFIER}; public input {public_input:#x}."
        ),
    });
    let l1_ctx = L1Context::at(chain::L1_NOW);
    l1.commit(genesis, std::slice::from_ref(&data.commit_info), &l1_ctx)
        .map_err(DemoError::at("l1_execute.commit"))?;
    let stored = std::slice::from_ref(&data.stored_batch_info);
    let test_verifier =
        PredicateVerifier(move |inputs: &[U256], _proof: &[U256]| inputs == [public_input]);
    l1.prove(genesis, stored, &[], &test_verifier).map_err(DemoError::at("l1_execute.prove"))?;
    let leaves = PriorityLeaves::new(outputs.priority_tx_hashes.clone());
    let priority_ops = leaves
        .batch_info(0, outputs.priority_tx_hashes.len(), leaves.len())
        .map_err(DemoError::at("l1_execute.priority_proof"))?;
    l1.execute(stored, &[priority_ops], &[vec![]]).map_err(DemoError::at("l1_execute.execute"))?;
    stages.push(ran(
        "l1_execute",
        format!(
            "L1 committed, proved (test verifier) and executed batch {}: stored batch hash {}, priority range proof for {} op(s), L2 logs root {}",
            outputs.number,
            l1.stored_batch_hash(outputs.number),
            outputs.priority_tx_hashes.len(),
            l1.l2_logs_root_hash(outputs.number)
        ),
    ));
    Ok(public_input)
}

/// Stage 8: builds the withdrawal message's inclusion proof from the batch's logs and verifies it
/// against the L2 logs root L1 stored on execute.
fn prove_withdrawal(
    l1: &L1Executor<RollupL1DaValidator>,
    outputs: &BatchOutputs,
    stages: &mut Vec<Stage>,
) -> Result<Withdrawal, DemoError> {
    let version = l1.protocol_version();
    let message = chain::withdrawal_message();
    let log = message.to_log();
    let index = outputs
        .user_logs
        .iter()
        .position(|l| *l == log)
        .ok_or_else(|| DemoError { step: "withdrawal_proof", reason: "log not in batch".into() })?;
    let (proof, _) = LogProof::new(&outputs.user_logs, version, index)
        .and_then(|p| p.settled_on_l1(version, Some(outputs.aggregation_root)))
        .map_err(DemoError::at("withdrawal_proof.build"))?;
    let chain_id = l1.config().chain_id;
    let batch = U256::from(outputs.number);
    let roots = |c: U256, b: U256| {
        (c == chain_id && b == batch).then(|| l1.l2_logs_root_hash(outputs.number))
    };
    let outcome =
        verify_message_inclusion(chain_id, batch, U256::from(index), &message, &proof, &roots);
    let parsed =
        WithdrawalMessage::parse(&message.data).map_err(DemoError::at("withdrawal_proof.parse"))?;
    let WithdrawalMessage::BaseToken { receiver, amount, .. } = parsed else {
        return Err(DemoError {
            step: "withdrawal_proof.parse",
            reason: "not a base-token withdrawal".into(),
        });
    };
    stages.push(ran(
        "withdrawal_proof",
        match &outcome {
            Ok(_) => format!(
                "withdrawal of {amount} wei to {receiver}: log {index} of batch {} proved against L1's stored root with {} words",
                outputs.number,
                proof.len()
            ),
            Err(error) => format!("withdrawal proof did NOT verify: {error}"),
        },
    ));
    Ok(Withdrawal { message: message.data, receiver, amount, index, proof, valid: outcome.is_ok() })
}
