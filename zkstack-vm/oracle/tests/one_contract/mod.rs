//! The one-contract setup of `zkstack run` (ARCHITECTURE.md; `zkstack_vm::run`) built a second
//! time on zk_evm 0.153.12, from the description rather than from zkstack-vm's code: a far frame
//! with all the ergs and no entry cost over the empty root context (which holds 0 ergs, so that
//! after the final return it holds exactly what was handed back), heap bounds of a fresh frame,
//! r1 the tagged calldata pointer on the page below the frame's base page, each contract's code
//! known to the decommitter and its hash in the deployer's storage.
//!
//! Storage pricing is the storage oracle's decision in zk_evm. Its oracle here replays
//! zkstack-vm's batch pricing ([`zkstack_vm::world::WorldDiff`], the default of `zkstack run`) on
//! the queries zk_evm makes, so these tests check that the VMs apply the same refunds and pubdata
//! identically; the batch pricing itself is checked against zksync_vm2 in tests/storage_vm2.rs.

#![allow(dead_code, reason = "each test file uses part of this")]

use std::collections::{BTreeSet, HashMap};

use zk_evm::abstractions::{
    EventSink, Memory as RefMemory, MemoryType, Storage as RefStorageTrait, StorageAccessRefund,
};
use zk_evm::aux_structures::{LogQuery, MemoryPage, MemoryQuery, PubdataCost, Timestamp};
use zk_evm::block_properties::BlockProperties;
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::reference_impls::decommitter::SimpleDecommitter;
use zk_evm::reference_impls::event_sink::InMemoryEventSink;
use zk_evm::testing::storage::InMemoryStorage as RefInMemoryStorage;
use zk_evm::tracing::{
    AfterDecodingData, AfterExecutionData, BeforeExecutionData, Tracer as RefTracer,
    VmLocalStateData,
};
use zk_evm::vm_state::{CallStackEntry, Callstack, PrimitiveValue, Version, VmLocalState, VmState};
use zk_evm::witness_trace::DummyTracer;
use zkevm_opcode_defs::decoding::EncodingModeProduction;
use zkevm_opcode_defs::{Opcode as RefOpcode, RetOpcode};
use zkstack_vm::run::{ContractRun, RunOutcome, RunStatus, bytecode_hash, deployer_slot};
use zkstack_vm::world::{InMemoryStorage, LogEntry, Snapshot, StorageKey, WorldDiff};
use zkstack_vm::{Address, U256};

/// The base page of the contract's frame: the first frame of a batch (`STARTING_BASE_PAGE`).
pub const BASE_PAGE: u32 = 2048;
/// The calldata page: the one below it.
pub const CALLDATA_PAGE: u32 = BASE_PAGE - 1;
/// Heap bytes a fresh user frame has paid for (`NEW_FRAME_MEMORY_STIPEND`).
pub const USER_ALLOWANCE: u32 = 1 << 12;
/// Heap bytes a fresh kernel frame has paid for (`NEW_KERNEL_FRAME_MEMORY_STIPEND`).
pub const KERNEL_ALLOWANCE: u32 = 1 << 21;

/// The committed storage both VMs start from: empty.
pub fn committed() -> InMemoryStorage {
    InMemoryStorage::new()
}

/// One contract to run, and the contracts deployed beside it.
#[derive(Clone, Debug)]
pub struct Setup {
    pub bytecode: Vec<u8>,
    pub calldata: Vec<u8>,
    pub ergs: u32,
    pub address: Address,
    pub others: Vec<(Address, Vec<u8>)>,
}

impl Setup {
    /// `bytecode` at `address` with `ergs`, no calldata, nothing else deployed.
    pub fn new(bytecode: Vec<u8>, address: Address, ergs: u32) -> Self {
        Setup { bytecode, calldata: Vec::new(), ergs, address, others: Vec::new() }
    }

    /// zkstack-vm's side.
    pub fn ours(&self) -> ContractRun {
        let mut run = ContractRun::new(self.bytecode.clone())
            .calldata(self.calldata.clone())
            .ergs(self.ergs)
            .address(self.address)
            .storage(Box::new(committed()));
        for (address, code) in &self.others {
            run = run.deploy(*address, code.clone());
        }
        run
    }

