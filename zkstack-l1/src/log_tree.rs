//! The L2→L1 log Merkle tree: the keccak tree over a batch's L2→L1 logs whose root L1 stores.
//!
//! Leaves are `keccak256` of the 88-byte packed logs ([`L2ToL1Log::hash`]). The tree has a fixed
//! minimum width per protocol version ([`tree_size`]); unused leaves hold the hash of 88 zero bytes.
//! Inner nodes are `keccak256(left ‖ right)`. If a batch ever held more logs than the minimum width,
//! the tree widens to the next power of two, as zksync-era's `MiniMerkleTree` does.
//!
//! Only the non-empty prefix of every level is hashed; the rest is taken from precomputed
//! empty-subtree hashes, so a tree of 3 logs in a 16384-leaf tree costs a few dozen hashes.
//!
//! ```
//! use zkstack_l1::{L2ToL1Log, ProtocolVersionId, log_tree::LogTree};
//!
//! let logs = [L2ToL1Log::default(); 3];
//! let tree = LogTree::from_logs(&logs, ProtocolVersionId::LATEST).unwrap();
//! let path = tree.proof(1).unwrap();
//! assert_eq!(path.len(), 14); // 16384 leaves
//! assert!(zkstack_l1::log_tree::verify_proof(logs[1].hash(), 1, &path, tree.root()));
//! ```

use std::sync::OnceLock;

use alloy_primitives::{B256, b256};

use crate::merkle::{efficient_hash, padded};
use crate::{L2ToL1Log, ProtocolVersionId};

/// The deepest tree supported (2^32 leaves), as in zksync-era's `MiniMerkleTree`.
pub const MAX_TREE_DEPTH: usize = 32;

/// Errors of the log tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LogTreeError {
    /// A minimum tree size that is not a power of two.
    #[error("tree size {0} is not a power of two")]
    SizeNotPowerOfTwo(usize),
    /// More leaves (or a bigger minimum size) than a tree of depth [`MAX_TREE_DEPTH`] holds.
    #[error("tree of {0} leaves exceeds the maximum depth {MAX_TREE_DEPTH}")]
    TooLarge(usize),
    /// A proof was asked for a leaf that is not in the tree.
    #[error("leaf index {index} out of range (tree holds {len} leaves)")]
    IndexOutOfRange {
        /// The requested index.
        index: usize,
        /// Number of (non-padding) leaves.
        len: usize,
    },
}

/// Minimum width of the L2→L1 log tree for `version`: 512 before Boojum, 2048 for VM 1.4.0/1.4.1,
/// 4096 before VM 1.5.0 and 16384 from then on (zksync-era `l2_to_l1_logs_tree_size`).
pub const fn tree_size(version: ProtocolVersionId) -> usize {
    if version.is_pre_boojum() {
        512
    } else if version.is_1_4_0() || version.is_1_4_1() {
        2048
    } else if version.is_pre_1_5_0() {
        4096
    } else {
        16384
    }
}

/// The hash of an unused leaf, `keccak256` of 88 zero bytes (an all-zero log): era-contracts
/// `L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH`.
pub const L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH: B256 =
    b256!("0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba");

/// The hash of an unused leaf: [`L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH`].
pub fn empty_leaf_hash() -> B256 {
    L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH
}

/// The root of an empty subtree of the given depth (0 = a single empty leaf), for depth ≤ [`MAX_TREE_DEPTH`].
pub fn empty_subtree_hash(depth: usize) -> Option<B256> {
    empty_subtree_hashes().get(depth).copied()
}

fn empty_subtree_hashes() -> &'static [B256; MAX_TREE_DEPTH + 1] {
    static HASHES: OnceLock<[B256; MAX_TREE_DEPTH + 1]> = OnceLock::new();
    HASHES.get_or_init(|| {
        let mut hashes = [B256::ZERO; MAX_TREE_DEPTH + 1];
        hashes[0] = L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH;
        for depth in 1..=MAX_TREE_DEPTH {
            hashes[depth] = hash_pair(&hashes[depth - 1], &hashes[depth - 1]);
        }
        hashes
    })
}

/// `keccak256(left ‖ right)`: the inner node of the tree ([`efficient_hash`] by reference).
pub fn hash_pair(left: &B256, right: &B256) -> B256 {
    efficient_hash(*left, *right)
}

/// A log Merkle tree over leaf hashes, padded with empty leaves to a power-of-two width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogTree {
    /// Every level's non-empty prefix, leaves first (see [`padded::levels`]); built once so that
    /// the root and every proof are cheap afterwards.
    levels: Vec<Vec<B256>>,
    depth: usize,
}

impl LogTree {
    /// A tree over `leaf_hashes`, at least `min_size` wide (a power of two), else the next power of
    /// two above the leaf count.
    pub fn new(leaf_hashes: Vec<B256>, min_size: usize) -> Result<Self, LogTreeError> {
        if !min_size.is_power_of_two() {
            return Err(LogTreeError::SizeNotPowerOfTwo(min_size));
        }
        let width = leaf_hashes
            .len()
            .checked_next_power_of_two()
            .ok_or(LogTreeError::TooLarge(leaf_hashes.len()))?
            .max(min_size);
        let depth = width.trailing_zeros() as usize;
        if depth > MAX_TREE_DEPTH {
            return Err(LogTreeError::TooLarge(width));
        }
        let levels = padded::levels(leaf_hashes, &empty_subtree_hashes()[..=depth]);
        Ok(Self { levels, depth })
    }

