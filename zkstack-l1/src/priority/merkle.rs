//! Binary keccak Merkle proofs as era-contracts `common/libraries/Merkle.sol` checks them.
//!
//! Kept where the priority tree first needed them; the functions live in [`crate::merkle`].

pub use crate::merkle::{MAX_PATH_LENGTH, calculate_root, calculate_root_paths, efficient_hash};