    /// zk_evm's side, at its first cycle.
    pub fn reference(&self) -> RefVm {
        let kernel = self.address.0[..18].iter().all(|b| *b == 0);
        let allowance = if kernel { KERNEL_ALLOWANCE } else { USER_ALLOWANCE };
        let mut entry = CallStackEntry::empty_context();
        entry.this_address = ref_address(&self.address);
        entry.msg_sender = RefAddress::zero();
        entry.code_address = entry.this_address;
        entry.base_memory_page = MemoryPage(BASE_PAGE);
        entry.code_page = MemoryPage(BASE_PAGE);
        entry.sp = 0;
        entry.pc = 0;
        entry.ergs_remaining = self.ergs;
        entry.heap_bound = allowance;
        entry.aux_heap_bound = allowance;
        let mut root = CallStackEntry::empty_context();
        root.ergs_remaining = 0;

        let mut local = VmLocalState::<8, EncodingModeProduction>::empty_state();
        local.callstack = Callstack { current: entry, inner: vec![root] };
        local.memory_page_counter = BASE_PAGE + 8;
        let calldata_ptr = U256::from(self.calldata.len()) << 96 | U256::from(CALLDATA_PAGE) << 32;
        local.registers[0] = PrimitiveValue { value: to_ref(&calldata_ptr), is_pointer: true };

        let mut memory = OracleMemory::default();
        for (i, w) in self.bytecode.chunks(32).enumerate() {
            memory.code.insert((BASE_PAGE, i as u32), to_ref(&U256::from_be_slice(w)));
        }
        for (i, chunk) in self.calldata.chunks(32).enumerate() {
            let mut word = [0u8; 32];
            word[..chunk.len()].copy_from_slice(chunk);
            memory
                .cells
                .insert((CALLDATA_PAGE, i as u32), (RefU256::from_big_endian(&word), false));
        }
        let mut storage = RefInMemoryStorage::new();
        let mut shadow_committed = committed();
        let mut known = Vec::new();
        let contracts = std::iter::once((self.address, &self.bytecode))
            .chain(self.others.iter().map(|(a, b)| (*a, b)));
        for (address, code) in contracts {
            let hash = U256::from_be_bytes(bytecode_hash(code).expect("deployable").0);
            let slot = deployer_slot(&address);
            shadow_committed.insert(slot, hash);
            storage.populate(vec![(
                0,
                ref_address(&slot.address),
                to_ref(&slot.key),
                to_ref(&hash),
            )]);
            known.push((
                to_ref(&hash),
                code.chunks(32).map(|w| to_ref(&U256::from_be_slice(w))).collect(),
            ));
        }
        let mut decommitter = SimpleDecommitter::new();
        decommitter.populate(known);
        let mut storage = PricedStorage {
            inner: storage,
            committed: shadow_committed,
            shadow: WorldDiff::new(),
            snapshots: Vec::new(),
            pending_pubdata: None,
            refund_asked: false,
        };
        let mut event_sink = InMemoryEventSink::new();
        for _ in 0..=local.callstack.depth() {
            storage.start_frame(Timestamp(0));
            event_sink.start_frame(Timestamp(0));
        }
        VmState {
            local_state: local,
            // zk_evm insists on well-formed hashes here (version 1, no code); zkstack-vm's are
            // zero. Neither is ever used: no program calls an address without code.
            block_properties: BlockProperties {
                default_aa_code_hash: RefU256::from(1) << 248,
                evm_emulator_code_hash: RefU256::from(1) << 248,
                zkporter_is_available: false,
            },
            storage,
            memory,
            event_sink,
            precompiles_processor: NoPrecompiles,
            decommittment_processor: decommitter,
            witness_tracer: DummyTracer,
            version: Version::latest(),
            dst1_was_updated_this_cycle: false,
        }
    }
}

// ---------------------------------------------------------------- zk_evm's plumbing

pub type RefVm = VmState<
    PricedStorage,
    OracleMemory,
    InMemoryEventSink,
    NoPrecompiles,
    SimpleDecommitter<false>,
    DummyTracer,
    8,
    EncodingModeProduction,
