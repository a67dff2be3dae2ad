//! The L1 hot paths: decoding a large commit (calldata → batches → pubdata) and computing a batch
//! commitment. Run with `cargo bench -p zkstack-l1 --bench commit`; results go to BENCHMARKS.md.
//!
//! The commit is synthetic but shaped like a busy v27 batch: 4,000 state diffs (half initial),
//! 100 user logs, 10 messages, published through calldata rollup DA.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zkstack_l1::commitment::{
    AuxCommitments, BlobHash, CommitmentCommonInput, CommitmentInput, batch_commitment,
};
use zkstack_l1::executor_abi::{
    CommitBatchInfo, ExecutorCall, GatewayData, LegacyStoredBatchInfo, RangeCall,
    decode_executor_call,
};
use zkstack_l1::pubdata::{
    Pubdata, StateDiffRecord, commit::encode_rollup_calldata_da_input, decode_commit_da_input,
    state_diffs_hash,
};
use zkstack_l1::{Address, B256, Bytes, L2ToL1Log, ProtocolVersionId, U256};

const DIFFS: u64 = 4_000;

fn records() -> Vec<StateDiffRecord> {
    (0..DIFFS)
        .map(|i| StateDiffRecord {
            address: Address::with_last_byte((i % 251) as u8),
            key: U256::from(i * 7919),
            derived_key: B256::from(U256::from(i.wrapping_mul(0x9e37_79b9_7f4a_7c15))),
            enumeration_index: if i % 2 == 0 { 0 } else { i + 1 },
            initial_value: if i % 2 == 0 { U256::ZERO } else { U256::from(i * 1000) },
            final_value: U256::from(i * 1000 + (i % 13)),
        })
        .collect()
}

fn logs() -> Vec<L2ToL1Log> {
    (0..100u16)
        .map(|i| L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: i,
            sender: Address::with_last_byte(8),
            key: B256::with_last_byte(i as u8),
            value: B256::repeat_byte(i as u8),
        })
        .collect()
}

fn large_commit() -> Vec<u8> {
    let records = records();
    let messages = (0..10u8).map(|i| Bytes::from(vec![i; 200])).collect();
    let pubdata = Pubdata::new(logs(), messages, vec![], &records)
        .and_then(|p| p.encode())
        .expect("pubdata encodes");
    let da =
        encode_rollup_calldata_da_input(state_diffs_hash(&records), &pubdata, B256::repeat_byte(1))
            .expect("DA input encodes");
    let batch = CommitBatchInfo {
        batchNumber: 2,
        timestamp: 1_700_000_000,
        indexRepeatedStorageChanges: DIFFS,
        newStateRoot: B256::repeat_byte(2),
        numberOfLayer1Txs: U256::ZERO,
        priorityOperationsHash: B256::repeat_byte(3),
        bootloaderHeapInitialContentsHash: B256::repeat_byte(4),
        eventsQueueStateHash: B256::repeat_byte(5),
        systemLogs: Bytes::from(vec![0u8; 88 * 10]),
        operatorDAInput: Bytes::from(da),
    };
    ExecutorCall::Gateway(RangeCall {
        chain: U256::from(270),
        process_from: U256::from(2),
        process_to: U256::from(2),
        data: GatewayData::Commit {
            last_committed: LegacyStoredBatchInfo::default(),
            batches: vec![batch],
        },
    })
    .encode()
}

fn commitment_input() -> CommitmentInput {
    let version = ProtocolVersionId::new(27).expect("v27");
    let mut blob_hashes = vec![BlobHash::default(); 16];
    blob_hashes[0] =
        BlobHash { commitment: B256::repeat_byte(6), linear_hash: B256::repeat_byte(7) };
    CommitmentInput::PostBoojum {
        common: CommitmentCommonInput {
            l2_to_l1_logs: logs(),
            rollup_last_leaf_index: DIFFS,
            rollup_root_hash: B256::repeat_byte(2),
            bootloader_code_hash: B256::repeat_byte(8),
            default_aa_code_hash: B256::repeat_byte(9),
            evm_emulator_code_hash: None,
            protocol_version: version,
        },
        system_logs: vec![L2ToL1Log::default(); 10],
        state_diffs: records(),
        aux_commitments: AuxCommitments::default(),
        blob_hashes,
        aggregation_root: B256::ZERO,
    }
}

fn bench(c: &mut Criterion) {
    let calldata = large_commit();
    let version = ProtocolVersionId::new(27).expect("v27");
    let mut group = c.benchmark_group("l1_commit");
    group.throughput(Throughput::Bytes(calldata.len() as u64));
    group.bench_function("decode_calldata_and_pubdata", |b| {
        b.iter(|| {
            let call = decode_executor_call(&calldata).expect("decodes");
            let ExecutorCall::Gateway(range) = call else { panic!("gateway commit") };
            let GatewayData::Commit { batches, .. } = range.data else { panic!("commit") };
            decode_commit_da_input(&batches[0].operatorDAInput, version)
                .and_then(|da| da.pubdata())
                .expect("pubdata decodes")
        });
    });
    group.finish();
    let input = commitment_input();
    c.bench_function("l1_batch_commitment_4000_diffs_16_blobs", |b| {
        b.iter(|| batch_commitment(&input).expect("commitment"));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
