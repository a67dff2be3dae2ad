//! Compression of one storage value: a metadata byte (`len << 3 | op`) and up to 32 value bytes.
//!
//! Operations (Compressor.sol): 0 = the full 32-byte value, 1 = add to the previous value,
//! 2 = subtract from it (both mod 2^256), 3 = "transform", i.e. the new value in `len` bytes.
//! The compressor tries add, sub and transform in that order, keeps each only if its operand fits
//! in at most 30 bytes, and picks the shortest, the earliest on ties; if none fits it writes the
//! full value with metadata `0x00` (zksync-era `compress_with_best_strategy`).

use alloy_primitives::{B256, U256};

use super::StateDiffError;

/// Operand lengths of 31 bytes or more are never produced by the compressor (zksync-era rejects
/// `size >= 31`), although the metadata byte could express 31.
const MAX_COMPRESSED_OPERAND_LEN: usize = 30;

/// A compressed storage value, as it appears after the key or enumeration index of a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CompressedValue {
    /// Operation 0: the full new value. Its metadata byte's length bits are ignored by L1 and written as 0.
    Full(B256),
    /// Operation 1: `new = previous + delta` (mod 2^256), `delta` written in `len` bytes.
    Add {
        /// The operand.
        delta: U256,
        /// Number of operand bytes (0..=31).
        len: u8,
    },
    /// Operation 2: `new = previous - delta` (mod 2^256), `delta` written in `len` bytes.
    Sub {
        /// The operand.
        delta: U256,
        /// Number of operand bytes (0..=31).
        len: u8,
    },
    /// Operation 3: the new value itself, written in `len` bytes.
    Transform {
        /// The new value.
        value: U256,
        /// Number of value bytes (0..=31).
        len: u8,
    },
}

/// Number of bytes needed to write `value` big-endian without leading zeros.
fn byte_len(value: U256) -> usize {
    value.bit_len().div_ceil(8)
}

/// Reads `bytes` (at most 32) as a big-endian integer.
fn read_be(bytes: &[u8]) -> U256 {
    let mut word = [0u8; 32];
    word[32 - bytes.len()..].copy_from_slice(bytes);
    U256::from_be_bytes(word)
}

impl CompressedValue {
    /// The best compression of a change from `previous` to `new`, exactly as zksync-era chooses it.
    pub fn compress(previous: U256, new: U256) -> Self {
        let fits = |operand: U256| {
            let len = byte_len(operand);
            (len <= MAX_COMPRESSED_OPERAND_LEN).then_some(len as u8)
        };
        let add = new.wrapping_sub(previous);
        let sub = previous.wrapping_sub(new);
        let candidates = [
            fits(add).map(|len| Self::Add { delta: add, len }),
            fits(sub).map(|len| Self::Sub { delta: sub, len }),
            fits(new).map(|len| Self::Transform { value: new, len }),
        ];
        // `min_by_key` keeps the first of equal minima: add, then sub, then transform.
        candidates
            .into_iter()
            .flatten()
            .min_by_key(Self::encoded_len)
            .unwrap_or(Self::Full(B256::from(new)))
    }

    /// The operation id (low 3 bits of the metadata byte).
    pub fn operation(&self) -> u8 {
        match self {
            Self::Full(_) => 0,
            Self::Add { .. } => 1,
            Self::Sub { .. } => 2,
            Self::Transform { .. } => 3,
        }
    }

    /// Number of operand bytes after the metadata byte.
    pub fn operand_len(&self) -> usize {
        match self {
            Self::Full(_) => 32,
            Self::Add { len, .. } | Self::Sub { len, .. } | Self::Transform { len, .. } => {
                *len as usize
            }
        }
    }

    /// Size of the encoding: metadata byte plus operand.
    pub fn encoded_len(&self) -> usize {
        1 + self.operand_len()
    }

    /// The metadata byte: operand length in the high 5 bits (0 for [`CompressedValue::Full`]), operation in the low 3.
    pub fn metadata(&self) -> u8 {
        match self {
            Self::Full(_) => 0,
            Self::Add { len, .. } | Self::Sub { len, .. } | Self::Transform { len, .. } => {
                (len << 3) | self.operation()
            }
        }
    }

    /// Whether decompression needs the slot's previous value (add and sub).
    pub fn needs_previous(&self) -> bool {
        matches!(self, Self::Add { .. } | Self::Sub { .. })
    }

