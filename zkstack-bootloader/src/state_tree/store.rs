//! The storage a [`StateTree`](super::StateTree) keeps its nodes in: a trait a node operator backs
//! with a database, and the in-memory default.

use std::collections::HashMap;

use alloy_primitives::B256;

use super::{Node, NodeKey, hasher};

/// A failure of the backing store (an I/O or database error), passed through unchanged.
#[derive(Debug, thiserror::Error)]
#[error("state tree store: {0}")]
pub struct StoreError(#[source] pub Box<dyn std::error::Error + Send + Sync>);

/// The root and size of the tree after a version (a batch) was applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct VersionInfo {
    /// The root hash.
    pub root_hash: B256,
    /// The number of occupied leaves, which is also the last enumeration index handed out.
    pub leaf_count: u64,
}

impl VersionInfo {
    /// The tree with no leaves (version 0).
    pub fn empty() -> Self {
        Self { root_hash: hasher::empty_tree_hash(), leaf_count: 0 }
    }
}

/// The nodes written by one version, with the version's root and size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreePatch {
    /// New or changed nodes.
    pub nodes: Vec<(NodeKey, Node)>,
    /// The root and size after this version; `None` only in a default (unfilled) patch.
    pub info: Option<VersionInfo>,
}

/// Node storage with linear versions: version `v` is the state after `v` patches.
///
/// A store must be able to undo its newest patches ([`TreeStore::truncate`]); reads always see
/// the newest version. Nodes are never deleted by a patch (zksync's tree keeps every leaf once
/// written), so undoing a patch means restoring what each of its keys held before.
pub trait TreeStore {
    /// The node at `key` in the newest version.
    fn node(&self, key: &NodeKey) -> Result<Option<Node>, StoreError>;
    /// How many versions were committed.
    fn version_count(&self) -> Result<u64, StoreError>;
    /// Root and size after `version` patches (`version` 0 is the empty tree).
    fn version_info(&self, version: u64) -> Result<Option<VersionInfo>, StoreError>;
    /// Applies `patch` as the next version.
    fn commit(&mut self, patch: TreePatch) -> Result<(), StoreError>;
    /// Drops every version after the first `version_count`, restoring their nodes.
    fn truncate(&mut self, version_count: u64) -> Result<(), StoreError>;
}

/// What a version overwrote: each key with the node it held before (`None`: it was new).
type UndoLog = Vec<(NodeKey, Option<Node>)>;

/// The in-memory [`TreeStore`]: a hash map of nodes plus, per version, what it overwrote.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    nodes: HashMap<NodeKey, Node>,
    versions: Vec<(VersionInfo, UndoLog)>,
    /// Versions `1..=pruned` can no longer be undone.
    pruned: usize,
}

impl MemoryStore {
    /// An empty store (version 0, no leaves).
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets how to undo versions before the newest `keep`, to save memory; later
    /// [`TreeStore::truncate`] calls below that point fail.
    pub fn prune_undo(&mut self, keep: usize) {
        let drop = self.versions.len().saturating_sub(keep);
        for (_, undo) in self.versions.iter_mut().take(drop) {
            *undo = Vec::new();
        }
        self.pruned = self.pruned.max(drop);
    }

    /// How many stored nodes there are.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }
}

/// Why the in-memory store refused an undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot roll back to version {requested}: undo data kept only from version {oldest}")]
pub struct PrunedVersion {
    /// The version asked for.
    pub requested: u64,
    /// The oldest version that can still be restored.
    pub oldest: u64,
}

impl TreeStore for MemoryStore {
    fn node(&self, key: &NodeKey) -> Result<Option<Node>, StoreError> {
        Ok(self.nodes.get(key).copied())
    }

    fn version_count(&self) -> Result<u64, StoreError> {
        Ok(self.versions.len() as u64)
    }

    fn version_info(&self, version: u64) -> Result<Option<VersionInfo>, StoreError> {
        if version == 0 {
            return Ok(Some(VersionInfo::empty()));
        }
        let Ok(index) = usize::try_from(version - 1) else { return Ok(None) };
        Ok(self.versions.get(index).map(|(info, _)| *info))
    }

    fn commit(&mut self, patch: TreePatch) -> Result<(), StoreError> {
        let info = patch.info.unwrap_or_else(|| {
            self.versions.last().map_or_else(VersionInfo::empty, |(info, _)| *info)
        });
        let mut undo = Vec::with_capacity(patch.nodes.len());
        for (key, node) in patch.nodes {
            undo.push((key, self.nodes.insert(key, node)));
        }
        self.versions.push((info, undo));
        Ok(())
    }

    fn truncate(&mut self, version_count: u64) -> Result<(), StoreError> {
        let keep = usize::try_from(version_count).unwrap_or(usize::MAX);
        if keep >= self.versions.len() {
            return Ok(());
        }
        if keep < self.pruned {
            return Err(StoreError(Box::new(PrunedVersion {
                requested: version_count,
                oldest: self.pruned as u64,
            })));
        }
        while self.versions.len() > keep {
            let Some((_, undo)) = self.versions.pop() else { break };
            for (key, old) in undo.into_iter().rev() {
                match old {
                    Some(node) => self.nodes.insert(key, node),
                    None => self.nodes.remove(&key),
                };
            }
        }
        Ok(())
    }
}
