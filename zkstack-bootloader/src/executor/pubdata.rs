//! What the L1Messenger publishes, collected from a batch's execution the way zksync-era's fast
//! VM collects it at the `PubdataRequested` hook (multivm `vm_fast/vm.rs`, `utils/events.rs`
//! `extract_l2tol1logs_from_l1_messenger`, `VmEvent::extract_long_l2_to_l1_messages`):
//!
//! - user L2→L1 logs: the L1Messenger's `L2ToL1LogSent` events, decoded;
//! - long messages: the L1Messenger's `L1MessageSent` events (three topics), their `bytes`;
//! - published bytecodes: the L1Messenger's `BytecodeL1PublicationRequested` events, each hash
//!   looked up in the code the batch knows;
//! - state diffs: every slot whose value changed, in `(address, slot)` order, without the
//!   L1Messenger's own slots, with the slot's enumeration index in the storage behind the batch.

use std::collections::HashMap;

use alloy_primitives::{B256, Bytes, keccak256};
use alloy_sol_types::{SolType, SolValue, sol_data};

use super::events::Event;
use crate::l1::L2ToL1Log;
use crate::l1::pubdata::StateDiffRecord;
use crate::l1::system_logs::L1_MESSENGER_ADDRESS;
use crate::pubdata_builder::{StorageChange, state_diff_records};

/// `keccak256("L2ToL1LogSent((uint8,bool,uint16,address,bytes32,bytes32))")`.
pub fn l2_to_l1_log_sent_topic() -> B256 {
    keccak256("L2ToL1LogSent((uint8,bool,uint16,address,bytes32,bytes32))")
}

/// `keccak256("L1MessageSent(address,bytes32,bytes)")`.
pub fn l1_message_sent_topic() -> B256 {
    keccak256("L1MessageSent(address,bytes32,bytes)")
}

/// `keccak256("BytecodeL1PublicationRequested(bytes32)")`.
pub fn bytecode_publication_topic() -> B256 {
    keccak256("BytecodeL1PublicationRequested(bytes32)")
}

fn from_messenger(event: &Event, topic: B256) -> bool {
    event.address == L1_MESSENGER_ADDRESS && event.topics.first() == Some(&topic)
}

type LogTuple = (
    sol_data::Uint<8>,
    sol_data::Bool,
    sol_data::Uint<16>,
    sol_data::Address,
    sol_data::FixedBytes<32>,
    sol_data::FixedBytes<32>,
);

/// The user L2→L1 logs: the L1Messenger's `L2ToL1LogSent` events in emission order (an event
/// whose data does not decode is skipped; the L1Messenger never emits one).
pub fn user_logs(events: &[Event]) -> Vec<L2ToL1Log> {
    let topic = l2_to_l1_log_sent_topic();
    events
        .iter()
        .filter(|e| from_messenger(e, topic))
        .filter_map(|e| {
            let (shard_id, is_service, tx_number_in_block, sender, key, value) =
                <LogTuple as SolType>::abi_decode_params(&e.data).ok()?;
            Some(L2ToL1Log { shard_id, is_service, tx_number_in_block, sender, key, value })
        })
        .collect()
}

/// The long L2→L1 messages: the `bytes` of each L1Messenger `L1MessageSent` event.
pub fn long_messages(events: &[Event]) -> Vec<Bytes> {
    let topic = l1_message_sent_topic();
    events
        .iter()
        .filter(|e| e.topics.len() == 3 && from_messenger(e, topic))
        .filter_map(|e| Bytes::abi_decode(&e.data).ok())
        .collect()
}

/// The hashes of the bytecodes the L1Messenger was asked to publish, in request order.
pub fn published_bytecode_hashes(events: &[Event]) -> Vec<B256> {
    let topic = bytecode_publication_topic();
    events
        .iter()
        .filter(|e| from_messenger(e, topic))
        .filter_map(|e| e.data.get(..32).map(B256::from_slice))
        .collect()
}

/// The state-diff records of `changes` (`(change, enumeration index)` with index `None` for a
/// slot never enumerated): sorted, deduplicated, the L1Messenger's slots left out.
pub fn state_diffs(changes: &[(StorageChange, Option<u64>)]) -> Vec<StateDiffRecord> {
    let index: HashMap<B256, Option<u64>> =
        changes.iter().map(|(c, i)| (c.derived_key(), *i)).collect();
    let records = state_diff_records(changes.iter().map(|(c, _)| *c), |derived| {
        Ok::<_, core::convert::Infallible>(index.get(&derived).copied().flatten())
    });
    match records {
        Ok(records) => records,
        Err(never) => match never {},
    }
}
