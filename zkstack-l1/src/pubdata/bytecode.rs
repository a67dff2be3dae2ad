//! EraVM bytecode compression (Compressor.sol `publishCompressedBytecode`) and the bytecode hash.
//!
//! Format: `dictionary length in chunks (u16 BE) ‖ dictionary (8-byte chunks) ‖ encoded data (u16 BE index per 8-byte chunk)`.
//! The reference compressor (zksync-era multivm `utils/bytecode.rs`) orders the dictionary by
//! descending occurrence count, ties broken by the later first occurrence coming first.

use std::collections::HashMap;

use alloy_primitives::B256;
use sha2::{Digest, Sha256};

/// The largest bytecode in 32-byte words (the length must fit the hash's u16 field).
pub const MAX_BYTECODE_WORDS: usize = (1 << 16) - 1;
/// Size of a dictionary chunk.
pub const CHUNK_SIZE: usize = 8;
/// Version byte of an EraVM bytecode hash.
pub const ERAVM_BYTECODE_VERSION: u8 = 1;

/// Errors of bytecode validation, compression and decompression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BytecodeError {
    /// More than [`MAX_BYTECODE_WORDS`] words.
    #[error("bytecode of {0} bytes is too long (max {max})", max = MAX_BYTECODE_WORDS * 32)]
    TooLong(usize),
    /// Not a whole number of 32-byte words.
    #[error("bytecode length {0} is not a multiple of 32")]
    NotWordAligned(usize),
    /// An even number of words.
    #[error("bytecode has an even number of words ({0})")]
    EvenWordCount(usize),
    /// More than 65535 distinct chunks.
    #[error("{0} distinct chunks overflow the u16 dictionary")]
    DictionaryOverflow(usize),
    /// The compressed data is shorter than its declared dictionary.
    #[error("compressed bytecode of {len} bytes is shorter than its {chunks}-chunk dictionary")]
    TruncatedDictionary {
        /// Length of the compressed data.
        len: usize,
        /// Declared dictionary length in chunks.
        chunks: usize,
    },
    /// The encoded data is not a whole number of u16 indices.
    #[error("encoded data of {0} bytes is not a whole number of indices")]
    OddEncodedLength(usize),
    /// Encoded data is not a quarter of the original length (`EncodedLengthNotFourTimesSmallerThanOriginal`).
    #[error("encoded data of {encoded} bytes does not describe {original} bytes")]
    EncodedLengthMismatch {
        /// Length of the encoded index data.
        encoded: usize,
        /// Length of the original bytecode.
        original: usize,
    },
    /// More dictionary chunks than encoded indices (`DictionaryDividedByEightNotGreaterThanEncodedDividedByTwo`).
    #[error("dictionary of {dictionary} chunks is larger than the {indices} encoded indices")]
    DictionaryTooLarge {
        /// Dictionary length in chunks.
        dictionary: usize,
        /// Number of encoded indices.
        indices: usize,
    },
    /// An index past the dictionary (`IndexOutOfBounds`).
    #[error("index {index} out of a {dictionary}-chunk dictionary")]
    IndexOutOfBounds {
        /// The index.
        index: u16,
        /// Dictionary length in chunks.
        dictionary: usize,
    },
    /// A decoded chunk differs from the original (`EncodedAndRealBytecodeChunkNotEqual`).
    #[error("chunk {position} decodes differently from the original")]
    ChunkMismatch {
        /// Position of the chunk in the bytecode.
        position: usize,
    },
}

/// Checks what zksync-era `validate_bytecode` and L2 `Utils.hashL2Bytecode` check: whole words, an odd
/// number of them, and at most [`MAX_BYTECODE_WORDS`].
pub fn validate_bytecode(code: &[u8]) -> Result<(), BytecodeError> {
    if code.len() > MAX_BYTECODE_WORDS * 32 {
        return Err(BytecodeError::TooLong(code.len()));
    }
    if !code.len().is_multiple_of(32) {
        return Err(BytecodeError::NotWordAligned(code.len()));
    }
    let words = code.len() / 32;
    if words.is_multiple_of(2) {
        return Err(BytecodeError::EvenWordCount(words));
    }
    Ok(())
}

/// The versioned EraVM bytecode hash: `0x01 ‖ 0x00 ‖ length in words (u16 BE) ‖ sha256(code)[4..]`.
pub fn bytecode_hash(code: &[u8]) -> Result<B256, BytecodeError> {
    validate_bytecode(code)?;
    let mut hash: [u8; 32] = Sha256::digest(code).into();
    hash[0] = ERAVM_BYTECODE_VERSION;
    hash[1] = 0;
    hash[2..4].copy_from_slice(&((code.len() / 32) as u16).to_be_bytes());
    Ok(B256::from(hash))
}

