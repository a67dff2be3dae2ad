//! Decoding a 64 KiB code page (8192 instructions) with our decoder.
//!
//! The same page decoded by the reference, `zkevm_opcode_defs` 0.153.13, in the same run, is
//! `oracle/benches/decode.rs` (the reference cannot be linked into this workspace).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zkstack_vm::{NUM_VALID_ENTRIES, Program, decode};

/// 64 KiB of instructions: random fields over every valid opcode-table index (SplitMix64, fixed
/// seed), so the page looks like real code rather than mostly invalid words.
fn code_page() -> Vec<u8> {
    let mut state = 0x5eed_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    (0..64 * 1024 / 8)
        .flat_map(|_| {
            let r = next();
            let word = (r & !0x1fff) | (1 + r % NUM_VALID_ENTRIES as u64);
            word.to_be_bytes()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let bytes = code_page();
    let words: Vec<u64> =
        bytes.chunks_exact(8).map(|c| u64::from_be_bytes(c.try_into().expect("8 bytes"))).collect();
    let mut group = c.benchmark_group("decode_64k_code_page");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("zkstack_vm/decode_words", |b| {
        b.iter(|| black_box(&words).iter().map(|w| decode(*w)).collect::<Vec<_>>());
    });
    group.bench_function("zkstack_vm/program_from_bytecode", |b| {
        b.iter(|| Program::from_bytecode(black_box(&bytes)).expect("valid page"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
