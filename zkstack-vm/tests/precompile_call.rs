//! `log.precompile` end to end in the interpreter, with the world's default precompiles: the
//! call writes the precompile's output to the caller's heap, and ergs, pubdata and `dst0` do not
//! depend on what the precompile computed or whether it failed (zk_evm 0.153.12
//! `opcodes/execution/log.rs`: the extra ergs of `src1` are charged and `dst0` set to 1 whatever
//! the precompile does; `oracle/tests/execution.rs` checks that plumbing against zk_evm).

use zkstack_vm::exec::{Code, Step, Vm};
use zkstack_vm::frame::{Frame, is_kernel_address};
use zkstack_vm::memory::params::heap_page;
use zkstack_vm::memory::{Memory, Stack};
use zkstack_vm::precompiles::{Precompile, PrecompileAbi};
use zkstack_vm::state::{Registers, State};
use zkstack_vm::world::World;
use zkstack_vm::{
    DecodedInstruction, DstMode, LogOp, Opcode, OpcodeVariant, Register, SrcMode, U256, decode,
    encode,
};

const BASE: u32 = 3000;
const START_ERGS: u32 = 1_000_000;

/// `log.precompile r1, r2, r3`.
fn precompile_word() -> u64 {
    let mut variant = OpcodeVariant::new(Opcode::Log(LogOp::PrecompileCall));
    variant.src0 = SrcMode::Reg;
    variant.dst0 = DstMode::Reg;
    let mut i = DecodedInstruction::new(variant);
    i.src0 = Register::from_nibble(1);
    i.src1 = Register::from_nibble(2);
    i.dst0 = Register::from_nibble(3);
    encode(&i).unwrap_or_else(|e| panic!("log.precompile encodes: {e}"))
}

/// Runs one `log.precompile` in a kernel frame at the ecAdd address with `inputs` in heap
/// cells 0..4; returns the VM.
fn run(inputs: [U256; 4], extra_ergs: u32, extra_pubdata: u32) -> Vm {
    let this = Precompile::EcAdd.address();
    let bytes = U256::from_limbs([0, 0, 0, precompile_word()]).to_be_bytes::<32>();
    let code = Code::from_bytecode(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let frame = Frame {
        this_address: this,
        caller: this,
        code_address: this,
        is_kernel: is_kernel_address(&this),
        is_static: false,
        code,
        code_page: BASE,
        base_page: BASE,
        pc: 0,
        sp: 0,
        ergs: START_ERGS,
        exception_handler: 0,
        this_shard_id: 0,
        caller_shard_id: 0,
        code_shard_id: 0,
        context_u128: 0,
        heap_bound: 4096,
        aux_heap_bound: 0,
        stipend: 0,
        pubdata_spent: 0,
        stack: Stack::new(),
        near_calls: Vec::new(),
    };
    let mut memory = Memory::new();
    for (i, v) in inputs.iter().enumerate() {
        memory.write_cell(heap_page(BASE), i as u32, v);
    }
    // Pages 0: the VM substitutes the frame's heap for both.
    let abi = PrecompileAbi { output_offset: 8, ..PrecompileAbi::default() };
    let mut registers = Registers::new();
    registers.set(1, abi.to_word(), false);
    registers.set(2, U256::from(u64::from(extra_ergs) | u64::from(extra_pubdata) << 32), false);
    let state = State::entry(registers, frame);
    let mut vm = Vm::with_world(state, memory, (), World::default());
    vm.world.enter_frame();
    match vm.step() {
        Ok(Step::Continue) => vm,
        other => panic!("log.precompile runs: {other:?}"),
    }
}

#[test]
fn outcome_shows_in_memory_only() {
    let base_cost = decode(precompile_word()).ergs_cost();
    let g = [U256::from(1u8), U256::from(2u8)];
    let valid = run([g[0], g[1], g[0], g[1]], 500, 7);
    let invalid = run([g[0], g[0], g[0], g[1]], 500, 7); // (1, 1) is off the curve
    for vm in [&valid, &invalid] {
        assert_eq!(vm.state.current.ergs, START_ERGS - base_cost - 500);
        assert_eq!(*vm.state.registers.get(3), U256::from(1u8));
        assert_eq!(vm.state.current.pubdata_spent, 7);
    }
    let heap = heap_page(BASE);
    assert_eq!(valid.memory.read_cell(heap, 8), U256::from(1u8));
    assert_ne!(valid.memory.read_cell(heap, 9), U256::ZERO);
    assert_eq!(invalid.memory.read_cell(heap, 8), U256::ZERO);
    assert_eq!(invalid.memory.read_cell(heap, 9), U256::ZERO);
}

#[test]
fn without_the_extra_ergs_nothing_runs() {
    let g = [U256::from(1u8), U256::from(2u8)];
    let vm = run([g[0], g[1], g[0], g[1]], START_ERGS, 7);
    assert_eq!(vm.state.current.ergs, 0);
    assert_eq!(*vm.state.registers.get(3), U256::ZERO);
    assert_eq!(vm.memory.read_cell(heap_page(BASE), 8), U256::ZERO);
}
