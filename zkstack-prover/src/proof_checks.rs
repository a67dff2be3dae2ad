//! Checks that Boojum's verifier leaves to its caller.
//!
//! Boojum reads the FRI parameters (security level, proof-of-work bits, folding schedule) from the
//! proof itself, and in 0.32 it only *logs* a wrong number of FRI queries instead of rejecting the
//! proof. A verifier that trusted the proof's own configuration could be fooled by a proof made at a
//! lower security level, or with queries left out. These checks pin the configuration to the
//! parameters the verifier expects and the query count to the one those parameters demand.

use boojum::cs::implementations::prover::compute_fri_schedule;
use boojum::cs::oracle::TreeHasher;
use boojum::field::FieldExtension;
use boojum::field::SmallField;

use crate::error::VerifyError;
use crate::params::ProofParams;

/// Checks the proof's configuration and shape against `params` and the verification key.
pub(crate) fn check_proof_config<F, H, EXT>(
    proof: &boojum::cs::implementations::proof::Proof<F, H, EXT>,
    vk: &boojum::cs::implementations::verifier::VerificationKey<F, H>,
    params: &ProofParams,
) -> Result<(), VerifyError>
where
    F: SmallField,
    H: TreeHasher<F>,
    EXT: FieldExtension<2, BaseField = F>,
{
    let config = &proof.proof_config;
    let mismatch = |what: &'static str| Err(VerifyError::ConfigMismatch(what));
    if config.fri_lde_factor != params.lde_factor {
        return mismatch("lde_factor");
    }
    if config.merkle_tree_cap_size != params.merkle_tree_cap_size {
        return mismatch("merkle_tree_cap_size");
    }
    if config.security_level != params.security_bits {
        return mismatch("security_bits");
    }
    if config.pow_bits != params.pow_bits {
        return mismatch("pow_bits");
    }
    if config.fri_folding_schedule.is_some() {
        return mismatch("fri_folding_schedule");
    }
    let domain_size = vk.fixed_parameters.domain_size;
    if !domain_size.is_power_of_two() || domain_size > 1 << 32 {
        return Err(VerifyError::Malformed);
    }
    let (_, num_queries, _, _) = compute_fri_schedule(
        params.security_bits as u32,
        params.merkle_tree_cap_size,
        params.pow_bits,
        params.lde_factor.trailing_zeros(),
        domain_size.trailing_zeros(),
    );
    if proof.queries_per_fri_repetition.len() != num_queries {
        return Err(VerifyError::Malformed);
    }
    Ok(())
}
