//! The uncompressed state-diff record: 156 bytes of data padded to 272, and the hash L1 commits to.
//!
//! Layout (zksync-era `StateDiffRecord::encode`, Compressor.sol offsets):
//! `address (20) ‖ key (32) ‖ derived_key (32) ‖ enumeration_index (u64 BE) ‖ initial_value (32) ‖ final_value (32)`,
//! then 116 zero bytes so that a record is two keccak rounds (2 × 136 bytes) long.

use alloy_primitives::{Address, B256, Keccak256, U256};

use super::StateDiffError;

/// One storage slot changed in a batch, as the bootloader hands it to the L1Messenger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateDiffRecord {
    /// The contract whose storage changed.
    pub address: Address,
    /// The storage slot.
    pub key: U256,
    /// The tree key: `blake2s(address as 32 bytes ‖ key)`; written in full for initial writes.
    /// In JSON it is an array of 32 numbers, as zksync-era writes it (a 0x-hex string is read too).
    #[cfg_attr(feature = "serde", serde(with = "derived_key_serde"))]
    pub derived_key: B256,
    /// The slot's leaf index in the state tree; 0 marks an initial write.
    pub enumeration_index: u64,
    /// The value before the batch.
    pub initial_value: U256,
    /// The value after the batch.
    pub final_value: U256,
}

impl StateDiffRecord {
    /// Size of the packed record.
    pub const SIZE: usize = 156;
    /// Size of the padded record hashed into the state-diff hash (`STATE_DIFF_ENTRY_SIZE`).
    pub const PADDED_SIZE: usize = 272;
    /// Offset of the derived key in the record.
    pub const DERIVED_KEY_OFFSET: usize = 52;
    /// Offset of the enumeration index in the record.
    pub const ENUM_INDEX_OFFSET: usize = 84;
    /// Offset of the initial value in the record.
    pub const INITIAL_VALUE_OFFSET: usize = 92;
    /// Offset of the final value in the record.
    pub const FINAL_VALUE_OFFSET: usize = 124;

    /// Whether this is the slot's first write ever (enumeration index 0).
    pub fn is_initial(&self) -> bool {
        self.enumeration_index == 0
    }

    /// The packed 156-byte record.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut out = [0u8; Self::SIZE];
        out[..20].copy_from_slice(self.address.as_slice());
        out[20..52].copy_from_slice(&self.key.to_be_bytes::<32>());
        out[52..84].copy_from_slice(self.derived_key.as_slice());
        out[84..92].copy_from_slice(&self.enumeration_index.to_be_bytes());
        out[92..124].copy_from_slice(&self.initial_value.to_be_bytes::<32>());
        out[124..156].copy_from_slice(&self.final_value.to_be_bytes::<32>());
        out
    }

    /// The record padded with zeros to 272 bytes.
    pub fn encode_padded(&self) -> [u8; Self::PADDED_SIZE] {
        let mut out = [0u8; Self::PADDED_SIZE];
        out[..Self::SIZE].copy_from_slice(&self.encode());
        out
    }

    /// Decodes a packed (156-byte) or padded (272-byte) record; padding must be zero.
    pub fn decode(bytes: &[u8]) -> Result<Self, StateDiffError> {
        if bytes.len() != Self::SIZE && bytes.len() != Self::PADDED_SIZE {
            return Err(StateDiffError::RecordLength(bytes.len()));
        }
        if bytes[Self::SIZE..].iter().any(|&b| b != 0) {
            return Err(StateDiffError::NonZeroPadding);
        }
        let word = |at: usize| {
            let mut w = [0u8; 32];
            w.copy_from_slice(&bytes[at..at + 32]);
            w
        };
        let mut index = [0u8; 8];
        index.copy_from_slice(&bytes[84..92]);
        Ok(Self {
            address: Address::from_slice(&bytes[..20]),
            key: U256::from_be_bytes(word(20)),
            derived_key: B256::from(word(52)),
            enumeration_index: u64::from_be_bytes(index),
            initial_value: U256::from_be_bytes(word(92)),
            final_value: U256::from_be_bytes(word(124)),
        })
    }

    /// Decodes `count` padded records from the front of `bytes` (the length is checked before allocating).
    pub fn decode_many_padded(bytes: &[u8], count: usize) -> Result<Vec<Self>, StateDiffError> {
        let needed = count
            .checked_mul(Self::PADDED_SIZE)
            .ok_or(StateDiffError::Truncated { what: "state diff records" })?;
        let body =
            bytes.get(..needed).ok_or(StateDiffError::Truncated { what: "state diff records" })?;
        body.chunks_exact(Self::PADDED_SIZE).map(Self::decode).collect()
    }
}

