//! Binary keccak Merkle trees as the era-contracts libraries compute them: inner nodes are
//! `keccak256(left ‖ right)` ([`efficient_hash`]).
//!
//! - [`calculate_root`], [`calculate_root_paths`] and [`MerkleError`]: path and range-proof
//!   verification with the reverts of `common/libraries/Merkle.sol`.
//! - [`DynamicIncrementalMerkle`]: the append-only tree of
//!   `common/libraries/DynamicIncrementalMerkle.sol` (the priority tree, the MessageRoot chain
//!   trees); [`IncrementalMerkle`] is the same tree keeping its leaves to serve paths.
//! - [`FullMerkle`]: the updatable tree of `common/libraries/FullMerkle.sol` (the MessageRoot
//!   shared tree).
//! - [`padded`]: roots and paths of a complete tree padded with per-level zero hashes, which all of
//!   the above and the L2→L1 log tree ([`crate::log_tree`]) are.

mod error;
mod full;
mod incremental;
pub mod padded;
mod path;

pub use error::{MerkleError, TreeError};
pub use full::FullMerkle;
pub use incremental::{DynamicIncrementalMerkle, IncrementalMerkle};
pub use path::{MAX_PATH_LENGTH, calculate_root, calculate_root_paths, efficient_hash};

// The Solidity panics `MerkleError::Panic` carries.
pub use crate::solidity::SolidityPanic;
