//! The whole loop in one process, on in-memory state: what `zkstack demo` runs.
//!
//! | stage | status | what runs |
//! |---|---|---|
//! | `l1_deposit` | ran | an ETH deposit through the modelled Mailbox ([`L1Executor::request_l2_transaction`]): canonical transaction, hash, priority tree |
//! | `l2_transactions` | ran | the real v26 bootloader ([`l2`]): the deposit's canonical transaction as the batch's L1 transaction, transfers, an L2BaseToken withdrawal, over 2 L2 blocks, from a chain start of zksync-era's VM dumps ([`artifacts`]) plus natives |
//! | `batch`, `pubdata`, `commitment` | ran | the bootloader's sealed batch (state diffs into the state tree, user and system logs, pubdata from the L1Messenger); the system logs pass zkstack-l1's v26 `_processL2Logs`; `CommitBatchInfo` and commitment from [`zkstack_l1::operator`] (v29, see below) |
//! | `proof` | **not built** | no proof of EraVM execution (issue #10); L1 checks the public input with a test verifier |
//! | `l1_execute` | ran | commit → prove → execute on the [`L1Executor`], with the priority range proof |
//! | `withdrawal_proof` | ran | the withdrawal message's inclusion proof ([`zkstack_bridge::proof`]) against the root L1 stored |
//!
//! When the dumps cannot be had (no `--vm-dumps`/[`artifacts::DUMPS_DIR_ENV`] and crates.io
//! unreachable), `l2_transactions` is **supplied** ([`chain::supplied_outputs`]), its detail says
//! why, and batch, pubdata and commitment come from [`zkstack_l1::operator`] over those outputs.
//!
//! Version seam: the bootloader is v26, the L1 model is era-contracts' v29 Executor (the only one
//! modelled). L1 therefore commits the operator model's v29 system logs for the sealed batch;
//! the demo checks that each of the bootloader's seven v26 logs equals the operator's log of the
//! same key, and the two v29-only logs (message-root and L2-tx-status rolling hashes) are zero.
//! The commitment is the v29 formula; the bootloader-heap and events-queue commitments are
//! computed from the executed batch ([`zkstack_prover::aux_commitments`]).
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

pub mod artifacts;
pub mod boojum;
pub mod chain;
pub mod l2;
mod real;

