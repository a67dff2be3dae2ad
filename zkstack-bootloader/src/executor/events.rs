//! Events as contracts emitted them: the VM's `log.event` words merged into events (zksync-era
//! multivm `vm_fast/events.rs` `merge_events`).
//!
//! The EventWriter system contract emits an event as a sequence of `log.event` words: the first
//! (flagged `first`) has in its key the number of topics (low 32 bits) and the data length in
//! bytes (next 32 bits) and carries the first topic (the emitting address) or the first data
//! word in its value; the following words carry two more topics or data words each.

use alloy_primitives::{Address, B256, Bytes};
use zkstack_vm::world::LogEntry;

/// An event: emitter, indexed topics and data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Event {
    /// Transaction number in the batch.
    pub tx_number_in_block: u16,
    /// The emitting contract.
    pub address: Address,
    /// Indexed topics.
    pub topics: Vec<B256>,
    /// Data.
    pub data: Bytes,
}

struct Pending {
    shard_id: u8,
    tx_number: u16,
    topics: Vec<[u8; 32]>,
    data: Vec<u8>,
    topics_left: u32,
    data_left: usize,
}

impl Pending {
    const fn complete(&self) -> bool {
        self.topics_left == 0 && self.data_left == 0
    }

    fn finish(self) -> Option<Event> {
        let (first, rest) = self.topics.split_first()?;
        Some(Event {
            tx_number_in_block: self.tx_number,
            address: Address::from_slice(&first[12..]),
            topics: rest.iter().map(|t| B256::from(*t)).collect(),
            data: Bytes::from(self.data),
        })
    }
}

/// Merges `log.event` words into events; a malformed event (cut short by the next first word)
/// is dropped, as in the reference.
#[allow(clippy::cast_possible_truncation, reason = "the key's fields are 32-bit")]
pub fn merge_events(entries: &[LogEntry]) -> Vec<Event> {
    let mut out = Vec::new();
    let mut current: Option<Pending> = None;
    for e in entries {
        if e.is_first {
            if let Some(p) = current.take().filter(Pending::complete) {
                out.extend(p.finish());
            }
            let low = e.key.as_limbs()[0];
            let mut topics_left = low as u32;
            let mut data_left = (low >> 32) as usize;
            let word: [u8; 32] = e.value.to_be_bytes();
            let (topics, data) = if topics_left == 0 && data_left == 0 {
                (vec![], vec![])
            } else if topics_left == 0 {
                data_left = data_left.saturating_sub(32);
                (vec![], word.to_vec())
            } else {
                topics_left -= 1;
                (vec![word], vec![])
            };
            current = Some(Pending {
                shard_id: e.shard_id,
                tx_number: e.tx_number,
                topics,
                data,
                topics_left,
                data_left,
            });
            continue;
        }
        let Some(mut p) = current.take() else { continue };
        if p.shard_id != e.shard_id || p.tx_number != e.tx_number {
            continue;
        }
        for word in [e.key.to_be_bytes::<32>(), e.value.to_be_bytes::<32>()] {
            if p.topics_left != 0 {
                p.topics.push(word);
                p.topics_left -= 1;
            } else if p.data_left != 0 {
                let n = p.data_left.min(32);
                p.data.extend_from_slice(&word[..n]);
                p.data_left -= n;
            }
        }
        if p.complete() {
            out.extend(p.finish());
        } else {
            current = Some(p);
        }
    }
    if let Some(p) = current.filter(Pending::complete) {
        out.extend(p.finish());
    }
    out
}
