//! The real v26 bootloader of a zksync_multivm VM dump, started on zkstack-vm (through
//! `zkstack_bootloader::executor::BatchExecutor`) and on zksync_vm2 0.5 (as zksync-era's
//! `vm_fast::Vm::custom` starts it), and one operator that answers the VM hooks of either.
//!
//! Shared by `tests/bootloader_vm2.rs` (the two side by side) and `benches/replay.rs`.

#![allow(dead_code, reason = "the test and the bench each use part of it")]

use std::collections::HashMap;
use std::rc::Rc;

use primitive_types::{H160, U256 as TheirU256};
use zkstack_bootloader::dump::{SnapshotCode, SnapshotStorage, StorageSnapshot, VmDump};
use zkstack_bootloader::executor::refund::{RefundInputs, compute_refund};
use zkstack_bootloader::executor::{BatchEnv, BatchExecutor, SystemEnvironment};
use zkstack_bootloader::memory::layout::{
    OPERATOR_REFUNDS_BEGIN_SLOT, RESULT_BEGIN_SLOT, TX_ENCODING_BEGIN_SLOT, TX_GAS_LIMIT_WORD,
    VM_HOOK_PARAMS_SLOT, VM_HOOK_SLOT, byte_of,
};
use zkstack_bootloader::system::BaseSystemContracts;
use zkstack_vm::exec::Step;
use zkstack_vm::memory::FatPointer as OurPointer;
use zkstack_vm::memory::params::{STARTING_BASE_PAGE, heap_page};
use zkstack_vm::world::pricing::{cost_of_writing_storage, is_free_storage_slot};
use zkstack_vm::world::{StorageKey, StorageSlot};
use zkstack_vm::{Address, RetKind, U256};
use zksync_vm2::interface::{CallframeInterface, HeapId, StateInterface};
use zksync_vm2::{ExecutionEnd, FatPointer, Program, Settings, StorageInterface, VirtualMachine};

/// The crate that ships the dumps.
pub const MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";
/// The fee-estimation dump (ends in a revert with empty output).
pub const FEE: &str = "estimate_fee_for_transfer_to_self";
/// The validation dump (recorded stopping after validation).
pub const VALIDATION: &str = "validation_adjacent_storage_slots";

/// zkstack-vm's bootloader heap page (base page 8 + 2, as the executor starts it).
const OUR_HEAP: u32 = heap_page(STARTING_BASE_PAGE);

fn theirs(v: &U256) -> TheirU256 {
    TheirU256(*v.as_limbs())
}

fn ours(v: &TheirU256) -> U256 {
    U256::from_limbs(v.0)
}

fn slot_byte(slot: usize) -> u32 {
    u32::try_from(byte_of(slot)).expect("bootloader slots lie below 2^32 bytes")
}

/// Where the VM stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The bootloader wrote this hook number.
    Hook(u32),
    /// The bootloader returned (`ok`) or reverted, with this data.
    Finished { ok: bool, data: Vec<u8> },
    /// The bootloader panicked.
    Panicked,
}

/// What the operator needs of a VM suspended at a hook.
pub trait BootVm {
    /// Runs to the next hook or the end.
    fn resume(&mut self) -> Stop;
    /// Ergs of the running frame.
    fn ergs(&mut self) -> u32;
    /// Sets the ergs of the running frame.
    fn set_ergs(&mut self, ergs: u32);
    /// A word of the bootloader heap.
    fn slot(&mut self, slot: usize) -> U256;
    /// Writes a word of the bootloader heap.
    fn set_slot(&mut self, slot: usize, value: &U256);
    /// The pubdata counter.
    fn pubdata(&mut self) -> i32;
    /// The bytes a fat pointer names.
    fn pointed(&mut self, pointer: &U256) -> Vec<u8>;
}

/// What the operator saw at one hook: enough to make its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookSeen {
    /// The hook number.
    pub hook: u32,
    /// Ergs of the bootloader frame when it fired.
    pub ergs: u32,
    /// The pubdata counter.
    pub pubdata: i32,
    /// The three hook parameters.
    pub params: [U256; 3],
}

