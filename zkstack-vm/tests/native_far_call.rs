//! Far calls made by a native contract ([`NativeCall::far_call`]): bytecode calls a native that
//! calls bytecode, with ok / revert / panic, delegate and mimic calls, a static call that tries
//! to write, and a native that calls itself.
//!
//! Expected values follow from EraVM's far-call rules, checked against what the same callee
//! sees when bytecode calls it: the context a callee gets (normal: `msg.sender` = the caller's
//! address, `this` = the callee; delegate: the caller's `this` and `msg.sender`; mimic: the
//! chosen `msg.sender`), exactly the ergs asked for when they are below 63/64 of what is left
//! and 63/64 of it otherwise (after the `far_call` price and the decommitment, zk_evm's
//! rules), and a reverted or panicked frame rolls back all its storage, events and L2→L1
//! messages.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::cell::RefCell;
use std::rc::Rc;

use zkstack_vm::exec::{Code, ExecutionEnd, Vm};
use zkstack_vm::frame::Frame;
use zkstack_vm::memory::Memory;
use zkstack_vm::state::{Registers, State};
use zkstack_vm::world::{
    InMemoryCode, InMemoryStorage, LogEntry, NativeCall, NativeCallKind, NativeContract,
    NativeError, NativeFarCall, NativeOutcome, StorageKey, VersionedHash, World,
};
use zkstack_vm::{Address, RetKind, U256};

fn address(low: u16, user: bool) -> Address {
    let mut b = [0u8; 20];
    b[0] = u8::from(user);
    b[18..].copy_from_slice(&low.to_be_bytes());
    Address::from(b)
}

/// The native (a system address: its frame runs in kernel mode).
const NATIVE: u16 = 0x43;
/// The bytecode callee (a system address too, so that it may emit events and messages).
const CALLEE: u16 = 0x9000;
/// The outermost caller (a user address).
const CALLER: u16 = 0x1111;

/// The callee: reads the command word of its calldata; stores the ergs it started with (slot 4),
/// `msg.sender` (1), `this` (2) and the command (3); emits an event and an L2→L1 message; then
/// command 2 reverts with the word 2989, 3 panics, anything else returns the command + 100.
const CALLEE_SOURCE: &str = "    .text
main:
    context.ergs_left r7
    ld r1, r2
    add 4, r0, r5
    sstore r5, r7
    context.caller r3
    context.this r4
    add 1, r0, r5
    sstore r5, r3
    add 2, r0, r5
    sstore r5, r4
    add 3, r0, r5
    sstore r5, r2
    log.event.first r5, r2, r0
    log.to_l1 r5, r2, r0
    sub.s! 2, r2, r0
    jump.eq @revert
    sub.s! 3, r2, r0
    jump.eq @panic
    add 100, r2, r6
    st.1 r0, r6
    add 32, r0, r1
    shl.s 96, r1, r1
    ret.ok r1
revert:
    add 2989, r0, r6
    st.1 r0, r6
    add 32, r0, r1
    shl.s 96, r1, r1
    ret.revert r1
panic:
    ret.panic r0
";

