//! Binary keccak Merkle proofs as era-contracts `common/libraries/Merkle.sol` checks them.

use alloy_primitives::{B256, U256, keccak256};

use super::MerkleError;
use crate::solidity::SolidityPanic;

/// Longest path the contract accepts is 255 (`pathLength >= 256` reverts).
pub const MAX_PATH_LENGTH: usize = 255;

/// `keccak256(lhs ‖ rhs)`: an inner node (Merkle `efficientHash`).
pub fn efficient_hash(lhs: B256, rhs: B256) -> B256 {
    let mut buf = [0u8; 64];
    buf[..32].copy_from_slice(lhs.as_slice());
    buf[32..].copy_from_slice(rhs.as_slice());
    keccak256(buf)
}

/// Root from a single-leaf proof (Merkle `calculateRoot`): at each level the leaf's ancestor is the
/// left child when the index is even. Reverts like the contract for a path of 256+ entries or an
/// index that does not fit in `2^path.len()` leaves.
pub fn calculate_root(path: &[B256], index: U256, item_hash: B256) -> Result<B256, MerkleError> {
    if path.len() > MAX_PATH_LENGTH {
        return Err(MerkleError::PathOutOfBounds);
    }
    if index >= U256::from(1u8) << path.len() {
        return Err(MerkleError::IndexOutOfBounds);
    }
    let mut index = index;
    let mut current = item_hash;
    for sibling in path {
        current = if index.bit(0) {
            efficient_hash(*sibling, current)
        } else {
            efficient_hash(current, *sibling)
        };
        index >>= 1;
    }
    Ok(current)
}

/// Root from a proof for the contiguous leaves `item_hashes` starting at `start_index`
/// (Merkle `calculateRootPaths`).
///
/// Level by level the known nodes are hashed pairwise; a range that starts on a right child takes
/// its left neighbour from `start_path[level]`, one that ends on a left child takes its right
/// neighbour from `end_path[level]`. Every other path entry is ignored, exactly as on L1, so two
/// proofs that differ only there verify alike. Checks run in the contract's order:
/// [`MerkleError::PathLengthMismatch`], [`MerkleError::PathOutOfBounds`],
/// [`MerkleError::PathEmpty`] (empty paths prove only leaf 0 of a one-leaf tree),
/// [`MerkleError::NothingToProve`], [`MerkleError::IndexOrHeightMismatch`].
pub fn calculate_root_paths(
    start_path: &[B256],
    end_path: &[B256],
    start_index: U256,
    item_hashes: &[B256],
) -> Result<B256, MerkleError> {
    let path_length = start_path.len();
    if path_length != end_path.len() {
        return Err(MerkleError::PathLengthMismatch {
            path_length,
            expected_length: end_path.len(),
        });
    }
    if path_length > MAX_PATH_LENGTH {
        return Err(MerkleError::PathOutOfBounds);
    }
    let mut level_len = item_hashes.len();
    if path_length == 0 && (!start_index.is_zero() || level_len != 1) {
        return Err(MerkleError::PathEmpty);
    }
    if level_len == 0 {
        return Err(MerkleError::NothingToProve);
    }
    let end =
        start_index.checked_add(U256::from(level_len)).ok_or(SolidityPanic::ArithmeticOverflow)?;
    if end > U256::from(1u8) << path_length {
        return Err(MerkleError::IndexOrHeightMismatch);
    }

    let mut items = item_hashes.to_vec();
    let mut start_index = start_index;
    for level in 0..path_length {
        let parity = usize::from(start_index.bit(0));
        let next_len = level_len / 2 + (parity | (level_len % 2));
        for i in 0..next_len {
            let lhs = if i == 0 && parity == 1 {
                start_path[level]
            } else {
                item(&items, 2 * i - parity)?
            };
            let rhs = if i == next_len - 1 && (level_len - parity) % 2 == 1 {
                end_path[level]
            } else {
                item(&items, 2 * i + 1 - parity)?
            };
            items[i] = efficient_hash(lhs, rhs);
        }
        level_len = next_len;
        start_index >>= 1;
    }
    item(&items, 0)
}

/// Bounds-checked read; the contract's indices stay in bounds whenever its preconditions hold, but
/// an out-of-range read would be `Panic(0x32)` there, so it is one here too.
fn item(items: &[B256], index: usize) -> Result<B256, MerkleError> {
    items.get(index).copied().ok_or(MerkleError::Panic(SolidityPanic::ArrayOutOfBounds))
}
