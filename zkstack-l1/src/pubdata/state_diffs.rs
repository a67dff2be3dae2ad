//! The compressed state-diff block of pubdata, both ways, and the check Compressor.sol performs.
//!
//! Encoding (zksync-era `compress_state_diffs`, Compressor.sol `verifyCompressedStateDiffs`):
//!
//! ```text
//! header: version (1 byte, = 1) ‖ body length (u24 BE) ‖ enumeration index size (1 byte, 4 from zksync-era)
//! body:   number of initial writes (u16 BE)
//!         ‖ initial writes:  derived key (32) ‖ compressed value
//!         ‖ repeated writes: enumeration index (index-size bytes, BE) ‖ compressed value
//! ```
//!
//! Records are sorted by `(address, key)` and split into initial writes (enumeration index 0) and
//! repeated writes, each keeping that order.

use alloy_primitives::{B256, U256};

use super::{CompressedValue, StateDiffError, StateDiffRecord, state_diffs_hash};

/// The state-diff compression version written in the header.
pub const COMPRESSION_VERSION: u8 = 1;
/// Bytes per enumeration index that zksync-era writes.
pub const ENUMERATION_INDEX_SIZE: u8 = 4;
/// The largest enumeration index size L1 accepts (`MAX_ENUMERATION_INDEX_SIZE`).
pub const MAX_ENUMERATION_INDEX_SIZE: u8 = 8;
/// Size of the header before the body.
pub const HEADER_SIZE: usize = 5;
/// The largest body the u24 length field can describe.
pub const MAX_BODY_LEN: usize = (1 << 24) - 1;

/// A write to a slot written for the first time, keyed by its derived key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InitialWrite<V = CompressedValue> {
    /// `blake2s(address ‖ key)`, the slot's key in the state tree.
    pub derived_key: B256,
    /// The (compressed or resolved) new value.
    pub value: V,
}

/// A write to a slot that already has an enumeration index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RepeatedWrite<V = CompressedValue> {
    /// The slot's leaf index in the state tree.
    pub index: u64,
    /// The (compressed or resolved) new value.
    pub value: V,
}

/// Identifies a slot whose previous value decompression needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SlotRef {
    /// An initial write, by derived key (its previous value is normally 0).
    Initial(B256),
    /// A repeated write, by enumeration index.
    Repeated(u64),
}

/// Resolved new values of a batch's writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateDiffs {
    /// Initial writes with their new values.
    pub initial: Vec<InitialWrite<U256>>,
    /// Repeated writes with their new values.
    pub repeated: Vec<RepeatedWrite<U256>>,
}

/// The compressed state diffs of a batch, as published.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CompressedStateDiffs {
    /// Bytes per enumeration index of repeated writes (0..=8).
    pub enumeration_index_size: u8,
    /// Initial writes, in published order.
    pub initial: Vec<InitialWrite>,
    /// Repeated writes, in published order.
    pub repeated: Vec<RepeatedWrite>,
}

impl Default for CompressedStateDiffs {
    fn default() -> Self {
        Self {
            enumeration_index_size: ENUMERATION_INDEX_SIZE,
            initial: Vec::new(),
            repeated: Vec::new(),
        }
    }
}

impl CompressedStateDiffs {
    /// Compresses records exactly as zksync-era does (sorted by `(address, key)`, 4-byte indices).
    pub fn compress(records: &[StateDiffRecord]) -> Result<Self, StateDiffError> {
        let mut sorted: Vec<&StateDiffRecord> = records.iter().collect();
        sorted.sort_by_key(|r| (r.address, r.key));
        let max_index = u64::from(u32::MAX);
        let mut out = Self::default();
        for record in sorted {
            let value = CompressedValue::compress(record.initial_value, record.final_value);
            if record.is_initial() {
                out.initial.push(InitialWrite { derived_key: record.derived_key, value });
            } else if record.enumeration_index > max_index {
                return Err(StateDiffError::IndexTooLarge {
                    index: record.enumeration_index,
                    size: ENUMERATION_INDEX_SIZE,
                });
            } else {
                out.repeated.push(RepeatedWrite { index: record.enumeration_index, value });
            }
        }
        Ok(out)
    }