fn chunk_at(bytes: &[u8], index: usize) -> u64 {
    let mut chunk = [0u8; CHUNK_SIZE];
    chunk.copy_from_slice(&bytes[index * CHUNK_SIZE..(index + 1) * CHUNK_SIZE]);
    u64::from_be_bytes(chunk)
}

/// Compresses a valid bytecode exactly as zksync-era does.
pub fn compress_bytecode(code: &[u8]) -> Result<Vec<u8>, BytecodeError> {
    validate_bytecode(code)?;
    let chunk_count = code.len() / CHUNK_SIZE;
    // chunk -> (occurrences, first position)
    let mut stats: HashMap<u64, (usize, usize)> = HashMap::new();
    for position in 0..chunk_count {
        stats.entry(chunk_at(code, position)).or_insert((0, position)).0 += 1;
    }
    if stats.len() > usize::from(u16::MAX) {
        return Err(BytecodeError::DictionaryOverflow(stats.len()));
    }
    let mut ordered: Vec<(u64, (usize, usize))> = stats.into_iter().collect();
    // Ascending (count, first position), then reversed: most frequent first, later first position first.
    ordered.sort_by_key(|&(_, stat)| stat);
    ordered.reverse();
    let index_of: HashMap<u64, u16> =
        ordered.iter().enumerate().map(|(i, &(chunk, _))| (chunk, i as u16)).collect();

    let mut out = Vec::with_capacity(2 + ordered.len() * CHUNK_SIZE + chunk_count * 2);
    out.extend_from_slice(&(ordered.len() as u16).to_be_bytes());
    for (chunk, _) in &ordered {
        out.extend_from_slice(&chunk.to_be_bytes());
    }
    for position in 0..chunk_count {
        let index = index_of.get(&chunk_at(code, position)).copied().unwrap_or_default();
        out.extend_from_slice(&index.to_be_bytes());
    }
    Ok(out)
}

/// Splits compressed data into dictionary and encoded indices.
fn split_compressed(compressed: &[u8]) -> Result<(&[u8], &[u8]), BytecodeError> {
    let len = compressed
        .get(..2)
        .ok_or(BytecodeError::TruncatedDictionary { len: compressed.len(), chunks: 0 })?;
    let chunks = u16::from_be_bytes([len[0], len[1]]) as usize;
    let end = 2 + chunks * CHUNK_SIZE;
    if compressed.len() < end {
        return Err(BytecodeError::TruncatedDictionary { len: compressed.len(), chunks });
    }
    Ok((&compressed[2..end], &compressed[end..]))
}

/// Decompresses data in the Compressor format (any dictionary order). The output is at most
/// four times the input, so it is bounded by what the caller passed in.
pub fn decompress_bytecode(compressed: &[u8]) -> Result<Vec<u8>, BytecodeError> {
    let (dictionary, encoded) = split_compressed(compressed)?;
    if encoded.len() % 2 != 0 {
        return Err(BytecodeError::OddEncodedLength(encoded.len()));
    }
    let dictionary_len = dictionary.len() / CHUNK_SIZE;
    let mut out = Vec::with_capacity(encoded.len() * 4);
    for pair in encoded.chunks_exact(2) {
        let index = u16::from_be_bytes([pair[0], pair[1]]);
        if usize::from(index) >= dictionary_len {
            return Err(BytecodeError::IndexOutOfBounds { index, dictionary: dictionary_len });
        }
        out.extend_from_slice(&dictionary[usize::from(index) * CHUNK_SIZE..][..CHUNK_SIZE]);
    }
    Ok(out)
}