/// How a transaction ended, as `vm_fast::Vm::run` in `OneTx` mode reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `PostResult` success (or `TxHasEnded` with a non-zero result slot), with its output.
    Success(Vec<u8>),
    /// `PostResult` failure (or a zero result slot), with its output.
    Revert(Vec<u8>),
    /// The bootloader itself ended.
    Finished(Stop),
}

/// The operator of one transaction run (zksync-era multivm `vm_fast::Vm::run`, `OneTx`).
#[derive(Debug)]
pub struct Operator {
    validation_left: u32,
    split: Option<(u32, u32)>,
    pubdata_before: i32,
    stop_after_validation: bool,
    base_fee: u64,
    fair_l2_gas_price: u64,
    fair_pubdata_price: u64,
    tx_index: usize,
    encoding_offset: usize,
    posted: Option<(bool, Vec<u8>)>,
    /// The final refund the bootloader announced.
    pub refund: u64,
    /// The refund the operator suggested.
    pub suggested: u64,
    /// Every hook seen, in order.
    pub seen: Vec<HookSeen>,
}

impl Operator {
    /// The operator of the first transaction of a batch in `env`/`system`.
    pub fn new(env: &BatchEnv, system: &SystemEnvironment, stop_after_validation: bool) -> Self {
        Operator {
            validation_left: system.default_validation_computational_gas_limit,
            split: None,
            pubdata_before: 0,
            stop_after_validation,
            base_fee: env.base_fee().expect("fee input in range"),
            fair_l2_gas_price: env.fee_input.fair_l2_gas_price(),
            fair_pubdata_price: env.fee_input.fair_pubdata_price().expect("fee input in range"),
            tx_index: 0,
            encoding_offset: 0,
            posted: None,
            refund: 0,
            suggested: 0,
            seen: Vec::new(),
        }
    }

    /// What the VM shows at hook `hook`.
    pub fn observe(vm: &mut impl BootVm, hook: u32) -> HookSeen {
        HookSeen {
            hook,
            ergs: vm.ergs(),
            pubdata: vm.pubdata(),
            params: core::array::from_fn(|i| vm.slot(VM_HOOK_PARAMS_SLOT + i)),
        }
    }

    /// Answers the hook `seen` (already observed on `vm`); `Some` when the transaction is over.
    pub fn answer(&mut self, vm: &mut impl BootVm, seen: HookSeen) -> Option<Outcome> {
        let [p0, p1, p2] = seen.params;
        let low = |v: &U256| v.as_limbs()[0];
        let out = match seen.hook {
            0 => {
                let given = seen.ergs.min(self.validation_left);
                self.split = Some((given, seen.ergs - given));
                vm.set_ergs(given);
                None
            }
            2 => {
                if let Some((given, hidden)) = self.split.take() {
                    self.validation_left -= given - seen.ergs;
                    vm.set_ergs(seen.ergs + hidden);
                }
                None
            }
            3 if self.stop_after_validation => Some(Outcome::Success(Vec::new())),
            4 => Some(match self.posted.take() {
                Some((true, data)) => Outcome::Success(data),
                Some((false, data)) => Outcome::Revert(data),
                None if vm.slot(RESULT_BEGIN_SLOT + self.tx_index).is_zero() => {
                    Outcome::Revert(Vec::new())
                }
                None => Outcome::Success(Vec::new()),
            }),
            8 => {
                let gas_limit =
                    vm.slot(TX_ENCODING_BEGIN_SLOT + self.encoding_offset + TX_GAS_LIMIT_WORD);
                #[allow(clippy::cast_sign_loss, reason = "vm_fast casts i32 to u32")]
                let published = (seen.pubdata as u32).saturating_sub(self.pubdata_before as u32);
                self.suggested = compute_refund(&RefundInputs {
                    base_fee: self.base_fee,
                    fair_l2_gas_price: self.fair_l2_gas_price,
                    fair_pubdata_price: self.fair_pubdata_price,
                    bootloader_refund: low(&p0),
                    gas_spent_on_pubdata: low(&p1),
                    tx_gas_limit: low(&gas_limit),
                    #[allow(clippy::cast_possible_truncation, reason = "vm_fast `low_u32`")]
                    gas_per_pubdata_byte: low(&p2) as u32,
                    pubdata_published: published,
                });
                self.pubdata_before = seen.pubdata;
                vm.set_slot(
                    OPERATOR_REFUNDS_BEGIN_SLOT + self.tx_index,
                    &U256::from(self.suggested),
                );
                None
            }
            9 => {
                self.refund = low(&p0);
                None
            }
            10 => {
                let data = vm.pointed(&p1);
                self.posted = Some((!p0.is_zero(), data));
                None
            }
            11 | 12 => {
                panic!("hook {} asks for batch sealing; these runs are one transaction", seen.hook)
            }
            13.. => panic!("unknown hook {}", seen.hook),
            _ => None,
        };
        self.seen.push(seen);
        out
    }

