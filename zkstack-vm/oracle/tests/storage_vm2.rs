//! Storage priced as a batch prices it: zkstack-vm against zksync_vm2 0.5 on storage-heavy
//! programs.
//!
//! Random programs of `sload`/`sstore` on a few slots (some committed, some never written;
//! values that change, repeat, go back to the committed value, or are wide), some of it in near
//! calls that revert (so warmth must survive a rollback and prepaid pubdata must not), run in a
//! user contract or in the system context (free slots) on both VMs. Compared: the ergs each
//! storage access gives back, the pubdata it charges, the ergs left at the end, the total
//! pubdata, and the final storage.
//!
//! Both hosts price a write with `zkstack_vm::world::pricing::cost_of_writing_storage` and
//! free slots with `is_free_storage_slot` (vm2 leaves both to its host; those two functions
//! transcribe zksync-era's host and are unit-tested in zkstack-vm against zksync_types'
//! compression examples): what this checks is vm2's refund and prepaid-pubdata machinery.
//!
//! `ZKSTACK_STORAGE_CASES=N` sets the number of programs (default 10,000).

use std::collections::BTreeMap;

use zkstack_vm::exec::{Handler, Instr, Vm};
use zkstack_vm::frame::{Frame, is_kernel_address};
use zkstack_vm::memory::{Memory, Stack};
use zkstack_vm::state::{Registers, State};
use zkstack_vm::tracer::Tracer;
use zkstack_vm::world::pricing::{cost_of_writing_storage, is_free_storage_slot};
use zkstack_vm::world::{InMemoryCode, InMemoryStorage, StorageKey, StorageSlot, World};
use zkstack_vm::{Address, U256};
use zkstack_vm_oracle::splitmix64;
use zksync_vm2::interface::{CallframeInterface, StateInterface};
use zksync_vm2::{ExecutionEnd, Program, Settings, StorageInterface, VirtualMachine};

use primitive_types::H160;

const ERGS: u32 = 20_000_000;

fn to_h160(a: &Address) -> primitive_types::H160 {
    primitive_types::H160::from_slice(a.as_slice())
}

fn to_theirs(v: &U256) -> primitive_types::U256 {
    primitive_types::U256(*v.as_limbs())
}

fn from_theirs(v: &primitive_types::U256) -> U256 {
    U256::from_limbs(v.0)
}

/// vm2's host: committed slots, priced as zksync-era's vm_fast host prices them.
struct Host {
    committed: BTreeMap<(primitive_types::H160, primitive_types::U256), primitive_types::U256>,
}

impl Host {
    fn our_slot(&self, contract: primitive_types::H160, key: primitive_types::U256) -> StorageSlot {
        match self.committed.get(&(contract, key)) {
            Some(v) => StorageSlot {
                value: from_theirs(v),
                is_initial_write: false,
                enumeration_index: Some(1),
            },
            None => StorageSlot::default_initial(),
        }
    }
}

impl StorageInterface for Host {
    fn read_storage(
        &mut self,
        contract: primitive_types::H160,
        key: primitive_types::U256,
    ) -> zksync_vm2::StorageSlot {
        let slot = self.our_slot(contract, key);
        zksync_vm2::StorageSlot {
            value: to_theirs(&slot.value),
            is_write_initial: slot.is_initial_write,
        }
    }

    fn cost_of_writing_storage(
        &mut self,
        initial: zksync_vm2::StorageSlot,
        new_value: primitive_types::U256,
    ) -> u32 {
        let slot = StorageSlot {
            value: from_theirs(&initial.value),
            is_initial_write: initial.is_write_initial,
            enumeration_index: None,
        };
        cost_of_writing_storage(&slot, &from_theirs(&new_value))
    }

    fn is_free_storage_slot(
        &self,
        contract: &primitive_types::H160,
        key: &primitive_types::U256,
    ) -> bool {
        let address = Address::from_slice(contract.as_bytes());
        is_free_storage_slot(&StorageKey { shard: 0, address, key: from_theirs(key) })
    }
}

impl zksync_vm2::World<()> for Host {
    fn decommit(&mut self, _hash: primitive_types::U256) -> Program<(), Self> {
        panic!("these programs make no far calls")
    }

