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

/// Every level of the padded tree over `leaves` (height `zeros.len() - 1`), leaves first: each
/// level holds only its non-empty prefix; a missing node is the zero of its level. The last
/// level holds the root (it is empty when there are no leaves: the root is then the top zero).
///
/// Building the levels once makes the root O(1) and each path O(height) afterwards.
pub fn levels(leaves: Vec<B256>, zeros: &[B256]) -> Vec<Vec<B256>> {
    let height = zeros.len().saturating_sub(1);
    let mut levels = Vec::with_capacity(height + 1);
    levels.push(leaves);
    for zero in zeros.iter().take(height) {
        let below = levels.last().map_or(&[][..], Vec::as_slice);
        let next: Vec<B256> = below
            .chunks(2)
            .map(|pair| efficient_hash(pair[0], pair.get(1).copied().unwrap_or(*zero)))
            .collect();
        levels.push(next);
    }
    levels
}

/// The root of a tree built by [`levels`].
pub fn root_of(levels: &[Vec<B256>], zeros: &[B256]) -> B256 {
    levels.last().and_then(|top| top.first()).or(zeros.last()).copied().unwrap_or_default()
}

/// The sibling path (leaf level first) of leaf `index` in a tree built by [`levels`]; a sibling
/// past the non-empty prefix is the zero of its level.
pub fn path_of(levels: &[Vec<B256>], zeros: &[B256], mut index: usize) -> Vec<B256> {
    let height = zeros.len().saturating_sub(1);
    let mut path = Vec::with_capacity(height);
    for (level, zero) in levels.iter().zip(zeros).take(height) {
        path.push(level.get(index ^ 1).copied().unwrap_or(*zero));
        index /= 2;
    }
    path
}

/// Root of `leaves` in the tree of height `zeros.len() - 1` padded with `zeros` (as [`zeros`]
/// builds them), and the sibling path of leaf `index` (leaf level first) if one is given.
///
/// `leaves` must fit the height; with no leaves the root is the top zero. A sibling past the
/// leaves is the zero of its level, so an `index` that is not a leaf gets the path of an empty
/// slot.
pub fn root_and_path(leaves: &[B256], zeros: &[B256], index: Option<usize>) -> (B256, Vec<B256>) {
    let levels = levels(leaves.to_vec(), zeros);
    let path = index.map(|i| path_of(&levels, zeros, i)).unwrap_or_default();
    (root_of(&levels, zeros), path)
}
