//! Native contracts: a mock counter in Rust called from bytecode, with ok / revert / panic,
//! a static call that tries to write, and a call from bytecode called by bytecode.
//!
//! Expected values follow from the mock's own rules (it adds one to its slot 0 and returns the
//! new count) and from the far-call rules of EraVM (ret/revert/panic land on the next
//! instruction or the exception handler, reverts roll back, unspent ergs come back).

use std::cell::RefCell;
use std::rc::Rc;

use zkstack_vm::exec::{Code, ExecutionEnd, Vm};
use zkstack_vm::frame::Frame;
use zkstack_vm::memory::Memory;
use zkstack_vm::state::{Registers, State};
use zkstack_vm::world::{
    InMemoryCode, InMemoryStorage, NativeCall, NativeContract, NativeOutcome, StorageKey,
    VersionedHash, World,
};
use zkstack_vm::{Address, RetKind, U256};

fn address(low: u16, user: bool) -> Address {
    let mut b = [0u8; 20];
    b[0] = u8::from(user);
    b[18..].copy_from_slice(&low.to_be_bytes());
    Address::from(b)
}

/// The native's address (0x42: a system address, no code deployed there).
fn counter() -> Address {
    address(0x42, false)
}

/// What the mock saw of its last call.
#[derive(Clone, Debug, Default)]
struct Seen {
    caller: Address,
    this: Address,
    msg_value: u128,
    calldata: Vec<u8>,
    ergs: u32,
    is_static: bool,
}

/// Command in the last calldata byte: 1 count up and return, 2 count up and revert, 3 count up
/// and panic; it charges `charge` ergs first.
struct Counter {
    charge: u32,
    seen: Rc<RefCell<Seen>>,
}

impl NativeContract for Counter {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        *self.seen.borrow_mut() = Seen {
            caller: call.caller(),
            this: call.this_address(),
            msg_value: call.msg_value(),
            calldata: call.calldata().to_vec(),
            ergs: call.ergs_left(),
            is_static: call.is_static(),
        };
        if call.charge(self.charge).is_err() {
            return NativeOutcome::Panic;
        }
        let count = call.sload(U256::ZERO) + U256::from(1);
        // A static call gets an error here; the call then panics whatever it returns.
        let _ = call.sstore(U256::ZERO, count);
        let _ = call.emit_event(U256::from(0xee), count, true);
        let _ = call.tstore(U256::from(1), count);
        let word = count.to_be_bytes::<32>().to_vec();
        match call.calldata().last() {
            Some(2) => NativeOutcome::Revert(b"no".to_vec()),
            Some(3) => NativeOutcome::Panic,
            _ => NativeOutcome::Ok(word),
        }
    }
}

/// Calls `target` with one calldata word `command` (60,000 ergs passed), then stores the first
/// returned word in slot 0 and the returned length in slot 2; the exception handler stores 1 in
/// slot 1 instead. `far_call` is `far_call` or `far_call.static`.
fn caller_source(command: u16, target: u16, far_call: &str) -> String {
    format!(
        "    .text
main:
    add {command}, r0, r3
    st.1 r0, r3
    add 32, r0, r1
    shl.s 96, r1, r1
    add 60000, r0, r4
    shl.s 192, r4, r4
    or r4, r1, r1
    add {target}, r0, r2
    {far_call} r1, r2, @handler
    ld r1, r5
    sstore r0, r5
    shr.s 96, r1, r6
    add 2, r0, r7
    sstore r7, r6
    ret.ok r0
handler:
    add 1, r0, r6
    sstore r6, r6
    shr.s 96, r1, r6
    add 2, r0, r7
    sstore r7, r6
    ret.ok r0
"
    )
}

const CALLER: u16 = 0x1111;

fn run(src: &str, world: World, context_u128: u128) -> (Vm, ExecutionEnd) {
    let bytecode = zkstack_vm::asm::assemble(src).unwrap_or_else(|e| panic!("{e}"));
    let this = address(CALLER, true);
    let code = Code::from_bytecode(&bytecode).unwrap_or_else(|e| panic!("{e}"));
    let frame = Frame::entry(this, code, 2048, 10_000_000, 4096, 0);
    let mut state = State::entry(Registers::new(), frame);
    state.context_u128 = context_u128;
    state.tx_number = 3;
    let mut vm = Vm::with_world(state, Memory::new(), (), world);
    let end = vm.run().unwrap_or_else(|e| panic!("{e}"));
    (vm, end)
}

fn world_with_counter(charge: u32) -> (World, Rc<RefCell<Seen>>) {
    let mut storage = InMemoryStorage::new();
    storage.insert(StorageKey { shard: 0, address: counter(), key: U256::ZERO }, U256::from(41));
    let mut world = World::new(Box::new(storage), Box::new(InMemoryCode::new()));
    let seen = Rc::new(RefCell::new(Seen::default()));
    world.register_native(counter(), Box::new(Counter { charge, seen: seen.clone() }));
    (world, seen)
}

fn slot(vm: &mut Vm, address: Address, key: u64) -> U256 {
    let key = StorageKey { shard: 0, address, key: U256::from(key) };
    vm.world.diff.peek_storage(vm.world.storage.as_mut(), &key)
}

