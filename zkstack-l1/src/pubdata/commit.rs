//! Decoding the DA bytes a `commitBatches` call carries, per protocol version, back to [`Pubdata`].
//!
//! What the last field of a committed batch holds (zksync-era `CommitBatchInfo::into_token`,
//! RollupL1DAValidator.sol / CalldataDA.sol):
//! - before Boojum (≤ 17): no pubdata field;
//! - VM 1.4.0 and 1.4.1 (18–20): the raw pubdata (empty for a validium);
//! - 21–25 (`pubdataCommitments`): a source byte, then for calldata (0) the pubdata and a 32-byte
//!   blob commitment, for blobs (1) one 144-byte KZG opening per blob; a lone source byte (or 2,
//!   custom DA) means a validium publishing nothing;
//! - from 26 (`operatorDAInput`, rollup): the [`RollupDaHeader`], a source byte, then for calldata
//!   the pubdata and one 32-byte blob commitment (one per blob when relayed via Gateway), for blobs
//!   176 bytes per blob: a KZG opening and a 32-byte previously published commitment (0 = none).
//!   A validium's input is just the 32-byte state-diff hash (plus, for custom DA, inclusion data,
//!   which this decoder does not interpret).

use alloy_primitives::{B256, keccak256};

use super::{
    Pubdata, PubdataError,
    blob::{KZG_ENTRY_SIZE, KzgOpening, RollupDaHeader},
};
use crate::ProtocolVersionId;

/// Pubdata source byte: calldata.
pub const PUBDATA_SOURCE_CALLDATA: u8 = 0;
/// Pubdata source byte: blobs.
pub const PUBDATA_SOURCE_BLOBS: u8 = 1;
/// Pubdata source byte: custom DA (validiums, before the Gateway upgrade).
pub const PUBDATA_SOURCE_CUSTOM_PRE_GATEWAY: u8 = 2;
/// Size of a blob entry in a v26+ blob `operatorDAInput` (`BLOB_DA_INPUT_SIZE`).
pub const BLOB_DA_INPUT_SIZE: usize = KZG_ENTRY_SIZE + 32;

/// One blob's data in a commit that publishes pubdata in blobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BlobEntry {
    /// The KZG opening checked by the point-evaluation precompile.
    pub opening: KzgOpening,
    /// A commitment published in an earlier transaction, if the operator reuses one (v26+ only).
    pub prepublished_commitment: Option<B256>,
}

/// Where a committed batch's pubdata is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DaPayload {
    /// Nothing published on L1 (validium or custom DA).
    NotPublished,
    /// The pubdata itself, in calldata.
    Calldata {
        /// The encoded pubdata.
        pubdata: Vec<u8>,
        /// Blob commitments supplied for the proof (none for 18–20).
        blob_commitments: Vec<B256>,
    },
    /// The pubdata is in blobs; only their openings are in calldata.
    Blobs(Vec<BlobEntry>),
}

/// The decoded DA part of a committed batch.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CommitDaInput {
    /// The rollup DA header (v26+ rollups only).
    pub header: Option<RollupDaHeader>,
    /// Where the pubdata is.
    pub payload: DaPayload,
}

impl CommitDaInput {
    /// The decoded pubdata, or [`PubdataError::PubdataInBlobs`] / [`PubdataError::NotPublished`]
    /// when the calldata does not hold it.
    pub fn pubdata(&self) -> Result<Pubdata, PubdataError> {
        match &self.payload {
            DaPayload::Calldata { pubdata, .. } => Pubdata::decode(pubdata),
            DaPayload::Blobs(entries) => Err(PubdataError::PubdataInBlobs { blobs: entries.len() }),
            DaPayload::NotPublished => Err(PubdataError::NotPublished),
        }
    }
}

fn blob_entries(bytes: &[u8], entry_size: usize) -> Result<Vec<BlobEntry>, PubdataError> {
    if !bytes.len().is_multiple_of(entry_size) {
        return Err(PubdataError::CommitmentLength { len: bytes.len(), entry: entry_size });
    }
    Ok(bytes
        .chunks_exact(entry_size)
        .map(|chunk| {
            let mut opening = [0u8; KZG_ENTRY_SIZE];
            opening.copy_from_slice(&chunk[..KZG_ENTRY_SIZE]);
            let prepublished = (entry_size > KZG_ENTRY_SIZE)
                .then(|| B256::from_slice(&chunk[KZG_ENTRY_SIZE..]))
                .filter(|c| !c.is_zero());
            BlobEntry {
                opening: KzgOpening::from_bytes(&opening),
                prepublished_commitment: prepublished,
            }
        })
        .collect())
}

