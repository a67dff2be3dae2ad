//! Building and verifying L2→L1 log proofs over a full 16,384-log batch.

#![allow(missing_docs)]

use std::hint::black_box;

use alloy_primitives::{Address, B256, U256};
use criterion::{Criterion, criterion_group, criterion_main};
use zkstack_bridge::l1::log_tree::LogTree;
use zkstack_bridge::l1::{L2ToL1Log, ProtocolVersionId};
use zkstack_bridge::proof::{LogProof, SettlementRoot, verify_log_inclusion};

fn logs(n: usize) -> Vec<L2ToL1Log> {
    (0..n)
        .map(|i| L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: i as u16,
            sender: Address::with_last_byte(8),
            key: B256::from(U256::from(i)),
            value: B256::repeat_byte(i as u8),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let version = ProtocolVersionId::LATEST;
    let logs = logs(16_384);
    let tree = LogTree::from_logs(&logs, version).expect("fits");
    c.bench_function("log tree of 16384 logs", |b| {
        b.iter(|| LogTree::from_logs(black_box(&logs), version));
    });
    c.bench_function("one proof in a 16384-log tree", |b| {
        b.iter(|| LogProof::from_tree(black_box(&tree), 9_999));
    });
    let proof = LogProof::from_tree(&tree, 9_999).expect("in range");
    let (words, root) = proof.settled_on_l1(version, Some(B256::repeat_byte(1))).expect("built");
    let expected =
        SettlementRoot { chain_id: U256::from(270u32), batch_number: U256::from(1u8), root };
    c.bench_function("verify a v26+ proof", |b| {
        b.iter(|| {
            verify_log_inclusion(
                expected.chain_id,
                expected.batch_number,
                U256::from(9_999u32),
                &logs[9_999],
                black_box(&words),
                &expected,
            )
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