>;

pub fn to_ref(v: &U256) -> RefU256 {
    RefU256(*v.as_limbs())
}

pub fn from_ref(v: &RefU256) -> U256 {
    U256::from_limbs(v.0)
}

pub fn ref_address(a: &Address) -> RefAddress {
    RefAddress::from_slice(a.as_slice())
}

/// Memory for zk_evm: data cells with pointer tags, code pages apart, and what was written.
#[derive(Debug, Default)]
pub struct OracleMemory {
    pub cells: HashMap<(u32, u32), (RefU256, bool)>,
    pub code: HashMap<(u32, u32), RefU256>,
    pub written: BTreeSet<u32>,
}

impl RefMemory for OracleMemory {
    fn execute_partial_query(&mut self, _: u32, mut q: MemoryQuery) -> MemoryQuery {
        let key = (q.location.page.0, q.location.index.0);
        if q.rw_flag && q.location.memory_type == MemoryType::Code {
            self.code.insert(key, q.value);
        } else if q.rw_flag {
            self.cells.insert(key, (q.value, q.value_is_pointer));
            self.written.insert(key.0);
        } else {
            let (v, p) = self.cells.get(&key).copied().unwrap_or_default();
            q.value = v;
            q.value_is_pointer = p;
        }
        q
    }

    fn specialized_code_query(&mut self, c: u32, q: MemoryQuery) -> MemoryQuery {
        if q.rw_flag {
            self.code.insert((q.location.page.0, q.location.index.0), q.value);
            return q;
        }
        self.read_code_query(c, q)
    }

    fn read_code_query(&self, _: u32, mut q: MemoryQuery) -> MemoryQuery {
        let key = (q.location.page.0, q.location.index.0);
        q.value = self.code.get(&key).copied().unwrap_or_default();
        q.value_is_pointer = false;
        q
    }
}

use zkstack_vm_oracle::RefNoPrecompiles as NoPrecompiles;

/// zk_evm's reference storage for values and rollbacks, priced by a shadow [`WorldDiff`] (batch
/// pricing, as zkstack-vm's own world) fed with the queries zk_evm makes: the refund asked before
/// each persistent access performs the access on the shadow, the write's pubdata is reported
/// after it, and a persistent read nobody asked a refund for (a far call's code-hash read) only
/// warms the slot, as zkstack-vm's far call does.
pub struct PricedStorage {
    pub inner: RefInMemoryStorage,
    committed: InMemoryStorage,
    shadow: WorldDiff,
    snapshots: Vec<Snapshot>,
    pending_pubdata: Option<i32>,
    refund_asked: bool,
}

impl core::fmt::Debug for PricedStorage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PricedStorage").field("inner", &self.inner).finish_non_exhaustive()
    }
}

const STORAGE_AUX_BYTE: u8 = zkevm_opcode_defs::system_params::STORAGE_AUX_BYTE;

fn our_key(q: &LogQuery) -> StorageKey {
    StorageKey { shard: q.shard_id, address: Address::from(q.address.0), key: from_ref(&q.key) }
}

impl RefStorageTrait for PricedStorage {
    fn get_access_refund(&mut self, _: u32, q: &LogQuery) -> StorageAccessRefund {
        if q.aux_byte != STORAGE_AUX_BYTE {
            return StorageAccessRefund::Cold;
        }
        self.refund_asked = true;
        let key = our_key(q);
        let refund = if q.rw_flag {
            let (refund, pubdata) =
                self.shadow.write_storage(&mut self.committed, &key, from_ref(&q.written_value));
            self.pending_pubdata = Some(pubdata);
            refund
        } else {
            self.shadow.read_storage(&mut self.committed, &key).1
        };
        match refund {
            0 => StorageAccessRefund::Cold,
            ergs => StorageAccessRefund::Warm { ergs },
        }
    }

