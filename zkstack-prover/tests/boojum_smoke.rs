//! Boojum toolchain and generic-API test: a small circuit of our own is set up, proved and
//! verified on the CPU, the keys and proof survive serde, and every kind of tampering is rejected.
//! If this passes, Boojum builds and runs correctly on stable Rust here.
//!
//! Expected values: the chain's end is computed natively (and by hand for the first steps); the
//! accept/reject verdicts come from Boojum's own verifier.

use boojum::field::goldilocks::GoldilocksField;
use boojum::field::{Field, U64Representable};
use zkstack_prover::{
    Backend, FmaChain, FmaWitness, Proof, ProofParams, ProveError, ProverKey, VerifyError,
    VerifyingKey, prove, prove_on, setup, verify,
};

const CIRCUIT: FmaChain = FmaChain { steps: 100 };
const WITNESS: FmaWitness = FmaWitness { x0: 3, x1: 5 };

fn proved() -> (ProverKey<FmaChain>, VerifyingKey<FmaChain>, Proof<FmaChain>) {
    let (pk, vk) = setup(&CIRCUIT, &ProofParams::default()).expect("setup");
    let proof = prove(&pk, &WITNESS).expect("proving a valid statement");
    (pk, vk, proof)
}

#[test]
fn native_chain_matches_hand_computation() {
    // x2 = 5² + 3 = 28, x3 = 28² + 5 = 789, x4 = 789² + 28 = 622_549.
    assert_eq!(FmaChain { steps: 1 }.output(&WITNESS), 28);
    assert_eq!(FmaChain { steps: 2 }.output(&WITNESS), 789);
    assert_eq!(FmaChain { steps: 3 }.output(&WITNESS), 622_549);
}

#[test]
fn proves_verifies_and_rejects_tampering() {
    let (pk, vk, proof) = proved();
    assert_eq!(pk.verifying_key(), &vk);
    verify(&vk, &proof).expect("an honest proof verifies");
    assert_eq!(proof.public_inputs(), [CIRCUIT.output(&WITNESS)]);
    FmaChain::check_output(&proof, CIRCUIT.output(&WITNESS)).expect("claims the chain's end");
    assert_eq!(
        FmaChain::check_output(&proof, CIRCUIT.output(&WITNESS) ^ 1),
        Err(VerifyError::PublicInputMismatch)
    );

    // A second witness on the same keys: setup does not depend on the witness.
    let other_witness = FmaWitness { x0: 9, x1: 1 << 40 };
    let second = prove(&pk, &other_witness).expect("prove");
    verify(&vk, &second).expect("the same keys prove any witness");
    assert_eq!(second.public_inputs(), [CIRCUIT.output(&other_witness)]);

    // Public input changed: the IOP must reject it.
    let mut forged_input = proof.clone();
    forged_input.proof.public_inputs[0].add_assign(&GoldilocksField::ONE);
    assert_eq!(verify(&vk, &forged_input), Err(VerifyError::Rejected));

    // A flipped witness commitment.
    let mut bad_cap = proof.clone();
    bad_cap.proof.witness_oracle_cap[0][0].add_assign(&GoldilocksField::ONE);
    assert_eq!(verify(&vk, &bad_cap), Err(VerifyError::Rejected));

    // A changed opening value.
    let mut bad_opening = proof.clone();
    bad_opening.proof.queries_per_fri_repetition[0].witness_query.leaf_elements[0]
        .add_assign(&GoldilocksField::ONE);
    assert_eq!(verify(&vk, &bad_opening), Err(VerifyError::Rejected));

    // A proof of a different shape (a truncated query list) is rejected, not a panic.
    let mut truncated = proof.clone();
    truncated.proof.queries_per_fri_repetition.truncate(1);
    assert!(verify(&vk, &truncated).is_err());

    // A proof that claims a lower security level than the verifier requires.
    let mut weaker = proof.clone();
    weaker.proof.proof_config.security_level = 10;
    assert_eq!(verify(&vk, &weaker), Err(VerifyError::ConfigMismatch("security_bits")));

    // The verifying key of another shape of the same circuit family.
    let (_, other_vk) = setup(&FmaChain { steps: 1000 }, &ProofParams::default()).expect("setup");
    assert!(verify(&other_vk, &proof).is_err());
    // The verification key swapped under the right shape.
    let mut swapped = vk.clone();
    swapped.key = other_vk.key.clone();
    assert!(verify(&swapped, &proof).is_err());
}

#[test]
fn keys_and_proof_survive_serde_round_trip() {
    let (pk, vk, proof) = proved();
    let proof: Proof<FmaChain> =
        serde_json::from_str(&serde_json::to_string(&proof).expect("ser")).expect("de");
    let vk: VerifyingKey<FmaChain> =
        serde_json::from_str(&serde_json::to_string(&vk).expect("ser")).expect("de");
    verify(&vk, &proof).expect("the decoded proof verifies with the decoded key");
    assert_eq!(proof.proof.public_inputs[0].as_u64_reduced(), CIRCUIT.output(&WITNESS));
    // The prover key round-trips and still proves on one thread.
    // (Its large polynomial storage has a binary-only serde form: bincode, not JSON.)
    let bytes = pk.to_bytes().expect("encode");
    let pk = ProverKey::<FmaChain>::from_bytes(&bytes).expect("decode");
    let again = prove_on(Backend::Cpu { threads: Some(1) }, &pk, &WITNESS).expect("prove");
    verify(&vk, &again).expect("a proof from the decoded prover key verifies");
    // Garbage is a typed decode error, not a panic.
    assert!(serde_json::from_str::<Proof<FmaChain>>("{\"circuit_name\":1}").is_err());
    assert!(ProverKey::<FmaChain>::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(ProverKey::<FmaChain>::from_bytes(&[0xff; 64]).is_err());
}

#[test]
fn proof_of_work_is_honoured() {
    // 100 - 7 = 93 is a multiple of log2(8) = 3: Boojum keeps 7 bits (8 would be lowered to 7
    // by its prover and then rejected by its verifier, so `validate` refuses 8).
    let refused = ProofParams { pow_bits: 8, ..ProofParams::default() };
    assert!(matches!(refused.validate(), Err(ProveError::InvalidParams(_))));
    let params = ProofParams { pow_bits: 7, ..ProofParams::default() };
    let (pk, vk) = setup(&FmaChain { steps: 64 }, &params).expect("setup of the smallest chain");
    let proof = prove(&pk, &WITNESS).expect("prove with grinding");
    verify(&vk, &proof).expect("verifies");
    let mut cheated = proof.clone();
    cheated.proof.pow_challenge ^= 1;
    assert!(verify(&vk, &cheated).is_err(), "a wrong proof-of-work nonce must be rejected");
}

#[test]
fn bad_requests_are_typed_errors() {
    let params = ProofParams::default();
    assert!(matches!(
        setup(&FmaChain { steps: zkstack_prover::fma_chain::MIN_STEPS - 1 }, &params),
        Err(ProveError::InvalidCircuitSize { .. })
    ));
    assert!(matches!(
        setup(&FmaChain { steps: usize::MAX }, &params),
        Err(ProveError::InvalidCircuitSize { .. })
    ));
    let bad = ProofParams { lde_factor: 3, ..params };
    assert!(matches!(setup(&FmaChain { steps: 4 }, &bad), Err(ProveError::InvalidParams(_))));
}