    /// Appends the encoding to `out`.
    ///
    /// A value built by hand whose operand does not fit its `len` keeps only its low `len` bytes,
    /// exactly what L1 would read back.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.push(self.metadata());
        match self {
            Self::Full(value) => out.extend_from_slice(value.as_slice()),
            Self::Add { delta: operand, len }
            | Self::Sub { delta: operand, len }
            | Self::Transform { value: operand, len } => {
                let word = operand.to_be_bytes::<32>();
                out.extend_from_slice(&word[32 - (*len as usize).min(32)..]);
            }
        }
    }

    /// Decodes one compressed value from the front of `bytes`; returns it and the bytes consumed.
    ///
    /// Accepts what Compressor.sol accepts: any length 0..=31 for operations 1–3 (leading zeros
    /// allowed), and any length bits for operation 0 (which always reads 32 bytes).
    pub fn decode(bytes: &[u8]) -> Result<(Self, usize), StateDiffError> {
        let (&metadata, rest) =
            bytes.split_first().ok_or(StateDiffError::Truncated { what: "value metadata" })?;
        let operation = metadata & 7;
        let len = if operation == 0 { 32 } else { (metadata >> 3) as usize };
        let operand =
            rest.get(..len).ok_or(StateDiffError::Truncated { what: "compressed value" })?;
        let len_u8 = len as u8;
        let value = match operation {
            0 => Self::Full(B256::from_slice(operand)),
            1 => Self::Add { delta: read_be(operand), len: len_u8 },
            2 => Self::Sub { delta: read_be(operand), len: len_u8 },
            3 => Self::Transform { value: read_be(operand), len: len_u8 },
            other => return Err(StateDiffError::UnsupportedOperation(other)),
        };
        Ok((value, 1 + len))
    }

    /// The new value, given the slot's previous value (used only by add and sub).
    pub fn apply(&self, previous: U256) -> U256 {
        match self {
            Self::Full(value) => U256::from_be_bytes(value.0),
            Self::Add { delta, .. } => previous.wrapping_add(*delta),
            Self::Sub { delta, .. } => previous.wrapping_sub(*delta),
            Self::Transform { value, .. } => *value,
        }
    }

    /// The new value if it does not depend on the previous one (full and transform).
    pub fn absolute(&self) -> Option<U256> {
        (!self.needs_previous()).then(|| self.apply(U256::ZERO))
    }

    /// Whether this encoding turns `previous` into `new`: Compressor.sol `_verifyValueCompression`.
    pub fn verify(&self, previous: U256, new: U256) -> bool {
        self.apply(previous) == new
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(value: CompressedValue) -> Vec<u8> {
        let mut out = Vec::new();
        value.encode_into(&mut out);
        out
    }

    /// Expected bytes from zksync_types `storage/writes/compression.rs` unit tests.
    #[test]
    fn matches_zksync_era_unit_vectors() {
        let c = |p: U256, n: U256| encode(CompressedValue::compress(p, n));
        assert_eq!(c(U256::from(255_438_218u64), U256::from(255_438_638u64)), vec![17, 1, 164]);
        assert_eq!(
            c(U256::from(580_481_589u64), U256::from(229_496_100u64)),
            vec![34, 20, 235, 157, 17]
        );
        assert_eq!(c(U256::from(580_481_589u64), U256::from(1337u64)), vec![19, 5, 57]);
        assert_eq!(c(U256::from(580_481_589u64), U256::ZERO), vec![3]);
        assert_eq!(c(U256::MAX, U256::from(1u8)), vec![9, 2]);
        assert_eq!(c(U256::ZERO, U256::MAX), vec![10, 1]);
    }

    #[test]
    fn ties_prefer_add_then_sub_then_transform_and_fall_back_to_full() {
        // Unchanged value: add and sub both have a 0-byte operand; add comes first.
        assert_eq!(
            CompressedValue::compress(U256::from(5u8), U256::from(5u8)),
            CompressedValue::Add { delta: U256::ZERO, len: 0 }
        );
        // From 0: add and transform both write the value; add wins.
        assert_eq!(
            encode(CompressedValue::compress(U256::ZERO, U256::from(0x40u8))),
            vec![0x09, 0x40]
        );
        // A 31-byte operand is never used; 2^255 from MAX/2 needs 32 bytes everywhere.
        let full = CompressedValue::compress(U256::MAX >> 1, U256::MAX);
        assert_eq!(full, CompressedValue::Full(B256::from(U256::MAX)));
        assert_eq!(encode(full)[0], 0);
        let thirty_one = U256::from(1u8) << 240;
        assert!(matches!(
            CompressedValue::compress(U256::MAX >> 1, thirty_one),
            CompressedValue::Full(_)
        ));
    }

    #[test]
    fn decode_follows_compressor_sol() {
        // Operation 0 ignores the length bits and reads 32 bytes.
        let mut bytes = vec![0xf8];
        bytes.extend([7u8; 32]);
        assert_eq!(
            CompressedValue::decode(&bytes),
            Ok((CompressedValue::Full(B256::repeat_byte(7)), 33))
        );
        // Non-minimal lengths are accepted.
        assert_eq!(
            CompressedValue::decode(&[0x1b, 0, 1, 2]),
            Ok((CompressedValue::Transform { value: U256::from(0x0102u16), len: 3 }, 4))
        );
        assert_eq!(CompressedValue::decode(&[0x04]), Err(StateDiffError::UnsupportedOperation(4)));
        assert_eq!(
            CompressedValue::decode(&[0x11, 1]),
            Err(StateDiffError::Truncated { what: "compressed value" })
        );
        assert_eq!(
            CompressedValue::decode(&[]),
            Err(StateDiffError::Truncated { what: "value metadata" })
        );
    }

    proptest! {
        #[test]
        fn compress_decode_apply_round_trips(prev in any::<[u8; 32]>(), new in any::<[u8; 32]>(), small in any::<u64>()) {
            let prev = U256::from_be_bytes(prev);
            for new in [U256::from_be_bytes(new), prev.wrapping_add(U256::from(small)), prev.wrapping_sub(U256::from(small)), U256::from(small)] {
                let compressed = CompressedValue::compress(prev, new);
                let bytes = encode(compressed);
                prop_assert_eq!(bytes.len(), compressed.encoded_len());
                prop_assert!(bytes.len() <= 33);
                let (decoded, used) = CompressedValue::decode(&bytes).expect("decodes");
                prop_assert_eq!(used, bytes.len());
                prop_assert_eq!(decoded, compressed);
                prop_assert_eq!(decoded.apply(prev), new);
                prop_assert!(decoded.verify(prev, new));
            }
        }

        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            if let Ok((value, used)) = CompressedValue::decode(&bytes) {
                prop_assert!(used <= bytes.len());
                prop_assert_eq!(used, value.encoded_len());
            }
        }
    }
}
