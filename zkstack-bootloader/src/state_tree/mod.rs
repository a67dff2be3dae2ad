//! The state tree: zksync-era's storage Merkle tree, whose root is a batch's new state root.
//!
//! A sparse binary tree of depth 256 hashed with Blake2s-256 ([`hasher`]): a storage slot sits at
//! the leaf [`TreeKey`] read from its derived key `blake2s(pad32(address) ‖ slot)`, and the leaf
//! hashes its enumeration index with its value. Facts from zksync-era `core/lib/merkle_tree`
//! (crate `zksync_merkle_tree` 29.x: `lib.rs` hashing spec, `hasher/mod.rs`,
//! `types::TreeEntryWithProof`); roots match its test vectors (`tests/state_tree_vectors.rs`).
//!
//! - [`StateTree`]: batch updates with enumeration indices, reads, proofs, rollback;
//! - [`TreeStore`]: where nodes live, [`MemoryStore`] in memory by default;
//! - [`TreeProof`]: inclusion and absence proofs with verification.

mod error;
pub mod hasher;
mod key;
mod node;
mod proof;
mod store;
mod tree;

/// Levels below the root: one per key bit.
pub const TREE_DEPTH: usize = 256;

pub use error::{ProofError, StateTreeError};
pub use hasher::empty_tree_hash;
pub use key::TreeKey;
pub use node::{Branch, ChildRef, Leaf, Node, NodeKey};
pub use proof::TreeProof;
pub use store::{MemoryStore, PrunedVersion, StoreError, TreePatch, TreeStore, VersionInfo};
pub use tree::{BatchOutput, StateTree, TreeLog};
