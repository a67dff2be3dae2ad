//! What a circuit must say about itself so that [`crate::setup`], [`crate::prove`] and
//! [`crate::verify`] can handle it: its shape, its gates and how it lays out its constraints.

use boojum::cs::cs_builder::{CsBuilder, CsBuilderImpl};
use boojum::cs::traits::cs::ConstraintSystem;
use boojum::cs::{CSGeometry, GateConfigurationHolder, StaticToolboxHolder};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ProveError;

/// The base field of every proof made here (Goldilocks, 2^64 - 2^32 + 1).
pub type F = boojum::field::goldilocks::GoldilocksField;
/// The quadratic extension used by the FRI part of the proof.
pub type Ext = boojum::field::goldilocks::GoldilocksExt2;
/// The tree hasher of commitments: Poseidon2 with overwrite absorption, as zkSync's base layer.
pub type TreeHasher = boojum::algebraic_props::sponge::GoldilocksPoseidon2Sponge<
    boojum::algebraic_props::round_function::AbsorptionModeOverwrite,
>;
/// The Fiat-Shamir transcript paired with [`TreeHasher`].
pub type Transcript = boojum::cs::implementations::transcript::GoldilocksPoisedon2Transcript;
/// Grinding (proof of work), used when [`crate::ProofParams::pow_bits`] is not zero.
pub type PowRunner = boojum::blake2::Blake2s256;

/// The size a circuit's constraint system is built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CircuitShape {
    /// Columns and constraint degree.
    pub geometry: CSGeometry,
    /// Rows allocated before padding (a power of two).
    pub max_trace_len: usize,
    /// Upper bound on the number of variables the synthesis allocates.
    pub max_variables: usize,
}

/// A circuit the generic API can set up, prove and verify.
///
/// The value of the implementing type is the circuit's *public shape* (for example a size
/// parameter): setup depends on it only, never on the witness. The same value must be given to
/// the prover and is stored in both keys, so a verifying key names the exact circuit it checks.
pub trait Circuit: Clone + Serialize + DeserializeOwned {
    /// The private input of one proof.
    type Witness;

    /// A short, stable name of the circuit family (stored in keys and proofs).
    const NAME: &'static str;

    /// Checks the shape and returns the constraint-system size it needs.
    ///
    /// # Errors
    /// [`ProveError::InvalidCircuitSize`] (or another variant) when the shape is not provable.
    fn shape(&self) -> Result<CircuitShape, ProveError>;

    /// A witness valid for the shape (its values do not matter): setup synthesises with it.
    fn placeholder_witness(&self) -> Self::Witness;

    /// Declares the gates the circuit uses; prover and verifier call it in the same order.
    fn configure_builder<
        T: CsBuilderImpl<F, T>,
        GC: GateConfigurationHolder<F>,
        TB: StaticToolboxHolder,
    >(
        builder: CsBuilder<T, F, GC, TB>,
    ) -> CsBuilder<T, F, impl GateConfigurationHolder<F>, impl StaticToolboxHolder>;

    /// Lays out the constraints with `witness`, including the public-input gates.
    fn synthesize<CS: ConstraintSystem<F>>(&self, cs: &mut CS, witness: &Self::Witness);
}
