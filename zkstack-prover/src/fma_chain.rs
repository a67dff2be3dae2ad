//! A tiny circuit that exercises the whole CPU proving stack end to end.
//!
//! The statement: "I know two Goldilocks elements `x0`, `x1` such that iterating
//! `x[i+2] = x[i+1]² + x[i]` for `steps` steps ends in the public value `y`".
//! Each step is one fused multiply-add gate, so the circuit size is `steps` rows plus a few
//! for constants and the public input. It is small enough to prove in well under a second,
//! which makes it the toolchain smoke test (and a benchmark of the raw prover on this machine).
//!
//! ```
//! use zkstack_prover::{FmaChain, FmaWitness, ProofParams, prove, setup, verify};
//! let circuit = FmaChain { steps: 64 };
//! let (prover_key, verifying_key) = setup(&circuit, &ProofParams::default())?;
//! let witness = FmaWitness { x0: 1, x1: 2 };
//! let proof = prove(&prover_key, &witness)?;
//! verify(&verifying_key, &proof)?;
//! assert_eq!(proof.public_inputs(), [circuit.output(&witness)]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use boojum::cs::cs_builder::{CsBuilder, CsBuilderImpl};
use boojum::cs::gates::{FmaGateInBaseFieldWithoutConstant, NopGate, PublicInputGate};
use boojum::cs::traits::cs::ConstraintSystem;
use boojum::cs::traits::gate::GatePlacementStrategy;
use boojum::cs::{CSGeometry, GateConfigurationHolder, StaticToolboxHolder};
use boojum::field::{Field, U64Representable};

use crate::api::Proof;
use crate::circuit::{Circuit, CircuitShape, F};
use crate::error::{ProveError, VerifyError};

/// Largest number of steps accepted, so that a caller cannot ask for an unbounded allocation.
pub const MAX_STEPS: usize = 1 << 16;

/// Fewest steps accepted: Boojum needs the padded trace (two steps per row) to keep more rows
/// than FRI's Merkle cap after folding; 32 steps fail its assertion, 64 pass.
pub const MIN_STEPS: usize = 64;

const GEOMETRY: CSGeometry = CSGeometry {
    num_columns_under_copy_permutation: 8,
    num_witness_columns: 0,
    num_constant_columns: 2,
    max_allowed_constraint_degree: 4,
};

/// The circuit's public shape: how many multiply-add steps it chains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FmaChain {
    /// Number of multiply-add steps ([`MIN_STEPS`] ..= [`MAX_STEPS`]).
    pub steps: usize,
}

/// The private starting pair of one chain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FmaWitness {
    /// First element (reduced modulo the Goldilocks order).
    pub x0: u64,
    /// Second element (reduced modulo the Goldilocks order).
    pub x1: u64,
}

impl FmaChain {
    /// Computes the chain natively: the value the circuit exposes as its public input.
    pub fn output(&self, witness: &FmaWitness) -> u64 {
        let (mut prev, mut cur) =
            (F::from_u64_with_reduction(witness.x0), F::from_u64_with_reduction(witness.x1));
        for _ in 0..self.steps {
            let mut next = cur;
            next.square();
            next.add_assign(&prev);
            prev = cur;
            cur = next;
        }
        cur.as_u64_reduced()
    }

    /// Checks that a (verified) proof claims exactly `expected` as the chain's end.
    ///
    /// # Errors
    /// [`VerifyError::PublicInputMismatch`] otherwise.
    pub fn check_output(proof: &Proof<Self>, expected: u64) -> Result<(), VerifyError> {
        if proof.public_inputs() == [expected] {
            Ok(())
        } else {
            Err(VerifyError::PublicInputMismatch)
        }
    }
}

impl Circuit for FmaChain {
    type Witness = FmaWitness;

    const NAME: &'static str = "fma-chain";

    fn shape(&self) -> Result<CircuitShape, ProveError> {
        if !(MIN_STEPS..=MAX_STEPS).contains(&self.steps) {
            return Err(ProveError::InvalidCircuitSize {
                requested: self.steps,
                min: MIN_STEPS,
                max: MAX_STEPS,
            });
        }
        // Rows: one FMA per step at most, plus constants and the public input; a power of two.
        Ok(CircuitShape {
            geometry: GEOMETRY,
            max_trace_len: (self.steps + 8).next_power_of_two(),
            max_variables: 4 * self.steps + 64,
        })
    }

    fn placeholder_witness(&self) -> FmaWitness {
        FmaWitness::default()
    }

    fn configure_builder<
        T: CsBuilderImpl<F, T>,
        GC: GateConfigurationHolder<F>,
        TB: StaticToolboxHolder,
    >(
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

    fn synthesize<CS: ConstraintSystem<F>>(&self, cs: &mut CS, witness: &FmaWitness) {
        let mut prev =
            cs.alloc_single_variable_from_witness(F::from_u64_with_reduction(witness.x0));
        let mut cur = cs.alloc_single_variable_from_witness(F::from_u64_with_reduction(witness.x1));
        for _ in 0..self.steps {
            let next = FmaGateInBaseFieldWithoutConstant::compute_fma(
                cs,
                F::ONE,
                (cur, cur),
                F::ONE,
                prev,
            );
            prev = cur;
            cur = next;
        }
        PublicInputGate::new(cur).add_to_cs(cs);
    }
}
