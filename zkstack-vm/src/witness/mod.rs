//! The witness stream: every memory, log and decommitment query and every frame entered or
//! left, with zk_evm 0.153's timestamps, in the order zk_evm reports them to its
//! `VmWitnessTracer` — what the prover's queues (memory, log with rollbacks, decommitment)
//! are built from.
//!
//! The VM reports [`WitnessEvent`]s through [`Tracer::witness`](crate::tracer::Tracer::witness)
//! only for a tracer whose [`Tracer::WITNESS`](crate::tracer::Tracer::WITNESS) is `true`: the
//! test is on a constant, so an ordinary run compiles the reporting away. [`WitnessTracer`]
//! records the stream, adds the code reads zk_evm makes when it fetches instruction words, and
//! stamps each query with zk_evm's timestamp (4 per cycle, one sub-slot per access kind:
//! [`Slot`]).
//!
//! What is reported, as zk_evm reports it:
//! - memory: the code word read when pc moves to another word or page (zk_evm caches one
//!   word of 4 instructions); `src0` read from the
//!   stack or the code page; `dst0` written to the stack; heap, aux heap, static memory and
//!   fat-pointer reads (one word, two when unaligned) and writes (each word read first, then
//!   written); not the words a decommitment writes (they come with
//!   [`WitnessEvent::ExecuteDecommit`]);
//! - log queries: `log.sread`/`swrite`/`tread`/`twrite`/`event`/`tol1`/`precompile` and the
//!   far call's read of the callee's code hash, with the refund (storage reads and writes)
//!   and pubdata (every storage access) records around them;
//! - decommitments of far calls and `log.decommit`: looked up, then carried out;
//! - frames started (near and far calls) and finished (every `ret`, with whether it reverted).
//!
//! Checked against zk_evm 0.153.12 with a recording `VmWitnessTracer`, event for event with
//! timestamps and cycle counters, on the 62 `zkevm_test_harness` testdata scenarios
//! (`oracle/tests/witness/mod.rs`) and on random short runs (`oracle/tests/execution.rs`).
//!
//! The tracer gives the queries as the VM makes them. The harness's own tracer builds its
//! queues from the same callbacks: it derives rollbacks itself (every write of a frame that
//! finishes with `FinishContext(true)` gets a rollback entry), so rollbacks are not events here.
//!
//! Not reported yet: the memory queries of a precompile's rounds (zk_evm's
//! `add_precompile_call_result`: the words it reads and writes and its round witness), and
//! anything a [`NativeContract`](crate::world::NativeContract) does (zk_evm has no such thing).
//!
//! What the harness (`zkevm_test_harness` 0.153 `witness/tracer/tracer.rs`, its
//! `VmWitnessTracer`) takes from zk_evm besides this stream, so still needed before it can run
//! on zkstack-vm's trace instead:
//! - VM state snapshots for the main VM circuit: zk_evm's whole `VmLocalState` at the first
//!   cycle and every `cycles_per_snapshot` cycles (`start_new_execution_cycle`): registers,
//!   flags, every call-stack entry in zk_evm's layout (with `context_u128_value`, `stipend`,
//!   `total_pubdata_spent`, `is_local_frame` per entry, near frames as full entries), the
//!   pending exception, the code-word cache (`previous_code_word`, `previous_super_pc`,
//!   `previous_code_memory_page`), `memory_page_counter`, `timestamp`,
//!   `monotonic_cycle_counter`, `tx_number_in_block`, `pubdata_revert_counter`,
//!   `context_u128_register`. This crate's `State` holds the values, but near frames keep only
//!   what a return restores ([`crate::frame::NearFrame`]) and the counters and cache live in
//!   [`WitnessTracer`] or the world;
//! - the precompile round witnesses above (keccak, sha256, ecrecover, secp256r1, modexp,
//!   ecadd, ecmul, ecpairing circuits);
//! - the full `CallStackEntry` of each started context (the harness keeps a call stack with
//!   per-frame forward and rollback log queues from it), not only the fields in
//!   [`ContextStart`];
//! - storage refunds and pubdata as the batch's storage oracle computes them in the harness's
//!   setup (`StoragePricing` here; the differential test uses zk_evm's reference storage).

pub mod query;
pub mod tracer;

pub use query::{
    ContextStart, DecommitQuery, LogQuery, MemoryKind, MemoryQuery, Slot, TIME_DELTA_PER_CYCLE,
    WitnessEvent,
};
pub use tracer::{Recorded, WitnessTracer};
