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
//! - [`ProofParams`]: the FRI knobs of a proof, validated before Boojum sees them.
//! - [`fma_chain`]: a tiny circuit proved and verified end to end; the toolchain smoke test.
//! - [`aux_commitments`]: a batch's events-queue and bootloader-heap commitments (Poseidon2 queue
//!   commitments, exact to zkSync's circuit_encodings).
//! - [`era_circuits`]: the zkSync Era base-layer circuits (published crates, patched at build time
//!   by edits of ours) and the helper binary that generates their witness, proves and verifies.
//!
//! ```
//! use zkstack_prover::{FmaChain, ProofParams};
//! let statement = FmaChain { x0: 1, x1: 2, steps: 64 };
//! let params = ProofParams::default();
//! let proof = statement.prove(&params)?;
//! proof.verify(&params)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod aux_commitments;
pub mod era_circuits;
pub mod error;
pub mod fma_chain;
pub mod params;
mod proof_checks;

/// The Boojum version this crate is built on, for researchers who script below our API.
pub use boojum;
pub use error::{ProveError, VerifyError};
pub use fma_chain::{FmaChain, FmaChainProof};
pub use params::ProofParams;
/// The bootloader layer whose executions this crate proves.
pub use zkstack_bootloader as bootloader;