use serde::Serialize;
use zkstack_bridge::message::L2Message;
use zkstack_bridge::proof::{LogProof, verify_message_inclusion};
use zkstack_bridge::withdrawal::WithdrawalMessage;
use zkstack_l1::executor_abi::StoredBatchInfo;
use zkstack_l1::executor_model::{
    ChainConfig, L1Context, L1Executor, L2TransactionRequest, PredicateVerifier,
    PriorityRequestOutcome, RollupL1DaValidator,
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
    /// The state root after the batch (from the state tree when the bootloader ran; a
    /// placeholder when the L2 stage was supplied).
    pub state_root: B256,
    /// The bootloader's bytecode hash when it ran the batch; `null` when supplied.
    pub bootloader_hash: Option<B256>,
    /// Transactions the bootloader executed (0 when supplied).
    pub l2_tx_count: usize,
    /// Bootloader gas the transactions spent; `null` when supplied.
    pub l2_gas_used: Option<u64>,
    /// The directory the VM dumps were read from; `null` when supplied.
    pub vm_dumps: Option<String>,
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
///
/// # Errors
/// [`DemoError`] when a stage fails.
pub fn run() -> Result<Report, DemoError> {
    run_with(&DemoOptions::default())
}

/// [`run`] with `options`.
///
/// # Errors
/// [`DemoError`] when a stage fails.
pub fn run_with(options: &DemoOptions) -> Result<Report, DemoError> {
    let run = run_loop_with(options)?;
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

/// Where the demo's L2 batch came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoOptions {
    /// A directory holding zksync-era's VM dumps ([`artifacts::MAIN_DUMP`],
    /// [`artifacts::EXTRA_DUMP`]); `None`: [`artifacts::DUMPS_DIR_ENV`], else crates.io.
    pub vm_dumps: Option<std::path::PathBuf>,
}

/// Runs the loop with the default options ([`run_loop_with`]).
///
/// # Errors
/// [`DemoError`] when a stage fails.
pub fn run_loop() -> Result<LoopRun, DemoError> {
    run_loop_with(&DemoOptions::default())
}

/// Runs the loop: deposit, the L2 batch through the real v26 bootloader when its bytecode can be
/// had ([`artifacts::load`]) — else supplied outputs, said so in the stage — batch, pubdata,
/// commitment, L1 commit / prove / execute with the test verifier, and the withdrawal's
/// inclusion proof.
///
/// # Errors
/// [`DemoError`] when a stage fails.
pub fn run_loop_with(options: &DemoOptions) -> Result<LoopRun, DemoError> {
    match artifacts::load(options.vm_dumps.as_deref()) {
        Ok(dumps) => real::real_loop(&dumps),
        Err(error) => supplied_loop(&error.to_string()),
    }
}

/// The loop with supplied L2 outputs (the bootloader's bytecode could not be had: `why`).
fn supplied_loop(why: &str) -> Result<LoopRun, DemoError> {
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
    stages.push(deposit_stage(&request, &deposit, priority_tree_root));

    // 2. L2 execution: supplied.
    let outputs = chain::supplied_outputs(deposit.canonical_tx_hash);
    stages.push(Stage {
        name: "l2_transactions",
        status: StageStatus::Supplied,
        detail: format!(
            "Not executed: the real bootloader's bytecode could not be had ({why}). The batch's \
outputs are supplied: the deposit's success log and L2BaseToken balance write (state diff), a \
withdrawal's L2→L1 message from L2BaseToken (0x800a) through the L1Messenger, the priority tx hash; \
the state root and circuit commitments are placeholders."
        ),
    });

    // 3–5. Batch, pubdata, commitment.
    let (data, pubdata_bytes) = seal(&outputs, &config, &mut stages)?;

    // 6–7. Proof (not built) and L1 commit, prove, execute.
    let public_input = settle(&mut l1, &genesis, &data, &outputs, chain::L1_NOW, &mut stages)?;

    // 8. The withdrawal's inclusion proof, against what L1 stored.
    let withdrawal = prove_withdrawal(&l1, &outputs, &chain::withdrawal_message(), &mut stages)?;
    let values = values(Values {
        l1: &l1,
        request: &request,
        deposit: &deposit,
        priority_tree_root,
        outputs: &outputs,
        pubdata_bytes,
        commitment: data.commitment.commitment,
        public_input,
        withdrawal,
    });
    Ok(LoopRun { stages, values })
}

fn deposit_stage(
    request: &L2TransactionRequest,
    deposit: &PriorityRequestOutcome,
    priority_tree_root: B256,
) -> Stage {
    ran(
        "l1_deposit",
        format!(
            "Mailbox accepted an ETH deposit of {} wei (mint {} wei): priority id {}, canonical tx {}, priority tree root {priority_tree_root}",
            request.l2_value,
            request.mint_value,
            deposit.transaction.nonce,
            deposit.canonical_tx_hash
        ),
    )
}

/// What [`values`] reads.
struct Values<'a> {
    l1: &'a L1Executor<RollupL1DaValidator>,
    request: &'a L2TransactionRequest,
    deposit: &'a PriorityRequestOutcome,
    priority_tree_root: B256,
    outputs: &'a BatchOutputs,
    pubdata_bytes: usize,
    commitment: B256,
    public_input: U256,
    withdrawal: Withdrawal,
}

fn values(v: Values<'_>) -> LoopValues {
    let (l1, number) = (v.l1, v.outputs.number);
    LoopValues {
        chain_id: l1.config().chain_id.saturating_to(),
        protocol_version: l1.protocol_version().minor(),
        deposit_amount_wei: v.request.l2_value,
        deposit_canonical_tx_hash: v.deposit.canonical_tx_hash,
        priority_tree_root: v.priority_tree_root,
        batch_number: number,
        pubdata_bytes: v.pubdata_bytes,
        state_diff_hash: v.outputs.state_diff_hash(),
        commitment: v.commitment,
        public_input: v.public_input,
        verifier: VERIFIER,
        stored_batch_hash: l1.stored_batch_hash(number),
        l2_logs_root: l1.l2_logs_root_hash(number),
        l1_totals: [
            l1.total_batches_committed(),
            l1.total_batches_verified(),
            l1.total_batches_executed(),
        ],
        withdrawal_message: v.withdrawal.message,
        withdrawal_receiver: v.withdrawal.receiver,
        withdrawal_amount_wei: v.withdrawal.amount,
        withdrawal_log_index: v.withdrawal.index,
        withdrawal_proof: v.withdrawal.proof,
        withdrawal_proof_valid: v.withdrawal.valid,
        state_root: v.outputs.new_state_root,
        bootloader_hash: None,
        l2_tx_count: 0,
        l2_gas_used: None,
        vm_dumps: None,
    }
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
    l1_now: u64,
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
    let l1_ctx = L1Context::at(l1_now);
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
    message: &L2Message,
    stages: &mut Vec<Stage>,
) -> Result<Withdrawal, DemoError> {
    let version = l1.protocol_version();
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
        verify_message_inclusion(chain_id, batch, U256::from(index), message, &proof, &roots);
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
    Ok(Withdrawal {
        message: message.data.clone(),
        receiver,
        amount,
        index,
        proof,
        valid: outcome.is_ok(),
    })
}
