//! The records of the witness stream, field for field what zk_evm 0.153 hands its
//! `VmWitnessTracer` (`zk_evm_abstractions::queries`), in this crate's types.

use alloy_primitives::{Address, U256};

/// Timestamps a cycle advances by (zk_evm's `TIME_DELTA_PER_CYCLE`); each access of a cycle
/// uses one of the four sub-slots ([`Slot`]).
pub const TIME_DELTA_PER_CYCLE: u32 = 4;

/// The sub-slot of a cycle's timestamp an access uses (offset from the cycle's first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Slot {
    /// The code read and every `src0` or heap read.
    Read = 0,
    /// Log queries, decommitments and the precompile's reads.
    Log = 1,
    /// The precompile's writes.
    PrecompileWrite = 2,
    /// The `dst0` stack write and heap writes.
    Write = 3,
}

/// Which kind of memory a query addresses (zk_evm's `MemoryType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemoryKind {
    /// A frame's heap.
    Heap,
    /// A frame's aux heap.
    AuxHeap,
    /// A frame's stack.
    Stack,
    /// A code page.
    Code,
    /// Any page, read through a fat pointer.
    FatPointer,
    /// The static memory page.
    StaticMemory,
}

/// One memory access (zk_evm's `MemoryQuery`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MemoryQuery {
    /// When: the cycle's first timestamp plus the access's [`Slot`].
    pub timestamp: u32,
    /// The kind of memory.
    pub kind: MemoryKind,
    /// The page.
    pub page: u32,
    /// The 32-byte cell within the page.
    pub index: u32,
    /// The value read, or the value written.
    pub value: U256,
    /// Whether the value is tagged as a pointer.
    pub is_pointer: bool,
    /// A write (`true`) or a read.
    pub is_write: bool,
}

/// `aux_byte` of a storage access.
pub const STORAGE_AUX_BYTE: u8 = 0;
/// `aux_byte` of an event.
pub const EVENT_AUX_BYTE: u8 = 1;
/// `aux_byte` of an L2→L1 message.
pub const L1_MESSAGE_AUX_BYTE: u8 = 2;
/// `aux_byte` of a precompile call.
pub const PRECOMPILE_AUX_BYTE: u8 = 3;
/// `aux_byte` of a transient storage access.
pub const TRANSIENT_STORAGE_AUX_BYTE: u8 = 4;

/// One log query (zk_evm's `LogQuery`): a storage or transient storage access, an event, an
/// L2→L1 message or a precompile call, as executed (never a rollback: the queue builder derives
/// those from [`WitnessEvent::FinishContext`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LogQuery {
    /// When: the cycle's first timestamp plus [`Slot::Log`].
    pub timestamp: u32,
    /// The transaction number in the batch.
    pub tx_number: u16,
    /// What the query is ([`STORAGE_AUX_BYTE`], ...).
    pub aux_byte: u8,
    /// The shard.
    pub shard_id: u8,
    /// The address the query is made for.
    pub address: Address,
    /// The key (for a precompile call: its ABI word, pages filled in).
    pub key: U256,
    /// The value before (reads also put it in `written_value`); zero for events and messages.
    pub read_value: U256,
    /// The value written.
    pub written_value: U256,
    /// A write (`true`) or a read.
    pub rw_flag: bool,
    /// Whether this is the rollback of an earlier write (never, as reported by the VM).
    pub rollback: bool,
    /// The `.first` flag of the instruction (zk_evm's `is_service`).
    pub is_service: bool,
}

/// One decommitment (zk_evm's `DecommittmentQuery`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DecommitQuery {
    /// When: the cycle's first timestamp plus [`Slot::Log`].
    pub timestamp: u32,
    /// Bytes 0..4 of the versioned hash.
    pub header: [u8; 4],
    /// Bytes 4..32 of the versioned hash: what identifies the code.
    pub normalized_preimage: [u8; 28],
    /// The page the code is (or goes) in.
    pub page: u32,
    /// The code's length in words.
    pub length_in_words: u16,
    /// Whether this is the first decommitment of the code (it is written into `page`).
    pub is_fresh: bool,
}

/// The new frame of [`WitnessEvent::StartContext`]: the fields of zk_evm's `CallStackEntry`
/// that the VM keeps for every frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContextStart {
    /// A near call (`true`) or a far call.
    pub is_local: bool,
    /// The frame's address.
    pub this_address: Address,
    /// Its caller.
    pub caller: Address,
    /// Whose code runs.
    pub code_address: Address,
    /// Its base page.
    pub base_page: u32,
    /// Its code page.
    pub code_page: u32,
    /// Where it starts.
    pub pc: u16,
    /// Its stack pointer.
    pub sp: u16,
    /// The ergs it is given.
    pub ergs: u32,
    /// Where a panic or revert out of it returns to.
    pub exception_handler: u16,
    /// Whether it is static.
    pub is_static: bool,
    /// Its heap bound.
    pub heap_bound: u32,
    /// Its aux heap bound.
    pub aux_heap_bound: u32,
}

/// What the VM reports to a witness tracer ([`crate::tracer::Tracer::witness`]), in zk_evm's
/// order within a cycle. Timestamps in it are the [`Slot`] offsets only; the tracer knows the
/// cycle and adds its first timestamp ([`super::WitnessTracer`] does).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WitnessEvent {
    /// A memory access (`add_memory_query`).
    Memory(MemoryQuery),
    /// A log query (`add_log_query`).
    Log(LogQuery),
    /// The ergs a storage access gives back, before the access (`record_refund_for_query`;
    /// the query as the opcode forms it, before storage fills `read_value`).
    StorageRefund(LogQuery, u32),
    /// The pubdata a storage access costs, after it (`record_pubdata_cost_for_query`).
    StoragePubdata(LogQuery, i32),
    /// A decommitment looked up (`prepare_for_decommittment`).
    PrepareDecommit(DecommitQuery),
    /// A decommitment carried out (`execute_decommittment`), with the words written for a
    /// fresh one (none otherwise).
    ExecuteDecommit(DecommitQuery, Vec<U256>),
    /// A frame entered (`start_new_execution_context`).
    StartContext(ContextStart),
    /// A frame left (`finish_execution_context`): whether it reverted or panicked.
    FinishContext(bool),
}
