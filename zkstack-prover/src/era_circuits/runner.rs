//! Driving the `zkstack-era-circuits` binary of the circuit workspace from this workspace: prove a
//! program's base-layer circuits into a directory, verify such a directory.
//!
//! The circuits cannot be linked into this workspace (they need patched published crates built
//! in their own workspace, see the module docs of [`super`]), so the binary is the boundary: these
//! types read and write exactly the files it documents.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::{PrepareError, build_helper, workspace_dir};

/// Why running the circuit binary failed.
#[derive(Debug, thiserror::Error)]
pub enum EraCircuitsError {
    /// The binary is not built (see [`EraCircuits::build`]).
    #[error(
        "the circuit binary is not built at {0} (build it with `zkstack prove`, which builds on first use, or `EraCircuits::build`)"
    )]
    NotBuilt(PathBuf),
    /// Preparing or building the circuit workspace failed.
    #[error(transparent)]
    Prepare(#[from] PrepareError),
    /// The binary could not be started.
    #[error("cannot run {path}: {message}")]
    Spawn {
        /// The binary.
        path: PathBuf,
        /// The OS error.
        message: String,
    },
    /// The binary refused the input or failed (its message is on stderr).
    #[error("the circuit binary failed ({0}); its message is above")]
    Failed(String),
    /// A file the binary writes is missing or malformed.
    #[error("{path}: {message}")]
    Output {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// How many VM cycles each circuit instance covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Geometry {
    /// zkSync's test geometry (5 cycles per Main VM instance, 2^18-row Main VM): every instance
    /// proves on a 24 GiB machine (Main VM: about 2 minutes and 12 GiB on 2 cores).
    #[default]
    Tiny,
    /// zkSync's production geometry for the latest protocol (2^20-row circuits, thousands of
    /// cycles per Main VM instance). Witness generation and listing work anywhere; proving a
    /// production Main VM instance does not fit in 24 GiB of memory on the CPU.
    Production,
}

impl Geometry {
    /// The name the binary takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Tiny => "tiny",
            Self::Production => "production",
        }
    }
}

/// What to prove.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProveRequest {
    /// Circuit geometry.
    pub geometry: Geometry,
    /// Circuit types to prove by zkSync's short description ("Main VM", "Events sorter", …);
    /// empty: every type the run produces.
    pub circuits: Vec<String>,
    /// Prove every instance of the chosen types, not only the first of each.
    pub all_instances: bool,
    /// Only generate the witness and list the instances.
    pub list_only: bool,
    /// Where the program runs: the bootloader's address when `None`. A precompile's address (for
    /// example `0x…02`, SHA-256) makes the program's `log.precompile` calls reach that precompile,
    /// so that the run produces its round-function circuit.
    pub address: Option<zkstack_bootloader::vm::Address>,
}

/// One base-layer circuit instance of a run (`circuits.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircuitInstance {
    /// Position in the witness generator's output order.
    pub index: usize,
    /// zkSync's numeric base-layer circuit type.
    pub circuit_type: u8,
    /// zkSync's short description.
    pub description: String,
}

/// One proved instance (`proofs.json`); the key and proof are `<index>.vk.json` and
/// `<index>.proof.json` next to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvedCircuit {
    /// Position in the witness generator's output order.
    pub index: usize,
    /// zkSync's numeric base-layer circuit type.
    pub circuit_type: u8,
    /// zkSync's short description.
    pub description: String,
    /// Rows of the proved trace.
    pub domain_size: u64,
    /// The proof's public inputs (canonical Goldilocks elements).
    pub public_inputs: Vec<u64>,
    /// Setup seconds.
    pub setup_s: f64,
    /// Proving seconds.
    pub prove_s: f64,
    /// Verification seconds.
    pub verify_s: f64,
    /// Peak resident memory of the prover process so far, MiB.
    pub peak_rss_mib: u64,
}

/// The run as a whole (`run.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// "tiny" or "production".
    pub geometry: String,
    /// VM cycles per Main VM instance.
    pub cycles_per_vm_snapshot: u32,
    /// Keccak-256 of the program's bytecode words, 0x-hex.
    pub bytecode_hash: String,
    /// Witness generation seconds.
    pub witness_s: f64,
    /// Instances produced.
    pub instances: usize,
    /// Instances proved.
    pub proved: usize,
}

/// Everything a `prove` run wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProofSet {
    /// The directory holding the files.
    pub dir: PathBuf,
    /// The run summary.
    pub run: RunSummary,
    /// Every instance.
    pub instances: Vec<CircuitInstance>,
    /// The proved ones.
    pub proofs: Vec<ProvedCircuit>,
}

/// The verdict on one proof of a directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Position in the witness generator's output order.
    pub index: usize,
    /// zkSync's numeric base-layer circuit type.
    pub circuit_type: u8,
    /// zkSync's short description.
    pub description: String,
    /// Whether the proof was accepted.
    pub valid: bool,
    /// Why not.
    pub error: Option<String>,
}

/// The `zkstack-era-circuits` binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EraCircuits {
    binary: PathBuf,
}

/// The environment variable naming a prebuilt binary (overrides the checkout's build).
pub const BINARY_ENV: &str = "ZKSTACK_ERA_CIRCUITS_BIN";

