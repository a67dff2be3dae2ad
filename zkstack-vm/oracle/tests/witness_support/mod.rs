//! zk_evm's witness stream recorded in zkstack-vm's types (`zkstack_vm::witness`), for the
//! differential tests that compare it with zkstack-vm's (`testdata_programs.rs`,
//! `execution.rs`).

use zk_evm::abstractions::MemoryType;
use zk_evm::aux_structures::{DecommittmentQuery, LogQuery as RefLogQuery};
use zk_evm::aux_structures::{MemoryQuery as RefMemoryQuery, PubdataCost};
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::vm_state::{CallStackEntry, VmLocalState};
use zk_evm::witness_trace::VmWitnessTracer;
use zk_evm::zk_evm_abstractions::vm::{PrecompileCyclesWitness, StorageAccessRefund};
use zkevm_opcode_defs::decoding::EncodingModeProduction;
use zkstack_vm::witness::{
    ContextStart, DecommitQuery, LogQuery, MemoryKind, MemoryQuery, Recorded, WitnessEvent,
};
use zkstack_vm::{Address, U256};

fn from_ref(v: &RefU256) -> U256 {
    U256::from_limbs(v.0)
}

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
pub struct Recording {
    /// The stream.
    pub events: Vec<Recorded>,
    /// How many precompile results zk_evm reported (not in the stream).
    pub precompile_results: usize,
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

/// Where two streams first differ, with a few events either side.
pub fn first_difference(a: &[Recorded], b: &[Recorded]) -> Option<String> {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))?;
    let from = at.saturating_sub(2);
    let show = |s: &[Recorded]| {
        s.iter().skip(from).take(5).map(|r| format!("\n      {r:x?}")).collect::<String>()
    };
    Some(format!(
        "event {at} of {} (ours) / {} (zk_evm):\n    ours:{}\n    zk_evm:{}",
        a.len(),
        b.len(),
        show(a),
        show(b)
    ))
}

/// How many events of each kind `events` holds (memory queries by kind and direction, log
/// queries by `aux_byte`), for the tests' summaries.
pub fn breakdown(events: &[Recorded]) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for r in events {
        let name = match &r.event {
            WitnessEvent::Memory(q) => {
                format!("memory {:?} {}", q.kind, if q.is_write { "write" } else { "read" })
            }
            WitnessEvent::Log(q) => format!("log aux {} rw {}", q.aux_byte, q.rw_flag),
            WitnessEvent::StorageRefund(..) => "refund".to_owned(),
            WitnessEvent::StoragePubdata(..) => "pubdata".to_owned(),
            WitnessEvent::PrepareDecommit(q) => format!("prepare decommit fresh {}", q.is_fresh),
            WitnessEvent::ExecuteDecommit(q, _) => format!("execute decommit fresh {}", q.is_fresh),
            WitnessEvent::StartContext(c) => format!("start context local {}", c.is_local),
            WitnessEvent::FinishContext(p) => format!("finish context panicked {p}"),
        };
        *counts.entry(name).or_insert(0) += 1;
    }
    counts
}