fn pre_gateway(bytes: &[u8]) -> Result<DaPayload, PubdataError> {
    let (&source, rest) =
        bytes.split_first().ok_or(PubdataError::Truncated { what: "pubdata source" })?;
    match source {
        // A validium's Executor accepts any lone source byte (`EF: v0l` checks only the length).
        _ if rest.is_empty() => Ok(DaPayload::NotPublished),
        PUBDATA_SOURCE_CALLDATA => {
            let split = rest
                .len()
                .checked_sub(32)
                .ok_or(PubdataError::Truncated { what: "blob commitment" })?;
            Ok(DaPayload::Calldata {
                pubdata: rest[..split].to_vec(),
                blob_commitments: vec![B256::from_slice(&rest[split..])],
            })
        }
        PUBDATA_SOURCE_BLOBS => Ok(DaPayload::Blobs(blob_entries(rest, KZG_ENTRY_SIZE)?)),
        PUBDATA_SOURCE_CUSTOM_PRE_GATEWAY => Ok(DaPayload::NotPublished),
        other => Err(PubdataError::UnknownSource(other)),
    }
}

fn post_gateway(bytes: &[u8]) -> Result<CommitDaInput, PubdataError> {
    if bytes.len() == 32 {
        return Ok(CommitDaInput { header: None, payload: DaPayload::NotPublished });
    }
    let (header, used) = RollupDaHeader::decode_prefix(bytes)?;
    let (&source, rest) =
        bytes[used..].split_first().ok_or(PubdataError::Truncated { what: "pubdata source" })?;
    let blobs = header.blob_linear_hashes.len();
    let payload = match source {
        PUBDATA_SOURCE_CALLDATA => {
            // One commitment on L1 (CalldataDA), one per blob when relayed via Gateway; the pubdata hash decides.
            let split_with = |commitments: usize| {
                let split = rest.len().checked_sub(32 * commitments)?;
                (keccak256(&rest[..split]) == header.full_pubdata_hash).then_some(split)
            };
            let split = split_with(1)
                .or_else(|| (blobs > 1).then(|| split_with(blobs)).flatten())
                .ok_or(if rest.len() < 32 {
                    PubdataError::Truncated { what: "blob commitment" }
                } else {
                    PubdataError::PubdataHashMismatch
                })?;
            DaPayload::Calldata {
                pubdata: rest[..split].to_vec(),
                blob_commitments: rest[split..].chunks_exact(32).map(B256::from_slice).collect(),
            }
        }
        PUBDATA_SOURCE_BLOBS => {
            let entries = blob_entries(rest, BLOB_DA_INPUT_SIZE)?;
            if entries.len() != blobs {
                return Err(PubdataError::CommitmentLength {
                    len: rest.len(),
                    entry: BLOB_DA_INPUT_SIZE,
                });
            }
            DaPayload::Blobs(entries)
        }
        other => return Err(PubdataError::UnknownSource(other)),
    };
    Ok(CommitDaInput { header: Some(header), payload })
}

/// Decodes the DA bytes of a committed batch of `version` (the last field of its `CommitBatchInfo`).
pub fn decode_commit_da_input(
    bytes: &[u8],
    version: ProtocolVersionId,
) -> Result<CommitDaInput, PubdataError> {
    if version.is_pre_boojum() {
        return Err(PubdataError::NoPubdata(version));
    }
    if version.minor() < ProtocolVersionId::V1_4_2.minor() {
        let payload = if bytes.is_empty() {
            DaPayload::NotPublished
        } else {
            DaPayload::Calldata { pubdata: bytes.to_vec(), blob_commitments: Vec::new() }
        };
        return Ok(CommitDaInput { header: None, payload });
    }
    if version.is_pre_gateway() {
        return Ok(CommitDaInput { header: None, payload: pre_gateway(bytes)? });
    }
    post_gateway(bytes)
}

/// The typed pubdata from a commit's DA bytes, or a typed error; [`PubdataError::PubdataInBlobs`]
/// says the pubdata is in blobs that calldata does not contain.
pub fn pubdata_from_commit(
    bytes: &[u8],
    version: ProtocolVersionId,
) -> Result<Pubdata, PubdataError> {
    decode_commit_da_input(bytes, version)?.pubdata()
}

/// Encodes a v26+ rollup calldata `operatorDAInput` the way zksync-era does (`PubdataSendingMode::Calldata`).
pub fn encode_rollup_calldata_da_input(
    state_diff_hash: B256,
    pubdata: &[u8],
    blob_commitment: B256,
) -> Result<Vec<u8>, PubdataError> {
    let mut out = RollupDaHeader::for_pubdata(state_diff_hash, pubdata).encode()?;
    out.push(PUBDATA_SOURCE_CALLDATA);
    out.extend_from_slice(pubdata);
    out.extend_from_slice(blob_commitment.as_slice());
    Ok(out)
}

