//! L2 blocks inside a batch: SystemContext's block state read from the running VM, and the
//! SystemContext rules checked before the bootloader meets a block (zksync-era multivm
//! `BootloaderState::start_new_l2_block` + `assert_next_block`; era-contracts SystemContext
//! `setNewBatch` / `setL2Block`, via [`SystemContextBlocks`]).

use alloy_primitives::{B256, U256};
use zkstack_vm::world::StorageKey;

use super::batch::BatchExecutor;
use super::error::ExecutorError;
use crate::l2_block::{L2BlockEnv, LastL2Block, SYSTEM_CONTEXT_ADDRESS, SystemContextBlocks};

impl BatchExecutor {
    /// SystemContext's block state as the VM sees it now (committed storage plus this batch's
    /// writes so far). Reading does not warm any slot.
    pub fn system_context(&mut self) -> SystemContextBlocks {
        let world = &mut self.vm_mut().world;
        SystemContextBlocks::from_storage(|slot| {
            let key = StorageKey {
                shard: 0,
                address: SYSTEM_CONTEXT_ADDRESS,
                key: U256::from_be_bytes(slot.0),
            };
            B256::from(world.diff.peek_storage(world.storage.as_mut(), &key))
        })
    }

    /// The open L2 block with its hash including the transactions executed so far (what the
    /// next block must name as its previous hash); `None` before the bootloader opened one.
    pub fn last_l2_block(&mut self) -> Option<LastL2Block> {
        self.system_context().last_l2_block()
    }

    /// Checks that the batch and its first L2 block pass SystemContext's `setNewBatch` and
    /// `setL2Block` from the state before the batch. Call before executing anything.
    ///
    /// # Errors
    /// [`ExecutorError::L2Block`] with the rule the bootloader would trip over.
    pub fn check_batch_start(&mut self) -> Result<(), ExecutorError> {
        let batch = self.env();
        let base_fee = U256::from(self.base_fee());
        let mut ctx = self.system_context();
        ctx.start_batch(&batch, base_fee)?;
        Ok(())
    }

    /// Opens the next L2 block after checking it against SystemContext's state now (number +1,
    /// timestamp above the last block's, previous hash equal to the last block's hash with its
    /// transactions, virtual blocks), as zksync-era asserts before it writes the block. The
    /// block being left must hold at least one transaction.
    ///
    /// # Errors
    /// [`ExecutorError::L2Block`] when SystemContext would reject the block;
    /// [`ExecutorError::EmptyL2Block`] when the open block has no transaction.
    pub fn open_l2_block(&mut self, block: &L2BlockEnv) -> Result<(), ExecutorError> {
        if self.open_block_is_empty() {
            return Err(ExecutorError::EmptyL2Block);
        }
        if self.pending_transactions() > 0 {
            return Err(ExecutorError::Transaction(
                "execute the pushed transactions before opening the next L2 block".into(),
            ));
        }
        let mut ctx = self.system_context();
        ctx.start_l2_block(block)?;
        self.start_l2_block(*block);
        Ok(())
    }
}
