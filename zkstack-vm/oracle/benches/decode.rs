//! Decoding a 64 KiB code page (8192 instructions): zkstack-vm against the reference,
//! `zkevm_opcode_defs` 0.153.13, in the same run.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zkevm_opcode_defs::decoding::{EncodingModeProduction, VmEncodingMode};
use zkstack_vm::{NUM_VALID_ENTRIES, Program, decode};

/// The same page as `zkstack-vm/benches/decode.rs`: random fields over every valid table index.
fn code_page() -> Vec<u8> {
    let mut state = 0x5eed_u64;
    (0..64 * 1024 / 8)
        .flat_map(|_| {
            let r = zkstack_vm_oracle::splitmix64(&mut state);
            let word = (r & !0x1fff) | (1 + r % NUM_VALID_ENTRIES as u64);
            word.to_be_bytes()
        })
        .collect()
}

fn reference_decode(word: u64) -> zkstack_vm_oracle::RefDecoded {
    EncodingModeProduction::parse_preliminary_variant_and_absolute_number(word).0
}

fn be_words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    bytes.chunks_exact(8).map(|c| u64::from_be_bytes(c.try_into().expect("8 bytes")))
}

fn bench(c: &mut Criterion) {
    let bytes = code_page();
    let words: Vec<u64> = be_words(&bytes).collect();
    // Warm the reference's lazily built table outside the measurement.
    black_box(reference_decode(0));

    let mut group = c.benchmark_group("decode_64k_code_page");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("zkstack_vm/decode_words", |b| {
        b.iter(|| black_box(&words).iter().map(|w| decode(*w)).collect::<Vec<_>>());
    });
    group.bench_function("zkevm_opcode_defs/decode_words", |b| {
        b.iter(|| black_box(&words).iter().map(|w| reference_decode(*w)).collect::<Vec<_>>());
    });
    group.bench_function("zkstack_vm/program_from_bytecode", |b| {
        b.iter(|| Program::from_bytecode(black_box(&bytes)).expect("valid page"));
    });
    group.bench_function("zkevm_opcode_defs/decode_bytecode", |b| {
        b.iter(|| be_words(black_box(&bytes)).map(reference_decode).collect::<Vec<_>>());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
