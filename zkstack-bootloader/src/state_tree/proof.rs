//! Proofs that a key holds a value (inclusion) or nothing (absence), and their verification.

use alloy_primitives::B256;

use super::{Leaf, ProofError, TREE_DEPTH, TreeKey, hasher};

/// A Merkle proof for one key against a root.
///
/// An absent key is proved as the vacant leaf (index 0, value 0), whose hash is the empty leaf's,
/// so both kinds fold the same way. The path follows zksync-era's `TreeEntryWithProof`: sibling
/// hashes from the leaf level up to just below the root, with the leading run of empty-subtree
/// hashes at the bottom left out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TreeProof {
    /// The key proved.
    pub key: TreeKey,
    /// The leaf at the key, or `None` when the key was never written.
    pub leaf: Option<Leaf>,
    /// Sibling hashes, bottom (height 0) first; missing bottom entries are empty subtrees.
    pub merkle_path: Vec<B256>,
}

impl TreeProof {
    /// The full 256-hash path, bottom first (the trimmed empty subtrees put back).
    pub fn full_merkle_path(&self) -> Result<Vec<B256>, ProofError> {
        let skipped = TREE_DEPTH
            .checked_sub(self.merkle_path.len())
            .ok_or(ProofError::PathTooLong(self.merkle_path.len()))?;
        Ok((0..skipped)
            .map(hasher::empty_subtree_hash)
            .chain(self.merkle_path.iter().copied())
            .collect())
    }

    /// The root this proof folds to.
    pub fn root_hash(&self) -> Result<B256, ProofError> {
        let path = self.full_merkle_path()?;
        let mut hash = match self.leaf {
            Some(leaf) => hasher::leaf_hash(leaf.leaf_index, &leaf.value),
            None => hasher::empty_subtree_hash(0),
        };
        for (height, sibling) in path.iter().enumerate() {
            hash = if self.key.0.bit(height) {
                hasher::branch_hash(sibling, &hash)
            } else {
                hasher::branch_hash(&hash, sibling)
            };
        }
        Ok(hash)
    }

    /// Checks the proof against `root`.
    pub fn verify(&self, root: B256) -> Result<(), ProofError> {
        let computed = self.root_hash()?;
        if computed == root {
            Ok(())
        } else {
            Err(ProofError::RootMismatch { computed, expected: root })
        }
    }

    /// The value proved: the leaf's value, or zero for an absent key.
    pub fn value(&self) -> B256 {
        self.leaf.map_or(B256::ZERO, |leaf| leaf.value)
    }
}