/// Calls `target` with one calldata word `command`, passing `ergs`; stores the first returned
/// word in slot 0 and the returned length in slot 2; the exception handler stores 1 in slot 1.
fn caller_source(command: u16, target: u16, ergs: u16) -> String {
    format!(
        "    .text
main:
    add {command}, r0, r3
    st.1 r0, r3
    add 32, r0, r1
    shl.s 96, r1, r1
    add {ergs}, r0, r4
    shl.s 192, r4, r4
    or r4, r1, r1
    add {target}, r0, r2
    far_call r1, r2, @handler
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

/// What the native saw of its far call.
#[derive(Clone, Debug, Default)]
struct Seen {
    result: Option<Result<NativeOutcome, NativeError>>,
    ergs_before: u32,
    ergs_after: u32,
}

/// Writes 1 to its own slot 9, far-calls `target` with its own calldata, and returns what the
/// callee returned or reverted with (so its own write stays); `target: None` makes no call.
struct Relay {
    kind: NativeCallKind,
    target: Option<Address>,
    ergs: u32,
    is_static: bool,
    seen: Rc<RefCell<Seen>>,
}

impl NativeContract for Relay {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        if call.sstore(U256::from(9), U256::from(1)).is_err() {
            return NativeOutcome::Panic;
        }
        let Some(target) = self.target else { return NativeOutcome::Ok(Vec::new()) };
        let calldata = call.calldata().to_vec();
        let request = NativeFarCall {
            is_static: self.is_static,
            ..NativeFarCall::new(self.kind, target, &calldata, self.ergs)
        };
        let before = call.ergs_left();
        let result = call.far_call(&request);
        *self.seen.borrow_mut() = Seen {
            result: Some(result.clone()),
            ergs_before: before,
            ergs_after: call.ergs_left(),
        };
        match result {
            Ok(NativeOutcome::Ok(data) | NativeOutcome::Revert(data)) => NativeOutcome::Ok(data),
            Ok(NativeOutcome::Panic) => NativeOutcome::Ok(Vec::new()),
            Err(_) => NativeOutcome::Panic,
        }
    }
}

fn world_with(relay: Option<Relay>) -> World {
    let bytecode = zkstack_vm::asm::assemble(CALLEE_SOURCE).unwrap_or_else(|e| panic!("{e}"));
    let words: Vec<U256> = bytecode.chunks(32).map(U256::from_be_slice).collect();
    let mut hash = [0u8; 32];
    hash[0] = 1;
    hash[2..4].copy_from_slice(&u16::try_from(words.len()).unwrap().to_be_bytes());
    hash[4..].fill(0xcc);
    let mut code = InMemoryCode::new();
    code.insert(VersionedHash(hash).preimage(), words);
    let mut storage = InMemoryStorage::new();
    storage.insert(
        StorageKey {
            shard: 0,
            address: address(0x8002, false),
            key: U256::from_be_slice(address(CALLEE, false).as_slice()),
        },
        U256::from_be_bytes(hash),
    );
    let mut world = World::new(Box::new(storage), Box::new(code));
    if let Some(relay) = relay {
        world.register_native(address(NATIVE, false), Box::new(relay));
    }
    world
}

fn relay(kind: NativeCallKind, target: Option<u16>, ergs: u32) -> (Relay, Rc<RefCell<Seen>>) {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let relay = Relay {
        kind,
        target: target.map(|t| address(t, false)),
        ergs,
        is_static: false,
        seen: seen.clone(),
    };
    (relay, seen)
}

fn run(src: &str, world: World) -> (Vm, ExecutionEnd) {
    let bytecode = zkstack_vm::asm::assemble(src).unwrap_or_else(|e| panic!("{e}"));
    let this = address(CALLER, true);
    let code = Code::from_bytecode(&bytecode).unwrap_or_else(|e| panic!("{e}"));
    let frame = Frame::entry(this, code, 2048, 10_000_000, 4096, 0);
    let mut state = State::entry(Registers::new(), frame);
    state.tx_number = 3;
    let mut vm = Vm::with_world(state, Memory::new(), (), world);
    let end = vm.run().unwrap_or_else(|e| panic!("{e}"));
    (vm, end)
}

fn slot(vm: &mut Vm, address: Address, key: u64) -> U256 {
    let key = StorageKey { shard: 0, address, key: U256::from(key) };
    vm.world.diff.peek_storage(vm.world.storage.as_mut(), &key)
}

fn word(value: u64) -> Vec<u8> {
    U256::from(value).to_be_bytes::<32>().to_vec()
}

fn u256_of(a: Address) -> U256 {
    U256::from_be_slice(a.as_slice())
}

/// Runs the outer caller → native → callee chain with `command`; the native passes 50,000 ergs.
fn chain(kind: NativeCallKind, command: u16) -> (Vm, ExecutionEnd, Seen) {
    let (relay, seen) = relay(kind, Some(CALLEE), 50_000);
    let (vm, end) = run(&caller_source(command, NATIVE, 60_000), world_with(Some(relay)));
    let seen = seen.borrow().clone();
    (vm, end, seen)
}

#[test]
fn a_native_calls_bytecode_and_hands_back_its_answer() {
    let (mut vm, end, seen) = chain(NativeCallKind::Normal, 7);
    assert_eq!(end.kind, RetKind::Ok);
    assert_eq!(seen.result, Some(Ok(NativeOutcome::Ok(word(107)))), "the callee's return bytes");
    let (native, callee, outer) =
        (address(NATIVE, false), address(CALLEE, false), address(CALLER, true));
    assert_eq!(slot(&mut vm, callee, 1), u256_of(native), "msg.sender is the native");
    assert_eq!(slot(&mut vm, callee, 2), u256_of(callee), "this is the callee");
    assert_eq!(slot(&mut vm, callee, 3), U256::from(7), "the calldata arrived");
    assert_eq!(slot(&mut vm, outer, 0), U256::from(107), "the answer reached the outer caller");
    assert_eq!(slot(&mut vm, native, 9), U256::from(1), "the native's own write stays");
    assert_eq!(vm.world.diff.events().len(), 1);
    assert_eq!(vm.world.diff.events()[0].address, callee);
    assert_eq!(vm.world.diff.l2_to_l1_logs().len(), 1);
    // The callee's unspent ergs came back: the native lost less than it passed.
    assert!(seen.ergs_after < seen.ergs_before);
    assert!(seen.ergs_before - seen.ergs_after < 50_000, "{seen:?}");
}

#[test]
fn the_callee_gets_the_ergs_a_bytecode_caller_would_give() {
    // Bytecode passing 50,000 ergs to the callee directly: the callee records what it started
    // with; the native passing 50,000 must give it exactly as much.
    let (mut direct, _) = run(&caller_source(7, CALLEE, 50_000), world_with(None));
    let (mut via_native, _, _) = chain(NativeCallKind::Normal, 7);
    let callee = address(CALLEE, false);
    let expected = slot(&mut direct, callee, 4);
    assert!(expected > U256::from(49_000) && expected < U256::from(50_000), "{expected}");
    assert_eq!(slot(&mut via_native, callee, 4), expected);
}

#[test]
fn a_revert_or_panic_rolls_the_callee_back_exactly() {
    // The reference: the same run where the native makes no call at all.
    let (relay_none, _) = relay(NativeCallKind::Normal, None, 50_000);
    let (mut reference, _) = run(&caller_source(2, NATIVE, 60_000), world_with(Some(relay_none)));
    let outside_caller = |vm: &Vm| -> Vec<_> {
        let caller = address(CALLER, true);
        vm.world.diff.storage_changes().into_iter().filter(|c| c.0.address != caller).collect()
    };
    let expected = (
        outside_caller(&reference),
        reference.world.diff.events().to_vec(),
        reference.world.diff.l2_to_l1_logs().to_vec(),
        reference.world.diff.transient_slots(),
    );
    assert_eq!(slot(&mut reference, address(NATIVE, false), 9), U256::from(1));
    for (command, outcome) in [(2, NativeOutcome::Revert(word(2989))), (3, NativeOutcome::Panic)] {
        let (vm, end, seen) = chain(NativeCallKind::Normal, command);
        assert_eq!(end.kind, RetKind::Ok);
        assert_eq!(seen.result, Some(Ok(outcome)), "command {command}");
        let got = (
            outside_caller(&vm),
            vm.world.diff.events().to_vec(),
            vm.world.diff.l2_to_l1_logs().to_vec(),
            vm.world.diff.transient_slots(),
        );
        assert_eq!(got, expected, "command {command}: only the native's own write is left");
    }
}

#[test]
fn a_delegate_call_runs_the_callee_in_the_natives_context() {
    let (mut vm, end, seen) = chain(NativeCallKind::Delegate, 7);
    assert_eq!(end.kind, RetKind::Ok);
    assert_eq!(seen.result, Some(Ok(NativeOutcome::Ok(word(107)))));
    let (native, callee, outer) =
        (address(NATIVE, false), address(CALLEE, false), address(CALLER, true));
    assert_eq!(slot(&mut vm, native, 1), u256_of(outer), "msg.sender: the native's caller");
    assert_eq!(slot(&mut vm, native, 2), u256_of(native), "this: the native");
    assert_eq!(slot(&mut vm, native, 3), U256::from(7));
    assert_eq!(slot(&mut vm, callee, 3), U256::ZERO, "nothing written at the callee");
    let events: &[LogEntry] = vm.world.diff.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].address, native, "the event is the native's");
}

