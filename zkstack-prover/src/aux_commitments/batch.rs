//! Both commitments of a batch the executor finished.

use std::collections::BTreeMap;

use alloy_primitives::{B256, U256};
use zkstack_bootloader::executor::FinishedBatch;
use zkstack_bootloader::l1::commitment::AuxCommitments;
use zkstack_bootloader::memory::layout::{MAX_MEM_SIZE_BYTES, WORD};
use zkstack_bootloader::vm::world::LogEntry;

use super::log_query::LogQuery;
use super::queue::{events_queue_commitment, initial_heap_words_commitment};

/// Why a batch's auxiliary commitments could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuxCommitmentsError {
    /// A heap write lies (partly) beyond the bootloader memory the protocol uses.
    #[error("heap word {slot} is outside the {memory_bytes}-byte bootloader memory")]
    HeapWordOutOfRange {
        /// The word's slot.
        slot: usize,
        /// The memory size in bytes.
        memory_bytes: usize,
    },
}

/// The events queue as zkSync's events sorter outputs it, from the `log.event` entries that were
/// not rolled back, in emission order (zk_evm's timestamp order).
///
/// The sorter (zkevm_circuits `log_sorter`, `repack_and_prove_events_rollbacks_inner`) drops
/// rolled-back queries and clears `read_value`, `rw_flag`, `aux_byte`, `rollback` and the
/// timestamp of what it keeps, so only the emitter, key, value, `.first` flag (`is_service`),
/// shard and transaction number remain; zk_evm's timestamps are not needed.
pub fn events_from_log(entries: &[LogEntry]) -> Vec<LogQuery> {
    entries
        .iter()
        .map(|e| LogQuery {
            tx_number: e.tx_number,
            shard_id: e.shard_id,
            address: e.address,
            key: e.key,
            written_value: e.value,
            is_service: e.is_first,
            ..LogQuery::default()
        })
        .collect()
}

/// The initial heap content commitment of a bootloader memory of `memory_bytes` bytes holding
/// `writes` (slot → word) and zeros elsewhere: zksync-era's commitment generator
/// (`expand_memory_contents` then `initial_heap_content_commitment_fixed`).
///
/// # Errors
/// [`AuxCommitmentsError::HeapWordOutOfRange`] when a word does not fit in the memory.
pub fn heap_commitment_of_writes(
    writes: &BTreeMap<usize, U256>,
    memory_bytes: usize,
) -> Result<B256, AuxCommitmentsError> {
    if let Some((&slot, _)) = writes.last_key_value()
        && slot
            .checked_add(1)
            .and_then(|n| n.checked_mul(WORD))
            .is_none_or(|end| end > memory_bytes)
    {
        return Err(AuxCommitmentsError::HeapWordOutOfRange { slot, memory_bytes });
    }
    let words = memory_bytes.div_ceil(WORD);
    Ok(initial_heap_words_commitment(
        (0..words).map(|slot| writes.get(&slot).copied().unwrap_or_default()),
    ))
}

/// The events-queue and bootloader-heap commitments of `finished`, for
/// [`zkstack_bootloader::sealed::SealedBatch::commitment_input`]: the events of its `event_log`
/// and its `bootloader_heap` in the protocol's bootloader memory (`MAX_MEM_SIZE_BYTES`).
///
/// # Errors
/// [`AuxCommitmentsError::HeapWordOutOfRange`] when the heap holds a word past that memory.
pub fn batch_aux_commitments(
    finished: &FinishedBatch,
) -> Result<AuxCommitments, AuxCommitmentsError> {
    Ok(AuxCommitments {
        events_queue_commitment: events_queue_commitment(&events_from_log(&finished.event_log)),
        bootloader_initial_content_commitment: heap_commitment_of_writes(
            &finished.bootloader_heap,
            MAX_MEM_SIZE_BYTES,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aux_commitments::initial_heap_content_commitment;

    /// A sparse heap commits as its expansion does (zksync-era `expand_memory_contents`: zeros,
    /// each word big-endian at `slot * 32`); a word past the memory is an error, not a panic.
    #[test]
    fn sparse_heap_is_its_expansion_and_out_of_range_is_an_error() {
        let writes: BTreeMap<usize, U256> =
            [(0, U256::from(7)), (3, U256::MAX), (9, U256::from(1) << 200)].into();
        let mut bytes = vec![0u8; 10 * WORD + 5];
        for (slot, word) in &writes {
            bytes[slot * WORD..(slot + 1) * WORD].copy_from_slice(&word.to_be_bytes::<32>());
        }
        assert_eq!(
            heap_commitment_of_writes(&writes, bytes.len()),
            Ok(initial_heap_content_commitment(&bytes))
        );
        assert_eq!(
            heap_commitment_of_writes(&writes, 10 * WORD - 1),
            Err(AuxCommitmentsError::HeapWordOutOfRange { slot: 9, memory_bytes: 10 * WORD - 1 })
        );
        let huge: BTreeMap<usize, U256> = [(usize::MAX, U256::ZERO)].into();
        assert!(heap_commitment_of_writes(&huge, MAX_MEM_SIZE_BYTES).is_err());
    }
}
