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
//! The commitment is the v29 formula; the prover's heap and events-queue commitments are zero.
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

use serde::Serialize;
use zkstack_bootloader::sealed::SealedBatch;
use zkstack_bootloader::system::BaseSystemContracts;
use zkstack_bridge::addresses::L2_BASE_TOKEN_ADDRESS;
use zkstack_bridge::message::L2Message;
use zkstack_bridge::proof::{LogProof, verify_message_inclusion};
use zkstack_bridge::withdrawal::WithdrawalMessage;
use zkstack_l1::executor_abi::StoredBatchInfo;
use zkstack_l1::executor_model::{
    ChainConfig, L1Context, L1Executor, L2TransactionRequest, PredicateVerifier,
    PriorityRequestOutcome, RollupL1DaValidator, genesis_stored_batch_info,
};
use zkstack_l1::operator::{BatchOutputs, CommitData, DaMode};
use zkstack_l1::priority::PriorityLeaves;
use zkstack_l1::public_input::batch_proof_public_input;
use zkstack_l1::system_logs::{ProcessLogsParams, SystemLogLayout, process_system_logs};
use zkstack_l1::{Address, B256, Bytes, L2ToL1Log, U256};

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
        Ok(dumps) => real_loop(&dumps),
        Err(error) => supplied_loop(&error.to_string()),
    }
}

/// The loop with the L2 batch run and sealed by the real bootloader.
#[allow(clippy::too_many_lines, reason = "the loop, stage by stage")]
fn real_loop(dumps: &artifacts::VmDumps) -> Result<LoopRun, DemoError> {
    let start = l2::chain_start(dumps)?;
    let contracts = BaseSystemContracts::from_dump(&dumps.main);
    let start_root = start.tree.root_hash().map_err(DemoError::at("l1_deposit.genesis"))?;
    // L1's batch 0 is the chain start: its state root and next enumeration index; the
    // commitment stays a placeholder (no genesis commitment is computed).
    let genesis = genesis_stored_batch_info(
        start_root,
        start.next_enumeration_index,
        B256::repeat_byte(0xc0),
    );
    let config = chain::real_chain_config(dumps.main.system_env.chain_id, &contracts);
    let mut l1 = L1Executor::new(config.clone(), &genesis, RollupL1DaValidator::new())
        .map_err(DemoError::at("l1_deposit.genesis"))?;
    let mut stages = Vec::with_capacity(8);

    // 1. The deposit.
    let (request, request_ctx) =
        chain::deposit_request_at(l2::L1_NOW).map_err(DemoError::at("l1_deposit"))?;
    let deposit =
        l1.request_l2_transaction(&request, &request_ctx).map_err(DemoError::at("l1_deposit"))?;
    let priority_tree_root = l1.priority_tree().root();
    stages.push(deposit_stage(&request, &deposit, priority_tree_root));

    // 2. The L2 transactions, through the real bootloader; the batch sealed.
    let batch = l2::run_batch(
        dumps,
        start,
        &contracts,
        &deposit.transaction,
        genesis.batchHash,
        chain::L2_DA_VALIDATOR,
    )?;
    let sealed = &batch.sealed;
    stages.push(ran(
        "l2_transactions",
        format!(
            "{} transactions over {} L2 blocks (the deposit as the L1 transaction, {} transfers, \
ACCOUNT's L2BaseToken withdrawal) ran through the real v26 bootloader {} (from {}, zksync_multivm's \
VM dumps) with native fill-ins for the kernel contracts the dumps lack: {} bootloader gas, {} EraVM \
cycles, L2 batch {}",
            batch.tx_count,
            batch.l2_blocks,
            batch.tx_count - 2,
            sealed.bootloader_code_hash,
            dumps.dir.display(),
            batch.gas_used,
            batch.cycles,
            batch.number
        ),
    ));

    // 3–5. Batch, pubdata, commitment: from the sealed batch; L1's commit data around them.
    let outputs = BatchOutputs {
        number: genesis.batchNumber + 1,
        timestamp: l2::BATCH_TIMESTAMP,
        last_l2_block_timestamp: batch.last_l2_block_timestamp,
        prev_batch_hash: genesis.batchHash,
        new_state_root: sealed.new_state_root,
        index_repeated_storage_changes: sealed.rollup_last_leaf_index,
        state_diffs: sealed.state_diffs.clone(),
        user_logs: sealed.user_logs.clone(),
        messages: sealed.messages.clone(),
        bytecodes: sealed.published_bytecodes.clone(),
        priority_tx_hashes: vec![deposit.canonical_tx_hash],
        aggregation_root: batch.aggregated_root,
        ..BatchOutputs::default()
    };
    let da = chain::da_mode();
    let data = outputs.commit_data(&config, &da).map_err(DemoError::at("batch"))?;
    // The operator model re-encodes the pubdata from the sealed parts; L1's DA check needs it
    // to be the bootloader's bytes.
    let pubdata = outputs.pubdata().map_err(DemoError::at("pubdata"))?;
    if pubdata != sealed.pubdata.as_ref() {
        return Err(DemoError {
            step: "pubdata",
            reason: "zkstack_l1::operator's pubdata differs from the bootloader's".into(),
        });
    }
    let matched = check_system_logs(sealed, &outputs, &config, &da)?;
    stages.push(ran(
        "batch",
        format!(
            "L2 batch sealed by the bootloader (fictive block, publishPubdataAndClearState): {} \
system logs, accepted by zkstack_l1's v26 `_processL2Logs`; L1 is the v29 model, so it commits \
the operator model's v29 logs, whose {matched} v26 keys equal the bootloader's values and whose \
2 v29-only keys (message-root and L2-tx-status rolling hashes) are zero; {} user logs, state \
root {} in the state tree, next enumeration index {}",
            sealed.system_logs.len(),
            sealed.user_logs.len(),
            sealed.new_state_root,
            sealed.rollup_last_leaf_index
        ),
    ));
    stages.push(ran(
        "pubdata",
        format!(
            "{} bytes of pubdata from the L1Messenger ({} state diffs, {} messages, {} bytecodes), \
equal to zkstack_l1::operator's encoding; rollup calldata DA input of {} bytes, state-diff hash {}",
            sealed.pubdata.len(),
            sealed.state_diffs.len(),
            sealed.messages.len(),
            sealed.published_bytecodes.len(),
            data.operator_da_input.len(),
            outputs.state_diff_hash()
        ),
    ));
    stages.push(ran(
        "commitment",
        format!(
            "commitment {} (the v29 Executor's formula over the system logs above and the DA \
validator's output; the prover's heap and events-queue commitments are zero: issue #10)",
            data.commitment.commitment
        ),
    ));

    // 6–8. Proof (not built), L1, withdrawal.
    let public_input = settle(&mut l1, &genesis, &data, &outputs, l2::L1_NOW, &mut stages)?;
    let message = L2Message {
        tx_number_in_batch: batch.withdrawal_tx_number,
        sender: L2_BASE_TOKEN_ADDRESS,
        data: chain::withdrawal_message().data,
    };
    let withdrawal = prove_withdrawal(&l1, &outputs, &message, &mut stages)?;
    let values = values(Values {
        l1: &l1,
        request: &request,
        deposit: &deposit,
        priority_tree_root,
        outputs: &outputs,
        pubdata_bytes: pubdata.len(),
        commitment: data.commitment.commitment,
        public_input,
        withdrawal,
    });
    Ok(LoopRun {
        stages,
        values: LoopValues {
            bootloader_hash: Some(sealed.bootloader_code_hash),
            l2_tx_count: batch.tx_count,
            l2_gas_used: Some(batch.gas_used),
            vm_dumps: Some(dumps.dir.display().to_string()),
            ..values
        },
    })
}

