//! Fetching the published circuit crates and writing their patched copies.

use std::path::{Path, PathBuf};
use zkstack_bootloader::registry::{Patience, fetch_registry_crate};

use super::PrepareError;
use super::edits;

/// The published crates that need [`edits`], all at the version the circuit stack is pinned to.
/// `zkevm_opcode_defs` only has its Boojum-family pin moved (one `zksync_pairing` in the graph).
pub const PATCHED_CRATES: [&str; 7] = [
    "zkevm_opcode_defs",
    "zkevm_circuits",
    "circuit_encodings",
    "circuit_sequencer_api",
    "circuit_definitions",
    "zksync_kzg",
    "zkevm_test_harness",
];

/// Version of every crate in [`PATCHED_CRATES`].
pub const CIRCUITS_VERSION: &str = "0.153.12";

/// File written last into the destination; its content identifies the edit set, so that an
/// up-to-date copy is not rewritten (which would make cargo rebuild the whole stack).
const STAMP_FILE: &str = ".zkstack-patched";

/// A digest of the edit set (the shim, the rules and the exact edits), written as the stamp.
fn edit_set_id() -> String {
    use std::hash::{Hash as _, Hasher as _};
    // DefaultHasher's algorithm is fixed within one toolchain, which is all a cache stamp needs.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    edits::ARRAY_CHUNKS_SHIM.hash(&mut hasher);
    edits::CONST_ARRAY_SHIM.hash(&mut hasher);
    edits::SHIM_IMPORT.hash(&mut hasher);
    edits::DROPPED_FEATURES.hash(&mut hasher);
    edits::WRAPPED_FUNCTIONS.hash(&mut hasher);
    for edit in edits::EXACT_EDITS {
        (edit.krate, edit.file, edit.old, edit.new).hash(&mut hasher);
    }
    PATCHED_CRATES.hash(&mut hasher);
    CIRCUITS_VERSION.hash(&mut hasher);
    format!("{:016x}\n", hasher.finish())
}

/// What [`prepare`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Where the patched crates are, one directory per crate name.
    pub dir: PathBuf,
    /// Whether they were (re)written now; `false` when an up-to-date copy was found.
    pub written: bool,
}

/// Writes the patched copies of [`PATCHED_CRATES`] into `dest/<name>`, fetching the originals into
/// `cargo_home` first. Does nothing if `dest` already holds this edit set.
pub fn prepare(cargo_home: &Path, dest: &Path) -> Result<Prepared, PrepareError> {
    let stamp = dest.join(STAMP_FILE);
    let id = edit_set_id();
    if std::fs::read_to_string(&stamp).is_ok_and(|found| found == id) {
        return Ok(Prepared { dir: dest.to_owned(), written: false });
    }
    for name in PATCHED_CRATES {
        let original = fetch_registry_crate(cargo_home, name, CIRCUITS_VERSION, Patience::Default)
            .map_err(|e| PrepareError::Fetch(format!("{}: {}", e.package, e.why)))?;
        let copy = dest.join(name);
        if copy.exists() {
            std::fs::remove_dir_all(&copy).map_err(|e| PrepareError::io(&copy, &e))?;
        }
        copy_dir(&original, &copy)?;
        patch_crate(name, &copy)?;
    }
    std::fs::write(&stamp, id).map_err(|e| PrepareError::io(&stamp, &e))?;
    Ok(Prepared { dir: dest.to_owned(), written: true })
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), PrepareError> {
    std::fs::create_dir_all(to).map_err(|e| PrepareError::io(to, &e))?;
    for entry in std::fs::read_dir(from).map_err(|e| PrepareError::io(from, &e))? {
        let entry = entry.map_err(|e| PrepareError::io(from, &e))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(|e| PrepareError::io(&src, &e))?.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| PrepareError::io(&src, &e))?;
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, PrepareError> {
    std::fs::read_to_string(path).map_err(|e| PrepareError::io(path, &e))
}

fn write(path: &Path, text: &str) -> Result<(), PrepareError> {
    std::fs::write(path, text).map_err(|e| PrepareError::io(path, &e))
}

/// Applies every edit that concerns crate `name` to its copy at `dir`.
fn patch_crate(name: &str, dir: &Path) -> Result<(), PrepareError> {
    let manifest = dir.join("Cargo.toml");
    write(&manifest, &edits::bump_boojum_pins(&read(&manifest)?))?;

    let lib = dir.join("src").join("lib.rs");
    let (mut lib_text, has_shim) = edits::patch_crate_root(&read(&lib)?);
    let const_arrays = name == edits::CONST_ARRAY_CRATE;
    if const_arrays {
        lib_text.push_str(edits::CONST_ARRAY_SHIM);
    }
    write(&lib, &lib_text)?;

    for file in rust_files(&dir.join("src"))? {
        let original = read(&file)?;
        let mut text = original.clone();
        if has_shim && edits::calls_array_chunks(&text) {
            text = edits::import_shim(&text);
        }
        for signature in edits::WRAPPED_FUNCTIONS {
            text = edits::wrap_bodies(&text, signature)?.0;
        }
        if const_arrays {
            text = edits::hoist_closure_array_lengths(&text)?.0;
        }
        if text != original {
            write(&file, &text)?;
        }
    }
    if !has_shim
        && rust_files(&dir.join("src"))?.iter().any(|f| {
            read(f).is_ok_and(|t| edits::calls_array_chunks(&t) || t.contains(edits::SAME_LEN_CALL))
        })
    {
        return Err(PrepareError::Edit(format!(
            "{name} needs the shim but has no array_chunks feature"
        )));
    }
    for edit in edits::EXACT_EDITS.iter().filter(|e| e.krate == name) {
        let path = dir.join(edit.file);
        write(&path, &edits::apply_exact(&read(&path)?, edit)?)?;
    }
    Ok(())
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, PrepareError> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).map_err(|e| PrepareError::io(&current, &e))? {
            let path = entry.map_err(|e| PrepareError::io(&current, &e))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