    fn execute_partial_query(&mut self, c: u32, q: LogQuery) -> (LogQuery, PubdataCost) {
        let (q, cost) = self.inner.execute_partial_query(c, q);
        if q.aux_byte != STORAGE_AUX_BYTE {
            return (q, cost);
        }
        if !core::mem::take(&mut self.refund_asked) {
            self.shadow.read_storage_without_refund(&mut self.committed, &our_key(&q));
            return (q, cost);
        }
        match self.pending_pubdata.take() {
            Some(pubdata) if q.rw_flag => (q, PubdataCost(pubdata)),
            _ => (q, cost),
        }
    }

    fn start_frame(&mut self, t: Timestamp) {
        self.inner.start_frame(t);
        self.snapshots.push(self.shadow.snapshot());
    }

    fn finish_frame(&mut self, t: Timestamp, panicked: bool) {
        self.inner.finish_frame(t, panicked);
        if let Some(snapshot) = self.snapshots.pop()
            && panicked
        {
            self.shadow.rollback(snapshot);
        }
    }

    fn start_new_tx(&mut self, t: Timestamp) {
        self.inner.start_new_tx(t);
    }
}

/// Remembers how the contract's own frame last returned (`ret.ok`/`.revert`/`.panic`, after
/// exceptions turned into `ret.panic`), as zk_evm records no status of its own.
#[derive(Debug, Default)]
pub struct LastReturn(pub Option<RetOpcode>);

impl RefTracer for LastReturn {
    const CALL_BEFORE_EXECUTION: bool = true;
    type SupportedMemory = OracleMemory;