/// JSON form of the derived key: zksync-era serialises it as `[u8; 32]` (a number array).
#[cfg(feature = "serde")]
mod derived_key_serde {
    use alloy_primitives::B256;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Bytes([u8; 32]),
        Hex(B256),
    }

    pub(super) fn serialize<S: Serializer>(key: &B256, serializer: S) -> Result<S::Ok, S::Error> {
        key.0.serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<B256, D::Error> {
        Ok(match Either::deserialize(deserializer)? {
            Either::Bytes(bytes) => B256::from(bytes),
            Either::Hex(key) => key,
        })
    }
}

/// The concatenated padded records, in the given order (what the L1Messenger receives).
pub fn encode_padded_records(records: &[StateDiffRecord]) -> Vec<u8> {
    records.iter().flat_map(StateDiffRecord::encode_padded).collect()
}

/// The state-diff hash committed to in the system logs: `keccak256` of the padded records in the
/// given order (zksync-era `state_diffs_hash`, Compressor.sol `verifyCompressedStateDiffs`).
pub fn state_diffs_hash(records: &[StateDiffRecord]) -> B256 {
    let mut hasher = Keccak256::new();
    for record in records {
        hasher.update(record.encode_padded());
    }
    hasher.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Expected bytes from zksync_types `storage/writes/mod.rs` `test_encoding`.
    #[test]
    fn encoding_matches_zksync_era() {
        let record = StateDiffRecord {
            address: "0x09610c49cfe4a0509dbe319886eb0cfc01f2cfd1".parse().expect("address"),
            key: U256::from(1u8),
            derived_key: B256::repeat_byte(1),
            enumeration_index: 0,
            initial_value: U256::ZERO,
            final_value: U256::from(64u8),
        };
        let expected = "09610c49cfe4a0509dbe319886eb0cfc01f2cfd1\
            0000000000000000000000000000000000000000000000000000000000000001\
            0101010101010101010101010101010101010101010101010101010101010101\
            0000000000000000\
            0000000000000000000000000000000000000000000000000000000000000000\
            0000000000000000000000000000000000000000000000000000000000000040";
        assert_eq!(hex::encode(record.encode()), expected);
        let padded = record.encode_padded();
        assert_eq!(hex::encode(&padded[..156]), expected);
        assert!(padded[156..].iter().all(|&b| b == 0));
        assert_eq!(StateDiffRecord::decode(&padded), Ok(record));
    }

    #[test]
    fn rejects_bad_lengths_and_padding() {
        assert_eq!(StateDiffRecord::decode(&[0; 100]), Err(StateDiffError::RecordLength(100)));
        let mut padded = [0u8; 272];
        padded[271] = 1;
        assert_eq!(StateDiffRecord::decode(&padded), Err(StateDiffError::NonZeroPadding));
        assert!(StateDiffRecord::decode_many_padded(&[0; 500], 2).is_err());
        assert!(StateDiffRecord::decode_many_padded(&[0; 10], usize::MAX).is_err());
    }

    proptest! {
        #[test]
        fn record_round_trips(addr in any::<[u8; 20]>(), key in any::<[u8; 32]>(), dk in any::<[u8; 32]>(), idx in any::<u64>(),
                              init in any::<[u8; 32]>(), fin in any::<[u8; 32]>()) {
            let record = StateDiffRecord { address: Address::from(addr), key: U256::from_be_bytes(key), derived_key: B256::from(dk),
                enumeration_index: idx, initial_value: U256::from_be_bytes(init), final_value: U256::from_be_bytes(fin) };
            prop_assert_eq!(StateDiffRecord::decode(&record.encode()), Ok(record));
            let many = encode_padded_records(&[record, record]);
            prop_assert_eq!(StateDiffRecord::decode_many_padded(&many, 2), Ok(vec![record, record]));
        }
    }
}