/// Compressor.sol `publishCompressedBytecode`'s checks of `compressed` against `original`; returns
/// the bytecode hash the contract marks as published.
///
/// One deliberate difference: with an empty dictionary and non-empty encoded data the contract's
/// unchecked `dictionary.length - 1` wraps and it reads past the dictionary; this rejects such
/// data with [`BytecodeError::IndexOutOfBounds`], as the reference compressor never produces it.
pub fn verify_compressed_bytecode(
    original: &[u8],
    compressed: &[u8],
) -> Result<B256, BytecodeError> {
    let (dictionary, encoded) = split_compressed(compressed)?;
    if encoded.len().checked_mul(4) != Some(original.len()) {
        return Err(BytecodeError::EncodedLengthMismatch {
            encoded: encoded.len(),
            original: original.len(),
        });
    }
    let dictionary_len = dictionary.len() / CHUNK_SIZE;
    if dictionary_len > encoded.len() / 2 {
        return Err(BytecodeError::DictionaryTooLarge {
            dictionary: dictionary_len,
            indices: encoded.len() / 2,
        });
    }
    // Here `original.len()` is a multiple of 8, so `encoded` is a whole number of indices.
    for (position, pair) in encoded.chunks_exact(2).enumerate() {
        let index = u16::from_be_bytes([pair[0], pair[1]]);
        if usize::from(index) >= dictionary_len {
            return Err(BytecodeError::IndexOutOfBounds { index, dictionary: dictionary_len });
        }
        if chunk_at(dictionary, usize::from(index)) != chunk_at(original, position) {
            return Err(BytecodeError::ChunkMismatch { position });
        }
    }
    bytecode_hash(original)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Expected bytes from zksync-era multivm `utils/bytecode.rs` `bytecode_compression_statisticst`
    /// (its input is 32 bytes, so only the compressor's ordering is exercised there, not validation).
    #[test]
    fn dictionary_order_matches_zksync_era() {
        let mut code =
            hex::decode("0000000000000000111111111111111111111111111111112222222222222222")
                .expect("hex");
        let expected = "00031111111111111111222222222222222200000000000000000002000000000001";
        assert_eq!(hex::encode(compress_bytecode(&code).expect("compresses")), expected);
        // Two more words keep the first word's dictionary prefix but shift counts: zeros now dominate.
        code.extend([0u8; 64]);
        let compressed = compress_bytecode(&code).expect("compresses");
        assert_eq!(&compressed[..10], &hex::decode("00030000000000000000").expect("hex")[..]);
        assert_eq!(decompress_bytecode(&compressed), Ok(code.clone()));
        assert_eq!(verify_compressed_bytecode(&code, &compressed), bytecode_hash(&code));
    }

    #[test]
    fn hash_layout() {
        let code = [0u8; 32];
        let hash = bytecode_hash(&code).expect("valid");
        let sha: [u8; 32] = Sha256::digest(code).into();
        assert_eq!(&hash[..4], &[1, 0, 0, 1]);
        assert_eq!(&hash[4..], &sha[4..]);
        assert_eq!(bytecode_hash(&[0; 64]), Err(BytecodeError::EvenWordCount(2)));
        assert_eq!(bytecode_hash(&[0; 33]), Err(BytecodeError::NotWordAligned(33)));
    }

    #[test]
    fn contract_checks() {
        let code = [7u8; 32];
        let good = compress_bytecode(&code).expect("compresses");
        assert_eq!(
            good,
            hex::decode("00010707070707070707")
                .expect("hex")
                .into_iter()
                .chain([0u8; 8])
                .collect::<Vec<_>>()
        );
        let mut bad_index = good.clone();
        bad_index[11] = 1;
        assert_eq!(
            verify_compressed_bytecode(&code, &bad_index),
            Err(BytecodeError::IndexOutOfBounds { index: 1, dictionary: 1 })
        );
        assert_eq!(
            verify_compressed_bytecode(&code, &good[..good.len() - 2]),
            Err(BytecodeError::EncodedLengthMismatch { encoded: 6, original: 32 })
        );
        assert_eq!(
            verify_compressed_bytecode(&[8u8; 32], &good),
            Err(BytecodeError::ChunkMismatch { position: 0 })
        );
        let mut big_dict = vec![0, 5];
        big_dict.extend([7u8; 40]);
        big_dict.extend([0u8; 8]);
        assert_eq!(
            verify_compressed_bytecode(&code, &big_dict),
            Err(BytecodeError::DictionaryTooLarge { dictionary: 5, indices: 4 })
        );
        assert_eq!(
            decompress_bytecode(&[0, 2, 1]),
            Err(BytecodeError::TruncatedDictionary { len: 3, chunks: 2 })
        );
    }

    proptest! {
        #[test]
        fn compress_decompress_identity(words in proptest::collection::vec(prop_oneof![Just([0u8; 32]), Just([0xffu8; 32]), any::<[u8; 32]>()], 0..20)) {
            let mut code: Vec<u8> = words.concat();
            if (code.len() / 32).is_multiple_of(2) { code.extend([0u8; 32]); }
            let compressed = compress_bytecode(&code).expect("compresses");
            prop_assert_eq!(decompress_bytecode(&compressed).expect("decompresses"), code.clone());
            prop_assert_eq!(verify_compressed_bytecode(&code, &compressed), bytecode_hash(&code));
        }

        #[test]
        fn arbitrary_bytes_give_typed_errors(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
            if let Ok(out) = decompress_bytecode(&bytes) {
                prop_assert!(out.len() <= bytes.len() * 4);
            }
            let _ = verify_compressed_bytecode(&[0u8; 32], &bytes);
        }
    }
}
