//! The batch executor: runs the real bootloader bytecode in zkstack-vm, feeding it
//! transactions and answering its VM hooks the way zksync-era's fast VM (multivm `vm_fast`, on
//! zksync_vm2) does.
//!
//! The bootloader starts in kernel mode at `0x8001` with the batch environment in its heap; the
//! executor writes each transaction (description, encoding, L2 block, refund, overhead, trusted
//! gas limit, compressed bytecodes) before running it, and suspends the VM at every hook
//! ([`hook::VmHook`]): account validation gets at most the validation gas limit, the refund the
//! operator suggests is computed as `vm_fast` does ([`refund`]), the transaction's result is
//! taken from `PostResult`, and execution of a transaction ends at `TxHasEnded`.
//!
//! A batch spans L2 blocks: [`BatchExecutor::open_l2_block`] checks each new block against
//! SystemContext's state in the running VM before the bootloader meets it. After the last
//! transaction, [`BatchExecutor::finish_batch`] answers `FinalBatchInfo` (the fictive block) and
//! `PubdataRequested` (the L1Messenger's operator input, [`pubdata`]) and runs the bootloader to
//! its end; [`crate::sealed::SealedBatch`] turns the result into commitment input.

mod batch;
mod blocks;
mod code;
mod env;
mod error;
pub mod events;
mod halt;
pub mod hook;
pub mod pubdata;
pub mod refund;
mod replay;
mod result;
mod seal;
mod start;

pub use batch::BatchExecutor;
pub use code::LayeredCode;
pub use env::{BatchEnv, SystemEnvironment};
pub use error::ExecutorError;
pub use events::{Event, merge_events};
pub use halt::halt_reason;
pub use replay::{Replay, ReplayError, ReplayOptions, replay_dump};
pub use result::{BatchOutputs, DebugLog, L2ToL1Log, StorageWrite, TxResult, TxStatus};
pub use seal::FinishedBatch;
