//! The witness stream (`zkstack_vm::witness`) against zk_evm's: every harness testdata
//! scenario run on zk_evm 0.153.12 with a `VmWitnessTracer` that records what zk_evm reports
//! (memory, log, refund, pubdata and decommitment queries, contexts started and finished), and
//! on zkstack-vm with `WitnessTracer`; the two streams must be equal event for event,
//! timestamps and cycle counters included. The expected stream is zk_evm's alone.
//!
//! Not compared: zk_evm's `add_precompile_call_result` (the precompile's memory queries and
//! round witness; zkstack-vm does not report them yet): counted and listed instead.

use zk_evm::aux_structures::{DecommittmentQuery, LogQuery as RefLogQuery};
use zk_evm::aux_structures::{MemoryQuery as RefMemoryQuery, PubdataCost};
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::vm_state::{CallStackEntry, VmLocalState};
use zk_evm::witness_trace::VmWitnessTracer;
use zk_evm::zk_evm_abstractions::vm::{PrecompileCyclesWitness, StorageAccessRefund};
use zkevm_opcode_defs::STARTING_TIMESTAMP;
use zkevm_opcode_defs::decoding::EncodingModeProduction;
use zkstack_vm::exec::{Step, Vm};
use zkstack_vm::witness::{
    ContextStart, DecommitQuery, LogQuery, MemoryKind, MemoryQuery, Recorded, WitnessEvent,
    WitnessTracer,
};
use zkstack_vm::Address;

use super::{
    INITIAL_MONOTONIC_CYCLE_COUNTER, LastReturn, MAX_CYCLES, MemoryType, Programs, compiled,
    from_ref, harness_vm_with, our_vm,
};
use zkstack_vm::world::StoragePricing;

fn address(a: &RefAddress) -> Address {
    Address::from_slice(a.as_bytes())
}

fn memory(q: &RefMemoryQuery) -> MemoryQuery {
    let kind = match q.location.memory_type {
        MemoryType::Stack => MemoryKind::Stack,
        MemoryType::Code => MemoryKind::Code,
        MemoryType::Heap => MemoryKind::Heap,
        MemoryType::AuxHeap => MemoryKind::AuxHeap,
        MemoryType::FatPointer => MemoryKind::FatPointer,
        MemoryType::StaticMemory => MemoryKind::StaticMemory,
    };
    MemoryQuery {
        timestamp: q.timestamp.0,
        kind,
        page: q.location.page.0,
        index: q.location.index.0,
        value: from_ref(&q.value),
        is_pointer: q.value_is_pointer,
        is_write: q.rw_flag,
    }
}

fn log(q: &RefLogQuery) -> LogQuery {
    LogQuery {
        timestamp: q.timestamp.0,
        tx_number: q.tx_number_in_block,
        aux_byte: q.aux_byte,
        shard_id: q.shard_id,
        address: address(&q.address),
        key: from_ref(&q.key),
        read_value: from_ref(&q.read_value),
        written_value: from_ref(&q.written_value),
        rw_flag: q.rw_flag,
        rollback: q.rollback,
        is_service: q.is_service,
    }
}

fn decommit(q: &DecommittmentQuery) -> DecommitQuery {
    DecommitQuery {
        timestamp: q.timestamp.0,
        header: q.header.0,
        normalized_preimage: q.normalized_preimage.0,
        page: q.memory_page.0,
        length_in_words: q.decommitted_length,
        is_fresh: q.is_fresh,
    }
}

fn context(c: &CallStackEntry<8, EncodingModeProduction>) -> ContextStart {
    ContextStart {
        is_local: c.is_local_frame,
        this_address: address(&c.this_address),
        caller: address(&c.msg_sender),
        code_address: address(&c.code_address),
        base_page: c.base_memory_page.0,
        code_page: c.code_page.0,
        pc: c.pc,
        sp: c.sp,
        ergs: c.ergs_remaining,
        exception_handler: c.exception_handler_location,
        is_static: c.is_static,
        heap_bound: c.heap_bound,
        aux_heap_bound: c.aux_heap_bound,
    }
}

/// zk_evm's witness stream, in zkstack-vm's types, and the precompile results left out.
#[derive(Clone, Debug, Default)]
pub(super) struct Recording {
    events: Vec<Recorded>,
    precompile_results: usize,
}

impl Recording {
    fn push(&mut self, cycle: u32, event: WitnessEvent) {
        self.events.push(Recorded { cycle, event });
    }
}

