//! The 3N+2 loop (`add` N from the code page, then N times `add`/`sub.s!`/`jump.ne`, then
//! `ret.ok`) on zkstack-vm and on zk_evm 0.153.12, N = 1,000,000.
//!
//!     cargo bench --manifest-path zkstack-vm/oracle/Cargo.toml --bench interp

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use zk_evm::GenericNoopTracer;
use zk_evm::abstractions::{EventSink, Memory as RefMemory, Storage};
use zk_evm::aux_structures::{MemoryPage, MemoryQuery, Timestamp};
use zk_evm::block_properties::BlockProperties;
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::reference_impls::decommitter::SimpleDecommitter;
use zk_evm::reference_impls::event_sink::InMemoryEventSink;
use zk_evm::testing::storage::InMemoryStorage;
use zk_evm::vm_state::{CallStackEntry, Callstack, Version, VmLocalState, VmState};
use zk_evm::witness_trace::DummyTracer;
use zkevm_opcode_defs::decoding::EncodingModeProduction;
use zkstack_vm::exec::{Code, ExecutionEnd, Vm};
use zkstack_vm::frame::Frame;
use zkstack_vm::memory::{Memory, Stack};
use zkstack_vm::state::{Registers, State};
use zkstack_vm::{
    Condition, DecodedInstruction, DstMode, Opcode, OpcodeVariant, Register, RetKind, SrcMode,
    U256, encode,
};

const N: u64 = 1_000_000;
const BASE: u32 = 3008;

fn word(
    opcode: Opcode,
    src0: SrcMode,
    flags: u8,
    cond: Condition,
    regs: [u8; 4],
    imm0: u16,
) -> u64 {
    let mut variant = OpcodeVariant::new(opcode);
    variant.src0 = src0;
    variant.dst0 = DstMode::Reg;
    variant.flags = zkstack_vm::Flags::from_bits(flags);
    let mut i = DecodedInstruction::new(variant);
    i.condition = cond;
    i.src0 = Register::from_nibble(regs[0]);
    i.src1 = Register::from_nibble(regs[1]);
    i.dst0 = Register::from_nibble(regs[2]);
    i.dst1 = Register::from_nibble(regs[3]);
    i.imm0 = imm0;
    match encode(&i) {
        Ok(w) => w,
        Err(e) => panic!("bench program encodes: {e}"),
    }
}

/// Three code words: the loop, `ret.ok`, and the constant N.
fn program() -> Vec<U256> {
    let a = Condition::Always;
    let ins = [
        word(Opcode::Add, SrcMode::CodePage, 0, a, [0, 0, 1, 0], 2), // r1 = N
        word(Opcode::Add, SrcMode::Imm, 0, a, [0, 2, 2, 0], 1),      // r2 += 1
        word(Opcode::Sub, SrcMode::Imm, 0b11, a, [0, 1, 1, 0], 1),   // r1 -= 1, flags
        word(Opcode::Jump, SrcMode::Imm, 0, Condition::Ne, [0, 0, 0, 0], 1),
        word(Opcode::Ret(RetKind::Ok), SrcMode::Reg, 0, a, [0, 0, 0, 0], 0),
    ];
    let limbs = |q: [u64; 4]| U256::from_limbs([q[3], q[2], q[1], q[0]]);
    vec![limbs([ins[0], ins[1], ins[2], ins[3]]), limbs([ins[4], 0, 0, 0]), U256::from(N)]
}

fn run_ours(code: &Code) -> ExecutionEnd {
    let frame = Frame {
        this_address: zkstack_vm::Address::repeat_byte(0x11),
        caller: zkstack_vm::Address::ZERO,
        code_address: zkstack_vm::Address::repeat_byte(0x11),
        is_kernel: false,
        is_static: false,
        code: code.clone(),
        code_page: BASE,
        base_page: BASE,
        pc: 0,
        sp: 0,
        ergs: u32::MAX,
        exception_handler: 0,
        this_shard_id: 0,
        caller_shard_id: 0,
        code_shard_id: 0,
        context_u128: 0,
        heap_bound: 0,
        aux_heap_bound: 0,
        stipend: 0,
        pubdata_spent: 0,
        stack: Stack::new(),
        near_calls: Vec::new(),
    };
    let state = State::entry(Registers::new(), frame);
    match Vm::new(state, Memory::new()).run() {
        Ok(end) => end,
        Err(e) => panic!("the loop runs: {e}"),
    }
}

