//! The loop with the L2 batch run and sealed by the real v26 bootloader ([`super::l2`]), its
//! commit data from the sealed batch, and the v26/v29 seam checked (see the module docs of
//! [`super`]).

use zkstack_bootloader::sealed::SealedBatch;
use zkstack_bootloader::system::BaseSystemContracts;
use zkstack_bridge::addresses::L2_BASE_TOKEN_ADDRESS;
use zkstack_bridge::message::L2Message;
use zkstack_l1::executor_model::{
    ChainConfig, L1Executor, RollupL1DaValidator, genesis_stored_batch_info,
};
use zkstack_l1::operator::{BatchOutputs, DaMode};
use zkstack_l1::system_logs::{ProcessLogsParams, SystemLogLayout, process_system_logs};
use zkstack_l1::{B256, L2ToL1Log, U256};

use super::{
    DemoError, LoopRun, LoopValues, Values, artifacts, chain, deposit_stage, l2, prove_withdrawal,
    ran, settle, values,
};

/// The loop with the L2 batch run and sealed by the real bootloader.
#[allow(clippy::too_many_lines, reason = "the loop, stage by stage")]
pub(super) fn real_loop(dumps: &artifacts::VmDumps) -> Result<LoopRun, DemoError> {
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
        bootloader_heap_hash: batch.aux.bootloader_initial_content_commitment,
        events_queue_hash: batch.aux.events_queue_commitment,
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
