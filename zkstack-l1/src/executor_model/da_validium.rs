//! `ValidiumL1DAValidator`: a validium publishes nothing; the operator passes the state-diff hash.

use alloy_primitives::B256;

use super::{DaCheckContext, DaError, L1DaValidator, L1DaValidatorOutput};

/// era-contracts `ValidiumL1DAValidator.sol`: the DA input must be exactly the 32-byte state-diff
/// hash; the L2 output hash is not checked and every blob slot is zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ValidiumL1DaValidator;

impl L1DaValidator for ValidiumL1DaValidator {
    fn check_da(
        &self,
        _ctx: &DaCheckContext<'_>,
        _l2_da_validator_output_hash: B256,
        operator_da_input: &[u8],
        max_blobs_supported: usize,
    ) -> Result<L1DaValidatorOutput, DaError> {
        if operator_da_input.len() != 32 {
            return Err(DaError::ValidiumWrongInputLength {
                len: operator_da_input.len(),
                expected: 32,
            });
        }
        Ok(L1DaValidatorOutput {
            state_diff_hash: B256::from_slice(operator_da_input),
            blobs_linear_hashes: vec![B256::ZERO; max_blobs_supported],
            blobs_opening_commitments: vec![B256::ZERO; max_blobs_supported],
        })
    }
}