#[test]
fn counter_counts_and_returns_through_a_fat_pointer() {
    let (world, seen) = world_with_counter(100);
    let (mut vm, end) = run(&caller_source(1, 0x42, "far_call"), world, 777);
    assert_eq!(end.kind, RetKind::Ok);
    assert_eq!(slot(&mut vm, counter(), 0), U256::from(42));
    let caller = address(CALLER, true);
    assert_eq!(slot(&mut vm, caller, 0), U256::from(42), "the returned word");
    assert_eq!(slot(&mut vm, caller, 2), U256::from(32), "the returned length");
    assert_eq!(slot(&mut vm, caller, 1), U256::ZERO, "no exception");
    assert_eq!(vm.world.diff.events().len(), 1);
    assert_eq!(vm.world.diff.events()[0].address, counter());
    assert_eq!(vm.world.diff.events()[0].tx_number, 3);
    assert_eq!(vm.world.diff.transient_slots().len(), 1);
    let seen = seen.borrow();
    assert_eq!(seen.caller, caller);
    assert_eq!(seen.this, counter());
    assert_eq!(seen.msg_value, 777);
    assert_eq!(seen.calldata.len(), 32);
    assert_eq!(seen.calldata[31], 1);
    assert_eq!(seen.ergs, 60_000, "the ABI asked for 60,000 of far more than 64 × that");
    assert!(!seen.is_static);
}

#[test]
fn the_native_spends_exactly_what_it_charges() {
    let (world, _) = world_with_counter(0);
    let (_, free) = run(&caller_source(1, 0x42, "far_call"), world, 0);
    let (world, _) = world_with_counter(1234);
    let (_, charged) = run(&caller_source(1, 0x42, "far_call"), world, 0);
    assert_eq!(free.ergs_left - charged.ergs_left, 1234);
}

#[test]
fn revert_and_panic_roll_back_the_natives_changes() {
    for (command, kind, length) in [(2, "revert", 2u64), (3, "panic", 0)] {
        let (world, _) = world_with_counter(100);
        let (mut vm, end) = run(&caller_source(command, 0x42, "far_call"), world, 0);
        assert_eq!(end.kind, RetKind::Ok, "{kind}: the caller goes on");
        assert_eq!(slot(&mut vm, counter(), 0), U256::from(41), "{kind}: count rolled back");
        let caller = address(CALLER, true);
        assert_eq!(slot(&mut vm, caller, 1), U256::from(1), "{kind}: landed on the handler");
        assert_eq!(slot(&mut vm, caller, 2), U256::from(length), "{kind}: returned length");
        assert!(vm.world.diff.events().is_empty(), "{kind}: event rolled back");
        assert!(vm.world.diff.transient_slots().is_empty(), "{kind}: tstore rolled back");
    }
}

#[test]
fn a_static_call_cannot_write() {
    let (world, seen) = world_with_counter(100);
    let (mut vm, _) = run(&caller_source(1, 0x42, "far_call.static"), world, 0);
    assert!(seen.borrow().is_static);
    assert_eq!(slot(&mut vm, counter(), 0), U256::from(41), "nothing written");
    let caller = address(CALLER, true);
    assert_eq!(slot(&mut vm, caller, 1), U256::from(1), "the call panicked");
    assert!(vm.world.diff.events().is_empty());
}

#[test]
fn bytecode_called_by_bytecode_calls_the_native() {
    // Contract B at 0x01..2222: calls the counter with command 1, stores the returned word in
    // its slot 7, returns.
    let b_src = "    .text
main:
    add 1, r0, r3
    st.1 r0, r3
    add 32, r0, r1
    shl.s 96, r1, r1
    add 60000, r0, r4
    shl.s 192, r4, r4
    or r4, r1, r1
    add 66, r0, r2
    far_call r1, r2, @fail
    ld r1, r5
    add 7, r0, r6
    sstore r6, r5
    ret.ok r0
fail:
    ret.revert r0
";
    let b_code = zkstack_vm::asm::assemble(b_src).unwrap_or_else(|e| panic!("{e}"));
    let words: Vec<U256> = b_code.chunks(32).map(U256::from_be_slice).collect();
    let b = address(0x2222, true);
    let mut hash = [0u8; 32];
    hash[0] = 1;
    hash[2..4].copy_from_slice(&u16::try_from(words.len()).unwrap_or(0).to_be_bytes());
    hash[4..].fill(0xbb);
    let mut code = InMemoryCode::new();
    code.insert(VersionedHash(hash).preimage(), words);
    let mut storage = InMemoryStorage::new();
    storage.insert(StorageKey { shard: 0, address: counter(), key: U256::ZERO }, U256::from(41));
    storage.insert(
        StorageKey {
            shard: 0,
            address: address(0x8002, false),
            key: U256::from_be_slice(b.as_slice()),
        },
        U256::from_be_bytes(hash),
    );
    let mut world = World::new(Box::new(storage), Box::new(code));
    let seen = Rc::new(RefCell::new(Seen::default()));
    world.register_native(counter(), Box::new(Counter { charge: 10, seen: seen.clone() }));
    // The outer caller calls B (0x01..2222 does not fit an immediate: build it).
    let src = caller_source(9, 0x2222, "far_call").replace(
        "    add 8738, r0, r2\n",
        "    add 1, r0, r2\n    shl.s 152, r2, r2\n    add 8738, r2, r2\n",
    );
    let (mut vm, end) = run(&src, world, 0);
    assert_eq!(end.kind, RetKind::Ok);
    assert_eq!(seen.borrow().caller, b, "the native sees B as its caller");
    assert_eq!(slot(&mut vm, counter(), 0), U256::from(42));
    assert_eq!(slot(&mut vm, b, 7), U256::from(42), "B got the native's answer");
    assert_eq!(slot(&mut vm, address(CALLER, true), 1), U256::ZERO, "B returned ok");
}