    /// Runs `vm` (alone) until the transaction ends.
    pub fn run(&mut self, vm: &mut impl BootVm) -> Outcome {
        loop {
            match vm.resume() {
                Stop::Hook(hook) => {
                    let seen = Self::observe(vm, hook);
                    if let Some(outcome) = self.answer(vm, seen) {
                        return outcome;
                    }
                }
                end => return Outcome::Finished(end),
            }
        }
    }
}

/// zkstack-vm, through the executor.
impl BootVm for BatchExecutor {
    fn resume(&mut self) -> Stop {
        let vm = self.vm_mut();
        loop {
            match vm.run_until_stop() {
                Ok(Step::Continue) => {}
                Ok(Step::Hook(n)) => return Stop::Hook(n),
                Ok(Step::Finished(end)) => {
                    return match end.kind {
                        RetKind::Panic => Stop::Panicked,
                        kind => {
                            let ptr = end.returndata;
                            let data = read_our_pointer(vm, &ptr);
                            Stop::Finished { ok: kind == RetKind::Ok, data }
                        }
                    };
                }
                Err(e) => panic!("zkstack-vm stopped: {e} at pc {}", vm.state.current.pc),
            }
        }
    }
    fn ergs(&mut self) -> u32 {
        self.vm().state.current.ergs
    }
    fn set_ergs(&mut self, ergs: u32) {
        self.vm_mut().state.current.ergs = ergs;
    }
    fn slot(&mut self, slot: usize) -> U256 {
        self.vm().memory.read_word(OUR_HEAP, slot_byte(slot))
    }
    fn set_slot(&mut self, slot: usize, value: &U256) {
        self.vm_mut().memory.write_word(OUR_HEAP, slot_byte(slot), value);
    }
    fn pubdata(&mut self) -> i32 {
        self.vm().state.pubdata_revert_counter
    }
    fn pointed(&mut self, pointer: &U256) -> Vec<u8> {
        read_our_pointer(self.vm_mut(), &OurPointer::from_u256(pointer))
    }
}

fn read_our_pointer<T: zkstack_vm::tracer::Tracer>(
    vm: &zkstack_vm::exec::Vm<T>,
    ptr: &OurPointer,
) -> Vec<u8> {
    let start = ptr.start.wrapping_add(ptr.offset) as usize;
    let len = ptr.length.saturating_sub(ptr.offset) as usize;
    match vm.memory.page(ptr.page) {
        Some(page) => (start..start + len).map(|i| page.byte(i)).collect(),
        None => vec![0; len],
    }
}

/// vm2's host: the dump's storage snapshot and every bytecode the dump knows, priced as
/// zksync-era's `vm_fast` host prices storage (zkstack-vm's transcription, `world::pricing`).
pub struct Host {
    snapshot: Rc<StorageSnapshot>,
    code: HashMap<[u8; 28], Vec<u8>>,
    /// Decoded programs by hash (vm_fast keeps such a cache for a batch).
    pub programs: HashMap<TheirU256, Program<(), Host>>,
    /// Slots read that the snapshot lacks.
    pub missing: Vec<(H160, TheirU256)>,
}

fn preimage(hash: &[u8; 32]) -> [u8; 28] {
    let mut p = [0u8; 28];
    p.copy_from_slice(&hash[4..]);
    p
}

