//! Boojum toolchain smoke test: a tiny circuit is proved and verified on the CPU, and every kind of
//! tampering is rejected. If this passes, Boojum builds and runs correctly on stable Rust here.

use boojum::field::goldilocks::GoldilocksField;
use boojum::field::{Field, U64Representable};
use zkstack_prover::{FmaChain, FmaChainProof, ProofParams, ProveError, VerifyError};

fn proved() -> FmaChainProof {
    let statement = FmaChain { x0: 3, x1: 5, steps: 100 };
    statement.prove(&ProofParams::default()).expect("proving a valid statement")
}

#[test]
fn native_chain_matches_hand_computation() {
    // x2 = 5² + 3 = 28, x3 = 28² + 5 = 789, x4 = 789² + 28 = 622_549.
    assert_eq!(FmaChain { x0: 3, x1: 5, steps: 1 }.output(), 28);
    assert_eq!(FmaChain { x0: 3, x1: 5, steps: 2 }.output(), 789);
    assert_eq!(FmaChain { x0: 3, x1: 5, steps: 3 }.output(), 622_549);
}

#[test]
fn proves_verifies_and_rejects_tampering() {
    let proof = proved();
    assert_eq!(proof.output, FmaChain { x0: 3, x1: 5, steps: 100 }.output());
    assert_eq!(proof.proof.public_inputs.len(), 1);
    proof.verify(&ProofParams::default()).expect("an honest proof verifies");

    // A different claimed output is caught before the IOP is even checked.
    let mut wrong_claim = proof.clone();
    wrong_claim.output ^= 1;
    assert_eq!(wrong_claim.verify(&ProofParams::default()), Err(VerifyError::PublicInputMismatch));

    // Public input changed consistently in claim and proof: the IOP must reject it.
    let mut forged_input = proof.clone();
    forged_input.output = forged_input.output.wrapping_add(1) % GoldilocksField::ORDER;
    forged_input.proof.public_inputs[0] =
        GoldilocksField::from_u64_with_reduction(forged_input.output);
    assert_eq!(forged_input.verify(&ProofParams::default()), Err(VerifyError::Rejected));

    // A flipped witness commitment.
    let mut bad_cap = proof.clone();
    bad_cap.proof.witness_oracle_cap[0][0].add_assign(&GoldilocksField::ONE);
    assert_eq!(bad_cap.verify(&ProofParams::default()), Err(VerifyError::Rejected));

    // A changed opening value.
    let mut bad_opening = proof.clone();
    bad_opening.proof.queries_per_fri_repetition[0].witness_query.leaf_elements[0]
        .add_assign(&GoldilocksField::ONE);
    assert_eq!(bad_opening.verify(&ProofParams::default()), Err(VerifyError::Rejected));

    // A proof of a different shape (a truncated query list) is rejected, not a panic.
    let mut truncated = proof.clone();
    truncated.proof.queries_per_fri_repetition.truncate(1);
    assert!(truncated.verify(&ProofParams::default()).is_err());

    // A proof that claims a lower security level than the verifier requires.
    let mut weaker = proof.clone();
    weaker.proof.proof_config.security_level = 10;
    assert_eq!(
        weaker.verify(&ProofParams::default()),
        Err(VerifyError::ConfigMismatch("security_bits"))
    );

    // Someone else's verification key.
    let other =
        FmaChain { x0: 1, x1: 1, steps: 1000 }.prove(&ProofParams::default()).expect("prove");
    let mut swapped_vk = proof.clone();
    swapped_vk.verification_key = other.verification_key;
    assert!(swapped_vk.verify(&ProofParams::default()).is_err());
}

#[test]
fn proof_survives_serde_round_trip() {
    let proof = proved();
    let json = serde_json::to_string(&proof).expect("serialise");
    let back: FmaChainProof = serde_json::from_str(&json).expect("deserialise");
    back.verify(&ProofParams::default()).expect("the decoded proof verifies");
    assert_eq!(back.proof.public_inputs[0].as_u64_reduced(), proof.output);
}

#[test]
fn bad_requests_are_typed_errors() {
    let params = ProofParams::default();
    assert!(matches!(
        FmaChain { x0: 0, x1: 0, steps: 0 }.prove(&params),
        Err(ProveError::InvalidCircuitSize { .. })
    ));
    assert!(matches!(
        FmaChain { x0: 0, x1: 0, steps: usize::MAX }.prove(&params),
        Err(ProveError::InvalidCircuitSize { .. })
    ));
    let bad = ProofParams { lde_factor: 3, ..params };
    assert!(matches!(
        FmaChain { x0: 0, x1: 0, steps: 4 }.prove(&bad),
        Err(ProveError::InvalidParams(_))
    ));
}
