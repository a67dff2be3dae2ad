//! The generic proving API: [`setup`] once per circuit shape, [`prove`] per witness, [`verify`]
//! with the verifying key alone.

mod keys;
mod run;

pub use keys::{BoojumProof, BoojumVerificationKey, Proof, ProverKey, VerifyingKey};
pub use run::{prove, prove_on, setup, setup_on, verify};
