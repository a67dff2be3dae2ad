//! Base system contracts from a directory of bytecode files.
//!
//! The layout: `bootloader.bin` and `default_aa.bin` (required), `evm_emulator.bin`
//! (optional), and one file per system contract named by its address in hex, e.g.
//! `0x8002.bin` or `0x0000000000000000000000000000000000008002.bin`. A file holds raw bytecode,
//! or the same as `0x`-prefixed hex text (what `zksolc --bin` and the era-contracts `.zbin`
//! artifacts of older releases hold).

use std::path::Path;

use alloy_primitives::Address;

use super::contracts::{BaseSystemContracts, ContractCode, low_address};
use super::error::SystemContractsError;

fn read(path: &Path) -> Result<Vec<u8>, SystemContractsError> {
    let bytes = std::fs::read(path)
        .map_err(|source| SystemContractsError::Io { path: path.display().to_string(), source })?;
    let text = core::str::from_utf8(&bytes).ok().map(str::trim);
    if let Some(hex_text) = text.and_then(|t| t.strip_prefix("0x")) {
        return hex_decode(hex_text).ok_or_else(|| SystemContractsError::Bytecode {
            name: path.display().to_string(),
            reason: "bad hex".into(),
        });
    }
    Ok(bytes)
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| text.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect()
}

fn address_of(stem: &str) -> Option<Address> {
    let hex_text = stem.strip_prefix("0x")?;
    if hex_text.len() == 40 {
        return hex_text.parse().ok();
    }
    u32::from_str_radix(hex_text, 16).ok().map(low_address)
}

impl BaseSystemContracts {
    /// Loads the contracts from `dir` (see the module documentation for the layout).
    ///
    /// # Errors
    /// [`SystemContractsError::Missing`] without `bootloader.bin` or `default_aa.bin`,
    /// [`SystemContractsError::Io`] on unreadable files, [`SystemContractsError::Bytecode`] on
    /// invalid bytecode.
    pub fn from_dir(dir: &Path) -> Result<Self, SystemContractsError> {
        let required = |name: &str| {
            let path = dir.join(name);
            if path.exists() {
                read(&path)
            } else {
                Err(SystemContractsError::Missing(name.into()))
            }
        };
        let mut contracts =
            Self::from_code(&required("bootloader.bin")?, &required("default_aa.bin")?)?;
        let evm = dir.join("evm_emulator.bin");
        if evm.exists() {
            contracts.evm_emulator = Some(ContractCode::from_bytes("evm emulator", &read(&evm)?)?);
        }
        let entries = std::fs::read_dir(dir).map_err(|source| SystemContractsError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
            if path.extension().and_then(|e| e.to_str()) != Some("bin") {
                continue;
            }
            if let Some(address) = address_of(stem) {
                contracts = contracts.with_system_contract(address, &read(&path)?)?;
            }
        }
        Ok(contracts)
    }
}