#[test]
fn a_mimic_call_sets_the_callers_address() {
    let chosen = address(0x7777, true);
    let (mut vm, _, seen) = chain(NativeCallKind::Mimic(chosen), 7);
    assert_eq!(seen.result, Some(Ok(NativeOutcome::Ok(word(107)))));
    assert_eq!(slot(&mut vm, address(CALLEE, false), 1), u256_of(chosen));
}

#[test]
fn a_static_call_cannot_write_and_panics() {
    let (mut relay, seen) = relay(NativeCallKind::Normal, Some(CALLEE), 50_000);
    relay.is_static = true;
    let (mut vm, _) = run(&caller_source(7, NATIVE, 60_000), world_with(Some(relay)));
    assert_eq!(seen.borrow().result, Some(Ok(NativeOutcome::Panic)));
    assert_eq!(slot(&mut vm, address(CALLEE, false), 3), U256::ZERO);
    assert!(vm.world.diff.events().is_empty());
}

#[test]
fn a_native_calling_itself_gets_a_panic() {
    // The native is taken out while its call runs: a call back into it panics at once.
    let (relay, seen) = relay(NativeCallKind::Normal, Some(NATIVE), 50_000);
    let (mut vm, end) = run(&caller_source(7, NATIVE, 60_000), world_with(Some(relay)));
    assert_eq!(end.kind, RetKind::Ok);
    assert_eq!(seen.borrow().result, Some(Ok(NativeOutcome::Panic)));
    assert_eq!(slot(&mut vm, address(NATIVE, false), 9), U256::from(1));
}