    /// The tree L1 builds over a batch's L2→L1 logs for `version`.
    pub fn from_logs(logs: &[L2ToL1Log], version: ProtocolVersionId) -> Result<Self, LogTreeError> {
        Self::new(logs.iter().map(L2ToL1Log::hash).collect(), tree_size(version))
    }

    /// Number of levels above the leaves (the length of every proof).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The non-padding leaf hashes.
    pub fn leaves(&self) -> &[B256] {
        self.levels.first().map_or(&[], Vec::as_slice)
    }

    /// The Merkle root.
    pub fn root(&self) -> B256 {
        padded::root_of(&self.levels, &empty_subtree_hashes()[..=self.depth])
    }

    /// The sibling path of leaf `index`, from the leaf level up (`depth()` hashes).
    pub fn proof(&self, index: usize) -> Result<Vec<B256>, LogTreeError> {
        let len = self.leaves().len();
        if index >= len {
            return Err(LogTreeError::IndexOutOfRange { index, len });
        }
        Ok(padded::path_of(&self.levels, &empty_subtree_hashes()[..=self.depth], index))
    }
}

/// Checks a sibling path (leaf level first) of the leaf hash `leaf` at `index` against `root`.
pub fn verify_proof(leaf: B256, mut index: usize, path: &[B256], root: B256) -> bool {
    let mut hash = leaf;
    for sibling in path {
        hash = if index.is_multiple_of(2) {
            hash_pair(&hash, sibling)
        } else {
            hash_pair(sibling, &hash)
        };
        index /= 2;
    }
    index == 0 && hash == root
}

/// The `l2LogsTreeRoot` a batch commits to: the local root before the Gateway upgrade, and
/// `keccak256(local_root ‖ aggregation_root)` from it on (zksync-era `L1BatchAuxiliaryOutput`).
pub fn batch_logs_root(
    version: ProtocolVersionId,
    local_root: B256,
    aggregation_root: B256,
) -> B256 {
    if version.is_pre_gateway() { local_root } else { hash_pair(&local_root, &aggregation_root) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Naive full-width tree for cross-checking the sparse walk.
    fn naive_root(leaves: &[B256], width: usize) -> B256 {
        let mut level: Vec<B256> =
            (0..width).map(|i| leaves.get(i).copied().unwrap_or_else(empty_leaf_hash)).collect();
        while level.len() > 1 {
            level = level.chunks_exact(2).map(|p| hash_pair(&p[0], &p[1])).collect();
        }
        level[0]
    }

    #[test]
    fn default_leaf_is_the_hash_of_an_all_zero_log() {
        assert_eq!(
            L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH,
            alloy_primitives::keccak256([0u8; L2ToL1Log::SERIALIZED_SIZE])
        );
        assert_eq!(L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH, L2ToL1Log::default().hash());
    }

    #[test]
    fn sizes_follow_zksync_era() {
        let v = |n| ProtocolVersionId::new(n).expect("supported");
        assert_eq!(tree_size(v(17)), 512);
        assert_eq!(tree_size(v(18)), 2048);
        assert_eq!(tree_size(v(20)), 2048);
        assert_eq!(tree_size(v(21)), 4096);
        assert_eq!(tree_size(v(22)), 4096);
        assert_eq!(tree_size(v(23)), 16384);
        assert_eq!(tree_size(ProtocolVersionId::LATEST), 16384);
    }

    #[test]
    fn empty_tree_root_is_empty_subtree_hash() {
        let tree = LogTree::new(vec![], 16384).expect("valid");
        assert_eq!(tree.root(), empty_subtree_hash(14).expect("depth 14"));
        assert_eq!(tree.proof(0), Err(LogTreeError::IndexOutOfRange { index: 0, len: 0 }));
        assert_eq!(LogTree::new(vec![], 3), Err(LogTreeError::SizeNotPowerOfTwo(3)));
    }

    #[test]
    fn widens_past_minimum() {
        let leaves: Vec<B256> = (0u8..5).map(B256::repeat_byte).collect();
        let tree = LogTree::new(leaves.clone(), 4).expect("valid");
        assert_eq!(tree.depth(), 3);
        assert_eq!(tree.root(), naive_root(&leaves, 8));
    }

    proptest! {
        #[test]
        fn sparse_walk_matches_naive_tree_and_proofs_verify(
            raw in proptest::collection::vec(any::<[u8; 32]>(), 0..40), log2 in 0usize..7,
        ) {
            let leaves: Vec<B256> = raw.into_iter().map(B256::from).collect();
            let tree = LogTree::new(leaves.clone(), 1 << log2).expect("valid");
            let width = 1usize << tree.depth();
            prop_assert_eq!(tree.root(), naive_root(&leaves, width));
            for (i, leaf) in leaves.iter().enumerate() {
                let path = tree.proof(i).expect("in range");
                prop_assert!(verify_proof(*leaf, i, &path, tree.root()));
                prop_assert!(!verify_proof(*leaf, i ^ 1, &path, tree.root()) || leaves.get(i ^ 1) == Some(leaf));
            }
        }
    }
}
