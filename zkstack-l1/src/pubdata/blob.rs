//! Pubdata in EIP-4844 blobs: splitting, linear hashes, KZG opening entries and the rollup DA header.
//!
//! A ZK Stack blob carries 4096 × 31 = 126 976 bytes of pubdata (each 32-byte field element keeps
//! its top byte zero). Pubdata is cut into such chunks, the last one zero-padded, and each blob's
//! linear hash is `keccak256` of its padded 126 976 bytes (zksync-era `pubdata_to_blob_linear_hashes`,
//! PubdataChunkPublisher.sol).

use alloy_primitives::{B256, FixedBytes, keccak256};

use super::PubdataError;
use crate::ProtocolVersionId;

/// Pubdata bytes per blob (`BLOB_SIZE_BYTES`).
pub const BLOB_SIZE_BYTES: usize = 126_976;
/// Size of one KZG opening entry (`PUBDATA_COMMITMENT_SIZE`).
pub const KZG_ENTRY_SIZE: usize = 144;
/// Size of the fixed part of the rollup DA header (state diff hash, pubdata hash, blob count).
pub const DA_HEADER_FIXED_SIZE: usize = 65;

/// The number of blob slots a batch commitment has for `version` (zksync-era `num_blobs_required`):
/// none before VM 1.4.1, 2 before VM 1.5.0, 16 from then on.
pub const fn max_blobs(version: ProtocolVersionId) -> usize {
    if version.is_pre_1_4_1() {
        0
    } else if version.is_pre_1_5_0() {
        2
    } else {
        16
    }
}

/// Number of blobs `len` bytes of pubdata fill.
pub const fn blob_count(len: usize) -> usize {
    len.div_ceil(BLOB_SIZE_BYTES)
}

/// The pubdata cut into zero-padded blobs of [`BLOB_SIZE_BYTES`] (no blob for empty pubdata).
pub fn split_into_blobs(pubdata: &[u8]) -> Vec<Vec<u8>> {
    pubdata
        .chunks(BLOB_SIZE_BYTES)
        .map(|chunk| {
            let mut blob = vec![0u8; BLOB_SIZE_BYTES];
            blob[..chunk.len()].copy_from_slice(chunk);
            blob
        })
        .collect()
}

/// The linear hash of each blob the pubdata fills.
pub fn blob_linear_hashes(pubdata: &[u8]) -> Vec<B256> {
    split_into_blobs(pubdata).iter().map(keccak256).collect()
}

/// The linear hashes padded with zeros to the version's blob slots, as the batch commitment holds them.
pub fn blob_linear_hashes_for_version(
    pubdata: &[u8],
    version: ProtocolVersionId,
) -> Result<Vec<B256>, PubdataError> {
    let slots = max_blobs(version);
    let mut hashes = blob_linear_hashes(pubdata);
    if hashes.len() > slots {
        return Err(PubdataError::TooManyBlobs { len: pubdata.len(), max_blobs: slots });
    }
    hashes.resize(slots, B256::ZERO);
    Ok(hashes)
}

/// One blob's KZG opening as the Executor / RollupL1DAValidator reads it (144 bytes):
/// `opening point (16) ‖ claimed value (32) ‖ commitment (48) ‖ proof (48)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct KzgOpening {
    /// The evaluation point (16 bytes; widened to 32 for the precompile).
    pub opening_point: FixedBytes<16>,
    /// The claimed evaluation.
    pub claimed_value: B256,
    /// The KZG commitment to the blob.
    pub commitment: FixedBytes<48>,
    /// The KZG proof of the evaluation.
    pub proof: FixedBytes<48>,
}

impl KzgOpening {
    /// The 144-byte encoding.
    pub fn to_bytes(&self) -> [u8; KZG_ENTRY_SIZE] {
        let mut out = [0u8; KZG_ENTRY_SIZE];
        out[..16].copy_from_slice(self.opening_point.as_slice());
        out[16..48].copy_from_slice(self.claimed_value.as_slice());
        out[48..96].copy_from_slice(self.commitment.as_slice());
        out[96..].copy_from_slice(self.proof.as_slice());
        out
    }

    /// Decodes the 144-byte encoding.
    pub fn from_bytes(bytes: &[u8; KZG_ENTRY_SIZE]) -> Self {
        Self {
            opening_point: FixedBytes::from_slice(&bytes[..16]),
            claimed_value: B256::from_slice(&bytes[16..48]),
            commitment: FixedBytes::from_slice(&bytes[48..96]),
            proof: FixedBytes::from_slice(&bytes[96..]),
        }
    }

    /// The blob commitment L1 derives once the precompile accepted the opening:
    /// `keccak256(versioned_hash ‖ opening point ‖ claimed value)`.
    pub fn blob_commitment(&self, versioned_hash: B256) -> B256 {
        let mut buf = [0u8; 80];
        buf[..32].copy_from_slice(versioned_hash.as_slice());
        buf[32..48].copy_from_slice(self.opening_point.as_slice());
        buf[48..].copy_from_slice(self.claimed_value.as_slice());
        keccak256(buf)
    }
}

