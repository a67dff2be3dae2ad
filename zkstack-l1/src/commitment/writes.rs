//! Storage writes as the pre-Boojum batch commitment serialises them (the Boojum state-diff
//! record is [`crate::pubdata::StateDiffRecord`]).
//!
//! Layouts follow zksync-era `core/lib/types/src/commitment/mod.rs` (`SerializeCommitment`) and
//! `core/lib/types/src/storage/writes/mod.rs` (`StateDiffRecord::encode_padded`).

use alloy_primitives::{B256, U256};

/// A pre-Boojum first write to a storage slot (the full 32-byte key is published).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InitialStorageWrite {
    /// Enumeration index the tree assigned to the key (not part of the commitment encoding).
    pub index: u64,
    /// The hashed storage key.
    pub key: U256,
    /// The value written.
    pub value: B256,
}

impl InitialStorageWrite {
    /// Size of the commitment encoding.
    pub const SERIALIZED_SIZE: usize = 64;

    /// `key` as 32 little-endian bytes, then `value`. (Little-endian is what zksync-era does here;
    /// it is the one little-endian field of the commitment.)
    pub fn to_commitment_bytes(&self) -> [u8; Self::SERIALIZED_SIZE] {
        let mut out = [0u8; Self::SERIALIZED_SIZE];
        out[..32].copy_from_slice(&self.key.to_le_bytes::<32>());
        out[32..].copy_from_slice(self.value.as_slice());
        out
    }

    /// Inverse of [`Self::to_commitment_bytes`] (the enumeration index is not encoded: 0).
    pub fn from_commitment_bytes(bytes: &[u8; Self::SERIALIZED_SIZE]) -> Self {
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes[..32]);
        Self { index: 0, key: U256::from_le_bytes(key), value: B256::from_slice(&bytes[32..]) }
    }
}

/// A pre-Boojum write to a slot that already has an enumeration index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RepeatedStorageWrite {
    /// Enumeration index of the slot.
    pub index: u64,
    /// The value written.
    pub value: B256,
}

impl RepeatedStorageWrite {
    /// Size of the commitment encoding.
    pub const SERIALIZED_SIZE: usize = 40;

    /// `index` as 8 big-endian bytes, then `value`.
    pub fn to_commitment_bytes(&self) -> [u8; Self::SERIALIZED_SIZE] {
        let mut out = [0u8; Self::SERIALIZED_SIZE];
        out[..8].copy_from_slice(&self.index.to_be_bytes());
        out[8..].copy_from_slice(self.value.as_slice());
        out
    }

    /// Inverse of [`Self::to_commitment_bytes`].
    pub fn from_commitment_bytes(bytes: &[u8; Self::SERIALIZED_SIZE]) -> Self {
        let mut index = [0u8; 8];
        index.copy_from_slice(&bytes[..8]);
        Self { index: u64::from_be_bytes(index), value: B256::from_slice(&bytes[8..]) }
    }
}

/// Bytes that are not `u32 count ‖ count × N-byte items` exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{len} bytes are not a u32 count followed by that many {item_size}-byte items")]
pub struct CountedBytesError {
    /// Length of the rejected input.
    pub len: usize,
    /// Size of one item.
    pub item_size: usize,
}

/// Splits the pre-Boojum counted encoding (`u32 BE count ‖ items`, as pre-Boojum commits carried
/// `initialStorageChanges`, `repeatedStorageChanges` and `l2Logs`) into its items.
pub fn decode_counted_bytes<const N: usize>(
    bytes: &[u8],
) -> Result<Vec<[u8; N]>, CountedBytesError> {
    let error = CountedBytesError { len: bytes.len(), item_size: N };
    let (count, items) = bytes.split_first_chunk::<4>().ok_or(error)?;
    let count = u32::from_be_bytes(*count) as usize;
    if N == 0 || items.len() != count.checked_mul(N).ok_or(error)? {
        return Err(error);
    }
    Ok(items
        .chunks_exact(N)
        .map(|chunk| {
            let mut item = [0u8; N];
            item.copy_from_slice(chunk);
            item
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_boojum_write_layouts() {
        // Layouts from zksync-era `SerializeCommitment` for InitialStorageWrite / RepeatedStorageWrite.
        let initial = InitialStorageWrite {
            index: 7,
            key: U256::from(0x0102),
            value: B256::repeat_byte(0xee),
        };
        let bytes = initial.to_commitment_bytes();
        assert_eq!(&bytes[..3], &[0x02, 0x01, 0x00], "key is little-endian");
        assert_eq!(&bytes[32..], &[0xee; 32]);

        let repeated = RepeatedStorageWrite { index: 0x0102, value: B256::repeat_byte(0xdd) };
        let bytes = repeated.to_commitment_bytes();
        assert_eq!(&bytes[..8], &[0, 0, 0, 0, 0, 0, 1, 2], "index is big-endian");
        assert_eq!(&bytes[8..], &[0xdd; 32]);
    }
}

#[cfg(test)]
mod counted_tests {
    use super::*;

    #[test]
    fn counted_writes_round_trip() {
        let initial = InitialStorageWrite {
            index: 0,
            key: U256::from(0x0102u64),
            value: B256::repeat_byte(7),
        };
        let repeated = RepeatedStorageWrite { index: 513, value: B256::repeat_byte(9) };
        let mut bytes = 1u32.to_be_bytes().to_vec();
        bytes.extend_from_slice(&initial.to_commitment_bytes());
        let items = decode_counted_bytes::<64>(&bytes).expect("one item");
        assert_eq!(InitialStorageWrite::from_commitment_bytes(&items[0]), initial);
        assert_eq!(
            RepeatedStorageWrite::from_commitment_bytes(&repeated.to_commitment_bytes()),
            repeated
        );
        assert!(decode_counted_bytes::<64>(&bytes[..bytes.len() - 1]).is_err());
        assert!(decode_counted_bytes::<64>(&[0, 0, 0]).is_err());
        assert_eq!(decode_counted_bytes::<64>(&[0, 0, 0, 0]), Ok(vec![]));
        assert!(decode_counted_bytes::<64>(&[0xff, 0xff, 0xff, 0xff]).is_err());
    }
}
