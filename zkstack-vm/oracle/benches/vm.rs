//! zkstack-vm, zksync_vm2 0.5.0 and zk_evm 0.153.12 on the same programs, in one run:
//!
//! - `loop`: the 3N+2 add/sub/jump loop, N = 10,000,000;
//! - `near_calls`: nested `near_call`s passing all ergs until out of ergs (10,000,000 ergs:
//!   400,000 frames), then the unwinding panics;
//! - `storage_writes`: 50,000 `sstore`s to distinct slots in a loop;
//! - `far_calls`: 2,000 times a chain of 5 nested far calls of a contract to itself.
//!
//! Each program is assembled once with `zkstack_vm::asm` and started in the one-contract setup
//! of `zkstack run` (zk_evm: `tests/one_contract/mod.rs`; vm2: `VirtualMachine::new`, its own
//! equivalent). Before timing, zkstack-vm's outcome must equal zk_evm's (status, return data,
//! ergs used, pubdata, events, storage) and vm2 must end with the same status. Then each VM runs
//! each program several times; the median times and the ratios are printed, and criterion
//! measures zkstack-vm and vm2 as usual.
//!
//!     cargo bench --manifest-path zkstack-vm/oracle/Cargo.toml --bench vm
//!
//! `ZKSTACK_BENCH_ONLY=loop` (or another name) runs one program.

#[path = "../tests/one_contract/mod.rs"]
#[allow(unused_imports)]
mod one_contract;

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use one_contract::{Setup, compare, run_reference};
use zkevm_opcode_defs::ethereum_types::Address as Vm2Address;
use zkstack_vm::run::{DEFAULT_ADDRESS, RunStatus};
use zksync_vm2::testonly::{TestWorld, initial_decommit};
use zksync_vm2::{ExecutionEnd as Vm2End, Program as Vm2Program, Settings, VirtualMachine};

const HEADER: &str = "\t.text\n\t.file\t\"bench\"\n\t.rodata.cst32\n\t.p2align\t5
ABIMAX:\n\t.cell 26959946660873538059280334323183841252964779206894675839632982147072
N_LOOP:\n\t.cell 10000000
N_WRITES:\n\t.cell 50000
N_CHAINS:\n\t.cell 2000
\t.text\n\t.globl\t__entry\n__entry:\n.main:\n";

struct Bench {
    name: &'static str,
    body: &'static str,
    ergs: u32,
    calldata: Vec<u8>,
    /// How many times each VM runs it for the printed medians.
    runs: usize,
}

fn programs() -> Vec<Bench> {
    vec![
        Bench {
            name: "loop",
            body: "\tadd @N_LOOP[0], r0, r1\nloop:\n\tadd 1, r2, r2\n\tsub.s! 1, r1, r1\n\tjump.ne @loop\n\tret.ok r0\n",
            ergs: 1_000_000_000,
            calldata: Vec::new(),
            runs: 3,
        },
        Bench {
            name: "near_calls",
            body: "\tnear_call r0, @.main, @handler\nhandler:\n\tret.panic r0\n",
            ergs: 10_000_000,
            calldata: Vec::new(),
            runs: 5,
        },
        Bench {
            name: "storage_writes",
            body: "\tadd @N_WRITES[0], r0, r1\nloop:\n\tsstore r1, r1\n\tsub.s! 1, r1, r1\n\tjump.ne @loop\n\tret.ok r0\n",
            ergs: 1_000_000_000,
            calldata: Vec::new(),
            runs: 5,
        },
        Bench {
            name: "far_calls",
            body: "\tld r1, r2\n\tsub! r2, r0, r0\n\tjump.eq @top\n\tsub.s! 1, r2, r2\n\tjump.eq @leaf
\tst.1 r0, r2\n\tadd @ABIMAX[0], r0, r1\n\tcontext.this r3\n\tfar_call r1, r3, @fail
leaf:\n\tret.ok r0
top:\n\tadd @N_CHAINS[0], r0, r4\n\tadd r4, r0, stack[0]
next:\n\tadd 5, r0, r2\n\tst.1 r0, r2\n\tadd @ABIMAX[0], r0, r1\n\tcontext.this r3\n\tfar_call r1, r3, @fail
\tadd stack[0], r0, r4\n\tsub.s! 1, r4, r4\n\tadd r4, r0, stack[0]\n\tjump.ne @next\n\tret.ok r0
fail:\n\tret.revert r0\n",
            ergs: 1_000_000_000,
            calldata: vec![0; 32],
            runs: 5,
        },
    ]
}

