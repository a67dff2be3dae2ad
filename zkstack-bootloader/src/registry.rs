//! Published packages from crates.io, unpacked on demand: where the real bootloader bytecode (the
//! `zksync_multivm` VM dumps) and the zkSync circuit crates come from. Nothing fetched is
//! committed; cargo checks each package's checksum against the index.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a package could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not fetch {package} into {}: {why}", cache.display())]
pub struct RegistryError {
    /// `name@version`.
    pub package: String,
    /// The `CARGO_HOME` used as the cache.
    pub cache: PathBuf,
    /// cargo's last error line, or the OS error.
    pub why: String,
}

/// How long to wait for the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Patience {
    /// cargo's own timeouts and retries.
    Default,
    /// 15-second HTTP timeout and one retry (unless the user set `CARGO_HTTP_TIMEOUT` /
    /// `CARGO_NET_RETRY`): for callers with an offline fallback.
    FailFast,
}

/// The source directory of `name@version`, unpacked with `cargo info` into the `CARGO_HOME`
/// `cache` unless already there.
///
/// # Errors
/// [`RegistryError`] when it is not cached and cargo cannot fetch it.
pub fn fetch_registry_crate(
    cache: &Path,
    name: &str,
    version: &str,
    patience: Patience,
) -> Result<PathBuf, RegistryError> {
    let dir_name = format!("{name}-{version}");
    if let Some(found) = find_unpacked(cache, &dir_name) {
        return Ok(found);
    }
    let package = format!("{name}@{version}");
    let error =
        |why: String| RegistryError { package: package.clone(), cache: cache.to_owned(), why };
    std::fs::create_dir_all(cache).map_err(|e| error(e.to_string()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    // Outside any workspace, so that `cargo info` does not read a lock file.
    command.args(["info", &package]).env("CARGO_HOME", cache).current_dir(cache);
    if patience == Patience::FailFast {
        for (variable, value) in [("CARGO_HTTP_TIMEOUT", "15"), ("CARGO_NET_RETRY", "1")] {
            if std::env::var_os(variable).is_none() {
                command.env(variable, value);
            }
        }
    }
    let output = command.output();
    find_unpacked(cache, &dir_name).ok_or_else(|| {
        error(match output {
            // cargo's last line is its error; the lines above are progress and retries.
            Ok(out) => String::from_utf8_lossy(&out.stderr)
                .lines()
                .rev()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("cargo info failed")
                .trim()
                .to_owned(),
            Err(e) => e.to_string(),
        })
    })
}

fn find_unpacked(cargo_home: &Path, dir_name: &str) -> Option<PathBuf> {
    std::fs::read_dir(cargo_home.join("registry").join("src"))
        .ok()?
        .flatten()
        .map(|index| index.path().join(dir_name))
        .find(|dir| dir.join("Cargo.toml").is_file())
}
