//! `zkstack l1 decode-commit`: a commit transaction's calldata → every batch, its system logs and
//! its decoded pubdata, as one JSON document (or a summary).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};
use zkstack::l1::commitment::{
    BatchCommitment, CommittedBatch, FromCommitError, InitialStorageWrite, MetaParameters,
    RepeatedStorageWrite, ZKPORTER_IS_AVAILABLE, commitment_from_commit, decode_counted_bytes,
    pre_boojum_commitment,
};
use zkstack::l1::executor_abi::{
    CommitBlockInfo, ExecutorCall, ExecutorGeneration, GatewayData, InteropData, LegacyBatchesCall,
    LegacyStoredBatchInfo, PreBoojumCall, StoredBatchInfo, decode_executor_call,
};
use zkstack::l1::pubdata::{CompressedValue, DaPayload, Pubdata, decode_commit_da_input};
use zkstack::l1::system_logs::L1_MESSENGER_ADDRESS;
use zkstack::l1::{B256, L2ToL1Log, LogTree, ProtocolVersionId, U256};

use super::CliError;
use super::output::{print_json, read_hex_or_raw};

macro_rules! batch_fields {
    ($batch:expr) => {
        json!({
            "batch_number": $batch.batch_number(),
            "timestamp": $batch.timestamp(),
            "new_state_root": $batch.new_state_root(),
            "index_repeated_storage_changes": $batch.index_repeated_storage_changes(),
            "number_of_l1_txs": $batch.number_of_l1_txs().to_string(),
            "priority_operations_hash": $batch.priority_operations_hash(),
            "bootloader_heap_initial_contents_hash": $batch.bootloader_heap_initial_contents_hash(),
            "events_queue_state_hash": $batch.events_queue_state_hash(),
        })
    };
}

/// A Boojum-or-later batch (either `CommitBatchInfo` generation: both have the same accessors).
macro_rules! batch_json {
    ($batch:expr, $version:expr, $meta:expr, $full:expr) => {{
        let batch = $batch;
        let mut value = batch_fields!(batch);
        value["commitment"] =
            commitment_json(commitment_from_commit(CommittedBatch::from(batch), $meta), $full);
        value["system_logs"] = system_logs(batch.decode_system_logs().map_err(|e| e.to_string()));
        add_da(&mut value, batch.da_input(), $version);
        value
    }};
}

/// The chain's bytecode hashes: the meta parameters of the batch commitment, not in calldata.
#[derive(Clone, Copy, Debug)]
pub struct ChainHashes {
    /// Bootloader bytecode hash.
    pub bootloader: B256,
    /// Default account bytecode hash.
    pub default_aa: B256,
    /// EVM emulator bytecode hash, if any.
    pub evm_emulator: Option<B256>,
}

