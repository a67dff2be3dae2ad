//! The two queues and their finalization (circuit_encodings `QueueSimulator`,
//! `FullWidthQueueSimulator`, `utils::finalize_queue_state` / `finalized_queue_state_as_bytes`).

use alloy_primitives::{B256, U256};
use boojum::algebraic_props::round_function::{
    AbsorptionModeOverwrite, AlgebraicRoundFunction, absorb_into_state_vararg,
};
use boojum::field::U64Representable as _;
use boojum::field::goldilocks::GoldilocksField;
use boojum::implementations::poseidon2::Poseidon2Goldilocks;

use super::BOOTLOADER_HEAP_PAGE;
use super::log_query::{LogQuery, PACKED_WIDTH, encoding, limb};

type F = GoldilocksField;
/// zkSync's `ZkSyncDefaultRoundFunction`.
type R = Poseidon2Goldilocks;
/// Sponge rate, width and capacity of the round function.
const AW: usize = 8;
const SW: usize = 12;
const CW: usize = 4;
/// Elements a queue commitment keeps (`QUEUE_STATE_WIDTH`, `QUEUE_FINAL_STATE_COMMITMENT_LENGTH`).
const COMMITMENT: usize = 4;

fn absorb(state: &mut [F; SW], elements: &[F]) {
    absorb_into_state_vararg::<F, R, AbsorptionModeOverwrite, AW, SW, CW>(state, elements);
}

fn initial_state() -> [F; SW] {
    <R as AlgebraicRoundFunction<F, AW, SW, CW>>::initial_state()
}

fn commitment(state: &[F; SW]) -> [F; COMMITMENT] {
    <R as AlgebraicRoundFunction<F, AW, SW, CW>>::state_into_commitment::<COMMITMENT>(state)
}

/// `finalize_queue_state` then `finalized_queue_state_as_bytes`: the tail followed by a `1`
/// absorbed into a fresh sponge; the first four elements, each as 8 big-endian bytes.
fn finalize(tail: &[F]) -> B256 {
    let mut to_absorb = tail.to_vec();
    to_absorb.push(F::from_nonreduced_u64(1));
    let mut state = initial_state();
    absorb(&mut state, &to_absorb);
    let mut out = [0u8; 32];
    for (dst, element) in out.chunks_exact_mut(8).zip(commitment(&state)) {
        dst.copy_from_slice(&element.as_u64_reduced().to_be_bytes());
    }
    B256::from(out)
}

/// The events queue commitment of `events` (sorted and deduplicated, as the events sorter outputs
/// them): circuit_encodings `events_queue_commitment_fixed`.
///
/// Each push hashes the event's 20-element packing followed by the 4-element tail from a fresh
/// sponge, and the new tail is the first four elements of the result.
pub fn events_queue_commitment(events: &[LogQuery]) -> B256 {
    let mut tail = [F::from_nonreduced_u64(0); COMMITMENT];
    for event in events {
        let mut to_hash = Vec::with_capacity(PACKED_WIDTH + COMMITMENT);
        to_hash.extend_from_slice(&encoding(event));
        to_hash.extend_from_slice(&tail);
        let mut state = initial_state();
        absorb(&mut state, &to_hash);
        tail = commitment(&state);
    }
    finalize(&tail)
}

/// The packing of a memory query (circuit_encodings `memory_query.rs`) for a write of `value`
/// at word `index` of the bootloader heap at timestamp 0, not a pointer.
fn heap_write_encoding(index: u32, value: &U256) -> [F; AW] {
    let limb = |i: usize| limb(value, i);
    #[allow(clippy::cast_possible_truncation, reason = "limbs are below 2^32")]
    let bytes = |i: usize| (limb(i) as u32).to_le_bytes();
    let (d5, d6, d7) = (bytes(5), bytes(6), bytes(7));
    let pack = |base: u64, b: [u8; 3]| {
        F::from_nonreduced_u64(
            base | u64::from(b[0]) << 32 | u64::from(b[1]) << 40 | u64::from(b[2]) << 48,
        )
    };
    [
        F::from_nonreduced_u64(0),
        F::from_nonreduced_u64(u64::from(BOOTLOADER_HEAP_PAGE)),
        // index, rw_flag (set) at bit 32, value_is_pointer (clear) at bit 33.
        F::from_nonreduced_u64(u64::from(index) | 1 << 32),
        pack(limb(0), [d5[0], d5[1], d5[2]]),
        pack(limb(1), [d5[3], d6[0], d6[1]]),
        pack(limb(2), [d6[2], d6[3], d7[0]]),
        pack(limb(3), [d7[1], d7[2], d7[3]]),
        F::from_nonreduced_u64(limb(4)),
    ]
}

/// The initial heap content commitment of the bootloader heap given as consecutive 32-byte
/// words from word 0: circuit_encodings `initial_heap_content_commitment` after
/// `calldata_to_aligned_data`.
///
/// Each word is a heap write at timestamp 0 whose 8-element packing is absorbed (overwrite mode)
/// into one running sponge state; the final state (all 12 elements) is the queue's tail. Word
/// indices are 32-bit in the queries, so only the first 2^32 words are taken (a heap of at most
/// 2^32 bytes has far fewer).
pub fn initial_heap_words_commitment(words: impl IntoIterator<Item = U256>) -> B256 {
    let mut state = [F::from_nonreduced_u64(0); SW];
    for (index, word) in (0..=u32::MAX).zip(words) {
        absorb(&mut state, &heap_write_encoding(index, &word));
    }
    finalize(&state)
}

/// The initial heap content commitment of `heap` (bytes from offset 0):
/// circuit_encodings `initial_heap_content_commitment_fixed`. The bytes are cut into 32-byte
/// big-endian words, the last one padded with zero bytes on the right.
pub fn initial_heap_content_commitment(heap: &[u8]) -> B256 {
    initial_heap_words_commitment(heap.chunks(32).map(|chunk| {
        let mut word = [0u8; 32];
        word[..chunk.len()].copy_from_slice(chunk);
        U256::from_be_bytes(word)
    }))
}
