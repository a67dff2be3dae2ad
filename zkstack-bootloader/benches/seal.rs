//! Sealing hot paths for a batch that writes 10,000 slots: building its pubdata (records from
//! storage changes, compression, operator input) and updating the state tree.
//! Run with `cargo bench -p zkstack-bootloader --bench seal`; results go to BENCHMARKS.md.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use zkstack_bootloader::l1::pubdata::PubdataInput;
use zkstack_bootloader::l1::{Address, B256, ProtocolVersionId, U256};
use zkstack_bootloader::pubdata_builder::{
    PubdataBuilder, StorageChange, state_diff_records_from_tree, tree_writes,
};
use zkstack_bootloader::state_tree::{StateTree, TreeKey};

const SLOTS: u64 = 10_000;

/// Slot `i` of one of 100 contracts, with a value change that compresses in varying ways.
fn change(i: u64) -> StorageChange {
    StorageChange {
        address: Address::left_padding_from(&(0x1_0000 + i % 100).to_be_bytes()),
        key: U256::from(i),
        initial_value: U256::from(i * 1_000),
        final_value: if i.is_multiple_of(3) {
            U256::from(i * 1_000 + 7)
        } else {
            U256::from(i).pow(U256::from(5u8))
        },
    }
}

/// A tree holding the first half of the slots (so half the batch are repeated writes).
fn half_populated_tree(changes: &[StorageChange]) -> StateTree {
    let mut tree = StateTree::in_memory();
    let writes: Vec<(TreeKey, B256)> = changes[..changes.len() / 2]
        .iter()
        .map(|c| (TreeKey::from_derived_key(c.derived_key()), B256::from(c.initial_value)))
        .collect();
    tree.apply_batch(&writes).expect("tree");
    tree
}

fn pubdata(c: &mut Criterion) {
    let changes: Vec<StorageChange> = (0..SLOTS).map(change).collect();
    let tree = half_populated_tree(&changes);
    let builder = PubdataBuilder::rollup(Address::repeat_byte(0xda));
    let mut group = c.benchmark_group("pubdata_10k_slots");
    group.sample_size(20);
    group.bench_function("records_compress_operator_input", |b| {
        b.iter(|| {
            let records =
                state_diff_records_from_tree(changes.iter().copied(), &tree).expect("records");
            let input = PubdataInput { state_diffs: records, ..PubdataInput::default() };
            builder.l1_messenger_operator_input(&input, ProtocolVersionId::GATEWAY).expect("input")
        });
    });
    let records = state_diff_records_from_tree(changes.iter().copied(), &tree).expect("records");
    let input = PubdataInput { state_diffs: records, ..PubdataInput::default() };
    group.bench_function("compress_only", |b| {
        b.iter(|| {
            builder.settlement_layer_pubdata(&input, ProtocolVersionId::GATEWAY).expect("pubdata")
        });
    });
    group.finish();
}

fn state_tree(c: &mut Criterion) {
    let changes: Vec<StorageChange> = (0..SLOTS).map(change).collect();
    let tree = half_populated_tree(&changes);
    let records = state_diff_records_from_tree(changes.iter().copied(), &tree).expect("records");
    let writes = tree_writes(&records);
    let mut group = c.benchmark_group("state_tree_10k_slots");
    group.sample_size(10);
    group.bench_function("empty_tree_10k_inserts", |b| {
        b.iter_batched(
            StateTree::in_memory,
            |mut t| t.apply_batch(&writes).expect("apply"),
            BatchSize::LargeInput,
        );
    });
    group.bench_function("5k_updates_5k_inserts", |b| {
        b.iter_batched(
            || tree.clone(),
            |mut t| t.apply_batch(&writes).expect("apply"),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, pubdata, state_tree);
criterion_main!(benches);
