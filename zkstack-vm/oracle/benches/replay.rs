//! Both zksync_multivm 29.13.0 VM dumps (the real v26 bootloader, one transaction each) on
//! zkstack-vm and on zksync_vm2 0.5.0, in one run.
//!
//! - `execute/<dump>/{zkstack-vm,vm2}`: from the bootloader's first instruction, with the batch
//!   and the transaction already in its heap, to the end of the transaction (the hooks answered
//!   by the operator of `tests/bootloader/mod.rs` on both); set-up is not timed. Both decode
//!   each contract when it is first called in the run; `vm2-predecoded` hands vm2 the decoded
//!   programs of an earlier run (as `vm_fast`'s program cache does within a batch).
//! - `replay/<dump>/{zkstack-vm,vm2}`: the whole replay from the parsed dump: zkstack-vm is
//!   `zkstack_bootloader::executor::replay_dump` (what `zkstack replay` runs: executor set-up,
//!   memory writing, execution); vm2 gets the heap words ready-made (so it does less), builds its
//!   host and the bootloader `Program`, then executes.
//!
//! Before timing, both VMs must end each dump with the same outcome and ergs left
//! (`tests/bootloader_vm2.rs` checks every hook).
//!
//!     cargo bench --manifest-path zkstack-vm/oracle/Cargo.toml --bench replay

#[path = "../../../zkstack-l1/tests/support/mod.rs"]
mod support;

#[path = "../tests/bootloader/mod.rs"]
mod bootloader;

use std::hint::black_box;

use bootloader::{BootVm, FEE, MULTIVM, Prepared, VALIDATION, heap_words};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use zkstack_bootloader::executor::{ReplayOptions, replay_dump};

fn bench(c: &mut Criterion) {
    let Some(dir) = support::registry_crate(MULTIVM) else { return };
    for name in [FEE, VALIDATION] {
        let p = Prepared::load(&dir, name);
        let heap = heap_words(&p.ours());
        let warm = {
            let (mut ours, mut theirs) = (p.ours(), p.theirs_with_heap(&heap));
            let a = p.operator().run(&mut ours);
            let b = p.operator().run(&mut theirs);
            assert_eq!(a, b, "{name}: outcome");
            assert_eq!(ours.ergs(), theirs.ergs(), "{name}: ergs left");
            eprintln!("{name}: {} cycles", ours.vm().tracer.cycles);
            theirs.host.programs
        };
        let mut g = c.benchmark_group(format!("execute/{name}"));
        g.bench_function("zkstack-vm", |b| {
            b.iter_batched(
                || p.ours(),
                |mut ex| black_box(p.operator().run(&mut ex)),
                BatchSize::LargeInput,
            );
        });
        g.bench_function("vm2", |b| {
            b.iter_batched(
                || p.theirs_with_heap(&heap),
                |mut vm| black_box(p.operator().run(&mut vm)),
                BatchSize::LargeInput,
            );
        });
        g.bench_function("vm2-predecoded", |b| {
            b.iter_batched(
                || {
                    let mut vm = p.theirs_with_heap(&heap);
                    vm.host.programs.clone_from(&warm);
                    vm
                },
                |mut vm| black_box(p.operator().run(&mut vm)),
                BatchSize::LargeInput,
            );
        });
        g.finish();
        let options = ReplayOptions { stop_after_validation: p.stop_after_validation };
        let mut g = c.benchmark_group(format!("replay/{name}"));
        g.bench_function("zkstack-vm", |b| {
            b.iter(|| black_box(replay_dump(&p.dump, options).map(|r| r.txs.len())));
        });
        g.bench_function("vm2", |b| {
            b.iter(|| {
                let mut vm = p.theirs_with_heap(&heap);
                black_box(p.operator().run(&mut vm))
            });
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
