//! zksync-era's VM dump (`zksync_vm_interface::utils::VmDump`): a batch environment, a system
//! environment with the bootloader and default account code, L2 blocks with their transactions
//! and a storage snapshot — everything needed to re-run the VM.
//!
//! The reader is serde over JSON, tolerant of fields it does not know; a missing field is a
//! [`DumpError`] that names it (with line and column).

mod env;
mod error;
mod snapshot;
mod tx;

pub use env::{
    L1BatchEnv, L2BlockEnv, L2BlockExecution, SystemContractCode, SystemContractsJson, SystemEnv,
};
pub use error::DumpError;
pub use snapshot::{SnapshotCode, SnapshotSlot, SnapshotStorage, StorageSnapshot, hashed_key};
pub use tx::{CommonData, DumpTransaction, Execute, Fee, L1CommonData, L2CommonData};

use serde::Deserialize;

/// A whole VM dump.
#[derive(Clone, Debug, Deserialize)]
pub struct VmDump {
    /// The batch.
    pub l1_batch_env: L1BatchEnv,
    /// Protocol version, base system contracts, gas limits, mode, chain.
    pub system_env: SystemEnv,
    /// The L2 blocks to execute, with their transactions.
    pub l2_blocks: Vec<L2BlockExecution>,
    /// Every storage slot and bytecode the run touches.
    pub storage: StorageSnapshot,
}

impl VmDump {
    /// Reads a dump from its JSON text.
    ///
    /// # Errors
    /// [`DumpError::Json`] for malformed JSON or a missing or mistyped field (the message names
    /// the field and where it is).
    pub fn from_json(text: &str) -> Result<Self, DumpError> {
        serde_json::from_str(text).map_err(|e| DumpError::Json(e.to_string()))
    }
}
