//! Calls a native through a real EraVM far call: an assembled caller contract (zkstack_vm::asm)
//! at a chosen address far-calls the target with calldata placed in its heap, and returns what
//! the callee returned (forwarding the returned fat pointer), so that the outcome, the return
//! bytes and the world's changes are what bytecode calling the contract would see.

use std::fmt::Write;

use zkstack_bootloader::natives::{NativeConfig, register_missing_natives};
use zkstack_vm::exec::{Code, Vm};
use zkstack_vm::frame::{Frame, is_kernel_address};
use zkstack_vm::memory::{Memory, Stack};
use zkstack_vm::state::{Registers, State};
use zkstack_vm::world::{InMemoryCode, InMemoryStorage, World};
use zkstack_vm::{Address, RetKind, U256};

/// How the callee's call ended, as its caller saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok(Vec<u8>),
    Revert(Vec<u8>),
    Panic,
}

/// Ergs the caller frame starts with.
pub const START_ERGS: u32 = 4_000_000_000;

/// An empty world with every native registered (no code is supplied).
pub fn world(config: &NativeConfig) -> World {
    let mut world = World::new(Box::new(InMemoryStorage::new()), Box::new(InMemoryCode::new()));
    let filled = register_missing_natives(&mut world, config);
    assert!(filled.len() >= 9, "every kernel native filled in: {filled:?}");
    world
}

fn load(register: &str, value: u64) -> String {
    // Built 16 bits at a time: immediates are at most 16 bits.
    let mut out = format!("    add {}, r0, {register}\n", (value >> 48) & 0xffff);
    for shift in [32, 16, 0] {
        let part = (value >> shift) & 0xffff;
        let _ = write!(
            out,
            "    shl.s 16, {register}, {register}\n    add {part}, {register}, {register}\n"
        );
    }
    out
}

fn caller_source(target: Address, length: usize) -> String {
    let low = u64::from_be_bytes(target.as_slice()[12..].try_into().unwrap_or([0; 8]));
    assert!(target.as_slice()[..12].iter().all(|b| *b == 0), "target fits 64 bits");
    let mut src = String::from("    .text\nmain:\n");
    src += &load("r1", length as u64);
    src += "    shl.s 96, r1, r1\n";
    src += &load("r4", 0xffff_ffff);
    src += "    shl.s 192, r4, r4\n    or r4, r1, r1\n";
    src += &load("r2", low);
    // The outermost frame always returns ok (a revert there would take back the whole
    // diff, earlier calls included); heap word 0 says how the call ended: 2 ok, 1 failed.
    src += "    far_call r1, r2, @handler\n    add 2, r0, r6\n    jump @done\n";
    src += "handler:\n    add 1, r0, r6\n";
    src += "done:\n    st.1 r0, r6\n";
    src += "    add 1, r0, r4\n    shl.s 224, r4, r4\n    ptr.pack r1, r4, r1\n    ret.ok r1\n";
    src
}

/// `caller` far-calls `target` with `calldata` in transaction `tx_number` of `world`; returns
/// the world back with the outcome and the ergs the caller frame had left.
pub fn call(
    world: World,
    caller: Address,
    target: Address,
    calldata: &[u8],
    tx_number: u16,
) -> (World, Outcome, u32) {
    let (world, outcome, ergs, _) =
        call_counting_pubdata(world, caller, target, calldata, tx_number);
    (world, outcome, ergs)
}

/// As [`call`], also returning the pubdata the run counted (the VM's pubdata counter).
pub fn call_counting_pubdata(
    world: World,
    caller: Address,
    target: Address,
    calldata: &[u8],
    tx_number: u16,
) -> (World, Outcome, u32, i32) {
    let bytecode = zkstack_vm::asm::assemble(&caller_source(target, calldata.len()))
        .unwrap_or_else(|e| panic!("{e}"));
    let heap_bound = u32::try_from(calldata.len().max(4096)).unwrap_or(u32::MAX);
    let frame = Frame {
        this_address: caller,
        caller: Address::ZERO,
        code_address: caller,
        is_kernel: is_kernel_address(&caller),
        is_static: false,
        code: Code::from_bytecode(&bytecode).unwrap_or_else(|e| panic!("{e}")),
        code_page: 2048,
        base_page: 2048,
        pc: 0,
        sp: 0,
        ergs: START_ERGS,
        exception_handler: 0,
        this_shard_id: 0,
        caller_shard_id: 0,
        code_shard_id: 0,
        context_u128: 0,
        heap_bound,
        aux_heap_bound: 4096,
        stipend: 0,
        pubdata_spent: 0,
        stack: Stack::new(),
        near_calls: Vec::new(),
    };
    let mut memory = Memory::new();
    let heap = frame.heap_page();
    for (i, chunk) in calldata.chunks(32).enumerate() {
        let mut padded = [0u8; 32];
        padded[..chunk.len()].copy_from_slice(chunk);
        let offset = u32::try_from(i * 32).unwrap_or(u32::MAX);
        memory.write_word(heap, offset, &U256::from_be_bytes(padded));
    }
    let mut state = State::entry(Registers::new(), frame);
    state.tx_number = tx_number;
    let mut vm = Vm::with_world(state, memory, (), world);
    let end = vm.run().unwrap_or_else(|e| panic!("{e}"));
    let ptr = end.returndata;
    let bytes: Vec<u8> = match vm.memory.page(ptr.page) {
        Some(page) => (0..ptr.length).map(|i| page.byte((ptr.start + i) as usize)).collect(),
        None => vec![0; ptr.length as usize],
    };
    let ended_ok = vm.memory.read_word(heap, 0) == U256::from(2);
    let outcome = match end.kind {
        RetKind::Ok if ended_ok => Outcome::Ok(bytes),
        RetKind::Ok if ptr.page != 0 => Outcome::Revert(bytes),
        _ => Outcome::Panic,
    };
    let pubdata = vm.state.pubdata_revert_counter;
    (vm.world, outcome, end.ergs_left, pubdata)
}
