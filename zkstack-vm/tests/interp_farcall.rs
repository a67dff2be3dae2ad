//! Far calls end to end: a caller calls a contract whose code writes storage, emits an
//! L2→L1 message, and then returns or reverts; a revert takes back exactly the callee's changes.
//! (Bit-exactness against zk_evm is checked in `oracle/tests/execution.rs`.)

use zkstack_vm::exec::{Code, Step, Vm};
use zkstack_vm::frame::{Frame, is_kernel_address};
use zkstack_vm::memory::{Memory, Stack};
use zkstack_vm::state::{Registers, State};
use zkstack_vm::world::{InMemoryCode, InMemoryStorage, StorageKey, VersionedHash, World};
use zkstack_vm::{
    Address, DecodedInstruction, DstMode, FarCallKind, LogOp, Opcode, OpcodeVariant, Register,
    RetKind, SrcMode, U256, encode,
};

const CALLER_BASE: u32 = 3000;
const HANDLER: u16 = 3;

fn word(opcode: Opcode, src0: SrcMode, regs: [u8; 3], imm0: u16) -> u64 {
    let mut variant = OpcodeVariant::new(opcode);
    variant.src0 = src0;
    variant.dst0 = DstMode::Reg;
    let mut i = DecodedInstruction::new(variant);
    i.src0 = Register::from_nibble(regs[0]);
    i.src1 = Register::from_nibble(regs[1]);
    i.dst0 = Register::from_nibble(regs[2]);
    i.imm0 = imm0;
    encode(&i).unwrap_or_else(|e| panic!("test program encodes: {e}"))
}

fn code(ins: &[u64]) -> Vec<U256> {
    let mut ins = ins.to_vec();
    ins.resize(ins.len().div_ceil(4) * 4, 0);
    ins.chunks(4).map(|q| U256::from_limbs([q[3], q[2], q[1], q[0]])).collect()
}

fn bytes(words: &[U256]) -> Vec<u8> {
    words.iter().flat_map(U256::to_be_bytes::<32>).collect()
}

fn address(low: u16, user: bool) -> Address {
    let mut b = [0u8; 20];
    b[0] = u8::from(user);
    b[18..].copy_from_slice(&low.to_be_bytes());
    Address::from(b)
}

/// The callee: r3 = 5; sstore(r3, r3); tstore(r3, r3); then `ret.ok` or `ret.revert`.
fn callee(ret: RetKind) -> Vec<U256> {
    code(&[
        word(Opcode::Add, SrcMode::Imm, [0, 0, 3], 5),
        word(Opcode::Log(LogOp::StorageWrite), SrcMode::Reg, [3, 3, 0], 0),
        word(Opcode::Log(LogOp::TransientStorageWrite), SrcMode::Reg, [3, 3, 0], 0),
        word(Opcode::Ret(ret), SrcMode::Reg, [0, 0, 0], 0),
    ])
}