    /// Length of the body (everything after the 5-byte header).
    pub fn body_len(&self) -> usize {
        let initial: usize = self.initial.iter().map(|w| 32 + w.value.encoded_len()).sum();
        let repeated: usize = self
            .repeated
            .iter()
            .map(|w| self.enumeration_index_size as usize + w.value.encoded_len())
            .sum();
        2 + initial + repeated
    }

    /// Length of header and body.
    pub fn encoded_len(&self) -> usize {
        HEADER_SIZE + self.body_len()
    }

    /// Appends header and body to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), StateDiffError> {
        let size = self.enumeration_index_size;
        if size > MAX_ENUMERATION_INDEX_SIZE {
            return Err(StateDiffError::IndexSize(size));
        }
        let initial_count = u16::try_from(self.initial.len())
            .map_err(|_| StateDiffError::TooManyInitialWrites(self.initial.len()))?;
        let body_len = self.body_len();
        if body_len > MAX_BODY_LEN {
            return Err(StateDiffError::BodyTooLong(body_len));
        }
        out.reserve(HEADER_SIZE + body_len);
        out.push(COMPRESSION_VERSION);
        out.extend_from_slice(&(body_len as u32).to_be_bytes()[1..]);
        out.push(size);
        out.extend_from_slice(&initial_count.to_be_bytes());
        for write in &self.initial {
            out.extend_from_slice(write.derived_key.as_slice());
            write.value.encode_into(out);
        }
        for write in &self.repeated {
            let size = size as usize;
            if size < 8 && write.index >> (8 * size) != 0 {
                return Err(StateDiffError::IndexTooLarge { index: write.index, size: size as u8 });
            }
            out.extend_from_slice(&write.index.to_be_bytes()[8 - size..]);
            write.value.encode_into(out);
        }
        Ok(())
    }

    /// Header and body as bytes.
    pub fn encode(&self) -> Result<Vec<u8>, StateDiffError> {
        let mut out = Vec::new();
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// Decodes a header and body from the front of `bytes`; returns them and the bytes consumed.
    pub fn decode(bytes: &[u8]) -> Result<(Self, usize), StateDiffError> {
        let header = bytes
            .get(..HEADER_SIZE)
            .ok_or(StateDiffError::Truncated { what: "state diff header" })?;
        if header[0] != COMPRESSION_VERSION {
            return Err(StateDiffError::UnknownVersion(header[0]));
        }
        let body_len = u32::from_be_bytes([0, header[1], header[2], header[3]]) as usize;
        let size = header[4];
        let body = bytes
            .get(HEADER_SIZE..HEADER_SIZE + body_len)
            .ok_or(StateDiffError::Truncated { what: "state diff body" })?;
        Ok((Self::decode_body(size, body)?, HEADER_SIZE + body_len))
    }

    /// Decodes exactly one header and body, with nothing after it.
    pub fn decode_exact(bytes: &[u8]) -> Result<Self, StateDiffError> {
        let (diffs, used) = Self::decode(bytes)?;
        if used != bytes.len() {
            return Err(StateDiffError::TrailingBytes(bytes.len() - used));
        }
        Ok(diffs)
    }

    /// Decodes a body (the part the header's length covers) with the given index size.
    pub fn decode_body(enumeration_index_size: u8, body: &[u8]) -> Result<Self, StateDiffError> {
        if enumeration_index_size > MAX_ENUMERATION_INDEX_SIZE {
            return Err(StateDiffError::IndexSize(enumeration_index_size));
        }
        let size = enumeration_index_size as usize;
        let count =
            body.get(..2).ok_or(StateDiffError::Truncated { what: "initial write count" })?;
        let initial_count = u16::from_be_bytes([count[0], count[1]]) as usize;
        let mut rest = &body[2..];
        // Each initial write takes at least 33 bytes, so the count is bounded by the input.
        let mut initial = Vec::with_capacity(initial_count.min(rest.len() / 33));
        for _ in 0..initial_count {
            let key = rest.get(..32).ok_or(StateDiffError::Truncated { what: "derived key" })?;
            let (value, used) = CompressedValue::decode(&rest[32..])?;
            initial.push(InitialWrite { derived_key: B256::from_slice(key), value });
            rest = &rest[32 + used..];
        }
        let mut repeated = Vec::new();
        while !rest.is_empty() {
            let index_bytes =
                rest.get(..size).ok_or(StateDiffError::Truncated { what: "enumeration index" })?;
            let index = index_bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            let (value, used) = CompressedValue::decode(&rest[size..])?;
            repeated.push(RepeatedWrite { index, value });
            rest = &rest[size + used..];
        }
        Ok(Self { enumeration_index_size, initial, repeated })
    }

    /// Resolves every write's new value. `previous` is asked only for add/sub-compressed writes
    /// and must return the slot's value before the batch (0 for a never-written slot).
    pub fn decompress(
        &self,
        mut previous: impl FnMut(SlotRef) -> Option<U256>,
    ) -> Result<StateDiffs, StateDiffError> {
        let mut resolve =
            |value: &CompressedValue, slot: SlotRef| -> Result<U256, StateDiffError> {
                match value.absolute() {
                    Some(v) => Ok(v),
                    None => previous(slot)
                        .map(|p| value.apply(p))
                        .ok_or(StateDiffError::MissingPrevious(slot)),
                }
            };
        let initial = self
            .initial
            .iter()
            .map(|w| {
                Ok(InitialWrite {
                    derived_key: w.derived_key,
                    value: resolve(&w.value, SlotRef::Initial(w.derived_key))?,
                })
            })
            .collect::<Result<_, StateDiffError>>()?;
        let repeated = self
            .repeated
            .iter()
            .map(|w| {
                Ok(RepeatedWrite {
                    index: w.index,
                    value: resolve(&w.value, SlotRef::Repeated(w.index))?,
                })
            })
            .collect::<Result<_, StateDiffError>>()?;
        Ok(StateDiffs { initial, repeated })
    }
}

