//! Why a batch could not be executed.

use zkstack_vm::exec::VmError;
use zkstack_vm::world::StorageKey;

/// The executor stopped without a result.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExecutorError {
    /// The interpreter refused an instruction (an opcode it lacks, unknown code).
    #[error("VM at pc {pc} of {address}: {error}")]
    Vm {
        /// What the interpreter said.
        error: VmError,
        /// The pc of the instruction.
        pc: u16,
        /// The running contract.
        address: zkstack_vm::Address,
    },
    /// The bootloader wrote a hook number the protocol does not define.
    #[error("unknown VM hook {0}")]
    UnknownHook(u32),
    /// The bootloader asked for something not built yet (the pubdata of a sealed batch).
    #[error("the bootloader asked for {0}, which this executor does not provide yet")]
    NotSupported(&'static str),
    /// No transaction is waiting to run.
    #[error("no pushed transaction is waiting to be executed")]
    NoTransaction,
    /// A transaction could not be placed in bootloader memory.
    #[error("transaction: {0}")]
    Transaction(String),
    /// The bootloader finished (or failed) while a transaction was expected to end.
    #[error("the bootloader ended: {0}")]
    BootloaderEnded(String),
    /// SystemContext would reject an L2 block or the batch start.
    #[error("L2 block: {0}")]
    L2Block(#[from] crate::l2_block::L2BlockError),
    /// A new L2 block was opened on top of one without transactions (zksync-era refuses it).
    #[error("the open L2 block has no transactions; a new block cannot start on top of it")]
    EmptyL2Block,
    /// The batch's pubdata could not be built or placed.
    #[error("pubdata: {0}")]
    Pubdata(String),
    /// The storage behind the run lacked slots the run read (a snapshot that does not match).
    #[error("storage lacks {} slot(s) the run read{}", .0.len(), first_missing(.0))]
    MissingStorage(Vec<StorageKey>),
}

/// `", first: slot K of ADDRESS"` for the first missing slot, empty when there is none.
fn first_missing(keys: &[StorageKey]) -> String {
    keys.first()
        .map(|k| format!(", first: slot {:#x} of {:#x}", k.key, k.address))
        .unwrap_or_default()
}