impl StorageInterface for Host {
    fn read_storage(&mut self, contract: H160, key: TheirU256) -> zksync_vm2::StorageSlot {
        let address = Address::from_slice(contract.as_bytes());
        match self.snapshot.slot(&address, &ours(&key)) {
            Some(slot) => zksync_vm2::StorageSlot {
                value: theirs(&slot.value),
                is_write_initial: slot.enumeration_index.is_none(),
            },
            None => {
                self.missing.push((contract, key));
                zksync_vm2::StorageSlot::EMPTY
            }
        }
    }

    fn cost_of_writing_storage(
        &mut self,
        initial: zksync_vm2::StorageSlot,
        new_value: TheirU256,
    ) -> u32 {
        let slot = StorageSlot {
            value: ours(&initial.value),
            is_initial_write: initial.is_write_initial,
            enumeration_index: None,
        };
        cost_of_writing_storage(&slot, &ours(&new_value))
    }

    fn is_free_storage_slot(&self, contract: &H160, key: &TheirU256) -> bool {
        let address = Address::from_slice(contract.as_bytes());
        is_free_storage_slot(&StorageKey { shard: 0, address, key: ours(key) })
    }
}

impl zksync_vm2::World<()> for Host {
    fn decommit(&mut self, hash: TheirU256) -> Program<(), Self> {
        if let Some(p) = self.programs.get(&hash) {
            return p.clone();
        }
        let code = self.decommit_code(hash);
        let program = Program::new(&code, false);
        self.programs.insert(hash, program.clone());
        program
    }

    fn decommit_code(&mut self, hash: TheirU256) -> Vec<u8> {
        let bytes = ours(&hash).to_be_bytes::<32>();
        self.code
            .get(&preimage(&bytes))
            .cloned()
            .unwrap_or_else(|| panic!("vm2 decommits unknown code {hash:#x}"))
    }
}

/// zksync_vm2 with its host.
pub struct TheirVm {
    /// The VM.
    pub vm: VirtualMachine<(), Host>,
    /// Its host.
    pub host: Host,
}

impl BootVm for TheirVm {
    fn resume(&mut self) -> Stop {
        match self.vm.run(&mut self.host, &mut ()) {
            ExecutionEnd::SuspendedOnHook(n) => Stop::Hook(n),
            ExecutionEnd::ProgramFinished(data) => Stop::Finished { ok: true, data },
            ExecutionEnd::Reverted(data) => Stop::Finished { ok: false, data },
            ExecutionEnd::Panicked => Stop::Panicked,
            ExecutionEnd::StoppedByTracer => panic!("no tracer stops vm2 here"),
        }
    }
    fn ergs(&mut self) -> u32 {
        self.vm.current_frame().gas()
    }
    fn set_ergs(&mut self, ergs: u32) {
        self.vm.current_frame().set_gas(ergs);
    }
    fn slot(&mut self, slot: usize) -> U256 {
        ours(&self.vm.read_heap_u256(HeapId::FIRST, slot_byte(slot)))
    }
    fn set_slot(&mut self, slot: usize, value: &U256) {
        self.vm.write_heap_u256(HeapId::FIRST, slot_byte(slot), theirs(value));
    }
    fn pubdata(&mut self) -> i32 {
        self.vm.pubdata()
    }
    fn pointed(&mut self, pointer: &U256) -> Vec<u8> {
        let p = FatPointer::from(theirs(pointer));
        let start = p.start.wrapping_add(p.offset);
        let len = p.length.saturating_sub(p.offset);
        (0..len).map(|i| self.vm.read_heap_byte(p.memory_page, start.wrapping_add(i))).collect()
    }
}

/// The non-zero words (cell index, value) of `ex`'s bootloader heap.
pub fn heap_words(ex: &BatchExecutor) -> Vec<(u32, U256)> {
    ex.vm().memory.page(OUR_HEAP).expect("the executor wrote its heap").nonzero_words()
}

/// A dump, ready to start: its environments, contracts and first transaction.
pub struct Prepared {
    /// The dump.
    pub dump: VmDump,
    /// Its batch environment.
    pub env: BatchEnv,
    /// Its system environment.
    pub system: SystemEnvironment,
    /// Its base system contracts.
    pub contracts: BaseSystemContracts,
    /// Whether to stop at the end of validation (the validation dump was recorded so).
    pub stop_after_validation: bool,
}

