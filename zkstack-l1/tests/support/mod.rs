//! Test support: fetches published zksync-era crates from crates.io (the registry's own copy,
//! unpacked by `cargo info`) into a cache under the system temp dir, for their test vectors.
//!
//! Nothing fetched is committed. Without network access the fetch fails and the caller skips,
//! saying so loudly on stderr.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The zksync_types release whose `src/commitment/tests/*.json` are our commitment vectors.
pub const ZKSYNC_TYPES: &str = "zksync_types@29.13.0-non-semver-compat";

/// One fetch at a time within a test binary (cargo also locks its own cache across processes).
static FETCH_LOCK: Mutex<()> = Mutex::new(());

/// Returns the unpacked source directory of `crate_spec` (`name@version`), fetching it on first
/// use; `None` (after a loud SKIP line) if the registry cannot be reached.
pub fn registry_crate(crate_spec: &str) -> Option<PathBuf> {
    let (name, version) = crate_spec.split_once('@').expect("spec is name@version");
    let cargo_home = std::env::temp_dir().join("zkstack-rs-vectors").join("cargo-home");
    let dir_name = format!("{name}-{version}");
    let _guard = FETCH_LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = find_unpacked(&cargo_home, &dir_name) {
        return Some(found);
    }
    std::fs::create_dir_all(&cargo_home).expect("create vector cache dir");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["info", crate_spec])
        .env("CARGO_HOME", &cargo_home)
        // Run outside the workspace so that `cargo info` does not consult our lock file.
        .current_dir(&cargo_home)
        .output();
    let found = find_unpacked(&cargo_home, &dir_name);
    if found.is_none() {
        let why = match output {
            Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
            Err(err) => err.to_string(),
        };
        // Written to the process's stderr directly, so that libtest's output capture cannot hide it.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIP: could not fetch {crate_spec} from the registry into {}; its test vectors \
             are NOT checked. cargo said: {why}\n",
            cargo_home.display()
        );
    }
    found
}

/// The commitment vector directory of zksync_types, if it can be had.
pub fn commitment_vectors_dir() -> Option<PathBuf> {
    registry_crate(ZKSYNC_TYPES).map(|dir| dir.join("src/commitment/tests"))
}

fn find_unpacked(cargo_home: &Path, dir_name: &str) -> Option<PathBuf> {
    let src = cargo_home.join("registry").join("src");
    std::fs::read_dir(src)
        .ok()?
        .flatten()
        .map(|index| index.path().join(dir_name))
        .find(|dir| dir.join("Cargo.toml").is_file())
}
