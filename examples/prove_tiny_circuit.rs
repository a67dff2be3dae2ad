//! Proves and verifies a tiny Boojum circuit on the CPU, then shows that a tampered proof fails.
//!
//! Run with `cargo run --release --example prove_tiny_circuit`.

use zkstack::prover::{FmaChain, ProofParams};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let statement = FmaChain { x0: 7, x1: 11, steps: 4096 };
    let params = ProofParams::default();
    let proof = statement.prove(&params)?;
    proof.verify(&params)?;
    println!("proved and verified: after {} steps the chain is {}", statement.steps, proof.output);

    let mut forged = proof.clone();
    forged.output = forged.output.wrapping_add(1);
    match forged.verify(&params) {
        Ok(()) => return Err("a forged output was accepted".into()),
        Err(reason) => println!("a forged output is rejected: {reason}"),
    }
    Ok(())
}
