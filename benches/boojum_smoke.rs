//! Raw Boojum setup, prover and verifier speed on this machine, on the smoke-test circuit.
//! Run with `cargo bench --bench boojum_smoke`; results go to BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use zkstack::prover::{FmaChain, FmaWitness, ProofParams, prove, setup, verify};

fn prove_and_verify(c: &mut Criterion) {
    let params = ProofParams::default();
    let circuit = FmaChain { steps: 1 << 12 };
    let witness = FmaWitness { x0: 1, x1: 2 };
    let mut group = c.benchmark_group("boojum_fma_chain_4096");
    group.sample_size(10);
    group.bench_function("setup", |b| b.iter(|| setup(&circuit, &params).expect("setup")));
    let (pk, vk) = setup(&circuit, &params).expect("setup");
    group.bench_function("prove", |b| b.iter(|| prove(&pk, &witness).expect("prove")));
    let proof = prove(&pk, &witness).expect("prove");
    group.bench_function("verify", |b| b.iter(|| verify(&vk, &proof).expect("verify")));
    group.finish();
}

criterion_group!(benches, prove_and_verify);
criterion_main!(benches);