/// The preimage of the RollupL2DAValidator's output hash, which starts the v26+ rollup `operatorDAInput`:
/// `state diff hash (32) ‖ full pubdata hash (32) ‖ blob count (u8) ‖ blob linear hashes (32 each)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RollupDaHeader {
    /// Hash of the padded uncompressed state diffs.
    pub state_diff_hash: B256,
    /// `keccak256` of the full pubdata.
    pub full_pubdata_hash: B256,
    /// Linear hash of each blob the pubdata fills.
    pub blob_linear_hashes: Vec<B256>,
}

impl RollupDaHeader {
    /// The header zksync-era composes for `pubdata` (`compose_header_for_l1_commit_rollup`).
    pub fn for_pubdata(state_diff_hash: B256, pubdata: &[u8]) -> Self {
        Self {
            state_diff_hash,
            full_pubdata_hash: keccak256(pubdata),
            blob_linear_hashes: blob_linear_hashes(pubdata),
        }
    }

    /// The encoding (the L2 DA validator's output preimage).
    pub fn encode(&self) -> Result<Vec<u8>, PubdataError> {
        let count = u8::try_from(self.blob_linear_hashes.len()).map_err(|_| {
            PubdataError::TooLong { what: "blob count", value: self.blob_linear_hashes.len() }
        })?;
        let mut out = Vec::with_capacity(DA_HEADER_FIXED_SIZE + 32 * self.blob_linear_hashes.len());
        out.extend_from_slice(self.state_diff_hash.as_slice());
        out.extend_from_slice(self.full_pubdata_hash.as_slice());
        out.push(count);
        for hash in &self.blob_linear_hashes {
            out.extend_from_slice(hash.as_slice());
        }
        Ok(out)
    }

    /// `keccak256` of the encoding: the `l2DAValidatorOutputHash` in the system logs.
    pub fn output_hash(&self) -> Result<B256, PubdataError> {
        Ok(keccak256(self.encode()?))
    }

    /// Decodes a header from the front of `bytes`; returns it and the bytes consumed.
    pub fn decode_prefix(bytes: &[u8]) -> Result<(Self, usize), PubdataError> {
        let fixed = bytes
            .get(..DA_HEADER_FIXED_SIZE)
            .ok_or(PubdataError::Truncated { what: "DA header" })?;
        let count = fixed[64] as usize;
        let end = DA_HEADER_FIXED_SIZE + 32 * count;
        let hashes = bytes
            .get(DA_HEADER_FIXED_SIZE..end)
            .ok_or(PubdataError::Truncated { what: "blob linear hashes" })?;
        Ok((
            Self {
                state_diff_hash: B256::from_slice(&fixed[..32]),
                full_pubdata_hash: B256::from_slice(&fixed[32..64]),
                blob_linear_hashes: hashes.chunks_exact(32).map(B256::from_slice).collect(),
            },
            end,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Expected behaviour from zksync-era `pubdata_to_blob_linear_hashes` (keccak of the zero-padded blob)
    /// and PubdataChunkPublisher.sol (ceil division, exact-size blobs unpadded).
    #[test]
    fn linear_hashes_pad_the_last_blob() {
        assert!(blob_linear_hashes(&[]).is_empty());
        let pubdata = vec![0xab; BLOB_SIZE_BYTES + 100];
        let hashes = blob_linear_hashes(&pubdata);
        assert_eq!(hashes.len(), 2);
        assert_eq!(hashes[0], keccak256(&pubdata[..BLOB_SIZE_BYTES]));
        let mut last = pubdata[BLOB_SIZE_BYTES..].to_vec();
        last.resize(BLOB_SIZE_BYTES, 0);
        assert_eq!(hashes[1], keccak256(&last));
        let v = |n| ProtocolVersionId::new(n).expect("supported");
        assert_eq!(blob_linear_hashes_for_version(&pubdata, v(23)).expect("fits").len(), 16);
        assert_eq!(
            blob_linear_hashes_for_version(&pubdata, v(19)),
            Err(PubdataError::TooManyBlobs { len: pubdata.len(), max_blobs: 0 })
        );
        assert_eq!((max_blobs(v(20)), max_blobs(v(22)), max_blobs(v(23))), (2, 2, 16));
    }

    proptest! {
        #[test]
        fn header_and_kzg_round_trip(state in any::<[u8; 32]>(), len in 0usize..300_000, entry in proptest::collection::vec(any::<u8>(), 144)) {
            let pubdata = vec![1u8; len];
            let header = RollupDaHeader::for_pubdata(B256::from(state), &pubdata);
            prop_assert_eq!(header.blob_linear_hashes.len(), blob_count(len));
            let bytes = header.encode().expect("encodes");
            prop_assert_eq!(RollupDaHeader::decode_prefix(&bytes), Ok((header, bytes.len())));
            let mut raw = [0u8; KZG_ENTRY_SIZE];
            raw.copy_from_slice(&entry);
            prop_assert_eq!(KzgOpening::from_bytes(&raw).to_bytes(), raw);
        }

        #[test]
        fn header_decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Ok((header, used)) = RollupDaHeader::decode_prefix(&bytes) {
                prop_assert_eq!(header.encode().expect("encodes").len(), used);
            }
        }
    }
}
