//! A tiny Boojum circuit that exercises the whole CPU proving stack end to end.
//!
//! The statement: "I know two Goldilocks elements `x0`, `x1` such that iterating
//! `x[i+2] = x[i+1]² + x[i]` for `steps` steps ends in the public value `y`".
//! Each step is one fused multiply-add gate, so the circuit size is `steps` rows plus a few
//! for constants and the public input. It is small enough to prove in well under a second,
//! which makes it the toolchain smoke test (and a benchmark of the raw prover on this machine).

use boojum::config::DevCSConfig;
use boojum::cs::cs_builder::{CsBuilder, CsBuilderImpl, new_builder};
use boojum::cs::cs_builder_reference::CsReferenceImplementationBuilder;
use boojum::cs::cs_builder_verifier::CsVerifierBuilder;
use boojum::cs::gates::{FmaGateInBaseFieldWithoutConstant, NopGate, PublicInputGate};
use boojum::cs::implementations::pow::NoPow;
use boojum::cs::implementations::reference_cs::CSReferenceAssembly;
use boojum::cs::implementations::transcript::GoldilocksPoisedonTranscript;
use boojum::cs::traits::cs::ConstraintSystem;
use boojum::cs::traits::gate::GatePlacementStrategy;
use boojum::cs::{CSGeometry, GateConfigurationHolder, StaticToolboxHolder};
use boojum::dag::StCircuitResolver;
use boojum::dag::resolvers::StCircuitResolverParams;
use boojum::field::goldilocks::{GoldilocksExt2, GoldilocksField};
use boojum::field::{Field, U64Representable};
use boojum::worker::Worker;

use crate::error::{ProveError, VerifyError};
use crate::params::ProofParams;
use crate::proof_checks::check_proof_config;

/// The base field of every Boojum proof.
type F = GoldilocksField;
/// Poseidon sponge with overwrite absorption, the hasher paired with the Poseidon transcript.
type Hasher = boojum::algebraic_props::sponge::GoldilocksPoseidonSponge<
    boojum::algebraic_props::round_function::AbsorptionModeOverwrite,
>;
/// The Boojum proof object for this circuit.
pub type BoojumProof = boojum::cs::implementations::proof::Proof<F, Hasher, GoldilocksExt2>;
/// The Boojum verification key for this circuit.
pub type BoojumVerificationKey = boojum::cs::implementations::verifier::VerificationKey<F, Hasher>;

/// Largest number of steps accepted, so that a caller cannot ask for an unbounded allocation.
pub const MAX_STEPS: usize = 1 << 16;

const GEOMETRY: CSGeometry = CSGeometry {
    num_columns_under_copy_permutation: 8,
    num_witness_columns: 0,
    num_constant_columns: 2,
    max_allowed_constraint_degree: 4,
};

/// The circuit's public statement and private witness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FmaChain {
    /// Private first element.
    pub x0: u64,
    /// Private second element.
    pub x1: u64,
    /// Number of multiply-add steps (1 ..= [`MAX_STEPS`]).
    pub steps: usize,
}

/// A proof of an [`FmaChain`] statement together with the verification key it was made for.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FmaChainProof {
    /// The public output `y` the proof claims.
    pub output: u64,
    /// The raw Boojum proof.
    pub proof: BoojumProof,
    /// The verification key produced by the setup for this circuit shape.
    pub verification_key: BoojumVerificationKey,
}

impl FmaChain {
    /// Computes the chain natively: the value the circuit exposes as its public input.
    pub fn output(&self) -> u64 {
        let (mut prev, mut cur) =
            (F::from_u64_with_reduction(self.x0), F::from_u64_with_reduction(self.x1));
        for _ in 0..self.steps {
            let mut next = cur;
            next.square();
            next.add_assign(&prev);
            prev = cur;
            cur = next;
        }
        cur.as_u64_reduced()
    }