/// Runs the caller's `far_call r1, r2` into a contract running `callee` until control is back
/// in the caller; returns the VM.
fn run(contract: Vec<U256>) -> Vm {
    let target = address(0x1234, true);
    let this = address(0x4321, true);
    let hash = {
        let mut h = [0u8; 32];
        h[0] = 1;
        h[3] = u8::try_from(contract.len()).unwrap_or(u8::MAX);
        h[4..].fill(0xab);
        U256::from_be_bytes(h)
    };
    let mut storage = InMemoryStorage::new();
    let mut deployer = [0u8; 20];
    deployer[18..].copy_from_slice(&0x8002u16.to_be_bytes());
    storage.insert(
        StorageKey {
            shard: 0,
            address: Address::from(deployer),
            key: U256::from_be_slice(target.as_slice()),
        },
        hash,
    );
    let mut code_source = InMemoryCode::new();
    code_source.insert(VersionedHash::from_word(&hash).preimage(), contract);
    let world = World::new(Box::new(storage), Box::new(code_source));

    let caller_code = code(&[
        word(Opcode::FarCall(FarCallKind::Normal), SrcMode::Reg, [1, 2, 0], HANDLER),
        word(Opcode::Nop, SrcMode::Reg, [0, 0, 0], 0),
    ]);
    let caller_code = Code::from_bytecode(&bytes(&caller_code)).unwrap_or_else(|e| panic!("{e}"));
    let frame = Frame {
        this_address: this,
        caller: Address::ZERO,
        code_address: this,
        is_kernel: is_kernel_address(&this),
        is_static: false,
        code: caller_code,
        code_page: CALLER_BASE,
        base_page: CALLER_BASE,
        pc: 0,
        sp: 0,
        ergs: 1_000_000,
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
    let mut registers = Registers::new();
    // ABI: calldata = 64 bytes of the caller's heap, 100,000 ergs passed
    registers.set(1, U256::from(64u64) << 96 | U256::from(100_000u64) << 192, false);
    registers.set(2, U256::from_be_slice(target.as_slice()), false);
    let state = State::entry(registers, frame);
    let mut vm = Vm::with_world(state, Memory::new(), (), world);
    vm.world.enter_frame();
    for _ in 0..16 {
        match vm.step() {
            Ok(Step::Continue) => {}
            other => panic!("the caller keeps running: {other:?}"),
        }
        if vm.state.previous.is_empty() && vm.state.current.pc != 0 {
            return vm;
        }
    }
    panic!("the callee returns within 16 cycles");
}

#[test]
fn returned_call_keeps_its_storage_and_pays_for_decommitment() {
    let vm = run(callee(RetKind::Ok));
    let frame = &vm.state.current;
    assert_eq!(frame.pc, 1, "back after the far call");
    assert!(!vm.state.flags.lt);
    let changes = vm.world.diff.storage_changes();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].0.address, address(0x1234, true));
    assert_eq!(changes[0].2, U256::from(5));
    assert_eq!(vm.world.diff.transient_slots().len(), 1);
    // The caller paid 64 bytes of heap growth and 4 ergs per code word.
    assert_eq!(frame.heap_bound, 64);
    assert!(frame.ergs < 1_000_000 - 64 - 4);
    assert!(frame.ergs > 1_000_000 - 64 - 4 - 100_000);
    // The callee's pubdata (one write) was added to the caller's: as a batch prices it, an
    // initial write of 5 over 0 is a 32-byte key + 1 metadata byte + 1 byte (see
    // world::pricing).
    assert_eq!(frame.pubdata_spent, 34);
    assert_eq!(vm.state.pubdata_revert_counter, 34);
}

#[test]
fn reverted_call_takes_back_storage_transient_storage_and_pubdata() {
    let vm = run(callee(RetKind::Revert));
    assert_eq!(vm.state.current.pc, HANDLER, "a revert lands on the exception handler");
    assert!(vm.world.diff.storage_changes().is_empty());
    assert!(vm.world.diff.transient_slots().is_empty());
    assert_eq!(vm.state.current.pubdata_spent, 0);
    assert_eq!(vm.state.pubdata_revert_counter, 0);
}

#[test]
fn unknown_code_is_a_typed_error() {
    let mut vm = {
        let mut storage = InMemoryStorage::new();
        let mut deployer = [0u8; 20];
        deployer[18..].copy_from_slice(&0x8002u16.to_be_bytes());
        let target = address(0x1234, true);
        let mut h = [0u8; 32];
        h[0] = 1;
        h[3] = 1;
        storage.insert(
            StorageKey {
                shard: 0,
                address: Address::from(deployer),
                key: U256::from_be_slice(target.as_slice()),
            },
            U256::from_be_bytes(h),
        );
        let mut vm = run(callee(RetKind::Ok));
        vm.world = World::new(Box::new(storage), Box::new(InMemoryCode::new()));
        vm.state.current.pc = 0;
        vm.state.registers.set(1, U256::ZERO, false);
        vm.state.registers.set(2, U256::from_be_slice(target.as_slice()), false);
        vm
    };
    assert!(matches!(vm.step(), Err(zkstack_vm::exec::VmError::UnknownCode(_))));
}
