//! Roots and paths of a tree padded with a per-level "zero" hash, hashing only the non-empty
//! prefix of each level (shared by the incremental and full trees of the message root).

use alloy_primitives::B256;
use zkstack_l1::log_tree::hash_pair;

/// `zeros[i]`: the root of an all-empty subtree of height `i`.
pub(crate) fn zeros(zero: B256, height: usize) -> Vec<B256> {
    let mut zeros = Vec::with_capacity(height + 1);
    zeros.push(zero);
    for i in 0..height {
        zeros.push(hash_pair(&zeros[i], &zeros[i]));
    }
    zeros
}

/// The height the contracts give `len` leaves: 0 for at most one, else `ceil(log2 len)`.
pub(crate) fn height_for(len: usize) -> usize {
    len.max(1).next_power_of_two().trailing_zeros() as usize
}

/// Root of `leaves` in a tree of `height` padded with `zeros`, and the path of `index` if given.
/// `leaves` must be non-empty and fit the height; `index` must be a leaf.
pub(crate) fn root_and_path(
    leaves: &[B256],
    zeros: &[B256],
    index: Option<usize>,
) -> (B256, Vec<B256>) {
    let height = zeros.len() - 1;
    let mut index = index;
    let mut path = Vec::with_capacity(if index.is_some() { height } else { 0 });
    let mut level = leaves.to_vec();
    for zero in zeros.iter().take(height) {
        if level.len() % 2 == 1 {
            level.push(*zero);
        }
        if let Some(i) = index {
            path.push(level[i ^ 1]);
            index = Some(i / 2);
        }
        level = level.chunks_exact(2).map(|p| hash_pair(&p[0], &p[1])).collect();
    }
    (level.first().copied().unwrap_or(zeros[height]), path)
}