    /// Synthesises the circuit, runs the setup and proves it on the CPU.
    pub fn prove(&self, params: &ProofParams) -> Result<FmaChainProof, ProveError> {
        if self.steps == 0 || self.steps > MAX_STEPS {
            return Err(ProveError::InvalidCircuitSize { requested: self.steps, max: MAX_STEPS });
        }
        params.validate()?;
        // Rows: one FMA per step, plus constants and the public input; keep a power of two.
        let max_trace_len = (self.steps + 8).next_power_of_two();
        let max_variables = 4 * self.steps + 64;

        let builder_impl = CsReferenceImplementationBuilder::<
            F,
            F,
            DevCSConfig,
            StCircuitResolver<F, <DevCSConfig as boojum::config::CSConfig>::ResolverConfig>,
        >::new(GEOMETRY, max_trace_len);
        let builder = configure(new_builder::<_, F>(builder_impl));
        let mut cs = builder.build(StCircuitResolverParams::new(max_variables));

        let mut prev = cs.alloc_single_variable_from_witness(F::from_u64_with_reduction(self.x0));
        let mut cur = cs.alloc_single_variable_from_witness(F::from_u64_with_reduction(self.x1));
        for _ in 0..self.steps {
            let next = FmaGateInBaseFieldWithoutConstant::compute_fma(
                &mut cs,
                F::ONE,
                (cur, cur),
                F::ONE,
                prev,
            );
            prev = cur;
            cur = next;
        }
        PublicInputGate::new(cur).add_to_cs(&mut cs);
        cs.pad_and_shrink();

        let worker = Worker::new();
        // The default allocator parameter is `std::alloc::Global`, which stable code cannot name.
        let assembly: CSReferenceAssembly<F, F, DevCSConfig> = cs.into_assembly();
        let (proof, verification_key) = assembly
            .prove_one_shot::<GoldilocksExt2, GoldilocksPoisedonTranscript, Hasher, NoPow>(
                &worker,
                params.to_boojum(),
                (),
            );
        Ok(FmaChainProof { output: self.output(), proof, verification_key })
    }
}

impl FmaChainProof {
    /// Verifies the proof against its verification key, checks that it was made with exactly
    /// `params`, and that its public input is [`Self::output`].
    pub fn verify(&self, params: &ProofParams) -> Result<(), VerifyError> {
        let expected = [self.output];
        let actual: Vec<u64> =
            self.proof.public_inputs.iter().map(U64Representable::as_u64_reduced).collect();
        if actual != expected {
            return Err(VerifyError::PublicInputMismatch);
        }
        check_proof_config(&self.proof, &self.verification_key, params)?;
        let builder_impl = CsVerifierBuilder::<F, GoldilocksExt2>::new_from_parameters(
            self.verification_key.fixed_parameters.parameters,
        );
        let verifier = configure(new_builder::<_, F>(builder_impl)).build(());
        // Boojum asserts on malformed proof shapes instead of returning false; a proof is untrusted
        // input, so a panic inside the verifier is reported as a rejection.
        let accepted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            verifier.verify::<Hasher, GoldilocksPoisedonTranscript, NoPow>(
                (),
                &self.verification_key,
                &self.proof,
            )
        }))
        .map_err(|_| VerifyError::Malformed)?;
        if accepted { Ok(()) } else { Err(VerifyError::Rejected) }
    }
}

/// Declares the gates the circuit uses, in the same order for prover and verifier.
fn configure<T: CsBuilderImpl<F, T>, GC: GateConfigurationHolder<F>, TB: StaticToolboxHolder>(
    builder: CsBuilder<T, F, GC, TB>,
) -> CsBuilder<T, F, impl GateConfigurationHolder<F>, impl StaticToolboxHolder> {
    let builder = FmaGateInBaseFieldWithoutConstant::configure_builder(
        builder,
        GatePlacementStrategy::UseGeneralPurposeColumns,
    );
    let builder = PublicInputGate::configure_builder(
        builder,
        GatePlacementStrategy::UseGeneralPurposeColumns,
    );
    NopGate::configure_builder(builder, GatePlacementStrategy::UseGeneralPurposeColumns)
}