    fn decommit_code(&mut self, _hash: primitive_types::U256) -> Vec<u8> {
        panic!("these programs make no far calls")
    }
}

/// Records, for every `sload`/`sstore` that runs, the ergs it gave back and the pubdata it
/// charged.
#[derive(Default)]
struct Accesses {
    before: Option<(u32, i32, u32)>,
    refunds: Vec<u32>,
    pubdata: Vec<i32>,
}

impl Tracer for Accesses {
    fn before_instruction(&mut self, state: &State, _memory: &Memory, instr: &Instr) {
        let storage = matches!(instr.handler, Handler::StorageRead | Handler::StorageWrite);
        self.before = (storage && state.current.ergs >= instr.ergs).then_some((
            state.current.ergs,
            state.pubdata_revert_counter,
            instr.ergs,
        ));
    }

    fn after_instruction(&mut self, state: &State, _memory: &Memory, _instr: &Instr) {
        if let Some((ergs, pubdata, price)) = self.before.take() {
            self.refunds.push(state.current.ergs - (ergs - price));
            self.pubdata.push(state.pubdata_revert_counter - pubdata);
        }
    }
}

struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        splitmix64(&mut self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Committed values of the slots 0..6 (`None`: never written).
fn committed(g: &mut Gen) -> [Option<u16>; 6] {
    core::array::from_fn(|_| match g.below(3) {
        0 => None,
        1 => Some(0),
        _ => Some(g.next() as u16),
    })
}

/// One block of storage accesses (assembly lines).
fn block(g: &mut Gen, committed: &[Option<u16>; 6], lines: &mut Vec<String>) {
    for _ in 0..1 + g.below(8) {
        let slot = g.below(6);
        lines.push(format!("    add {slot}, r0, r2"));
        if g.below(3) == 0 {
            lines.push("    sload r2, r4".into());
            continue;
        }
        match g.below(6) {
            0 => lines.push(format!("    add {}, r0, r3", committed[slot as usize].unwrap_or(0))),
            1 => lines.push("    add 0, r0, r3".into()),
            2 => {
                // a wide value: 0xffff << 200
                lines.push("    add 65535, r0, r3".into());
                lines.push("    shl.s 200, r3, r3".into());
            }
            3 => lines.push("    add 1, r4, r3".into()), // last read + 1
            _ => lines.push(format!("    add {}, r0, r3", g.next() as u16)),
        }
        lines.push("    sstore r2, r3".into());
    }
}

/// A program: blocks, some in near calls that return or revert; and its committed slots.
fn program(g: &mut Gen) -> (String, [Option<u16>; 6]) {
    let committed = committed(g);
    let mut main = vec![".text".to_string(), "main:".to_string()];
    let mut subs = Vec::new();
    for i in 0..1 + g.below(6) {
        if g.below(3) == 0 {
            main.push(format!("    near_call r0, @f{i}, @c{i}"));
            main.push(format!("c{i}:"));
            subs.push(format!("f{i}:"));
            block(g, &committed, &mut subs);
            subs.push(if g.below(2) == 0 { "    ret.revert r0" } else { "    ret.ok r0" }.into());
        } else {
            block(g, &committed, &mut main);
        }
    }
    main.push("    add r0, r0, r1".into());
    main.push("    ret.ok r1".into());
    main.extend(subs);
    (main.join("\n") + "\n", committed)
}

fn address(g: &mut Gen) -> Address {
    let mut b = [0u8; 20];
    if g.below(4) == 0 {
        b[18..].copy_from_slice(&0x800bu16.to_be_bytes()); // the system context: free slots
    } else {
        b[0] = 1;
        b[18..].copy_from_slice(&0x2345u16.to_be_bytes());
    }
    Address::from(b)
}

fn ours(bytecode: &[u8], this: Address, committed: &[Option<u16>; 6]) -> (Vm<Accesses>, u32) {
    let mut storage = InMemoryStorage::new();
    for (slot, value) in committed.iter().enumerate() {
        if let Some(v) = value {
            let key = StorageKey { shard: 0, address: this, key: U256::from(slot) };
            storage.insert(key, U256::from(*v));
        }
    }
    let world = World::new(Box::new(storage), Box::new(InMemoryCode::new()));
    let code = zkstack_vm::exec::Code::from_bytecode(bytecode)
        .unwrap_or_else(|e| panic!("assembled code decodes: {e}"));
    let frame = Frame {
        this_address: this,
        caller: Address::ZERO,
        code_address: this,
        is_kernel: is_kernel_address(&this),
        is_static: false,
        code,
        code_page: 0,
        base_page: 2048,
        pc: 0,
        sp: 0,
        ergs: ERGS,
        exception_handler: 0,
        this_shard_id: 0,
        caller_shard_id: 0,
        code_shard_id: 0,
        context_u128: 0,
        heap_bound: 4096,
        aux_heap_bound: 4096,
        stipend: 0,
        pubdata_spent: 0,
        stack: Stack::new(),
        near_calls: Vec::new(),
    };
    let state = State::entry(Registers::new(), frame);
    let mut vm = Vm::with_world(state, Memory::new(), Accesses::default(), world);
    let end = vm.run().unwrap_or_else(|e| panic!("runs: {e}"));
    (vm, end.ergs_left)
}

fn compare(seed: u64) -> Result<(), String> {
    let mut g = Gen(seed);
    let (src, committed) = program(&mut g);
    let this = address(&mut g);
    let bytecode = zkstack_vm::asm::assemble(&src).map_err(|e| format!("{e}\n{src}"))?;

    let (vm, ergs_left) = ours(&bytecode, this, &committed);

    let mut host = Host { committed: BTreeMap::new() };
    for (slot, value) in committed.iter().enumerate() {
        if let Some(v) = value {
            host.committed.insert((to_h160(&this), primitive_types::U256::from(slot)), (*v).into());
        }
    }
    let program = Program::<(), Host>::new(&bytecode, false);
    let settings = Settings {
        default_aa_code_hash: [0; 32],
        evm_interpreter_code_hash: [0; 32],
        hook_address: 0,
    };
    let mut theirs =
        VirtualMachine::new(to_h160(&this), program, H160::zero(), &[], ERGS, settings);
    let end = theirs.run(&mut host, &mut ());
    if !matches!(end, ExecutionEnd::ProgramFinished(_)) {
        return Err(format!("vm2 did not finish: {end:?}\n{src}"));
    }
    let refunds = theirs.world_diff().storage_refunds().to_vec();
    if vm.tracer.refunds != refunds {
        return Err(format!("refunds: ours {:?}, vm2 {refunds:?}\n{src}", vm.tracer.refunds));
    }
    let pubdata = theirs.world_diff().pubdata_costs().to_vec();
    if vm.tracer.pubdata != pubdata {
        return Err(format!("pubdata: ours {:?}, vm2 {pubdata:?}\n{src}", vm.tracer.pubdata));
    }
    let their_ergs = theirs.current_frame().gas();
    if ergs_left != their_ergs {
        return Err(format!("ergs left: ours {ergs_left}, vm2 {their_ergs}\n{src}"));
    }
    if vm.state.pubdata_revert_counter != theirs.pubdata() {
        return Err(format!(
            "total pubdata: ours {}, vm2 {}",
            vm.state.pubdata_revert_counter,
            theirs.pubdata()
        ));
    }
    let ours: Vec<(U256, U256)> =
        vm.world.diff.storage_changes().into_iter().map(|(k, _, v)| (k.key, v)).collect();
    let theirs: Vec<(U256, U256)> = theirs
        .world_diff()
        .get_storage_changes()
        .map(|((_, k), c)| (from_theirs(&k), from_theirs(&c.after)))
        .collect();
    if ours != theirs {
        return Err(format!("storage: ours {ours:?}, vm2 {theirs:?}"));
    }
    Ok(())
}

#[test]
fn storage_pricing_matches_vm2() {
    let cases: u64 =
        std::env::var("ZKSTACK_STORAGE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let mut seeds = 0x5eed_u64;
    for _ in 0..cases {
        let seed = splitmix64(&mut seeds);
        if let Err(e) = compare(seed) {
            panic!("seed {seed:#x}: {e}");
        }
    }
}