impl VmWitnessTracer<8, EncodingModeProduction> for Recording {
    fn start_new_execution_cycle(&mut self, _: &VmLocalState<8, EncodingModeProduction>) {}
    fn end_execution_cycle(&mut self, _: &VmLocalState<8, EncodingModeProduction>) {}
    fn add_memory_query(&mut self, c: u32, q: RefMemoryQuery) {
        self.push(c, WitnessEvent::Memory(memory(&q)));
    }
    fn record_refund_for_query(&mut self, c: u32, q: RefLogQuery, refund: StorageAccessRefund) {
        self.push(c, WitnessEvent::StorageRefund(log(&q), refund.refund()));
    }
    fn add_log_query(&mut self, c: u32, q: RefLogQuery) {
        self.push(c, WitnessEvent::Log(log(&q)));
    }
    fn record_pubdata_cost_for_query(&mut self, c: u32, q: RefLogQuery, cost: PubdataCost) {
        self.push(c, WitnessEvent::StoragePubdata(log(&q), cost.0));
    }
    fn prepare_for_decommittment(&mut self, c: u32, q: DecommittmentQuery) {
        self.push(c, WitnessEvent::PrepareDecommit(decommit(&q)));
    }
    fn execute_decommittment(&mut self, c: u32, q: DecommittmentQuery, words: Vec<RefU256>) {
        let words = words.iter().map(from_ref).collect();
        self.push(c, WitnessEvent::ExecuteDecommit(decommit(&q), words));
    }
    fn add_precompile_call_result(
        &mut self,
        _: u32,
        _: RefLogQuery,
        _: Vec<RefMemoryQuery>,
        _: Vec<RefMemoryQuery>,
        _: PrecompileCyclesWitness,
    ) {
        self.precompile_results += 1;
    }
    fn add_revertable_precompile_call(&mut self, _: u32, _: RefLogQuery) {}
    fn start_new_execution_context(
        &mut self,
        c: u32,
        _: &CallStackEntry<8, EncodingModeProduction>,
        new: &CallStackEntry<8, EncodingModeProduction>,
    ) {
        self.push(c, WitnessEvent::StartContext(context(new)));
    }
    fn finish_execution_context(&mut self, c: u32, panicked: bool) {
        self.push(c, WitnessEvent::FinishContext(panicked));
    }
}

/// zk_evm's stream from the first cycle on (the entry frame's start, made while the harness
/// sets the VM up, is left out: zkstack-vm starts inside that frame), and the precompile
/// results it reported.
fn theirs(p: &Programs) -> (Vec<Recorded>, usize) {
    let mut vm = harness_vm_with(p, Recording::default());
    vm.witness_tracer.events.clear();
    let mut tracer = LastReturn::default();
    let mut cycles = 0;
    while !vm.execution_has_ended() && cycles < MAX_CYCLES {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| vm.cycle(&mut tracer)))
            .is_ok_and(|r| r.is_ok());
        std::panic::set_hook(hook);
        if !ok {
            break;
        }
        cycles += 1;
    }
    let recording = std::mem::take(&mut vm.witness_tracer);
    (recording.events, recording.precompile_results)
}

/// zkstack-vm's stream, with zk_evm's starting timestamp and cycle counter.
fn ours(p: &Programs) -> Vec<Recorded> {
    let vm = our_vm(p, StoragePricing::ZkEvmReference);
    let tracer = WitnessTracer::new(STARTING_TIMESTAMP, INITIAL_MONOTONIC_CYCLE_COUNTER);
    let mut vm = Vm::with_world(vm.state, vm.memory, tracer, vm.world);
    for _ in 0..MAX_CYCLES {
        match vm.step() {
            Ok(Step::Finished(_)) | Err(_) => break,
            Ok(_) => {}
        }
    }
    vm.tracer.events
}

/// Where two streams first differ, with a few events either side.
fn first_difference(a: &[Recorded], b: &[Recorded]) -> Option<String> {
    let at = a.iter().zip(b).position(|(x, y)| x != y).or_else(|| {
        (a.len() != b.len()).then(|| a.len().min(b.len()))
    })?;
    let from = at.saturating_sub(2);
    let show = |s: &[Recorded]| {
        s.iter()
            .skip(from)
            .take(5)
            .map(|r| format!("\n      {r:x?}"))
            .collect::<String>()
    };
    Some(format!(
        "event {at} of {} (ours) / {} (zk_evm):\n    ours:{}\n    zk_evm:{}",
        a.len(),
        b.len(),
        show(a),
        show(b)
    ))
}

#[test]
fn witness_streams_match_zk_evm() {
    let Some(all) = compiled() else { return };
    let mut failures = Vec::new();
    let mut events = 0;
    let mut with_precompiles = Vec::new();
    for (s, p) in &all {
        let (expected, precompile_results) = theirs(p);
        let got = ours(p);
        if precompile_results > 0 {
            with_precompiles.push(format!("{} ({precompile_results})", s.test));
        }
        match first_difference(&got, &expected) {
            Some(d) => failures.push(format!("{}: {d}", s.test)),
            None => events += expected.len(),
        }
    }
    eprintln!(
        "witness streams: {} of {} scenarios identical ({events} events); precompile results \
         not compared in: {with_precompiles:?}",
        all.len() - failures.len(),
        all.len()
    );
    assert!(failures.is_empty(), "{} streams differ:\n{}", failures.len(), failures.join("\n"));
}

/// Not blind: with the batch's storage pricing (warm refunds, compressed pubdata) the refund
/// and pubdata records of a storage scenario differ from zk_evm's.
#[test]
fn a_different_pricing_diverges() {
    let Some(all) = compiled() else { return };
    let (_, p) = all
        .iter()
        .find(|(s, _)| s.test == "test_pubdata_and_storage_writes")
        .expect("the scenario is listed");
    let (expected, _) = theirs(p);
    let vm = our_vm(p, StoragePricing::Batch);
    let tracer = WitnessTracer::new(STARTING_TIMESTAMP, INITIAL_MONOTONIC_CYCLE_COUNTER);
    let mut vm = Vm::with_world(vm.state, vm.memory, tracer, vm.world);
    while let Ok(Step::Continue | Step::Hook(_)) = vm.step() {}
    assert!(first_difference(&vm.tracer.events, &expected).is_some());
}

