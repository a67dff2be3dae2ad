//! The tree's hash rules (zksync-era `zksync_merkle_tree`, `hasher/mod.rs`, Blake2s-256):
//!
//! - an occupied leaf hashes `blake2s(leaf_index as u64 BE ‖ value)` (40 bytes);
//! - a vacant leaf is the occupied rule with index 0 and value 0, i.e. `blake2s([0; 40])`;
//! - an internal node hashes `blake2s(left ‖ right)`;
//! - an empty subtree of height `h` is the vacant leaf folded `h` times with itself.

use std::sync::LazyLock;

use alloy_primitives::B256;
use blake2::{Blake2s256, Digest};

use super::TREE_DEPTH;

/// `blake2s(leaf_index BE ‖ value)`: the hash of an occupied leaf.
pub fn leaf_hash(leaf_index: u64, value: &B256) -> B256 {
    let mut hasher = Blake2s256::new();
    hasher.update(leaf_index.to_be_bytes());
    hasher.update(value);
    B256::from_slice(&hasher.finalize())
}

/// `blake2s(left ‖ right)`: the hash of an internal node.
pub fn branch_hash(left: &B256, right: &B256) -> B256 {
    let mut hasher = Blake2s256::new();
    hasher.update(left);
    hasher.update(right);
    B256::from_slice(&hasher.finalize())
}

static EMPTY_SUBTREES: LazyLock<[B256; TREE_DEPTH + 1]> = LazyLock::new(|| {
    let mut out = [B256::ZERO; TREE_DEPTH + 1];
    out[0] = leaf_hash(0, &B256::ZERO);
    for height in 1..=TREE_DEPTH {
        out[height] = branch_hash(&out[height - 1], &out[height - 1]);
    }
    out
});

/// The hash of an empty subtree of `height` levels (0 = a vacant leaf, 256 = the empty tree);
/// heights above 256 are clamped to 256.
pub fn empty_subtree_hash(height: usize) -> B256 {
    EMPTY_SUBTREES[height.min(TREE_DEPTH)]
}

/// The root hash of a tree with no leaves.
pub fn empty_tree_hash() -> B256 {
    EMPTY_SUBTREES[TREE_DEPTH]
}