/// Checks the bootloader's system logs with zkstack_l1's model of the v26 Executor's
/// `_processL2Logs`, then that every one of them equals the operator model's log of the same
/// key for `config`'s version; returns how many matched.
fn check_system_logs(
    sealed: &SealedBatch,
    outputs: &BatchOutputs,
    config: &ChainConfig,
    da: &DaMode,
) -> Result<usize, DemoError> {
    let bytes: Vec<u8> = sealed.system_logs.iter().flat_map(L2ToL1Log::to_bytes).collect();
    let params = ProcessLogsParams {
        expected_upgrade_tx_hash: B256::ZERO,
        l2_da_validator: Some(config.l2_da_validator),
        total_pubdata_hash: None,
    };
    process_system_logs(sealed.protocol_version, &bytes, &params)
        .map_err(DemoError::at("batch.system_logs"))?;
    let layout = SystemLogLayout::for_version(sealed.protocol_version)
        .map_err(DemoError::at("batch.system_logs"))?;
    let modelled = outputs.keyed_system_logs(config, da).map_err(DemoError::at("batch"))?;
    for log in &sealed.system_logs {
        let key = layout.key(U256::from_be_bytes(log.key.0));
        let found = modelled.iter().find(|(k, _)| Some(*k) == key).map(|(_, l)| l);
        if found.is_none_or(|l| l.value != log.value || l.sender != log.sender) {
            return Err(DemoError {
                step: "batch.system_logs",
                reason: format!(
                    "the bootloader's system log {key:?} = {} differs from the operator model's {:?}",
                    log.value,
                    found.map(|l| l.value)
                ),
            });
        }
    }
    Ok(sealed.system_logs.len())
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