/// zksync-era's `compress_state_diffs`: header and body for `records`.
pub fn compress_state_diffs(records: &[StateDiffRecord]) -> Result<Vec<u8>, StateDiffError> {
    CompressedStateDiffs::compress(records)?.encode()
}

/// Compressor.sol `verifyCompressedStateDiffs`: checks that `compressed_body` (the body, without
/// the 5-byte header) compresses `records` (in the order given) with the given index size, and
/// returns the state-diff hash.
pub fn verify_compressed_state_diffs(
    records: &[StateDiffRecord],
    enumeration_index_size: u8,
    compressed_body: &[u8],
) -> Result<B256, StateDiffError> {
    if enumeration_index_size > MAX_ENUMERATION_INDEX_SIZE {
        return Err(StateDiffError::IndexSize(enumeration_index_size));
    }
    let size = enumeration_index_size as usize;
    let take = |ptr: usize, len: usize, what: &'static str| {
        compressed_body.get(ptr..ptr + len).ok_or(StateDiffError::Truncated { what })
    };
    let count = take(0, 2, "initial write count")?;
    let declared_initial = u16::from_be_bytes([count[0], count[1]]) as usize;
    let mut ptr = 2;
    let mut processed = 0usize;
    for (position, record) in records.iter().enumerate().filter(|(_, r)| r.is_initial()) {
        processed += 1;
        if take(ptr, 32, "derived key")? != record.derived_key.as_slice() {
            return Err(StateDiffError::DerivedKeyMismatch { position });
        }
        ptr += 32;
        let (value, used) = CompressedValue::decode(&compressed_body[ptr..])?;
        if !value.verify(record.initial_value, record.final_value) {
            return Err(StateDiffError::ValueMismatch { position });
        }
        ptr += used;
    }
    if processed != declared_initial {
        return Err(StateDiffError::InitialCountMismatch {
            declared: declared_initial,
            actual: processed,
        });
    }
    for (position, record) in records.iter().enumerate().filter(|(_, r)| !r.is_initial()) {
        let index = take(ptr, size, "enumeration index")?
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        if index != record.enumeration_index {
            return Err(StateDiffError::IndexMismatch {
                position,
                expected: record.enumeration_index,
                found: index,
            });
        }
        ptr += size;
        let (value, used) = CompressedValue::decode(&compressed_body[ptr..])?;
        if !value.verify(record.initial_value, record.final_value) {
            return Err(StateDiffError::ValueMismatch { position });
        }
        ptr += used;
    }
    if ptr != compressed_body.len() {
        return Err(StateDiffError::TrailingBytes(compressed_body.len() - ptr));
    }
    Ok(state_diffs_hash(records))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::Address;
    use proptest::prelude::*;

    fn record(addr: u8, key: u8, dk: u8, index: u64, initial: U256, fin: U256) -> StateDiffRecord {
        StateDiffRecord {
            address: Address::repeat_byte(addr),
            key: U256::from(key),
            derived_key: B256::repeat_byte(dk),
            enumeration_index: index,
            initial_value: initial,
            final_value: fin,
        }
    }

    /// Layout from zksync_types `storage/writes/mod.rs` `test_compression`, bytes derived by hand.
    #[test]
    fn layout_matches_reference_description() {
        let records = [
            record(2, 1, 5, 7, U256::from(64u8), U256::from(20u8)),
            record(1, 1, 9, 0, U256::ZERO, U256::from(64u8)),
        ];
        let bytes = compress_state_diffs(&records).expect("compresses");
        let mut expected = vec![1, 0, 0, 2 + 32 + 2 + 4 + 2, 4, 0, 1];
        expected.extend([9u8; 32]);
        expected.extend([0x09, 64]); // add 64, 1 byte
        expected.extend([0, 0, 0, 7, 0x0a, 44]); // index 7, sub 44, 1 byte
        assert_eq!(bytes, expected);
        let decoded = CompressedStateDiffs::decode_exact(&bytes).expect("decodes");
        let resolved = decoded
            .decompress(|slot| match slot {
                SlotRef::Initial(_) => Some(U256::ZERO),
                SlotRef::Repeated(7) => Some(U256::from(64u8)),
                SlotRef::Repeated(_) => None,
            })
            .expect("resolves");
        assert_eq!(
            resolved.initial,
            vec![InitialWrite { derived_key: B256::repeat_byte(9), value: U256::from(64u8) }]
        );
        assert_eq!(resolved.repeated, vec![RepeatedWrite { index: 7, value: U256::from(20u8) }]);
        assert_eq!(
            decoded.decompress(|_| None),
            Err(StateDiffError::MissingPrevious(SlotRef::Initial(B256::repeat_byte(9))))
        );
        // The contract's check, with records in (address, key) order as the L1Messenger passes them.
        let sorted = [records[1], records[0]];
        assert_eq!(
            verify_compressed_state_diffs(&sorted, 4, &bytes[5..]),
            Ok(state_diffs_hash(&sorted))
        );
        assert_eq!(
            verify_compressed_state_diffs(&sorted, 3, &bytes[5..]),
            Err(StateDiffError::IndexMismatch { position: 1, expected: 7, found: 0 })
        );
    }

    #[test]
    fn rejects_bad_headers_and_overflows() {
        assert_eq!(
            CompressedStateDiffs::decode(&[2, 0, 0, 2, 4, 0, 0]),
            Err(StateDiffError::UnknownVersion(2))
        );
        assert_eq!(
            CompressedStateDiffs::decode(&[1, 0, 0, 2, 9, 0, 0]),
            Err(StateDiffError::IndexSize(9))
        );
        assert_eq!(
            CompressedStateDiffs::decode(&[1, 0, 0, 3, 4, 0, 0]),
            Err(StateDiffError::Truncated { what: "state diff body" })
        );
        assert_eq!(
            CompressedStateDiffs::decode_exact(&[1, 0, 0, 2, 4, 0, 0, 9]),
            Err(StateDiffError::TrailingBytes(1))
        );
        let big = record(1, 1, 1, u64::from(u32::MAX) + 1, U256::ZERO, U256::ZERO);
        assert!(matches!(
            CompressedStateDiffs::compress(&[big]),
            Err(StateDiffError::IndexTooLarge { .. })
        ));
        let too_many = CompressedStateDiffs {
            initial: vec![
                InitialWrite {
                    derived_key: B256::ZERO,
                    value: CompressedValue::Transform { value: U256::ZERO, len: 0 }
                };
                65_536
            ],
            ..CompressedStateDiffs::default()
        };
        assert_eq!(too_many.encode(), Err(StateDiffError::TooManyInitialWrites(65_536)));
    }

    fn arb_record() -> impl Strategy<Value = StateDiffRecord> {
        (
            any::<u8>(),
            any::<u8>(),
            any::<[u8; 32]>(),
            prop_oneof![Just(0u64), 1u64..=u64::from(u32::MAX)],
            any::<[u8; 32]>(),
            any::<u16>(),
        )
            .prop_map(|(a, k, dk, index, init, delta)| {
                let initial_value = if index == 0 { U256::ZERO } else { U256::from_be_bytes(init) };
                record(a, k, 0, index, initial_value, initial_value.wrapping_add(U256::from(delta)))
                    .with_derived_key(B256::from(dk))
            })
    }

    trait WithKey {
        fn with_derived_key(self, dk: B256) -> Self;
    }
    impl WithKey for StateDiffRecord {
        fn with_derived_key(mut self, dk: B256) -> Self {
            self.derived_key = dk;
            self
        }
    }

    proptest! {
        #[test]
        fn compress_decompress_identity(records in proptest::collection::vec(arb_record(), 0..20)) {
            let bytes = compress_state_diffs(&records).expect("compresses");
            let decoded = CompressedStateDiffs::decode_exact(&bytes).expect("decodes");
            prop_assert_eq!(decoded.encode().expect("re-encodes"), bytes.clone());
            let mut sorted = records.clone();
            sorted.sort_by_key(|r| (r.address, r.key));
            prop_assert_eq!(verify_compressed_state_diffs(&sorted, 4, &bytes[5..]), Ok(state_diffs_hash(&sorted)));
            let by_index: std::collections::HashMap<u64, U256> =
                sorted.iter().map(|r| (r.enumeration_index, r.initial_value)).collect();
            let resolved = decoded.decompress(|slot| match slot {
                SlotRef::Initial(_) => Some(U256::ZERO),
                SlotRef::Repeated(i) => by_index.get(&i).copied(),
            });
            // Duplicate indices in random input may map to another record's previous value; compare per write otherwise.
            if sorted.iter().filter(|r| !r.is_initial()).map(|r| r.enumeration_index).collect::<std::collections::HashSet<_>>().len()
                == sorted.iter().filter(|r| !r.is_initial()).count()
            {
                let resolved = resolved.expect("resolves");
                let finals: Vec<U256> = resolved.initial.iter().map(|w| w.value).chain(resolved.repeated.iter().map(|w| w.value)).collect();
                let expected: Vec<U256> = sorted.iter().filter(|r| r.is_initial()).chain(sorted.iter().filter(|r| !r.is_initial())).map(|r| r.final_value).collect();
                prop_assert_eq!(finals, expected);
            }
        }

        #[test]
        fn arbitrary_bytes_give_typed_errors(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Ok((diffs, used)) = CompressedStateDiffs::decode(&bytes) {
                prop_assert!(used <= bytes.len());
                let _ = diffs.decompress(|_| Some(U256::ZERO));
            }
            let mut framed = vec![1, 0, 0, bytes.len().min(255) as u8, 4];
            framed.extend(&bytes);
            let _ = CompressedStateDiffs::decode(&framed);
            let _ = verify_compressed_state_diffs(&[StateDiffRecord::default()], 4, &bytes);
        }
    }
}
