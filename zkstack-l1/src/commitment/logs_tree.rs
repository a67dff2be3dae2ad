//! Root of the Merkle tree over a batch's user L2→L1 logs, as the commitment needs it.
//!
//! Follows zksync-era `MiniMerkleTree` with the keccak hasher: leaves are keccak of the 88-byte
//! packed log, the tree is padded to a version-dependent minimum size (grown to the next power
//! of two if there are more logs) with the empty leaf `keccak(88 zero bytes)`, and inner nodes
//! are `keccak(left ‖ right)`.

use alloy_primitives::{B256, keccak256};

use super::CommitmentError;
use crate::{L2ToL1Log, ProtocolVersionId};

/// Deepest tree supported (zksync-era `MAX_TREE_DEPTH`).
const MAX_TREE_DEPTH: u32 = 32;

/// Minimum number of leaves of the log tree for a version (zksync-era `l2_to_l1_logs_tree_size`):
/// 512 before Boojum, 2048 for VM 1.4.0/1.4.1, 4096 for VM 1.4.2, 16384 from VM 1.5.0.
pub const fn l2_to_l1_logs_tree_size(version: ProtocolVersionId) -> usize {
    if version.is_pre_boojum() {
        512
    } else if version.is_pre_1_4_1() || version.is_1_4_1() {
        2048
    } else if version.is_pre_1_5_0() {
        4096
    } else {
        16384
    }
}

/// keccak of 88 zero bytes: the leaf of an unused slot.
pub fn empty_log_leaf() -> B256 {
    keccak256([0u8; L2ToL1Log::SERIALIZED_SIZE])
}

/// The root of the tree over `logs` with at least `min_size` leaves (a power of two).
pub fn l2_to_l1_logs_root(logs: &[L2ToL1Log], min_size: usize) -> Result<B256, CommitmentError> {
    let size = logs.len().next_power_of_two().max(min_size.next_power_of_two());
    let depth = size.trailing_zeros();
    if depth > MAX_TREE_DEPTH {
        return Err(CommitmentError::TooManyLogs { len: logs.len() });
    }
    let mut level: Vec<B256> = logs.iter().map(L2ToL1Log::hash).collect();
    let mut empty = empty_log_leaf();
    for _ in 0..depth {
        if level.len() % 2 == 1 {
            level.push(empty);
        }
        level = level.chunks_exact(2).map(|pair| hash_pair(pair[0], pair[1])).collect();
        empty = hash_pair(empty, empty);
    }
    Ok(level.first().copied().unwrap_or(empty))
}

/// `keccak(left ‖ right)`.
pub(crate) fn hash_pair(left: B256, right: B256) -> B256 {
    let mut buf = [0u8; 64];
    buf[..32].copy_from_slice(left.as_slice());
    buf[32..].copy_from_slice(right.as_slice());
    keccak256(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_tree_is_the_empty_subtree_hash() {
        let mut expected = empty_log_leaf();
        for _ in 0..9 {
            expected = hash_pair(expected, expected);
        }
        assert_eq!(l2_to_l1_logs_root(&[], 512), Ok(expected));
    }

    #[test]
    fn one_leaf_tree_of_two() {
        let log = L2ToL1Log { is_service: true, ..L2ToL1Log::default() };
        let root = l2_to_l1_logs_root(&[log], 2).expect("root");
        assert_eq!(root, hash_pair(log.hash(), empty_log_leaf()));
        // More leaves than the minimum grow the tree.
        let root3 = l2_to_l1_logs_root(&[log, log, log], 1).expect("root");
        let left = hash_pair(log.hash(), log.hash());
        let right = hash_pair(log.hash(), empty_log_leaf());
        assert_eq!(root3, hash_pair(left, right));
    }

    #[test]
    fn tree_sizes_follow_zksync_era() {
        let v = |n| ProtocolVersionId::new(n).expect("supported");
        assert_eq!(l2_to_l1_logs_tree_size(v(17)), 512);
        assert_eq!(l2_to_l1_logs_tree_size(v(18)), 2048);
        assert_eq!(l2_to_l1_logs_tree_size(v(20)), 2048);
        assert_eq!(l2_to_l1_logs_tree_size(v(22)), 4096);
        assert_eq!(l2_to_l1_logs_tree_size(v(23)), 16384);
    }
}