#[derive(Debug, Default)]
struct CodeOnly {
    code: HashMap<u32, RefU256>,
}

impl RefMemory for CodeOnly {
    fn execute_partial_query(&mut self, _: u32, q: MemoryQuery) -> MemoryQuery {
        q
    }
    fn specialized_code_query(&mut self, c: u32, q: MemoryQuery) -> MemoryQuery {
        self.read_code_query(c, q)
    }
    fn read_code_query(&self, _: u32, mut q: MemoryQuery) -> MemoryQuery {
        q.value = self.code.get(&q.location.index.0).copied().unwrap_or_default();
        q
    }
}

use zkstack_vm_oracle::RefNoPrecompiles as NoPrecompiles;

fn run_zk_evm(words: &[U256]) -> RefU256 {
    let mut local = VmLocalState::<8, EncodingModeProduction>::empty_state();
    let mut entry = CallStackEntry::empty_context();
    entry.this_address = RefAddress::repeat_byte(0x11);
    entry.code_address = entry.this_address;
    entry.base_memory_page = MemoryPage(BASE);
    entry.code_page = MemoryPage(BASE);
    entry.ergs_remaining = u32::MAX;
    local.callstack = Callstack { current: entry, inner: vec![CallStackEntry::empty_context()] };
    let mut memory = CodeOnly::default();
    for (i, w) in words.iter().enumerate() {
        memory.code.insert(i as u32, RefU256(*w.as_limbs()));
    }
    let mut storage = InMemoryStorage::new();
    let mut events = InMemoryEventSink::new();
    for _ in 0..2 {
        storage.start_frame(Timestamp(0));
        events.start_frame(Timestamp(0));
    }
    let mut vm = VmState {
        local_state: local,
        block_properties: BlockProperties {
            default_aa_code_hash: RefU256::from(1) << 248,
            evm_emulator_code_hash: RefU256::from(1) << 248,
            zkporter_is_available: false,
        },
        storage,
        memory,
        event_sink: events,
        precompiles_processor: NoPrecompiles,
        decommittment_processor: SimpleDecommitter::<false>::new(),
        witness_tracer: DummyTracer,
        version: Version::latest(),
        dst1_was_updated_this_cycle: false,
    };
    let mut tracer = GenericNoopTracer::<CodeOnly>::new();
    while !vm.execution_has_ended() {
        if let Err(e) = vm.cycle(&mut tracer) {
            panic!("zk_evm runs the loop: {e}");
        }
    }
    vm.local_state.registers[1].value
}

fn bench(c: &mut Criterion) {
    let words = program();
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes::<32>()).collect();
    let code = match Code::from_bytecode(&bytes) {
        Ok(code) => code,
        Err(e) => panic!("bench code loads: {e}"),
    };
    // Both run the same program to the same end before anything is timed.
    let end = run_ours(&code);
    assert_eq!(end.kind, RetKind::Ok);
    assert_eq!(end.ergs_left, u32::MAX - (3 * N as u32 + 2) * 6 + 1);
    let timed = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    let ours = timed(&|| {
        black_box(run_ours(&code));
    });
    let theirs = timed(&|| {
        black_box(run_zk_evm(&words));
    });
    println!(
        "3N+2 loop, N = {N}: zkstack-vm {:.1} ms, zk_evm {:.1} ms, zk_evm / zkstack-vm = {:.1}x",
        ours * 1e3,
        theirs * 1e3,
        theirs / ours
    );
    let mut g = c.benchmark_group("loop_3n_plus_2");
    g.sample_size(10);
    g.bench_function("zkstack-vm", |b| b.iter(|| black_box(run_ours(&code))));
    g.bench_function("zk_evm", |b| b.iter(|| black_box(run_zk_evm(&words))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
