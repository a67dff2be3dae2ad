//! L2 blocks and batches: the operator's [`BatchEnv`] / [`L2BlockEnv`], the rules SystemContext
//! enforces on them ([`SystemContextBlocks`], checked before execution), L2 block hashes in both
//! forms, the transactions' rolling hash, the 257-slot hash ring, virtual blocks and the packed
//! batch / L2 block timestamp log.
//!
//! Facts from era-contracts `system-contracts/contracts/SystemContext.sol` at v26 (commit
//! 16dedf6d7) and zksync-era `core/lib/types/src/block.rs` (`L2BlockHasher`,
//! `pack_block_info`), multivm `utils/l2_blocks.rs`.
//!
//! ```
//! use zkstack_bootloader::l2_block::{L2BlockEnv, SystemContextBlocks, L2BlockHasher, legacy_l2_block_hash};
//! use zkstack_bootloader::l1::{B256, U256, ProtocolVersionId};
//!
//! let mut ctx = SystemContextBlocks::default();
//! ctx.set_new_batch(B256::ZERO, 10, 1, U256::from(1u8)).unwrap();
//! // The first L2 block ever names the legacy hash of its predecessor.
//! ctx.set_l2_block(1, 10, legacy_l2_block_hash(0), true, 1).unwrap();
//! ctx.append_transaction(B256::repeat_byte(7));
//! let mut hasher = L2BlockHasher::new(1, 10, legacy_l2_block_hash(0));
//! hasher.push_tx_hash(B256::repeat_byte(7));
//! let hash = hasher.finalize(ProtocolVersionId::GATEWAY);
//! assert_eq!(ctx.last_l2_block().unwrap().hash, hash);
//! let next = L2BlockEnv { number: 2, timestamp: 11, prev_block_hash: hash, max_virtual_blocks_to_create: 1 };
//! ctx.start_l2_block(&next).unwrap();
//! ```

mod context;
mod env;
mod error;
mod hash;
mod info;

pub use context::{LastL2Block, SystemContextBlocks};
pub use env::{BatchEnv, L2BlockEnv};
pub use error::L2BlockError;
pub use hash::{
    L2BlockHasher, TxsRollingHash, l2_block_hash, legacy_l2_block_hash, virtual_block_hash,
};
pub use info::{
    BlockInfo, L2_BLOCK_HASHES_TO_STORE, SYSTEM_CONTEXT_ADDRESS, batch_hash_slot,
    l2_block_hash_slot, packed_batch_and_l2_block_timestamp, slots,
};
