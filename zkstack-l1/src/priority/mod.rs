//! Priority operations: the L1→L2 transactions a chain must execute, and how L1 tracks them.
//!
//! - [`L2CanonicalTransaction`]: the transaction as the Mailbox stores it; its
//!   [`canonical hash`](L2CanonicalTransaction::canonical_hash) identifies it everywhere.
//! - [`NewPriorityRequest`]: the event the Mailbox emits for every request.
//! - [`rolling_hash`]: the per-batch `priorityOperationsHash` and the legacy (pre-v26)
//!   [`PriorityQueue`].
//! - [`DynamicIncrementalMerkle`], [`PriorityTree`], [`merkle`]: the v26+ priority tree, range proofs
//!   ([`PriorityOpsBatchInfo`]) and their verification (implemented in [`crate::merkle`]).
//!
//! Sources: era-contracts `l1-contracts/contracts/common/Messaging.sol`,
//! `state-transition/libraries/PriorityTree.sol`, `state-transition/libraries/PriorityQueue.sol`
//! (removed with the Gateway release), `common/libraries/DynamicIncrementalMerkle.sol`,
//! `common/libraries/Merkle.sol`; zksync-era `core/lib/mini_merkle_tree` for how the server builds
//! range proofs.

mod batch_info;
mod canonical_tx;
mod error;
mod event;
pub mod merkle;
mod range_proof;
pub mod rolling_hash;
mod tree;

pub use batch_info::PriorityOpsBatchInfo;
pub use canonical_tx::{
    L2CanonicalTransaction, PRIORITY_OPERATION_L2_TX_TYPE, SYSTEM_UPGRADE_L2_TX_TYPE,
    address_to_u256,
};
pub use error::PriorityTreeError;
pub use event::{NewPriorityRequest, NewPriorityRequestDecodeError};
pub use range_proof::PriorityLeaves;
pub use rolling_hash::{PriorityOperation, PriorityQueue, QueueIsEmpty, priority_ops_rolling_hash};
pub use tree::{PriorityTree, PriorityTreeCommitment};

// The tree and the errors below live in `crate::merkle` and `crate::solidity`; they are
// re-exported here, where they were first defined.
pub use crate::merkle::{DynamicIncrementalMerkle, MerkleError};
pub use crate::solidity::SolidityPanic;

use alloy_primitives::{B256, b256};

/// `keccak256("")`: the priority tree's empty leaf and the seed of the priority rolling hash
/// (era-contracts `common/Config.sol` `EMPTY_STRING_KECCAK`, `PriorityTree.sol` `ZERO_LEAF_HASH`).
pub const ZERO_LEAF_HASH: B256 =
    b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