fn setup(b: &Bench) -> Setup {
    let src = format!("{HEADER}{}", b.body);
    let code = zkstack_vm::asm::assemble(&src).unwrap_or_else(|e| panic!("{}: {e}", b.name));
    let mut s = Setup::new(code, DEFAULT_ADDRESS, b.ergs);
    s.calldata.clone_from(&b.calldata);
    s
}

type Vm2World = TestWorld<()>;

fn vm2_address() -> Vm2Address {
    Vm2Address::from_slice(DEFAULT_ADDRESS.as_slice())
}

fn vm2_run(program: &Vm2Program<(), Vm2World>, s: &Setup) -> Vm2End {
    let mut world = TestWorld::new(&[(vm2_address(), program.clone())]);
    let program = initial_decommit(&mut world, vm2_address());
    let settings = Settings {
        default_aa_code_hash: [0; 32],
        evm_interpreter_code_hash: [0; 32],
        hook_address: 0,
    };
    let mut vm = VirtualMachine::new(
        vm2_address(),
        program,
        Vm2Address::zero(),
        &s.calldata,
        s.ergs,
        settings,
    );
    vm.run(&mut world, &mut ())
}

fn ours(s: &Setup) -> zkstack_vm::RunOutcome {
    s.ours().run().unwrap_or_else(|e| panic!("zkstack-vm runs: {e}"))
}

fn theirs(s: &Setup) -> one_contract::RefOutcome {
    let mut vm = s.reference();
    run_reference(s, &mut vm, u64::MAX).unwrap_or_else(|e| panic!("zk_evm runs: {e}"))
}

fn median(runs: usize, f: &mut dyn FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn bench(c: &mut Criterion) {
    let mut table = Vec::new();
    let only = std::env::var("ZKSTACK_BENCH_ONLY").ok();
    for b in programs() {
        if only.as_deref().is_some_and(|o| o != b.name) {
            continue;
        }
        let s = setup(&b);
        let program = Vm2Program::<(), Vm2World>::new(&s.bytecode, false);

        // Same outcome before any timing.
        let (mine, reference) = (ours(&s), theirs(&s));
        if let Err(e) = compare(&mine, &reference) {
            panic!("{}: zkstack-vm and zk_evm differ: {e}", b.name);
        }
        let vm2_status = match vm2_run(&program, &s) {
            Vm2End::ProgramFinished(_) => RunStatus::Ok,
            Vm2End::Reverted(_) => RunStatus::Revert,
            _ => RunStatus::Panic,
        };
        assert_eq!(vm2_status, mine.status, "{}: vm2's status", b.name);

        let t_ours = median(b.runs, &mut || {
            black_box(ours(&s));
        });
        let t_vm2 = median(b.runs, &mut || {
            black_box(vm2_run(&program, &s));
        });
        let t_zk_evm = median(1, &mut || {
            black_box(theirs(&s));
        });
        println!(
            "{:<15} {:>10} cycles  zkstack-vm {:>9.2} ms  vm2 {:>9.2} ms  zk_evm {:>9.1} ms  \
             vm2/zkstack-vm {:>5.2}  zk_evm/zkstack-vm {:>6.1}",
            b.name,
            reference.cycles,
            t_ours * 1e3,
            t_vm2 * 1e3,
            t_zk_evm * 1e3,
            t_vm2 / t_ours,
            t_zk_evm / t_ours
        );
        table.push((b.name, s, program));
    }
    for (name, s, program) in &table {
        let mut g = c.benchmark_group(*name);
        g.sample_size(10);
        g.bench_function("zkstack-vm", |bencher| bencher.iter(|| black_box(ours(s))));
        g.bench_function("zksync_vm2", |bencher| bencher.iter(|| black_box(vm2_run(program, s))));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
