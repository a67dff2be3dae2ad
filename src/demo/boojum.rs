//! The Boojum toolchain check: prove and verify a small circuit on the CPU.

use std::time::Instant;

use serde::Serialize;
use zkstack_prover::{FmaChain, FmaWitness, ProofParams, prove, setup, verify};

use super::DemoError;

/// The circuit the smoke test proves: a 1024-step multiply-add chain...
pub const SMOKE_CIRCUIT: FmaChain = FmaChain { steps: 1024 };
/// ...started from (1, 2).
pub const SMOKE_WITNESS: FmaWitness = FmaWitness { x0: 1, x1: 2 };

/// What the Boojum smoke test did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BoojumSmoke {
    /// The circuit proved.
    pub circuit: &'static str,
    /// Its number of steps.
    pub steps: usize,
    /// The public output the proof claims (and the verifier accepted).
    pub public_output: u64,
    /// Setup time (prover and verifying keys).
    pub setup_ms: u128,
    /// Proving time.
    pub prove_ms: u128,
    /// Verification time.
    pub verify_ms: u128,
    /// Size of the proof, as JSON.
    pub proof_bytes_json: usize,
    /// Whether the proof verified (an error is returned otherwise).
    pub verified: bool,
}

/// Proves [`SMOKE_CIRCUIT`] on [`SMOKE_WITNESS`] with the default parameters and verifies the
/// proof with the verifying key alone.
pub fn boojum_smoke() -> Result<BoojumSmoke, DemoError> {
    let started = Instant::now();
    let (prover_key, verifying_key) = setup(&SMOKE_CIRCUIT, &ProofParams::default())
        .map_err(DemoError::at("boojum_smoke.setup"))?;
    let setup_ms = started.elapsed().as_millis();
    let started = Instant::now();
    let proof = prove(&prover_key, &SMOKE_WITNESS).map_err(DemoError::at("boojum_smoke.prove"))?;
    let prove_ms = started.elapsed().as_millis();
    let started = Instant::now();
    verify(&verifying_key, &proof).map_err(DemoError::at("boojum_smoke.verify"))?;
    FmaChain::check_output(&proof, SMOKE_CIRCUIT.output(&SMOKE_WITNESS))
        .map_err(DemoError::at("boojum_smoke.output"))?;
    let verify_ms = started.elapsed().as_millis();
    let proof_bytes_json =
        serde_json::to_vec(&proof).map_err(DemoError::at("boojum_smoke.encode"))?.len();
    Ok(BoojumSmoke {
        circuit: "fma_chain",
        steps: SMOKE_CIRCUIT.steps,
        public_output: SMOKE_CIRCUIT.output(&SMOKE_WITNESS),
        setup_ms,
        prove_ms,
        verify_ms,
        proof_bytes_json,
        verified: true,
    })
}
