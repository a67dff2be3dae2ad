//! Roots and paths of a keccak tree padded with a per-level "zero" hash, hashing only the
//! non-empty prefix of each level.
//!
//! Every tree of this crate and of the bridge that is "a complete binary tree whose missing leaves
//! are some zero value" is computed here: the L2→L1 log tree ([`crate::log_tree::LogTree`]), the
//! priority tree's historical roots ([`crate::priority::PriorityLeaves::root_at`]), and the paths
//! of [`IncrementalMerkle`](super::IncrementalMerkle) and [`FullMerkle`](super::FullMerkle).

use alloy_primitives::B256;

use super::efficient_hash;

/// `zeros[i]`: the root of an all-empty subtree of height `i`, for `i` in `0..=height`
/// (`zeros[0] = zero`, `zeros[i + 1] = keccak256(zeros[i] ‖ zeros[i])`).
pub fn zeros(zero: B256, height: usize) -> Vec<B256> {
    let mut zeros = Vec::with_capacity(height + 1);
    let mut z = zero;
    zeros.push(z);
    for _ in 0..height {
        z = efficient_hash(z, z);
        zeros.push(z);
    }
    zeros
}

/// The height the contracts give `len` leaves: 0 for at most one, else `ceil(log2 len)`.
pub fn height_for(len: usize) -> usize {
    len.max(1).next_power_of_two().trailing_zeros() as usize
}

/// Root of `leaves` in the tree of height `zeros.len() - 1` padded with `zeros` (as [`zeros`]
/// builds them), and the sibling path of leaf `index` (leaf level first) if one is given.
///
/// `leaves` must fit the height; with no leaves the root is the top zero. A sibling past the
/// leaves is the zero of its level, so an `index` that is not a leaf gets the path of an empty
/// slot.
pub fn root_and_path(leaves: &[B256], zeros: &[B256], index: Option<usize>) -> (B256, Vec<B256>) {
    let height = zeros.len().saturating_sub(1);
    let mut index = index;
    let mut path = Vec::with_capacity(if index.is_some() { height } else { 0 });
    let mut level = leaves.to_vec();
    for zero in zeros.iter().take(height) {
        if level.len() % 2 == 1 {
            level.push(*zero);
        }
        if let Some(i) = index {
            path.push(level.get(i ^ 1).copied().unwrap_or(*zero));
            index = Some(i / 2);
        }
        level = level.chunks_exact(2).map(|p| efficient_hash(p[0], p[1])).collect();
    }
    let root = level.first().or(zeros.last()).copied().unwrap_or_default();
    (root, path)
}
