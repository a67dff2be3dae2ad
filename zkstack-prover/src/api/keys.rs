//! The artefacts of the generic API: prover key, verifying key and proof, all serde-serialisable.

use std::marker::PhantomData;

use blake2::{Blake2s256, Digest as _};
use boojum::cs::implementations::hints::{DenseVariablesCopyHint, DenseWitnessCopyHint};
use boojum::cs::implementations::polynomial_storage::{SetupBaseStorage, SetupStorage};
use boojum::cs::implementations::setup::FinalizationHintsForProver;
use boojum::cs::oracle::merkle_tree::MerkleTreeWithCap;
use boojum::field::U64Representable;
use serde::{Deserialize, Serialize};

use crate::circuit::{Circuit, Ext, F, TreeHasher};
use crate::error::KeyEncodingError;
use crate::params::ProofParams;

/// The first bytes of an encoded prover key (name and format version).
const PROVER_KEY_MAGIC: &[u8] = b"zkstack-prover-key/1\n";

/// Boojum's verification key type for circuits proved here.
pub type BoojumVerificationKey =
    boojum::cs::implementations::verifier::VerificationKey<F, TreeHasher>;
/// Boojum's proof type for circuits proved here.
pub type BoojumProof = boojum::cs::implementations::proof::Proof<F, TreeHasher, Ext>;

/// Everything the prover precomputes once per circuit shape: the setup polynomials and their
/// commitment tree, the copy-permutation hints and the padding hints. Large (it holds the
/// low-degree extensions); create it with [`crate::setup`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct ProverKey<C: Circuit> {
    pub(crate) circuit: C,
    pub(crate) params: ProofParams,
    pub(crate) setup_base: SetupBaseStorage<F>,
    pub(crate) setup: SetupStorage<F>,
    pub(crate) setup_tree: MerkleTreeWithCap<F, TreeHasher>,
    pub(crate) variables_hint: DenseVariablesCopyHint,
    pub(crate) witness_hint: DenseWitnessCopyHint,
    pub(crate) finalization_hint: FinalizationHintsForProver,
    pub(crate) verifying_key: VerifyingKey<C>,
}

impl<C: Circuit> ProverKey<C> {
    /// The circuit shape this key proves.
    pub fn circuit(&self) -> &C {
        &self.circuit
    }

    /// The proof parameters fixed at setup.
    pub fn params(&self) -> &ProofParams {
        &self.params
    }

    /// The matching verifying key.
    pub fn verifying_key(&self) -> &VerifyingKey<C> {
        &self.verifying_key
    }

    /// Encodes the key: a header (magic, format version, Blake2s-256 of the payload) then the
    /// bincode payload. Boojum's setup storage serialises raw vectors and only round-trips
    /// through binary formats, so prefer this to JSON for prover keys.
    ///
    /// # Errors
    /// [`KeyEncodingError`] if encoding fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>, KeyEncodingError> {
        let payload = bincode::serialize(self)?;
        let mut bytes = Vec::with_capacity(PROVER_KEY_MAGIC.len() + 32 + payload.len());
        bytes.extend_from_slice(PROVER_KEY_MAGIC);
        bytes.extend_from_slice(&Blake2s256::digest(&payload));
        bytes.extend_from_slice(&payload);
        Ok(bytes)
    }

    /// Decodes a key written by [`Self::to_bytes`].
    ///
    /// The checksum is verified before Boojum's deserialisers see the payload: their raw-vector
    /// decoding trusts the lengths it reads, so corrupted bytes are rejected up front. A prover
    /// key is a local artefact; do not decode keys from untrusted parties (a crafted payload with
    /// a matching checksum can still ask for a large allocation).
    ///
    /// # Errors
    /// [`KeyEncodingError`] if `bytes` is not such a key.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyEncodingError> {
        use bincode::Options as _;
        let rest = bytes.strip_prefix(PROVER_KEY_MAGIC).ok_or(KeyEncodingError::Corrupted)?;
        let (checksum, payload) = rest.split_at_checked(32).ok_or(KeyEncodingError::Corrupted)?;
        if Blake2s256::digest(payload).as_slice() != checksum {
            return Err(KeyEncodingError::Corrupted);
        }
        let options = bincode::DefaultOptions::new()
            .with_fixint_encoding()
            .with_limit(payload.len() as u64)
            .reject_trailing_bytes();
        Ok(options.deserialize(payload)?)
    }
}

/// What a verifier needs: the circuit shape, the proof parameters it insists on and Boojum's
/// verification key (the commitment to the circuit's constants and permutation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct VerifyingKey<C: Circuit> {
    /// The circuit family name ([`Circuit::NAME`]); checked on verification.
    pub circuit_name: String,
    /// The circuit shape.
    pub circuit: C,
    /// Parameters every accepted proof must have been made with.
    pub params: ProofParams,
    /// Boojum's verification key.
    pub key: BoojumVerificationKey,
}

/// A proof of one circuit instance with its public inputs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Proof<C: Circuit> {
    /// The circuit family name ([`Circuit::NAME`]).
    pub circuit_name: String,
    /// Boojum's proof (its public inputs are inside).
    pub proof: BoojumProof,
    #[serde(skip)]
    pub(crate) circuit: PhantomData<C>,
}

impl<C: Circuit> Proof<C> {
    /// The public inputs the proof claims, as canonical field elements.
    pub fn public_inputs(&self) -> Vec<u64> {
        self.proof.public_inputs.iter().map(U64Representable::as_u64_reduced).collect()
    }
}