#[test]
fn a_mimic_call_from_user_mode_is_refused() {
    // A native registered at a user address runs in user mode: `far_call.mimic` is kernel-only,
    // so the request is refused and the native's call panics.
    let (relay, seen) = relay(NativeCallKind::Mimic(Address::ZERO), Some(CALLEE), 50_000);
    let mut world = world_with(None);
    let user_native = address(0x4444, true);
    world.register_native(user_native, Box::new(relay));
    let src = caller_source(7, 0x4444, 60_000).replace(
        "    add 17476, r0, r2\n",
        "    add 1, r0, r2\n    shl.s 152, r2, r2\n    add 17476, r2, r2\n",
    );
    let (mut vm, _) = run(&src, world);
    assert_eq!(seen.borrow().result, Some(Err(NativeError::KernelOnly)));
    assert_eq!(slot(&mut vm, address(CALLER, true), 1), U256::from(1), "the call panicked");
    assert_eq!(slot(&mut vm, user_native, 9), U256::ZERO, "rolled back");
}

#[test]
fn a_native_passes_at_most_63_64_of_what_is_left() {
    use zkstack_vm::opcodes::{FarCallKind, Opcode};
    // What the callee's first instruction (`context.ergs_left`) costs: a bytecode caller passing
    // 50,000 ergs sees the callee record 50,000 minus that price.
    let (mut direct, _) = run(&caller_source(7, CALLEE, 50_000), world_with(None));
    let callee = address(CALLEE, false);
    let recorded = u32::try_from(slot(&mut direct, callee, 4)).unwrap();
    let context_price = 50_000 - recorded;
    // The native starts with the 60,000 ergs the outer caller passed (it charges nothing) and
    // asks for all ergs: its far call pays the `far_call` base price (the opcode table, checked
    // against zkevm_opcode_defs by the oracle workspace) and the callee's first decommitment
    // (4 ergs a word, zk_evm's `ERGS_PER_CODE_WORD_DECOMMITMENT`); the callee gets 63/64 of the
    // rest, rounded down to a multiple of 63 as zk_evm rounds it.
    let (relay, seen) = relay(NativeCallKind::Normal, Some(CALLEE), u32::MAX);
    let (mut vm, _) = run(&caller_source(7, NATIVE, 60_000), world_with(Some(relay)));
    assert_eq!(seen.borrow().ergs_before, 60_000);
    let words = zkstack_vm::asm::assemble(CALLEE_SOURCE).unwrap().len() as u32 / 32;
    let left = 60_000 - Opcode::FarCall(FarCallKind::Normal).ergs_cost() - 4 * words;
    let passed = left / 64 * 63;
    assert_eq!(slot(&mut vm, callee, 4), U256::from(passed - context_price));
}
