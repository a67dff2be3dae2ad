//! The proof verifier the Executor calls on `proveBatches`.
//!
//! On chain this is the chain's `IVerifier` (the Boojum FFLONK/PLONK SNARK verifier, selected by
//! the first proof word); it is not modelled here (a later issue). [`PredicateVerifier`] accepts
//! exactly what a closure accepts, so tests decide which proofs are valid.

use alloy_primitives::U256;

/// `IVerifier.verify(uint256[] publicInputs, uint256[] proof)`.
pub trait ProofVerifier {
    /// Whether `proof` proves the batches whose public inputs are `public_inputs`.
    fn verify(&self, public_inputs: &[U256], proof: &[U256]) -> bool;
}

/// A verifier that accepts exactly what its predicate accepts.
///
/// ```
/// use zkstack_l1::executor_model::{PredicateVerifier, ProofVerifier};
/// use zkstack_l1::U256;
///
/// let verifier = PredicateVerifier(|inputs: &[U256], proof: &[U256]| proof == inputs);
/// assert!(verifier.verify(&[U256::from(1)], &[U256::from(1)]));
/// assert!(!verifier.verify(&[U256::from(1)], &[]));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct PredicateVerifier<F>(pub F);

impl<F: Fn(&[U256], &[U256]) -> bool> ProofVerifier for PredicateVerifier<F> {
    fn verify(&self, public_inputs: &[U256], proof: &[U256]) -> bool {
        (self.0)(public_inputs, proof)
    }
}
