//! The demo's real batch (the v26 bootloader running a deposit, transfers and a withdrawal over
//! zksync_multivm's VM dumps): its events-queue and bootloader-heap commitments from
//! `zkstack_prover::aux_commitments` against zkSync's circuit_encodings 0.153.12 on the same
//! inputs (the executor's surviving `log.event` entries as the events sorter outputs them, and the
//! operator's heap writes in the 63,800,000-byte bootloader memory), run by the circuit helper's
//! `aux-commitments` command. Expected values: the helper's output.
//!
//! Also checked: zksync-era's commitment generator, which rebuilds the events queue from the
//! merged events instead (`convert_vm_events_to_log_queries`: every word from the EventWriter,
//! `is_service` only on an event's first word, transaction numbers counted per run of events),
//! gets the same events commitment for this batch.
//!
//! Opt-in with `ZKSTACK_ERA_CIRCUITS=1` (the helper is built from the circuit workspace unless
//! `ZKSTACK_ERA_CIRCUITS_BIN` names one).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed unwrap is a failed test

use std::io::Write as _;
use std::path::Path;

use zkstack::bootloader::executor::Event;
use zkstack::bootloader::memory::layout::MAX_MEM_SIZE_BYTES;
use zkstack::bootloader::system::BaseSystemContracts;
use zkstack::demo::{artifacts, chain, l2};
use zkstack::l1::executor_model::{L1Executor, RollupL1DaValidator, genesis_stored_batch_info};
use zkstack::l1::{Address, B256, U256};
use zkstack::prover::aux_commitments::{LogQuery, events_from_log, events_queue_commitment};
use zkstack::prover::era_circuits::{self, EraCircuits, EraCircuitsError, PrepareError};

/// system-contracts `EventWriter` (0x800d): the emitter of every `log.event` word.
const EVENT_WRITER: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x0d]);

fn skip(why: &dyn std::fmt::Display) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIP: aux commitments of a real batch: the registry is unreachable ({why}); NOT checked.\n"
    );
}

/// zksync-era `commitment_generator/src/utils.rs` `convert_vm_events_to_log_queries`, with the
/// transaction index its DAL assigns (`get_vm_events_for_l1_batch`: +1 at each event that is
/// the first of its transaction).
fn era_log_queries(events: &[Event]) -> Vec<LogQuery> {
    let mut out = Vec::new();
    let mut index: i64 = -1;
    let mut previous_tx = None;
    for event in events {
        if previous_tx != Some(event.tx_number_in_block) {
            index += 1;
            previous_tx = Some(event.tx_number_in_block);
        }
        let tx_number_in_block = u16::try_from(index).unwrap();
        let first_key = (event.topics.len() as u64 + 1) + ((event.data.len() as u64) << 32);
        out.push(LogQuery {
            tx_number: tx_number_in_block,
            address: EVENT_WRITER,
            key: U256::from(first_key),
            written_value: U256::from_be_slice(event.address.as_slice()),
            is_service: true,
            ..LogQuery::default()
        });
        let words: Vec<U256> = event
            .topics
            .iter()
            .map(|t| U256::from_be_bytes(t.0))
            .chain(event.data.chunks(32).map(|chunk| {
                let mut padded = [0u8; 32];
                padded[..chunk.len()].copy_from_slice(chunk);
                U256::from_be_bytes(padded)
            }))
            .collect();
        for pair in words.chunks(2) {
            out.push(LogQuery {
                tx_number: tx_number_in_block,
                address: EVENT_WRITER,
                key: pair[0],
                written_value: pair.get(1).copied().unwrap_or_default(),
                ..LogQuery::default()
            });
        }
    }
    out
}

#[test]
fn real_batch_aux_commitments_match_circuit_encodings() {
    if std::env::var_os("ZKSTACK_ERA_CIRCUITS").is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "aux commitments: set ZKSTACK_ERA_CIRCUITS=1 to compare with circuit_encodings"
        );
        return;
    }
    let dumps = match artifacts::load(None) {
        Ok(dumps) => dumps,
        Err(why @ artifacts::ArtifactsError::Fetch { .. }) => return skip(&why),
        Err(other) => panic!("{other}"),
    };
    let helper = match EraCircuits::from_env_or_build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &era_circuits::default_cargo_home(),
    ) {
        Ok(circuits) => circuits.binary().to_owned(),
        Err(EraCircuitsError::Prepare(PrepareError::Fetch(why))) => return skip(&why),
        Err(other) => panic!("{other}"),
    };

    // The demo's batch, set up as `demo::run_loop` does.
    let start = l2::chain_start(&dumps).unwrap();
    let contracts = BaseSystemContracts::from_dump(&dumps.main);
    let root = start.tree.root_hash().unwrap();
    let genesis = genesis_stored_batch_info(root, start.next_enumeration_index, B256::ZERO);
    let config = chain::real_chain_config(dumps.main.system_env.chain_id, &contracts);
    let mut l1 = L1Executor::new(config, &genesis, RollupL1DaValidator::new()).unwrap();
    let (request, ctx) = chain::deposit_request_at(l2::L1_NOW).unwrap();
    let deposit = l1.request_l2_transaction(&request, &ctx).unwrap();
    let batch = l2::run_batch(
        &dumps,
        start,
        &contracts,
        &deposit.transaction,
        genesis.batchHash,
        chain::L2_DA_VALIDATOR,
    )
    .unwrap();
    let finished = &batch.finished;
    assert!(!finished.event_log.is_empty() && !finished.bootloader_heap.is_empty());

    let events = events_from_log(&finished.event_log);
    let word = |w: U256| B256::from(w).to_string();
    let input = serde_json::json!({
        "events": events.iter().map(|e| serde_json::json!({
            "timestamp": e.timestamp, "tx_number_in_block": e.tx_number,
            "aux_byte": e.aux_byte, "shard_id": e.shard_id, "address": e.address.to_string(),
            "key": word(e.key), "read_value": word(e.read_value),
            "written_value": word(e.written_value), "rw_flag": e.rw_flag,
            "rollback": e.rollback, "is_service": e.is_service,
        })).collect::<Vec<_>>(),
        "heap_words": finished.bootloader_heap.iter()
            .map(|(slot, w)| serde_json::json!([slot, word(*w)])).collect::<Vec<_>>(),
        "heap_len": MAX_MEM_SIZE_BYTES,
    });
    let dir = std::env::temp_dir().join(format!("zkstack-aux-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("aux.json");
    std::fs::write(&path, input.to_string()).unwrap();
    let out =
        std::process::Command::new(&helper).arg("aux-commitments").arg(&path).output().unwrap();
    assert!(out.status.success(), "aux-commitments: {}", String::from_utf8_lossy(&out.stderr));
    let reference: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = writeln!(
        std::io::stderr(),
        "{} event words, {} heap words: {reference}",
        events.len(),
        finished.bootloader_heap.len()
    );
    assert_eq!(
        batch.aux.events_queue_commitment.to_string(),
        reference["events_queue_commitment"].as_str().unwrap()
    );
    assert_eq!(
        batch.aux.bootloader_initial_content_commitment.to_string(),
        reference["bootloader_initial_content_commitment"].as_str().unwrap()
    );
    assert_eq!(
        events_queue_commitment(&era_log_queries(&finished.outputs.events)),
        batch.aux.events_queue_commitment,
        "zksync-era's rebuilt events queue differs from the executed one"
    );
}
