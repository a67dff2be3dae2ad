//! The zkSync Era base-layer circuits, built from the published crates on stable Rust.
//!
//! `zkevm_circuits`, `circuit_definitions` and `zkevm_test_harness` 0.153.12 (the circuits and the
//! witness generator that runs zk_evm) target a 2024 nightly and do not build on rustc 1.95 as
//! published. This module makes them build without committing any of their code:
//! 1. [`prepare`] unpacks the registry's own copies (`cargo info`, checksum-verified) and applies
//!    our edits ([`edits`]) into `zkstack-prover/circuits/patched/` (ignored by git).
//! 2. The separate cargo workspace `zkstack-prover/circuits/` (own lock file, own target dir) uses
//!    them through `[patch.crates-io]` and builds the `zkstack-era-circuits` binary, which generates
//!    the base-layer witness, proves and verifies. [`build_helper`] runs that build.
//!
//! The separate workspace exists because a `[patch]` path that does not exist yet would break every
//! cargo command in this one on a fresh checkout.

pub mod edits;
pub mod runner;
mod sample;
pub mod sources;

use std::path::{Path, PathBuf};
use std::process::Command;

pub use runner::{
    CircuitInstance, EraCircuits, EraCircuitsError, Geometry, ProofSet, ProveRequest,
    ProvedCircuit, RunSummary, Verdict,
};
pub use sample::{SAMPLE_PROGRAM, SAMPLE_SHA256_PROGRAM, SHA256_PRECOMPILE_ADDRESS};
pub use sources::{CIRCUITS_VERSION, PATCHED_CRATES, Prepared, prepare};

/// Why the circuit crates could not be prepared or built.
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        message: String,
    },
    /// A published crate could not be fetched from the registry.
    #[error("could not fetch from crates.io: {0}")]
    Fetch(String),
    /// An edit did not find what it expects (the published source is not the one it was written for).
    #[error("source edit failed: {0}")]
    Edit(String),
    /// The nested cargo build failed.
    #[error("building the circuit workspace failed: {0}")]
    Build(String),
}

impl PrepareError {
    fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::Io { path: path.to_owned(), message: err.to_string() }
    }
}

/// Directory of the circuit workspace inside a checkout whose root is `repo_root`.
pub fn workspace_dir(repo_root: &Path) -> PathBuf {
    repo_root.join("zkstack-prover").join("circuits")
}

/// Default cache for the unpacked registry crates (shared with the test-vector fetches).
pub fn default_cargo_home() -> PathBuf {
    std::env::temp_dir().join("zkstack-rs-vectors").join("cargo-home")
}

/// Prepares the patched sources and builds the `zkstack-era-circuits` binary (release) of the
/// circuit workspace under `repo_root`; returns the binary's path.
///
/// Cargo's own `[env]` of the nested workspace (`zkstack-prover/circuits/.cargo/config.toml`) names
/// the crates compiled with nightly features; the outer value is removed so it cannot leak in.
pub fn build_helper(repo_root: &Path, cargo_home: &Path) -> Result<PathBuf, PrepareError> {
    let workspace = workspace_dir(repo_root);
    prepare(cargo_home, &workspace.join("patched"))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = workspace.join("target");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--locked", "--bin", "zkstack-era-circuits"])
        .arg("--manifest-path")
        .arg(workspace.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .current_dir(&workspace)
        .env_remove("RUSTC_BOOTSTRAP")
        .env_remove("CARGO_TARGET_DIR")
        .status()
        .map_err(|e| PrepareError::Build(format!("{cargo}: {e}")))?;
    if !status.success() {
        return Err(PrepareError::Build(format!("cargo build exited with {status}")));
    }
    Ok(target.join("release").join("zkstack-era-circuits"))
}
