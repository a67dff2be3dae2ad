//! Raw Boojum prover and verifier speed on this machine, on the smoke-test circuit.
//! Run with `cargo bench --bench boojum_smoke`; results go to BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use zkstack::prover::{FmaChain, ProofParams};

fn prove_and_verify(c: &mut Criterion) {
    let params = ProofParams::default();
    let statement = FmaChain { x0: 1, x1: 2, steps: 1 << 12 };
    let mut group = c.benchmark_group("boojum_fma_chain_4096");
    group.sample_size(10);
    group.bench_function("prove", |b| b.iter(|| statement.prove(&params).expect("prove")));
    let proof = statement.prove(&params).expect("prove");
    group.bench_function("verify", |b| b.iter(|| proof.verify(&params).expect("verify")));
    group.finish();
}

criterion_group!(benches, prove_and_verify);
criterion_main!(benches);