/// Reads FILE (hex with or without 0x, whitespace allowed, or raw bytes) and decodes it.
pub fn run(
    path: &Path,
    version: Option<u16>,
    hashes: Option<ChainHashes>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let calldata = read_hex_or_raw(path)?;
    let call = decode_executor_call(&calldata).map_err(|e| CliError::input(path, e.to_string()))?;
    let report = match version {
        Some(minor) => {
            let version =
                ProtocolVersionId::new(minor).map_err(|e| CliError::input(path, e.to_string()))?;
            report(&call, version, hashes)
        }
        None => guessed_report(&call, hashes),
    }
    .map_err(|reason| CliError::input(path, reason))?;
    if json_out {
        print_json(&report)?;
    } else {
        print_summary(&report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Decodes with the newest protocol version of the call's generation. The Boojum generation
/// (versions 18–22) changed its pubdata layout at 21 (a source byte and blob commitments were
/// added), so when the newest layout does not decode, the 18–20 layout is tried too.
fn guessed_report(call: &ExecutorCall, hashes: Option<ChainHashes>) -> Result<Value, String> {
    let newest = report(call, default_version(call.generation()), hashes)?;
    if call.generation() != ExecutorGeneration::Boojum || all_decoded(&newest) {
        return Ok(newest);
    }
    let older = report(call, ProtocolVersionId::V1_4_1, hashes)?;
    Ok(if all_decoded(&older) { older } else { newest })
}

fn all_decoded(report: &Value) -> bool {
    report["batches"]
        .as_array()
        .is_some_and(|batches| batches.iter().all(|b| b["pubdata_status"] == "decoded"))
}

/// The newest protocol version that sends commits of `generation`.
fn default_version(generation: ExecutorGeneration) -> ProtocolVersionId {
    let minor = match generation {
        ExecutorGeneration::PreBoojum => 17,
        ExecutorGeneration::Boojum => 22,
        ExecutorGeneration::SharedBridge => 25,
        ExecutorGeneration::Gateway => 28,
        ExecutorGeneration::Interop => ProtocolVersionId::LATEST.minor(),
    };
    ProtocolVersionId::new(minor).unwrap_or(ProtocolVersionId::LATEST)
}

fn report(
    call: &ExecutorCall,
    version: ProtocolVersionId,
    hashes: Option<ChainHashes>,
) -> Result<Value, String> {
    let meta = meta_parameters(version, hashes);
    let (last_committed, batches): (Value, Vec<Value>) = match call {
        ExecutorCall::Boojum(LegacyBatchesCall::Commit { last_committed, batches })
        | ExecutorCall::SharedBridge {
            call: LegacyBatchesCall::Commit { last_committed, batches },
            ..
        } => (
            legacy_stored(last_committed),
            batches.iter().map(|b| batch_json!(b, version, &meta, hashes.is_some())).collect(),
        ),
        ExecutorCall::Gateway(range) => match &range.data {
            GatewayData::Commit { last_committed, batches } => (
                legacy_stored(last_committed),
                batches.iter().map(|b| batch_json!(b, version, &meta, hashes.is_some())).collect(),
            ),
            _ => return Err(not_a_commit(call)),
        },
        ExecutorCall::Interop(range) => match &range.data {
            InteropData::Commit { last_committed, batches } => (
                stored(last_committed),
                batches.iter().map(|b| batch_json!(b, version, &meta, hashes.is_some())).collect(),
            ),
            _ => return Err(not_a_commit(call)),
        },
        ExecutorCall::PreBoojum(PreBoojumCall::Commit { last_committed, blocks }) => {
            let meta = meta_parameters(pre_boojum_version(), hashes);
            let blocks = blocks
                .iter()
                .map(|b| pre_boojum_block(b, pre_boojum_version(), &meta, hashes.is_some()))
                .collect();
            (legacy_stored(last_committed), blocks)
        }
        _ => return Err(not_a_commit(call)),
    };
    Ok(json!({
        "function": call.signature(),
        "selector": format!("{:#x}", call.selector()),
        "generation": call.generation().to_string(),
        "protocol_version": version.minor(),
        "last_committed": last_committed,
        "batches": batches,
    }))
}

fn not_a_commit(call: &ExecutorCall) -> String {
    format!("`{}` is not a commit call", call.signature())
}

fn legacy_stored(info: &LegacyStoredBatchInfo) -> Value {
    json!({
        "batch_number": info.batchNumber,
        "batch_hash": info.batchHash,
        "index_repeated_storage_changes": info.indexRepeatedStorageChanges,
        "number_of_l1_txs": info.numberOfLayer1Txs.to_string(),
        "priority_operations_hash": info.priorityOperationsHash,
        "l2_logs_tree_root": info.l2LogsTreeRoot,
        "timestamp": info.timestamp.to_string(),
        "commitment": info.commitment,
        "hash": info.hash(),
    })
}

fn stored(info: &StoredBatchInfo) -> Value {
    let mut value = legacy_stored(&info.to_legacy());
    value["dependency_roots_rolling_hash"] = json!(info.dependencyRootsRollingHash);
    value["hash"] = json!(info.hash());
    value
}

/// The version pre-Boojum blocks are read as (their layouts did not change before Boojum).
fn pre_boojum_version() -> ProtocolVersionId {
    ProtocolVersionId::new(17).unwrap_or(ProtocolVersionId::BOOJUM)
}

/// The meta parameters; with no chain hashes given, zeros stand in and only the
/// meta-independent hashes are reported.
fn meta_parameters(version: ProtocolVersionId, hashes: Option<ChainHashes>) -> MetaParameters {
    let hashes = hashes.unwrap_or(ChainHashes {
        bootloader: B256::ZERO,
        default_aa: B256::ZERO,
        evm_emulator: None,
    });
    MetaParameters {
        zkporter_is_available: ZKPORTER_IS_AVAILABLE,
        bootloader_code_hash: hashes.bootloader,
        default_aa_code_hash: hashes.default_aa,
        evm_emulator_code_hash: hashes.evm_emulator,
        protocol_version: version,
    }
}

/// The recomputed commitment's hashes; the meta hash and the commitment only when the chain's
/// bytecode hashes were given.
fn commitment_json(commitment: Result<BatchCommitment, FromCommitError>, full: bool) -> Value {
    match commitment {
        Ok(commitment) => {
            let hashes = commitment.hashes();
            json!({
                "pass_through_data": hashes.pass_through_data,
                "aux_output": hashes.aux_output,
                "meta_parameters": full.then_some(hashes.meta_parameters),
                "commitment": full.then_some(hashes.commitment),
            })
        }
        Err(error) => json!({ "error": error.to_string() }),
    }
}

/// A pre-Boojum block: no system logs and no pubdata blob; its writes, logs, messages and
/// bytecodes are separate fields (counted encodings as the pre-Boojum commitment hashes them).
fn pre_boojum_block(
    block: &CommitBlockInfo,
    version: ProtocolVersionId,
    meta: &MetaParameters,
    full: bool,
) -> Value {
    let decoded_logs = decode_counted_bytes::<{ L2ToL1Log::SERIALIZED_SIZE }>(&block.l2Logs)
        .map(|items| items.iter().map(L2ToL1Log::from_bytes).collect::<Vec<_>>());
    let logs = decoded_logs.as_ref().map(|logs| logs.iter().map(log).collect::<Vec<_>>());
    let initial = decode_counted_bytes::<{ InitialStorageWrite::SERIALIZED_SIZE }>(
        &block.initialStorageChanges,
    )
    .map(|items| {
        items
            .iter()
            .map(|b| {
                let write = InitialStorageWrite::from_commitment_bytes(b);
                json!({ "derived_key": B256::from(write.key.to_be_bytes::<32>()), "value": write.value })
            })
            .collect::<Vec<_>>()
    });
    let repeated = decode_counted_bytes::<{ RepeatedStorageWrite::SERIALIZED_SIZE }>(
        &block.repeatedStorageChanges,
    )
    .map(|items| {
        items
            .iter()
            .map(|b| {
                let write = RepeatedStorageWrite::from_commitment_bytes(b);
                json!({ "index": write.index, "value": write.value })
            })
            .collect::<Vec<_>>()
    });
    let status = match (&decoded_logs, &initial, &repeated) {
        (Ok(_), Ok(_), Ok(_)) => "decoded".to_owned(),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => format!("undecodable: {e}"),
    };
    let logs_root_check = decoded_logs
        .as_ref()
        .ok()
        .map(|logs| logs_root_check(logs, version, Some(block.l2LogsTreeRoot)));
    json!({
        "commitment": commitment_json(pre_boojum_commitment(block, meta), full),
        "checks": { "l2_logs_root": logs_root_check },
        "batch_number": block.blockNumber,
        "timestamp": block.timestamp,
        "new_state_root": block.newStateRoot,
        "index_repeated_storage_changes": block.indexRepeatedStorageChanges,
        "number_of_l1_txs": block.numberOfLayer1Txs.to_string(),
        "priority_operations_hash": block.priorityOperationsHash,
        "l2_logs_tree_root": block.l2LogsTreeRoot,
        "system_logs": [],
        "pubdata_status": status,
        "pubdata": if status == "decoded" { json!({
            "l2_to_l1_logs": logs.clone().unwrap_or_default(),
            "messages": block.l2ArbitraryLengthMessages,
            "bytecodes": block.factoryDeps,
            "state_diffs": {
                "initial": initial.unwrap_or_default(),
                "repeated": repeated.unwrap_or_default(),
            },
        }) } else { Value::Null },
    })
}

fn system_logs(logs: Result<Vec<L2ToL1Log>, String>) -> Value {
    match logs {
        Ok(logs) => logs.iter().map(log).collect(),
        Err(error) => json!({ "error": error }),
    }
}

fn log(log: &L2ToL1Log) -> Value {
    json!({
        "shard_id": log.shard_id,
        "is_service": log.is_service,
        "tx_number_in_block": log.tx_number_in_block,
        "sender": log.sender,
        "key": log.key,
        "value": log.value,
    })
}

/// Adds `da` (where the pubdata is, the rollup header) and `pubdata` (decoded, or null with
/// `pubdata_status` saying why) to a batch's report.
fn add_da(value: &mut Value, da_bytes: &[u8], version: ProtocolVersionId) {
    let da = match decode_commit_da_input(da_bytes, version) {
        Ok(da) => da,
        Err(error) => {
            value["pubdata"] = Value::Null;
            value["pubdata_status"] = json!(format!("undecodable: {error}"));
            return;
        }
    };
    value["da"] = json!({
        "header": da.header.as_ref().map(|h| json!({
            "state_diff_hash": h.state_diff_hash,
            "full_pubdata_hash": h.full_pubdata_hash,
            "blob_linear_hashes": h.blob_linear_hashes,
            "output_hash": h.output_hash().ok(),
        })),
        "source": match &da.payload {
            DaPayload::NotPublished => "not_published",
            DaPayload::Calldata { .. } => "calldata",
            DaPayload::Blobs(_) => "blobs",
        },
        "blob_commitments": match &da.payload {
            DaPayload::Calldata { blob_commitments, .. } => json!(blob_commitments),
            DaPayload::Blobs(entries) => json!(entries.len()),
            DaPayload::NotPublished => Value::Null,
        },
    });
    match da.pubdata() {
        Ok(pubdata) => {
            value["checks"] = json!({ "l2_logs_root": logs_root_check(
                &pubdata.l2_to_l1_logs,
                version,
                committed_logs_root(&value["system_logs"]),
            ) });
            value["pubdata"] = pubdata_json(&pubdata);
            value["pubdata_status"] = json!("decoded");
        }
        Err(error) => {
            value["pubdata"] = Value::Null;
            value["pubdata_status"] = json!(error.to_string());
        }
    }
}

/// The root of the L2→L1 log tree over the decoded user logs, against the root the batch
/// committed to (pre-Boojum: the block's `l2LogsTreeRoot`; Boojum: the L1Messenger system log).
/// Before the Gateway upgrade the committed root is the local root itself, which makes this an
/// end-to-end check of the decoded logs.
fn logs_root_check(
    logs: &[L2ToL1Log],
    version: ProtocolVersionId,
    committed: Option<B256>,
) -> Value {
    let computed = LogTree::from_logs(logs, version).map(|tree| tree.root()).ok();
    let comparable = version.is_pre_gateway();
    json!({
        "computed_local_root": computed,
        "committed": committed,
        "matches": if comparable { json!(computed.is_some() && computed == committed) } else { Value::Null },
    })
}

/// The value of the L1Messenger's log-tree-root system log (key 0 in every layout).
fn committed_logs_root(system_logs: &Value) -> Option<B256> {
    system_logs.as_array()?.iter().find_map(|log| {
        let from_messenger = log["sender"].as_str()? == format!("{L1_MESSENGER_ADDRESS:#x}");
        let key_zero = log["key"].as_str()?.parse::<B256>().ok()? == B256::ZERO;
        (from_messenger && key_zero).then(|| log["value"].as_str()?.parse().ok())?
    })
}

fn pubdata_json(pubdata: &Pubdata) -> Value {
    let diffs = &pubdata.state_diffs;
    json!({
        "l2_to_l1_logs": pubdata.l2_to_l1_logs.iter().map(log).collect::<Vec<_>>(),
        "messages": pubdata.messages,
        "bytecodes": pubdata.bytecodes,
        "state_diffs": {
            "enumeration_index_size": diffs.enumeration_index_size,
            // An initial write's previous value is 0, so every compression resolves.
            "initial": diffs.initial.iter().map(|w| {
                let mut entry = compressed(&w.value, Some(B256::from(w.value.apply(U256::ZERO).to_be_bytes::<32>())));
                entry["derived_key"] = json!(w.derived_key);
                entry
            }).collect::<Vec<_>>(),
            // add/sub of a repeated write depend on the slot's previous value, which is not in calldata.
            "repeated": diffs.repeated.iter().map(|w| {
                let mut entry = compressed(&w.value, w.value.absolute().map(|v| B256::from(v.to_be_bytes::<32>())));
                entry["index"] = json!(w.index);
                entry
            }).collect::<Vec<_>>(),
        },
    })
}

fn compressed(value: &CompressedValue, resolved: Option<B256>) -> Value {
    let (operation, operand) = match value {
        CompressedValue::Full(word) => ("full", *word),
        CompressedValue::Add { delta, .. } => ("add", B256::from(delta.to_be_bytes::<32>())),
        CompressedValue::Sub { delta, .. } => ("sub", B256::from(delta.to_be_bytes::<32>())),
        CompressedValue::Transform { value, .. } => {
            ("transform", B256::from(value.to_be_bytes::<32>()))
        }
    };
    json!({ "value": resolved, "operation": operation, "operand": operand })
}

fn print_summary(report: &Value) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} (protocol v{})",
        report["function"].as_str().unwrap_or("?"),
        report["protocol_version"]
    )?;
    writeln!(out, "last committed batch {}", report["last_committed"]["batch_number"])?;
    for batch in report["batches"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let pubdata = &batch["pubdata"];
        writeln!(
            out,
            "batch {}: root {} · {} system logs · pubdata {}: {} logs, {} messages, {} bytecodes, {} initial + {} repeated writes",
            batch["batch_number"],
            batch["new_state_root"].as_str().unwrap_or("?"),
            batch["system_logs"].as_array().map_or(0, Vec::len),
            batch["pubdata_status"].as_str().unwrap_or("?"),
            pubdata["l2_to_l1_logs"].as_array().map_or(0, Vec::len),
            pubdata["messages"].as_array().map_or(0, Vec::len),
            pubdata["bytecodes"].as_array().map_or(0, Vec::len),
            pubdata["state_diffs"]["initial"].as_array().map_or(0, Vec::len),
            pubdata["state_diffs"]["repeated"].as_array().map_or(0, Vec::len),
        )?;
    }
    Ok(())
}