/// Encodes a v26+ rollup blob `operatorDAInput` (`PubdataSendingMode::Blobs`): one opening per blob, no
/// prepublished commitments.
pub fn encode_rollup_blobs_da_input(
    state_diff_hash: B256,
    pubdata: &[u8],
    openings: &[KzgOpening],
) -> Result<Vec<u8>, PubdataError> {
    let mut out = RollupDaHeader::for_pubdata(state_diff_hash, pubdata).encode()?;
    out.push(PUBDATA_SOURCE_BLOBS);
    for opening in openings {
        out.extend_from_slice(&opening.to_bytes());
        out.extend_from_slice(&[0u8; 32]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::FixedBytes;
    use proptest::prelude::*;

    fn v(n: u16) -> ProtocolVersionId {
        ProtocolVersionId::new(n).expect("supported")
    }

    fn opening(b: u8) -> KzgOpening {
        KzgOpening {
            opening_point: FixedBytes::repeat_byte(b),
            claimed_value: B256::repeat_byte(b),
            commitment: FixedBytes::repeat_byte(b),
            proof: FixedBytes::repeat_byte(b),
        }
    }

    #[test]
    fn per_version_layouts() {
        let pubdata = Pubdata::default();
        let bytes = pubdata.encode().expect("encodes");
        assert_eq!(pubdata_from_commit(&bytes, v(17)), Err(PubdataError::NoPubdata(v(17))));
        assert_eq!(pubdata_from_commit(&bytes, v(19)), Ok(pubdata.clone()));
        assert_eq!(pubdata_from_commit(&[], v(20)), Err(PubdataError::NotPublished));

        let mut calldata = vec![0];
        calldata.extend(&bytes);
        calldata.extend([7u8; 32]);
        let decoded = decode_commit_da_input(&calldata, v(24)).expect("decodes");
        assert_eq!(
            decoded.payload,
            DaPayload::Calldata {
                pubdata: bytes.clone(),
                blob_commitments: vec![B256::repeat_byte(7)]
            }
        );
        assert_eq!(decoded.pubdata(), Ok(pubdata.clone()));

        let mut blobs = vec![1];
        blobs.extend(opening(3).to_bytes());
        assert_eq!(
            pubdata_from_commit(&blobs, v(25)),
            Err(PubdataError::PubdataInBlobs { blobs: 1 })
        );
        assert_eq!(
            pubdata_from_commit(&blobs[..100], v(25)),
            Err(PubdataError::CommitmentLength { len: 99, entry: 144 })
        );
        assert_eq!(pubdata_from_commit(&[1], v(25)), Err(PubdataError::NotPublished));
        assert_eq!(pubdata_from_commit(&[3, 0], v(25)), Err(PubdataError::UnknownSource(3)));

        let sd = B256::repeat_byte(9);
        let gw =
            encode_rollup_calldata_da_input(sd, &bytes, B256::repeat_byte(7)).expect("encodes");
        let decoded = decode_commit_da_input(&gw, v(28)).expect("decodes");
        assert_eq!(decoded.header, Some(RollupDaHeader::for_pubdata(sd, &bytes)));
        assert_eq!(decoded.pubdata(), Ok(pubdata.clone()));
        let mut tampered = gw.clone();
        let last_pubdata_byte = tampered.len() - 33;
        tampered[last_pubdata_byte] ^= 1;
        assert_eq!(pubdata_from_commit(&tampered, v(28)), Err(PubdataError::PubdataHashMismatch));

        let gw_blobs = encode_rollup_blobs_da_input(sd, &bytes, &[opening(5)]).expect("encodes");
        let decoded = decode_commit_da_input(&gw_blobs, v(29)).expect("decodes");
        assert_eq!(
            decoded.payload,
            DaPayload::Blobs(vec![BlobEntry {
                opening: opening(5),
                prepublished_commitment: None
            }])
        );
        assert_eq!(decoded.pubdata(), Err(PubdataError::PubdataInBlobs { blobs: 1 }));
        assert_eq!(pubdata_from_commit(&[0u8; 32], v(29)), Err(PubdataError::NotPublished));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_give_typed_errors(bytes in proptest::collection::vec(any::<u8>(), 0..400), minor in 0u16..=31) {
            let version = v(minor);
            let _ = pubdata_from_commit(&bytes, version);
        }
    }
}
