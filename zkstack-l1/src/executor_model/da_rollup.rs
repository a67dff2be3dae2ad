//! `RollupL1DAValidator` with `CalldataDA`: rollup pubdata in calldata or in blobs.

use std::collections::BTreeMap;

use alloy_primitives::{B256, Bytes, keccak256};

use super::{
    BlobOracle, DaCheckContext, DaError, L1DaValidator, L1DaValidatorOutput, PointEvaluationInput,
};
use crate::priority::SolidityPanic;
use crate::pubdata::blob::{DA_HEADER_FIXED_SIZE, KZG_ENTRY_SIZE};
use crate::pubdata::commit::{BLOB_DA_INPUT_SIZE, PUBDATA_SOURCE_BLOBS, PUBDATA_SOURCE_CALLDATA};
use crate::pubdata::{BLOB_SIZE_BYTES, KzgOpening, RollupDaHeader};

/// `BLOB_EXPIRATION_BLOCKS`: a prepublished blob commitment is usable for half the blob retention
/// period, `4096 · 32 / 2` blocks.
pub const BLOB_EXPIRATION_BLOCKS: u64 = (4096 * 32) / 2;

/// `CalldataDA.BLOB_COMMITMENT_SIZE`.
const BLOB_COMMITMENT_SIZE: usize = 32;

/// era-contracts `da-contracts/contracts/RollupL1DAValidator.sol` (and its base `CalldataDA.sol`).
///
/// `operatorDAInput` = the L2 DA validator's output preimage ([`RollupDaHeader`]: state-diff hash,
/// full pubdata hash, blob count, blob linear hashes), a pubdata source byte, then
/// - calldata (0): the pubdata (at most one blob's worth) and a 32-byte blob commitment;
/// - blobs (1): per blob a 144-byte KZG opening and a 32-byte prepublished commitment (0 = none).
///
/// The validator's own state is the commitments published ahead with [`Self::publish_blobs`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RollupL1DaValidator {
    published_blob_commitments: BTreeMap<B256, u64>,
}

impl RollupL1DaValidator {
    /// A validator with no prepublished commitments.
    pub fn new() -> Self {
        Self::default()
    }

    /// `publishBlobs(pubdataCommitments)`: checks each 144-byte opening against the transaction's
    /// blob of the same index and records its commitment at `l1_block_number`. All or nothing.
    pub fn publish_blobs(
        &mut self,
        pubdata_commitments: &[u8],
        l1_block_number: u64,
        blobs: &dyn BlobOracle,
    ) -> Result<Vec<B256>, DaError> {
        if pubdata_commitments.is_empty() {
            return Err(DaError::PubdataCommitmentsEmpty);
        }
        if !pubdata_commitments.len().is_multiple_of(KZG_ENTRY_SIZE) {
            return Err(DaError::InvalidPubdataCommitmentsSize);
        }
        let commitments = pubdata_commitments
            .chunks_exact(KZG_ENTRY_SIZE)
            .enumerate()
            .map(|(index, entry)| published_blob_commitment(index, entry, blobs))
            .collect::<Result<Vec<_>, _>>()?;
        for commitment in &commitments {
            self.published_blob_commitments.insert(*commitment, l1_block_number);
        }
        Ok(commitments)
    }

    /// `isBlobAvailable(commitment)` at `l1_block_number`: published, and at most
    /// [`BLOB_EXPIRATION_BLOCKS`] ago (a clock running backwards is Solidity's underflow panic).
    pub fn is_blob_available(
        &self,
        commitment: B256,
        l1_block_number: u64,
    ) -> Result<bool, DaError> {
        let published = self.published_blob_commitments.get(&commitment).copied().unwrap_or(0);
        if published == 0 {
            return Ok(false);
        }
        let age = l1_block_number
            .checked_sub(published)
            .ok_or(DaError::Panic(SolidityPanic::ArithmeticOverflow))?;
        Ok(age <= BLOB_EXPIRATION_BLOCKS)
    }

    /// `_processBlobDA`.
    fn process_blob_da(
        &self,
        ctx: &DaCheckContext<'_>,
        blobs_provided: usize,
        max_blobs_supported: usize,
        input: &[u8],
    ) -> Result<Vec<B256>, DaError> {
        if input.len() != blobs_provided * BLOB_DA_INPUT_SIZE {
            return Err(DaError::InvalidPubdataCommitmentsSize);
        }
        let mut commitments = vec![B256::ZERO; max_blobs_supported];
        let mut versioned_hash_index = 0;
        for (slot, entry) in commitments.iter_mut().zip(input.chunks_exact(BLOB_DA_INPUT_SIZE)) {
            let prepublished = B256::from_slice(&entry[KZG_ENTRY_SIZE..]);
            if prepublished.is_zero() {
                *slot = published_blob_commitment(
                    versioned_hash_index,
                    &entry[..KZG_ENTRY_SIZE],
                    ctx.blobs,
                )?;
                versioned_hash_index += 1;
            } else {
                if !self.is_blob_available(prepublished, ctx.l1_block_number)? {
                    return Err(DaError::BlobCommitmentNotPublished);
                }
                *slot = prepublished;
            }
        }
        if !ctx.blobs.blob_versioned_hash(versioned_hash_index).is_zero() {
            return Err(DaError::NonEmptyBlobVersionHash(versioned_hash_index));
        }
        Ok(commitments)
    }
}

