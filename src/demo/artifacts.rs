//! Where the demo gets the real v26 bootloader and system contracts: zksync-era's VM dumps in
//! the `zksync_multivm` package on crates.io (`tests/vm_dumps/*.json`). This repository never
//! ships third-party bytecode, so they are fetched when needed, the way the tests fetch them:
//! `cargo info` unpacks the package into a cache (its own `CARGO_HOME`), and the dumps are read
//! from there.
//!
//! An embedder or an offline user points at a directory holding the two dump files with
//! [`DUMPS_DIR_ENV`] (or `zkstack demo --vm-dumps DIR`); then nothing is fetched. The cache
//! lives under [`CACHE_DIR_ENV`] if set, else under the system temp dir (the tests' cache).

use std::path::{Path, PathBuf};
use zkstack_bootloader::registry::{Patience, fetch_registry_crate};

use zkstack_bootloader::dump::VmDump;

/// The crates.io package holding the dumps.
pub const MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";
/// The dump whose base system contracts, bytecodes and storage the chain starts from.
pub const MAIN_DUMP: &str = "estimate_fee_for_transfer_to_self.json";
/// The dump that adds ImmutableSimulator (0x8005) to the start.
pub const EXTRA_DUMP: &str = "validation_adjacent_storage_slots.json";
/// A directory holding [`MAIN_DUMP`] and [`EXTRA_DUMP`]; when set, nothing is fetched.
pub const DUMPS_DIR_ENV: &str = "ZKSTACK_VM_DUMPS";
/// The `CARGO_HOME` the package is unpacked into.
pub const CACHE_DIR_ENV: &str = "ZKSTACK_CACHE_DIR";

/// The dumps could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ArtifactsError {
    /// `cargo info` did not unpack the package (offline, no cargo, registry down).
    #[error("could not fetch {MULTIVM} from crates.io into {cache}: {why}")]
    Fetch {
        /// The cache directory.
        cache: PathBuf,
        /// What cargo said.
        why: String,
    },
    /// A dump file is missing or unreadable.
    #[error("cannot read {path}: {why}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// A dump file is not a VM dump this crate reads.
    #[error("{path} is not a v26 VM dump: {why}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
}

/// The two dumps and where they came from.
pub struct VmDumps {
    /// [`MAIN_DUMP`].
    pub main: VmDump,
    /// [`EXTRA_DUMP`].
    pub extra: VmDump,
    /// The directory they were read from.
    pub dir: PathBuf,
}

impl std::fmt::Debug for VmDumps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VmDumps").field("dir", &self.dir).finish_non_exhaustive()
    }
}

/// Loads the dumps from `dir` if given, else from [`DUMPS_DIR_ENV`] if set, else from the
/// `zksync_multivm` package (fetched into the cache on first use).
///
/// # Errors
/// [`ArtifactsError`] when the package cannot be fetched or a file is missing or malformed.
pub fn load(dir: Option<&Path>) -> Result<VmDumps, ArtifactsError> {
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => match std::env::var_os(DUMPS_DIR_ENV) {
            Some(dir) => PathBuf::from(dir),
            None => registry_package()?.join("tests").join("vm_dumps"),
        },
    };
    let main = read(&dir.join(MAIN_DUMP))?;
    let extra = read(&dir.join(EXTRA_DUMP))?;
    Ok(VmDumps { main, extra, dir })
}

fn read(path: &Path) -> Result<VmDump, ArtifactsError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ArtifactsError::Read { path: path.to_path_buf(), why: e.to_string() })?;
    VmDump::from_json(&text)
        .map_err(|e| ArtifactsError::Parse { path: path.to_path_buf(), why: e.to_string() })
}

/// The cache `CARGO_HOME`.
pub fn cache_dir() -> PathBuf {
    std::env::var_os(CACHE_DIR_ENV).map_or_else(
        || std::env::temp_dir().join("zkstack-rs-vectors").join("cargo-home"),
        PathBuf::from,
    )
}

/// The unpacked `zksync_multivm` package, fetched with `cargo info` if not cached yet.
///
/// # Errors
/// [`ArtifactsError::Fetch`] when it is not cached and cargo cannot fetch it.
pub fn registry_package() -> Result<PathBuf, ArtifactsError> {
    let cache = cache_dir();
    let (name, version) = MULTIVM.split_once('@').unwrap_or((MULTIVM, "*"));
    // The demo falls back to supplied outputs offline: fail in seconds, not after retries.
    fetch_registry_crate(&cache, name, version, Patience::FailFast)
        .map_err(|e| ArtifactsError::Fetch { cache: e.cache, why: e.why })
}