impl EraCircuits {
    /// Uses the binary at `binary`.
    pub fn at(binary: PathBuf) -> Self {
        Self { binary }
    }

    /// Where the binary is: `$ZKSTACK_ERA_CIRCUITS_BIN`, else the release build of the
    /// circuit workspace of the checkout at `repo_root`.
    pub fn expected_path(repo_root: &Path) -> PathBuf {
        std::env::var_os(BINARY_ENV).map_or_else(
            || workspace_dir(repo_root).join("target").join("release").join("zkstack-era-circuits"),
            PathBuf::from,
        )
    }

    /// The binary if it is built.
    ///
    /// # Errors
    /// [`EraCircuitsError::NotBuilt`] otherwise.
    pub fn locate(repo_root: &Path) -> Result<Self, EraCircuitsError> {
        let binary = Self::expected_path(repo_root);
        if binary.is_file() { Ok(Self { binary }) } else { Err(EraCircuitsError::NotBuilt(binary)) }
    }

    /// Prepares the patched crates and builds the binary (about 15 CPU-minutes the first time,
    /// a no-op afterwards).
    ///
    /// # Errors
    /// [`EraCircuitsError::Prepare`] if fetching, editing or building fails.
    pub fn build(repo_root: &Path, cargo_home: &Path) -> Result<Self, EraCircuitsError> {
        Ok(Self { binary: build_helper(repo_root, cargo_home)? })
    }

    /// `$ZKSTACK_ERA_CIRCUITS_BIN` when set, else [`Self::build`] (a no-op of a few seconds when
    /// the checkout's build is up to date, so a stale binary is never used).
    ///
    /// # Errors
    /// As [`Self::build`].
    pub fn from_env_or_build(
        repo_root: &Path,
        cargo_home: &Path,
    ) -> Result<Self, EraCircuitsError> {
        match std::env::var_os(BINARY_ENV) {
            Some(path) => Ok(Self { binary: PathBuf::from(path) }),
            None => Self::build(repo_root, cargo_home),
        }
    }

    /// The binary's path.
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// Runs `program` (EraVM assembly `.asm` or bytecode) through zkSync's witness generator and
    /// proves the requested instances into `out`. Progress goes to this process's stderr.
    ///
    /// # Errors
    /// [`EraCircuitsError`] if the binary fails or its files are unreadable.
    pub fn prove(
        &self,
        program: &Path,
        out: &Path,
        request: &ProveRequest,
    ) -> Result<ProofSet, EraCircuitsError> {
        let mut command = Command::new(&self.binary);
        command.arg("prove").arg(program).arg(out).args(["--geometry", request.geometry.name()]);
        for circuit in &request.circuits {
            command.args(["--circuit", circuit]);
        }
        if request.all_instances {
            command.arg("--all-instances");
        }
        if request.list_only {
            command.arg("--list-only");
        }
        if let Some(address) = request.address {
            command.arg("--address").arg(address.to_string());
        }
        // The witness generator prints progress on stdout: send it to stderr with the rest, so
        // that the caller's stdout stays clean (`zkstack prove --json`).
        command.stdin(Stdio::null()).stdout(Stdio::from(std::io::stderr()));
        let status = command.status().map_err(|e| EraCircuitsError::Spawn {
            path: self.binary.clone(),
            message: e.to_string(),
        })?;
        if !status.success() {
            return Err(EraCircuitsError::Failed(status.to_string()));
        }
        read_proof_set(out)
    }

    /// Verifies every proof listed in `dir` (written by [`Self::prove`]).
    ///
    /// # Errors
    /// [`EraCircuitsError`] if the directory cannot be read at all; rejected proofs are verdicts,
    /// not errors.
    pub fn verify(&self, dir: &Path) -> Result<Vec<Verdict>, EraCircuitsError> {
        let output = Command::new(&self.binary)
            .arg("verify")
            .arg(dir)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| EraCircuitsError::Spawn {
                path: self.binary.clone(),
                message: e.to_string(),
            })?;
        // Exit 0: all valid, 1: some rejected (the report says which), else: could not verify.
        if !matches!(output.status.code(), Some(0 | 1)) {
            return Err(EraCircuitsError::Failed(output.status.to_string()));
        }
        serde_json::from_slice(&output.stdout).map_err(|e| EraCircuitsError::Output {
            path: dir.join("(verify report)"),
            message: e.to_string(),
        })
    }
}

/// Reads the files a `prove` run wrote into `dir`.
///
/// # Errors
/// [`EraCircuitsError::Output`] if one is missing or malformed.
pub fn read_proof_set(dir: &Path) -> Result<ProofSet, EraCircuitsError> {
    fn read<T: serde::de::DeserializeOwned>(path: PathBuf) -> Result<T, EraCircuitsError> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| EraCircuitsError::Output { path: path.clone(), message: e.to_string() })?;
        serde_json::from_str(&text)
            .map_err(|e| EraCircuitsError::Output { path, message: e.to_string() })
    }
    Ok(ProofSet {
        dir: dir.to_owned(),
        run: read(dir.join("run.json"))?,
        instances: read(dir.join("circuits.json"))?,
        proofs: read(dir.join("proofs.json"))?,
    })
}
