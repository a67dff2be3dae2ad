//! Boojum proofs for the ZK Stack: a CPU prover and verifier (a GPU backend is planned).
//!
//! # Building Boojum on stable Rust
//! Boojum uses nightly language features. Stable `rustc` accepts them when the environment variable
//! `RUSTC_BOOTSTRAP` names the crate being compiled (a comma-separated list of crate names). The
//! workspace's `.cargo/config.toml` sets `RUSTC_BOOTSTRAP = "boojum"` in its `[env]` table, so a plain
//! `cargo build` or `cargo test` works on a fresh machine, and only the `boojum` crate itself is
//! compiled with nightly features: every crate of ours forbids `#![feature]` through the workspace lint
//! `unstable_features = "forbid"`. An embedder that depends on this crate from outside the workspace
//! adds the same two lines to its own `.cargo/config.toml`:
//! ```toml
//! [env]
//! RUSTC_BOOTSTRAP = "boojum"
//! ```
//!
//! # What is here
//! - The generic API: a [`Circuit`] describes its shape, gates and constraints; [`setup`] makes
//!   its [`ProverKey`] and [`VerifyingKey`], [`prove`] turns a witness into a [`Proof`], [`verify`]
//!   checks it with the verifying key alone. Keys and proofs are serde-serialisable.
//! - [`ProofParams`]: the FRI knobs of a proof, validated before Boojum sees them; [`Backend`]: where
//!   the proof is computed (the CPU today).
//! - [`fma_chain`]: a tiny circuit proved and verified end to end; the toolchain smoke test.
//! - [`aux_commitments`]: a batch's events-queue and bootloader-heap commitments (Poseidon2 queue
//!   commitments, exact to zkSync's circuit_encodings).
//! - [`era_circuits`]: the zkSync Era base-layer circuits (published crates, patched at build time
//!   by edits of ours) and the helper binary that generates their witness, proves and verifies.
//!
//! ```
//! use zkstack_prover::{FmaChain, FmaWitness, ProofParams, prove, setup, verify};
//! let circuit = FmaChain { steps: 64 };
//! let (prover_key, verifying_key) = setup(&circuit, &ProofParams::default())?;
//! let proof = prove(&prover_key, &FmaWitness { x0: 1, x1: 2 })?;
//! verify(&verifying_key, &proof)?;
//! FmaChain::check_output(&proof, circuit.output(&FmaWitness { x0: 1, x1: 2 }))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod api;
pub mod aux_commitments;
pub mod backend;
pub mod circuit;
pub mod era_circuits;
pub mod error;
pub mod fma_chain;
pub mod params;
mod proof_checks;

pub use api::{Proof, ProverKey, VerifyingKey, prove, prove_on, setup, setup_on, verify};
pub use backend::Backend;
/// The Boojum version this crate is built on, for researchers who script below our API.
pub use boojum;
pub use circuit::{Circuit, CircuitShape};
pub use error::{KeyEncodingError, ProveError, VerifyError};
pub use fma_chain::{FmaChain, FmaWitness};
pub use params::ProofParams;
/// The bootloader layer whose executions this crate proves.
pub use zkstack_bootloader as bootloader;