impl Prepared {
    /// The dump `name` from `dir` (the unpacked zksync_multivm crate).
    pub fn load(dir: &std::path::Path, name: &str) -> Self {
        let path = dir.join("tests/vm_dumps").join(format!("{name}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let dump = VmDump::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let txs: usize = dump.l2_blocks.iter().map(|b| b.txs.len()).sum();
        assert_eq!(txs, 1, "{name}: the side-by-side run handles one transaction");
        Prepared {
            env: BatchEnv::from_dump(&dump),
            system: SystemEnvironment::from_dump(&dump).expect("a v26 dump"),
            contracts: BaseSystemContracts::from_dump(&dump),
            stop_after_validation: name == VALIDATION,
            dump,
        }
    }

    /// zkstack-vm: the executor over the dump's snapshot with its one transaction pushed.
    pub fn ours(&self) -> BatchExecutor {
        let snapshot = Rc::new(self.dump.storage.clone());
        let mut code = SnapshotCode::default();
        for (hash, bytes) in &snapshot.factory_deps {
            code.insert_bytes(hash, bytes);
        }
        let storage = SnapshotStorage::new(snapshot);
        let mut ex = BatchExecutor::new(
            self.env,
            self.system,
            &self.contracts,
            Box::new(storage),
            Box::new(code),
        )
        .expect("executor starts");
        let tx = &self.dump.l2_blocks[0].txs[0];
        let boot = tx.to_bootloader().expect("tx converts");
        ex.push_transaction(&boot, tx.factory_deps(), tx.is_l1()).expect("tx placed");
        ex
    }

    /// zksync_vm2, started as `vm_fast::Vm::custom` starts it, with the bootloader heap that
    /// `ours` wrote (batch environment and the transaction, from our `memory` writer).
    pub fn theirs(&self, heap_of: &BatchExecutor) -> TheirVm {
        self.theirs_with_heap(&heap_words(heap_of))
    }

    /// As [`Prepared::theirs`], from the heap words (`heap_words`) of such an executor.
    pub fn theirs_with_heap(&self, heap: &[(u32, U256)]) -> TheirVm {
        let mut code = HashMap::new();
        for c in core::iter::once(&self.contracts.default_aa)
            .chain(self.contracts.evm_emulator.as_ref())
            .chain(self.contracts.system.values())
        {
            code.insert(preimage(&c.hash.0), c.bytes());
        }
        for (hash, bytes) in &self.dump.storage.factory_deps {
            code.insert(preimage(&hash.0), bytes.to_vec());
        }
        for dep in self.dump.l2_blocks[0].txs[0].factory_deps() {
            let hash = zkstack_bootloader::l1::pubdata::bytecode_hash(dep).expect("valid bytecode");
            code.insert(preimage(&hash.0), dep.clone());
        }
        let host = Host {
            snapshot: Rc::new(self.dump.storage.clone()),
            code,
            programs: HashMap::new(),
            missing: Vec::new(),
        };
        let aa = self.contracts.default_aa.hash.0;
        let evm = self.contracts.evm_emulator.as_ref().map_or(aa, |e| e.hash.0);
        let bootloader = Program::new(&self.contracts.bootloader.bytes(), true);
        let address = H160::from_low_u64_be(0x8001);
        let settings = Settings {
            default_aa_code_hash: aa,
            evm_interpreter_code_hash: evm,
            hook_address: slot_byte(VM_HOOK_SLOT),
        };
        let mut vm = VirtualMachine::new(
            address,
            bootloader,
            H160::zero(),
            &[],
            self.system.bootloader_gas_limit,
            settings,
        );
        vm.current_frame().set_stack_pointer(0);
        vm.current_frame().set_heap_bound(u32::MAX);
        vm.current_frame().set_aux_heap_bound(u32::MAX);
        // zkevm_opcode_defs `INITIAL_FRAME_FORMAL_EH_LOCATION`.
        vm.current_frame().set_exception_handler(u16::MAX);
        for (cell, value) in heap {
            vm.write_heap_u256(HeapId::FIRST, cell * 32, theirs(value));
        }
        TheirVm { vm, host }
    }

    /// A fresh operator for this dump's transaction.
    pub fn operator(&self) -> Operator {
        Operator::new(&self.env, &self.system, self.stop_after_validation)
    }
}