/// `_getPublishedBlobCommitment(index, entry)`: the precompile must accept the opening of blob
/// `index`; the commitment is `keccak256(versionedHash ‖ openingPoint(16) ‖ claimedValue)`.
fn published_blob_commitment(
    index: usize,
    entry: &[u8],
    blobs: &dyn BlobOracle,
) -> Result<B256, DaError> {
    let versioned_hash = blobs.blob_versioned_hash(index);
    if versioned_hash.is_zero() {
        return Err(DaError::EmptyBlobVersionHash(index));
    }
    let mut raw = [0u8; KZG_ENTRY_SIZE];
    raw.copy_from_slice(entry);
    let opening = KzgOpening::from_bytes(&raw);
    let mut z = B256::ZERO;
    z[16..].copy_from_slice(opening.opening_point.as_slice());
    let input = PointEvaluationInput {
        versioned_hash,
        z,
        y: opening.claimed_value,
        commitment: opening.commitment,
        proof: opening.proof,
    };
    if !blobs.point_evaluation(&input) {
        return Err(DaError::PointEvalCallFailed(Bytes::copy_from_slice(&input.to_bytes())));
    }
    Ok(opening.blob_commitment(versioned_hash))
}

/// `_processCalldataDA`: exactly one blob, the pubdata fits it and hashes to the header's value;
/// the trailing 32 bytes are blob 0's commitment.
fn process_calldata_da(
    blobs_provided: usize,
    full_pubdata_hash: B256,
    max_blobs_supported: usize,
    input: &[u8],
) -> Result<Vec<B256>, DaError> {
    if blobs_provided != 1 {
        return Err(DaError::OnlyOneBlobWithCalldataAllowed);
    }
    let split = input
        .len()
        .checked_sub(BLOB_COMMITMENT_SIZE)
        .ok_or(DaError::PubdataInputTooSmall { len: input.len(), min: BLOB_COMMITMENT_SIZE })?;
    let (pubdata, commitment) = input.split_at(split);
    if pubdata.len() > BLOB_SIZE_BYTES {
        return Err(DaError::PubdataLengthTooBig { len: pubdata.len(), max: BLOB_SIZE_BYTES });
    }
    let actual = keccak256(pubdata);
    if actual != full_pubdata_hash {
        return Err(DaError::InvalidPubdataHash { expected: full_pubdata_hash, actual });
    }
    // `blobs_provided == 1 <= max_blobs_supported`, so slot 0 exists.
    let mut commitments = vec![B256::ZERO; max_blobs_supported];
    if let Some(first) = commitments.first_mut() {
        *first = B256::from_slice(commitment);
    }
    Ok(commitments)
}

/// `_processL2RollupDAValidatorOutputHash`: the header, its blob count bounded by
/// `max_blobs_supported`, hashing to the L2 DA validator's output; returns it and the rest.
fn split_header(
    output_hash: B256,
    max_blobs_supported: usize,
    input: &[u8],
) -> Result<(RollupDaHeader, &[u8]), DaError> {
    let too_small = |min| DaError::OperatorDaInputTooSmall { len: input.len(), min };
    let count = *input.get(DA_HEADER_FIXED_SIZE - 1).ok_or(too_small(DA_HEADER_FIXED_SIZE))?;
    let blobs_provided = usize::from(count);
    if blobs_provided > max_blobs_supported {
        return Err(DaError::InvalidNumberOfBlobs {
            provided: blobs_provided,
            max: max_blobs_supported,
        });
    }
    let end = DA_HEADER_FIXED_SIZE + 32 * blobs_provided;
    if input.len() < end {
        return Err(too_small(end));
    }
    let (header, used) = RollupDaHeader::decode_prefix(input).map_err(|_| too_small(end))?;
    if keccak256(&input[..used]) != output_hash {
        return Err(DaError::InvalidL2DaOutputHash(output_hash));
    }
    Ok((header, &input[used..]))
}

impl L1DaValidator for RollupL1DaValidator {
    fn check_da(
        &self,
        ctx: &DaCheckContext<'_>,
        l2_da_validator_output_hash: B256,
        operator_da_input: &[u8],
        max_blobs_supported: usize,
    ) -> Result<L1DaValidatorOutput, DaError> {
        let (header, l1_da_input) =
            split_header(l2_da_validator_output_hash, max_blobs_supported, operator_da_input)?;
        let blobs_provided = header.blob_linear_hashes.len();
        let (&source, rest) =
            l1_da_input.split_first().ok_or(DaError::Panic(SolidityPanic::ArrayOutOfBounds))?;
        let commitments = match source {
            PUBDATA_SOURCE_BLOBS => {
                self.process_blob_da(ctx, blobs_provided, max_blobs_supported, rest)?
            }
            PUBDATA_SOURCE_CALLDATA => process_calldata_da(
                blobs_provided,
                header.full_pubdata_hash,
                max_blobs_supported,
                rest,
            )?,
            other => return Err(DaError::InvalidPubdataSource(other)),
        };
        let mut linear_hashes = header.blob_linear_hashes;
        linear_hashes.resize(max_blobs_supported, B256::ZERO);
        for (index, (linear, commitment)) in linear_hashes.iter().zip(&commitments).enumerate() {
            if linear.is_zero() != commitment.is_zero() {
                return Err(DaError::BlobHashCommitmentError {
                    index,
                    linear_hash_zero: linear.is_zero(),
                    commitment_zero: commitment.is_zero(),
                });
            }
        }
        Ok(L1DaValidatorOutput {
            state_diff_hash: header.state_diff_hash,
            blobs_linear_hashes: linear_hashes,
            blobs_opening_commitments: commitments,
        })
    }
}
