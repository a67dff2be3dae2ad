//! Replaying a VM dump: its environments, base system contracts and storage snapshot in a
//! [`BatchExecutor`], each transaction pushed and executed in turn (as zksync-era's oneshot
//! execution does, `push_transaction` then `inspect(OneTx)`).

use std::rc::Rc;

use super::batch::BatchExecutor;
use super::env::{BatchEnv, SystemEnvironment};
use super::error::ExecutorError;
use super::result::{BatchOutputs, TxResult};
use crate::dump::{DumpError, SnapshotCode, SnapshotStorage, VmDump};
use crate::l2_block::L2BlockEnv;
use crate::system::BaseSystemContracts;

/// What a replay produced.
#[derive(Debug)]
pub struct Replay {
    /// One result per transaction executed.
    pub txs: Vec<TxResult>,
    /// Batch outputs so far.
    pub outputs: BatchOutputs,
    /// Why the replay stopped early, if it did (the results above are those before).
    pub error: Option<ExecutorError>,
}

/// Why a dump could not be replayed at all.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The dump is unusable.
    #[error(transparent)]
    Dump(#[from] DumpError),
    /// The executor could not be set up.
    #[error(transparent)]
    Executor(#[from] ExecutorError),
}

/// How to replay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReplayOptions {
    /// End the (single) transaction when its validation ends, as zksync-era's validation
    /// tracers do; dumps recorded that way hold no storage beyond validation.
    pub stop_after_validation: bool,
}

/// Replays every transaction of `dump`.
///
/// # Errors
/// [`ReplayError`] when the dump's version is not 26, a transaction cannot be converted, or the
/// executor cannot start; errors while running are in [`Replay::error`].
pub fn replay_dump(dump: &VmDump, options: ReplayOptions) -> Result<Replay, ReplayError> {
    let env = BatchEnv::from_dump(dump);
    let system = SystemEnvironment::from_dump(dump)?;
    let contracts = BaseSystemContracts::from_dump(dump);
    let snapshot = Rc::new(dump.storage.clone());
    let storage = SnapshotStorage::new(Rc::clone(&snapshot));
    let missing = storage.missing();
    let mut code = SnapshotCode::default();
    for (hash, bytes) in &snapshot.factory_deps {
        code.insert_bytes(hash, bytes);
    }
    let mut executor =
        BatchExecutor::new(env, system, &contracts, Box::new(storage), Box::new(code))?;
    executor.set_stop_after_validation(options.stop_after_validation);
    let mut txs = Vec::new();
    let mut error = None;
    'blocks: for (i, block) in dump.l2_blocks.iter().enumerate() {
        if i > 0 {
            executor.start_l2_block(L2BlockEnv {
                number: block.number,
                timestamp: block.timestamp,
                prev_block_hash: block.prev_block_hash,
                max_virtual_blocks_to_create: block.virtual_blocks,
            });
        }
        for tx in &block.txs {
            let boot = tx.to_bootloader()?;
            let run = executor
                .push_transaction(&boot, tx.factory_deps(), tx.is_l1())
                .and_then(|()| executor.execute_next());
            let lacking = core::mem::take(&mut *missing.borrow_mut());
            match run {
                Ok(_) | Err(_) if !lacking.is_empty() => {
                    error = Some(ExecutorError::MissingStorage(lacking));
                    break 'blocks;
                }
                Ok(result) => txs.push(result),
                Err(e) => {
                    error = Some(e);
                    break 'blocks;
                }
            }
        }
    }
    Ok(Replay { txs, outputs: executor.outputs(), error })
}
