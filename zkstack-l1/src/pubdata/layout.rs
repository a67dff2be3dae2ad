//! The full pubdata a post-Boojum batch publishes, both ways.
//!
//! Layout (zksync-era multivm `pubdata_builders/utils.rs`, StateDiffL2DAValidator.sol), identical
//! from VM 1.4.0 (version 18) onwards:
//!
//! ```text
//! number of L2→L1 logs (u32 BE) ‖ logs (88 bytes each)
//! number of messages (u32 BE)   ‖ per message:  length (u32 BE) ‖ bytes
//! number of bytecodes (u32 BE)  ‖ per bytecode: length (u32 BE) ‖ bytes
//! compressed state diffs (5-byte header ‖ body)
//! ```
//!
//! Before Boojum there is no such blob: commits carried writes, logs, messages and bytecodes as
//! separate ABI fields.

use alloy_primitives::Bytes;

use super::{CompressedStateDiffs, PubdataError, StateDiffRecord};
use crate::{L2ToL1Log, ProtocolVersionId};

/// The decoded pubdata of a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pubdata {
    /// User L2→L1 logs.
    pub l2_to_l1_logs: Vec<L2ToL1Log>,
    /// L2→L1 messages (including compressed bytecodes sent by the Compressor).
    pub messages: Vec<Bytes>,
    /// Bytecodes published in full.
    pub bytecodes: Vec<Bytes>,
    /// The compressed state diffs.
    pub state_diffs: CompressedStateDiffs,
}

/// A cursor over a byte slice that reports truncation as [`PubdataError::Truncated`].
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    pub(crate) fn take(
        &mut self,
        len: usize,
        what: &'static str,
    ) -> Result<&'a [u8], PubdataError> {
        let end = self.pos.checked_add(len).ok_or(PubdataError::Truncated { what })?;
        let out = self.bytes.get(self.pos..end).ok_or(PubdataError::Truncated { what })?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn u32(&mut self, what: &'static str) -> Result<usize, PubdataError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }

    pub(crate) fn skip(&mut self, len: usize) {
        self.pos = (self.pos + len).min(self.bytes.len());
    }
}

fn push_len(out: &mut Vec<u8>, len: usize, what: &'static str) -> Result<(), PubdataError> {
    let len = u32::try_from(len).map_err(|_| PubdataError::TooLong { what, value: len })?;
    out.extend_from_slice(&len.to_be_bytes());
    Ok(())
}

fn read_blobs(reader: &mut Reader<'_>, what: &'static str) -> Result<Vec<Bytes>, PubdataError> {
    let count = reader.u32(what)?;
    // Each item costs at least its 4-byte length, which bounds the allocation by the input.
    let mut items = Vec::with_capacity(count.min(reader.rest().len() / 4));
    for _ in 0..count {
        let len = reader.u32(what)?;
        items.push(Bytes::copy_from_slice(reader.take(len, what)?));
    }
    Ok(items)
}

impl Pubdata {
    /// Builds the pubdata zksync-era publishes for these parts (state diffs compressed and sorted).
    pub fn new(
        l2_to_l1_logs: Vec<L2ToL1Log>,
        messages: Vec<Bytes>,
        bytecodes: Vec<Bytes>,
        state_diffs: &[StateDiffRecord],
    ) -> Result<Self, PubdataError> {
        Ok(Self {
            l2_to_l1_logs,
            messages,
            bytecodes,
            state_diffs: CompressedStateDiffs::compress(state_diffs)?,
        })
    }