    fn before_decoding(&mut self, _: VmLocalStateData<'_>, _: &OracleMemory) {}
    fn after_decoding(&mut self, _: VmLocalStateData<'_>, _: AfterDecodingData, _: &OracleMemory) {}
    fn before_execution(
        &mut self,
        state: VmLocalStateData<'_>,
        data: BeforeExecutionData,
        _: &OracleMemory,
    ) {
        let stack = &state.vm_local_state.callstack;
        if let RefOpcode::Ret(kind) = data.opcode.variant.opcode
            && !stack.current.is_local_frame
            && stack.depth() == 1
        {
            self.0 = Some(kind);
        }
    }
    fn after_execution(
        &mut self,
        _: VmLocalStateData<'_>,
        _: AfterExecutionData,
        _: &OracleMemory,
    ) {
    }
}

// ---------------------------------------------------------------- outcomes

/// What zk_evm's run produced, in zkstack-vm's terms.
#[derive(Debug)]
pub struct RefOutcome {
    pub status: RunStatus,
    pub return_data: Vec<u8>,
    pub ergs_used: u32,
    pub pubdata_spent: i32,
    pub events: Vec<LogEntry>,
    pub l2_to_l1_logs: Vec<LogEntry>,
    /// Non-zero slots other than the deployer's, as (shard, address, key, value).
    pub storage: BTreeSet<(u8, [u8; 20], U256, U256)>,
    pub cycles: u64,
}

/// Runs zk_evm until the contract's frame returns (at most `max_cycles` cycles).
pub fn run_reference(setup: &Setup, vm: &mut RefVm, max_cycles: u64) -> Result<RefOutcome, String> {
    let mut tracer = LastReturn::default();
    let mut cycles = 0;
    while !vm.execution_has_ended() {
        if cycles == max_cycles {
            return Err(format!("zk_evm did not finish in {max_cycles} cycles"));
        }
        vm.cycle(&mut tracer).map_err(|e| format!("zk_evm failed: {e}"))?;
        cycles += 1;
    }
    let local = &vm.local_state;
    let status = if local.flags.overflow_or_less_than_flag {
        RunStatus::Panic
    } else {
        match tracer.0 {
            Some(RetOpcode::Ok) => RunStatus::Ok,
            Some(RetOpcode::Revert) => RunStatus::Revert,
            _ => RunStatus::Panic,
        }
    };
    let ptr = zkstack_vm::memory::FatPointer::from_u256(&from_ref(&local.registers[0].value));
    let return_data = if status == RunStatus::Panic {
        Vec::new()
    } else {
        let start = ptr.start + ptr.offset;
        let bytes: Vec<u8> = (start / 32..(start + ptr.length - ptr.offset).div_ceil(32))
            .flat_map(|i| {
                let (v, _) = vm.memory.cells.get(&(ptr.page, i)).copied().unwrap_or_default();
                let mut b = [0u8; 32];
                v.to_big_endian(&mut b);
                b
            })
            .collect();
        let skip = (start % 32) as usize;
        bytes[skip..skip + (ptr.length - ptr.offset) as usize].to_vec()
    };
    let root = &local.callstack.current;
    let mut storage = BTreeSet::new();
    let deployer = deployer_slot(&setup.address).address;
    for (shard, map) in vm.storage.inner.inner.iter().enumerate() {
        for (address, slots) in map {
            for (k, v) in slots {
                if !v.is_zero() && address.0 != deployer.0.0 {
                    storage.insert((shard as u8, address.0, from_ref(k), from_ref(v)));
                }
            }
        }
    }
    let (events, l2_to_l1_logs) = queued(&vm.event_sink);
    Ok(RefOutcome {
        status,
        return_data,
        ergs_used: setup.ergs - root.ergs_remaining,
        pubdata_spent: root.total_pubdata_spent.0,
        events,
        l2_to_l1_logs,
        storage,
        cycles,
    })
}

/// Events and L2→L1 messages left in zk_evm's sink, its rolled-back entries netted out.
pub fn queued(sink: &InMemoryEventSink) -> (Vec<LogEntry>, Vec<LogEntry>) {
    let mut net: Vec<LogQuery> = Vec::new();
    for q in sink.frames_stack.iter().flat_map(|f| f.forward.iter()) {
        if q.rollback {
            let undone = LogQuery { rollback: false, ..*q };
            if let Some(i) = net.iter().rposition(|e| *e == undone) {
                net.remove(i);
            }
        } else {
            net.push(*q);
        }
    }
    let of = |aux: u8| -> Vec<LogEntry> {
        net.iter()
            .filter(|q| q.aux_byte == aux)
            .map(|q| LogEntry {
                shard_id: q.shard_id,
                address: Address::from(q.address.0),
                key: from_ref(&q.key),
                value: from_ref(&q.written_value),
                is_first: q.is_service,
                tx_number: q.tx_number_in_block,
            })
            .collect()
    };
    (of(1), of(2))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares zkstack-vm's outcome with zk_evm's, field by field.
pub fn compare(ours: &RunOutcome, theirs: &RefOutcome) -> Result<(), String> {
    let check = |what: &str, equal: bool, detail: String| {
        if equal { Ok(()) } else { Err(format!("{what}: {detail}")) }
    };
    check(
        "status",
        ours.status == theirs.status,
        format!("ours {:?}, zk_evm {:?}", ours.status, theirs.status),
    )?;
    check(
        "ergs_used",
        ours.ergs_used == theirs.ergs_used,
        format!("ours {}, zk_evm {}", ours.ergs_used, theirs.ergs_used),
    )?;
    check(
        "return_data",
        ours.return_data == theirs.return_data,
        format!("ours 0x{}, zk_evm 0x{}", hex(&ours.return_data), hex(&theirs.return_data)),
    )?;
    check(
        "pubdata",
        ours.pubdata_spent == theirs.pubdata_spent,
        format!("ours {}, zk_evm {}", ours.pubdata_spent, theirs.pubdata_spent),
    )?;
    check(
        "events",
        ours.events == theirs.events,
        format!("ours {:?}, zk_evm {:?}", ours.events, theirs.events),
    )?;
    check(
        "l2_to_l1_logs",
        ours.l2_to_l1_logs == theirs.l2_to_l1_logs,
        format!("ours {:?}, zk_evm {:?}", ours.l2_to_l1_logs, theirs.l2_to_l1_logs),
    )?;
    let mine: BTreeSet<_> = ours
        .storage_writes
        .iter()
        .filter(|w| !w.value.is_zero())
        .map(|w| (w.key.shard, w.key.address.0.0, w.key.key, w.value))
        .collect();
    check(
        "storage",
        mine == theirs.storage,
        format!("ours {mine:x?}, zk_evm {:x?}", theirs.storage),
    )
}
