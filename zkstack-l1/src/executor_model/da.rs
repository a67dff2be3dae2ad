//! The L1 DA validator a chain commits through (era-contracts `IL1DAValidator`).

use alloy_primitives::{B256, U256};

use super::{BlobOracle, DaError};

/// Executor.sol `TOTAL_BLOBS_IN_COMMITMENT`: blob slots in the batch commitment (the circuits' 16).
pub const TOTAL_BLOBS_IN_COMMITMENT: usize = 16;

/// `L1DAValidatorOutput`: what the batch commitment takes from the DA check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct L1DaValidatorOutput {
    /// Hash of the uncompressed state diffs.
    pub state_diff_hash: B256,
    /// Linear hash per blob slot (`maxBlobsSupported` entries, zero where unused).
    pub blobs_linear_hashes: Vec<B256>,
    /// Opening commitment per blob slot (`maxBlobsSupported` entries, zero where unused).
    pub blobs_opening_commitments: Vec<B256>,
}

/// What `checkDA` can see besides its arguments: the L1 block and the committing transaction's blobs.
#[derive(Clone, Copy)]
pub struct DaCheckContext<'a> {
    /// `_chainId`.
    pub chain_id: U256,
    /// `_batchNumber`.
    pub batch_number: u64,
    /// `block.number` (blob expiry of prepublished commitments).
    pub l1_block_number: u64,
    /// The transaction's blobs.
    pub blobs: &'a dyn BlobOracle,
}

impl std::fmt::Debug for DaCheckContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DaCheckContext")
            .field("chain_id", &self.chain_id)
            .field("batch_number", &self.batch_number)
            .field("l1_block_number", &self.l1_block_number)
            .finish_non_exhaustive()
    }
}

/// `IL1DAValidator.checkDA`: checks a batch's `operatorDAInput` against the L2 DA validator's
/// output hash (from the system logs) and returns the values the batch commitment needs.
///
/// Implementations: [`RollupL1DaValidator`](super::RollupL1DaValidator) (calldata or blob pubdata)
/// and [`ValidiumL1DaValidator`](super::ValidiumL1DaValidator).
pub trait L1DaValidator {
    /// `checkDA(chainId, batchNumber, l2DAValidatorOutputHash, operatorDAInput, maxBlobsSupported)`.
    fn check_da(
        &self,
        ctx: &DaCheckContext<'_>,
        l2_da_validator_output_hash: B256,
        operator_da_input: &[u8],
        max_blobs_supported: usize,
    ) -> Result<L1DaValidatorOutput, DaError>;
}