    /// Appends the encoding to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), PubdataError> {
        push_len(out, self.l2_to_l1_logs.len(), "log count")?;
        for log in &self.l2_to_l1_logs {
            out.extend_from_slice(&log.to_bytes());
        }
        for (items, what) in [(&self.messages, "message"), (&self.bytecodes, "bytecode")] {
            push_len(out, items.len(), what)?;
            for item in items {
                push_len(out, item.len(), what)?;
                out.extend_from_slice(item);
            }
        }
        self.state_diffs.encode_into(out)?;
        Ok(())
    }

    /// The encoded pubdata.
    pub fn encode(&self) -> Result<Vec<u8>, PubdataError> {
        let mut out = Vec::new();
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// Decodes pubdata from the front of `bytes`; returns it and the bytes consumed.
    pub fn decode_prefix(bytes: &[u8]) -> Result<(Self, usize), PubdataError> {
        let mut reader = Reader::new(bytes);
        let log_count = reader.u32("log count")?;
        let log_bytes = log_count
            .checked_mul(L2ToL1Log::SERIALIZED_SIZE)
            .ok_or(PubdataError::Truncated { what: "logs" })?;
        let logs = reader.take(log_bytes, "logs")?;
        let l2_to_l1_logs = logs
            .chunks_exact(L2ToL1Log::SERIALIZED_SIZE)
            .map(|chunk| {
                let mut buf = [0u8; L2ToL1Log::SERIALIZED_SIZE];
                buf.copy_from_slice(chunk);
                L2ToL1Log::from_bytes(&buf)
            })
            .collect();
        let messages = read_blobs(&mut reader, "message")?;
        let bytecodes = read_blobs(&mut reader, "bytecode")?;
        let (state_diffs, used) = CompressedStateDiffs::decode(reader.rest())?;
        reader.skip(used);
        Ok((Self { l2_to_l1_logs, messages, bytecodes, state_diffs }, reader.pos))
    }

    /// Decodes exactly one pubdata, with nothing after it.
    pub fn decode(bytes: &[u8]) -> Result<Self, PubdataError> {
        let (pubdata, used) = Self::decode_prefix(bytes)?;
        if used != bytes.len() {
            return Err(PubdataError::TrailingBytes { what: "pubdata", len: bytes.len() - used });
        }
        Ok(pubdata)
    }

    /// [`Pubdata::decode`] for a batch of `version`: pre-Boojum versions have no pubdata.
    pub fn decode_for_version(
        bytes: &[u8],
        version: ProtocolVersionId,
    ) -> Result<Self, PubdataError> {
        if version.is_pre_boojum() {
            return Err(PubdataError::NoPubdata(version));
        }
        Self::decode(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pubdata::{CompressedValue, InitialWrite, RepeatedWrite};
    use alloy_primitives::{Address, B256, U256};
    use proptest::prelude::*;

    #[test]
    fn empty_pubdata_layout() {
        let bytes = Pubdata::default().encode().expect("encodes");
        assert_eq!(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 4, 0, 0]);
        assert_eq!(Pubdata::decode(&bytes), Ok(Pubdata::default()));
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            Pubdata::decode(&longer),
            Err(PubdataError::TrailingBytes { what: "pubdata", len: 1 })
        );
        assert_eq!(
            Pubdata::decode_for_version(&bytes, ProtocolVersionId::new(17).expect("v17")),
            Err(PubdataError::NoPubdata(ProtocolVersionId::new(17).expect("v17")))
        );
        // A huge declared count with no data is a truncation error, not an allocation.
        assert_eq!(
            Pubdata::decode(&[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
            Err(PubdataError::Truncated { what: "message" })
        );
    }

    fn arb_value() -> impl Strategy<Value = CompressedValue> {
        prop_oneof![
            any::<[u8; 32]>().prop_map(|b| CompressedValue::Full(B256::from(b))),
            (any::<u64>(), 8u8..=31)
                .prop_map(|(v, len)| CompressedValue::Add { delta: U256::from(v), len }),
            (any::<u64>(), 8u8..=31)
                .prop_map(|(v, len)| CompressedValue::Sub { delta: U256::from(v), len }),
            (any::<u64>(), 8u8..=31)
                .prop_map(|(v, len)| CompressedValue::Transform { value: U256::from(v), len }),
        ]
    }

    prop_compose! {
        fn arb_pubdata()(
            logs in proptest::collection::vec((any::<u16>(), any::<[u8; 20]>(), any::<[u8; 32]>()), 0..4),
            messages in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..4),
            bytecodes in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..3),
            initial in proptest::collection::vec((any::<[u8; 32]>(), arb_value()), 0..4),
            repeated in proptest::collection::vec((any::<u32>(), arb_value()), 0..4),
        ) -> Pubdata {
            Pubdata {
                l2_to_l1_logs: logs.into_iter().map(|(tx, sender, key)| L2ToL1Log {
                    shard_id: 0, is_service: true, tx_number_in_block: tx, sender: Address::from(sender), key: B256::from(key), value: B256::from(key),
                }).collect(),
                messages: messages.into_iter().map(Bytes::from).collect(),
                bytecodes: bytecodes.into_iter().map(Bytes::from).collect(),
                state_diffs: CompressedStateDiffs {
                    enumeration_index_size: 4,
                    initial: initial.into_iter().map(|(k, value)| InitialWrite { derived_key: B256::from(k), value }).collect(),
                    repeated: repeated.into_iter().map(|(i, value)| RepeatedWrite { index: u64::from(i), value }).collect(),
                },
            }
        }
    }

    proptest! {
        #[test]
        fn encode_decode_round_trips(pubdata in arb_pubdata()) {
            let bytes = pubdata.encode().expect("encodes");
            prop_assert_eq!(Pubdata::decode(&bytes), Ok(pubdata));
        }

        #[test]
        fn arbitrary_bytes_give_typed_errors(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Ok((pubdata, used)) = Pubdata::decode_prefix(&bytes) {
                prop_assert!(used <= bytes.len());
                prop_assert_eq!(pubdata.encode().expect("re-encodes").len(), used);
            }
        }
    }
}
