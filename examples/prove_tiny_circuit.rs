//! Sets up, proves and verifies a tiny Boojum circuit of ours on the CPU, then shows that a
//! tampered proof fails.
//!
//! Run with `cargo run --release --example prove_tiny_circuit`.

use zkstack::prover::boojum::field::Field as _;
use zkstack::prover::{FmaChain, FmaWitness, ProofParams, prove, setup, verify};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let circuit = FmaChain { steps: 4096 };
    let (prover_key, verifying_key) = setup(&circuit, &ProofParams::default())?;
    let witness = FmaWitness { x0: 7, x1: 11 };
    let proof = prove(&prover_key, &witness)?;
    verify(&verifying_key, &proof)?;
    FmaChain::check_output(&proof, circuit.output(&witness))?;
    println!(
        "proved and verified: after {} steps the chain is {:?}",
        circuit.steps,
        proof.public_inputs()
    );

    let mut forged = proof.clone();
    forged.proof.public_inputs[0]
        .add_assign(&zkstack::prover::boojum::field::goldilocks::GoldilocksField::ONE);
    match verify(&verifying_key, &forged) {
        Ok(()) => return Err("a forged output was accepted".into()),
        Err(reason) => println!("a forged output is rejected: {reason}"),
    }
    Ok(())
}
