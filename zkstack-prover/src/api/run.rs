//! Setup, proving and verification of any [`Circuit`] with Boojum's CPU prover.

use std::marker::PhantomData;

use boojum::config::{CSConfig, ProvingCSConfig, SetupCSConfig};
use boojum::cs::cs_builder::new_builder;
use boojum::cs::cs_builder_reference::CsReferenceImplementationBuilder;
use boojum::cs::cs_builder_verifier::CsVerifierBuilder;
use boojum::cs::implementations::reference_cs::CSReferenceAssembly;
use boojum::dag::StCircuitResolver;
use boojum::dag::resolvers::StCircuitResolverParams;

use super::keys::{Proof, ProverKey, VerifyingKey};
use crate::backend::Backend;
use crate::circuit::{Circuit, Ext, F, PowRunner, Transcript, TreeHasher};
use crate::error::{ProveError, VerifyError};
use crate::params::ProofParams;
use crate::proof_checks::check_proof_config;

/// Builds the reference constraint system of `$circuit` in configuration `$cfg` and lays out
/// `$witness`. A macro because the builder's gate-configuration types are unnameable.
macro_rules! synthesize {
    ($circuit:expr, $cfg:ty, $witness:expr) => {{
        let shape = $circuit.shape()?;
        let builder_impl = CsReferenceImplementationBuilder::<
            F,
            F,
            $cfg,
            StCircuitResolver<F, <$cfg as CSConfig>::ResolverConfig>,
        >::new(shape.geometry, shape.max_trace_len);
        let builder = C::configure_builder(new_builder::<_, F>(builder_impl));
        let mut cs = builder.build(StCircuitResolverParams::new(shape.max_variables));
        $circuit.synthesize(&mut cs, $witness);
        cs
    }};
}

/// Runs a Boojum stage, turning its assertion failures into [`ProveError::Boojum`].
fn guarded<T>(stage: &'static str, run: impl FnOnce() -> T) -> Result<T, ProveError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        ProveError::Boojum { stage, message }
    })
}

/// [`setup_on`] with the default backend (the CPU, all cores).
///
/// # Errors
/// See [`setup_on`].
pub fn setup<C: Circuit>(
    circuit: &C,
    params: &ProofParams,
) -> Result<(ProverKey<C>, VerifyingKey<C>), ProveError> {
    setup_on(Backend::default(), circuit, params)
}

/// Precomputes the prover key (setup polynomials, their commitment, copy hints) and the
/// verifying key of `circuit` for proofs with `params`.
///
/// # Errors
/// [`ProveError::InvalidParams`] or the circuit's own shape errors.
pub fn setup_on<C: Circuit>(
    backend: Backend,
    circuit: &C,
    params: &ProofParams,
) -> Result<(ProverKey<C>, VerifyingKey<C>), ProveError> {
    params.validate()?;
    let mut cs = synthesize!(circuit, SetupCSConfig, &circuit.placeholder_witness());
    let (_, finalization_hint) = cs.pad_and_shrink();
    // The default allocator parameter is `std::alloc::Global`, which stable code cannot name.
    let assembly: CSReferenceAssembly<F, F, SetupCSConfig> = cs.into_assembly();
    let worker = backend.worker();
    let (setup_base, setup, key, setup_tree, variables_hint, witness_hint) = assembly
        .get_full_setup::<TreeHasher>(&worker, params.lde_factor, params.merkle_tree_cap_size);
    let verifying_key = VerifyingKey {
        circuit_name: C::NAME.to_owned(),
        circuit: circuit.clone(),
        params: *params,
        key,
    };
    let prover_key = ProverKey {
        circuit: circuit.clone(),
        params: *params,
        setup_base,
        setup,
        setup_tree,
        variables_hint,
        witness_hint,
        finalization_hint,
        verifying_key: verifying_key.clone(),
    };
    Ok((prover_key, verifying_key))
}

/// [`prove_on`] with the default backend (the CPU, all cores).
///
/// # Errors
/// See [`prove_on`].
pub fn prove<C: Circuit>(key: &ProverKey<C>, witness: &C::Witness) -> Result<Proof<C>, ProveError> {
    prove_on(Backend::default(), key, witness)
}

/// Proves one instance of the key's circuit with `witness`.
///
/// The proof is only as good as the witness: a witness that does not satisfy the circuit gives a
/// proof the verifier rejects (Boojum does not check satisfiability while proving).
///
/// # Errors
/// The circuit's shape errors (a key deserialised from a corrupted file).
pub fn prove_on<C: Circuit>(
    backend: Backend,
    key: &ProverKey<C>,
    witness: &C::Witness,
) -> Result<Proof<C>, ProveError> {
    key.params.validate()?;
    let circuit = &key.circuit;
    let mut cs = synthesize!(circuit, ProvingCSConfig, witness);
    cs.pad_and_shrink_using_hint(&key.finalization_hint);
    let assembly: CSReferenceAssembly<F, F, ProvingCSConfig> = cs.into_assembly();
    let worker = backend.worker();
    let proof = guarded("prove", || {
        assembly.prove_from_precomputations::<Ext, Transcript, TreeHasher, PowRunner>(
            key.params.to_boojum(),
            &key.setup_base,
            &key.setup,
            &key.setup_tree,
            &key.verifying_key.key,
            &key.variables_hint,
            &key.witness_hint,
            (),
            &worker,
        )
    })?;
    Ok(Proof { circuit_name: C::NAME.to_owned(), proof, circuit: PhantomData })
}

/// Verifies `proof` against `key`: the circuit name, the proof parameters the key demands (a
/// proof cannot lower them), the FRI query count, then Boojum's verifier.
///
/// The public inputs are part of the proof; compare [`Proof::public_inputs`] with the statement
/// you expect, or use a circuit-specific check such as [`crate::FmaChain::check_output`].
///
/// # Errors
/// [`VerifyError`] says why the proof was rejected.
pub fn verify<C: Circuit>(key: &VerifyingKey<C>, proof: &Proof<C>) -> Result<(), VerifyError> {
    if key.circuit_name != C::NAME || proof.circuit_name != C::NAME {
        return Err(VerifyError::WrongCircuit);
    }
    let shape = key.circuit.shape().map_err(|_| VerifyError::Malformed)?;
    if key.key.fixed_parameters.parameters != shape.geometry {
        return Err(VerifyError::WrongCircuit);
    }
    check_proof_config(&proof.proof, &key.key, &key.params)?;
    let builder_impl = CsVerifierBuilder::<F, Ext>::new_from_parameters(shape.geometry);
    let verifier = C::configure_builder(new_builder::<_, F>(builder_impl)).build(());
    // Boojum asserts on malformed proof shapes instead of returning false; a proof is untrusted
    // input, so a panic inside the verifier is reported as a rejection.
    let accepted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        verifier.verify::<TreeHasher, Transcript, PowRunner>((), &key.key, &proof.proof)
    }))
    .map_err(|_| VerifyError::Malformed)?;
    if accepted { Ok(()) } else { Err(VerifyError::Rejected) }
}
