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
//! - memory: the code word read when pc moves to another word or page; `src0` read from the
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
//! Checked against zk_evm 0.153.12 with a recording `VmWitnessTracer`, event for event, on the
//! `zkevm_test_harness` testdata programs (`oracle/tests/witness.rs`).
//!
//! Not reported yet: the memory queries of a precompile's rounds (zk_evm's
//! `add_precompile_call_result`: the words it reads and writes and its round witness), and
//! anything a [`NativeContract`](crate::world::NativeContract) does (zk_evm has no such thing).
//!
//! What the harness needs beyond this stream to build every circuit from zkstack-vm instead of
//! zk_evm:
//! - per-cycle VM state snapshots for the main VM circuit (zk_evm's `VmLocalState` at the
//!   start and end of each cycle: registers, flags, the whole call stack entries including
//!   `context_u128`, `stipend`, `total_pubdata_spent`, `is_local_frame`, the pending exception,
//!   the previous code word cache, `memory_page_counter`, `tx_number_in_block`,
//!   `pubdata_revert_counter`) — this crate's `State` holds most of it, but not in zk_evm's
//!   layout and without the code-word cache or a per-near-frame `context_u128`;
//! - the precompile round witnesses above (keccak, sha256, ecrecover, secp256r1, modexp,
//!   ecadd, ecmul, ecpairing circuits);
//! - the full `CallStackEntry` of each started context (for the call-stack sponge), not only
//!   the fields in [`ContextStart`];
//! - storage refunds and pubdata as the batch's storage oracle computes them in the harness's
//!   setup (`StoragePricing` here; the differential test uses zk_evm's reference storage).

pub mod query;
pub mod tracer;

pub use query::{
    ContextStart, DecommitQuery, LogQuery, MemoryKind, MemoryQuery, Slot, TIME_DELTA_PER_CYCLE,
    WitnessEvent,
};
pub use tracer::{Recorded, WitnessTracer};
