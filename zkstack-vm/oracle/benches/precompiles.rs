//! Each precompile on zkstack-vm and on zk_evm 0.153.12 (its own functions, without witness),
//! over the same memory, for one typical valid call each: keccak256 of 1 KiB (8 rounds),
//! sha256 of 8 blocks, ecrecover and P256 verify of a valid signature, a full-width modexp,
//! ecAdd and ecMul of valid points, ecPairing of two pairs whose product is 1.
//!
//!     cargo bench --manifest-path zkstack-vm/oracle/Cargo.toml --bench precompiles

#[path = "../tests/precompile_support.rs"]
mod precompile_support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use zkstack_vm::U256;
use zkstack_vm::precompiles::{Precompile, PrecompileAbi};

use precompile_support::{Call, Gen, run_reference, run_reference_plain};

/// A valid call of `precompile`: generated calls until one of the wanted kind (with the output
/// on a page of its own, so that repeated runs read the same input).
fn typical(precompile: Precompile) -> Call {
    let wanted = match precompile {
        Precompile::Keccak256 | Precompile::Sha256 | Precompile::Modexp => None,
        Precompile::EcPairing => Some("balanced"),
        _ => Some("valid"),
    };
    for seed in 0.. {
        let mut call = Gen(seed).call(precompile);
        if wanted.is_some_and(|kind| call.kind != kind) {
            continue;
        }
        let inputs: Vec<_> =
            call.cells.iter().filter(|c| c.0 == call.abi.read_page).copied().collect();
        call.abi.write_page = 9;
        call.cells = inputs;
        match precompile {
            Precompile::Keccak256 => {
                call = Gen(seed).call(precompile);
                call.abi = PrecompileAbi {
                    input_offset: 0,
                    input_length: 1024,
                    read_page: 1,
                    write_page: 9,
                    ..PrecompileAbi::default()
                };
                call.cells = (0..32).map(|i| (1, i, U256::from(i * 0x0101_0101))).collect();
            }
            Precompile::Sha256 => {
                call.abi.interpreted_data = 8;
                call.cells = (0..16)
                    .map(|i| (call.abi.read_page, call.abi.input_offset + i, U256::from(i)))
                    .collect();
            }
            Precompile::Modexp => {
                let mut g = Gen(seed);
                let values = [g.word(), g.word(), g.word() | (U256::from(1u8) << 255)];
                call.cells = (0..3)
                    .map(|i| (call.abi.read_page, call.abi.input_offset + i, values[i as usize]))
                    .collect();
            }
            Precompile::EcMul => {
                // a full-width scalar
                let scalar = Gen(seed).word();
                call.cells.retain(|c| c.1 != call.abi.input_offset + 2);
                call.cells.push((call.abi.read_page, call.abi.input_offset + 2, scalar));
            }
            _ => {}
        }
        // Both sides agree on it.
        let mut ours = call.our_memory();
        call.precompile.run(&call.abi, &mut ours);
        let (_, writes) = run_reference(&call, &mut call.reference_memory());
        assert!(writes.iter().all(|w| {
            ours.read_cell(w.location.page.0, w.location.index.0)
                == precompile_support::from_ref(&w.value)
        }));
        return call;
    }
    unreachable!("some seed gives a valid call")
}

fn bench(c: &mut Criterion) {
    for precompile in Precompile::ALL {
        let call = typical(precompile);
        let mut g = c.benchmark_group(format!("{precompile:?}"));
        let mut ours = call.our_memory();
        g.bench_function("zkstack-vm", |b| {
            b.iter(|| black_box(call.precompile.run(black_box(&call.abi), &mut ours)));
        });
        let mut theirs = call.reference_memory();
        g.bench_function("zk_evm", |b| {
            b.iter(|| black_box(run_reference_plain(black_box(&call), &mut theirs)));
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
