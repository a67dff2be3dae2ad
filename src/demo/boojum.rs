//! The Boojum toolchain check: prove and verify a small circuit on the CPU.

use std::time::Instant;

use serde::Serialize;
use zkstack_prover::{FmaChain, ProofParams};

use super::DemoError;

/// The statement the smoke test proves: a 1024-step multiply-add chain from (1, 2).
pub const SMOKE_STATEMENT: FmaChain = FmaChain { x0: 1, x1: 2, steps: 1024 };

/// What the Boojum smoke test did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BoojumSmoke {
    /// The circuit proved.
    pub circuit: &'static str,
    /// Its number of steps.
    pub steps: usize,
    /// The public output the proof claims (and the verifier accepted).
    pub public_output: u64,
    /// Proving time.
    pub prove_ms: u128,
    /// Verification time.
    pub verify_ms: u128,
    /// Size of the proof with its verification key, as JSON.
    pub proof_bytes_json: usize,
    /// Whether the proof verified (an error is returned otherwise).
    pub verified: bool,
}

/// Proves [`SMOKE_STATEMENT`] with the default parameters and verifies the proof.
pub fn boojum_smoke() -> Result<BoojumSmoke, DemoError> {
    let params = ProofParams::default();
    let started = Instant::now();
    let proof = SMOKE_STATEMENT.prove(&params).map_err(DemoError::at("boojum_smoke.prove"))?;
    let prove_ms = started.elapsed().as_millis();
    let started = Instant::now();
    proof.verify(&params).map_err(DemoError::at("boojum_smoke.verify"))?;
    let verify_ms = started.elapsed().as_millis();
    let proof_bytes_json =
        serde_json::to_vec(&proof).map_err(DemoError::at("boojum_smoke.encode"))?.len();
    Ok(BoojumSmoke {
        circuit: "fma_chain",
        steps: SMOKE_STATEMENT.steps,
        public_output: proof.output,
        prove_ms,
        verify_ms,
        proof_bytes_json,
        verified: true,
    })
}
