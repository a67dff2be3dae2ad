//! A batch's auxiliary commitments: the events queue and the bootloader's initial heap, as the
//! scheduler circuit outputs them and L1 receives them in the batch's auxiliary output.
//!
//! Both are Poseidon2 (Goldilocks) queue commitments computed out of circuit, exactly as zkSync's
//! circuit_encodings 0.153.12 (`commitments.rs`) does for zksync-era's commitment generator:
//! - [`events_queue_commitment`]: the sorted and deduplicated events queue, each event a
//!   [`LogQuery`] packed into 20 field elements and absorbed together with the previous 4-element
//!   tail (`LogQueueSimulator`);
//! - [`initial_heap_content_commitment`]: the bootloader heap as 32-byte big-endian words, each a
//!   write to page `BOOTLOADER_HEAP_PAGE` at timestamp 0 packed into 8 elements and absorbed
//!   into a running 12-element sponge state (`MemoryQueueSimulator`);
//!
//! and then `finalize_queue_state` (absorb the tail and a `1`, keep 4 elements) and
//! `finalized_queue_state_as_bytes` (each element's canonical value, big-endian).
//! [`batch_aux_commitments`] computes both from a finished batch of the executor.
//!
//! The permutation, absorption and sponge are Boojum's own (`Poseidon2Goldilocks`, boojum's
//! `AlgebraicRoundFunction`); this module only encodes queries and drives the queues.
//!
//! ```
//! use zkstack_prover::aux_commitments::{
//!     LogQuery, events_queue_commitment, initial_heap_content_commitment,
//! };
//! use zkstack_prover::bootloader::l1::B256;
//! // An empty queue commits to its finalized all-zero tail.
//! let empty = events_queue_commitment(&[]);
//! assert_ne!(empty, B256::ZERO);
//! let one = events_queue_commitment(&[LogQuery { is_service: true, ..LogQuery::default() }]);
//! assert_ne!(one, empty);
//! // The heap is taken in 32-byte words, the last one padded with zero bytes.
//! assert_eq!(initial_heap_content_commitment(&[1]), initial_heap_content_commitment(&[1, 0]));
//! ```

mod batch;
mod log_query;
mod queue;

pub use batch::{
    AuxCommitmentsError, batch_aux_commitments, events_from_log, heap_commitment_of_writes,
};
pub use log_query::LogQuery;
pub use queue::{
    events_queue_commitment, initial_heap_content_commitment, initial_heap_words_commitment,
};

/// zkevm_opcode_defs `BOOTLOADER_HEAP_PAGE` (`BOOTLOADER_BASE_PAGE + 2`): the memory page the
/// heap commitment's queries name.
pub const BOOTLOADER_HEAP_PAGE: u32 = 10;
