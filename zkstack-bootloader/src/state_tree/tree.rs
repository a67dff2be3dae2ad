//! The state tree itself: batch updates, reads, proofs and rollback over any [`TreeStore`].

use std::collections::{HashMap, HashSet};

use alloy_primitives::B256;

use super::{
    Branch, ChildRef, Leaf, MemoryStore, Node, NodeKey, StateTreeError, TREE_DEPTH, TreeKey,
    TreePatch, TreeProof, TreeStore, VersionInfo, hasher,
};

/// What one write did to the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TreeLog {
    /// The key was new: it got the next enumeration index (an initial write).
    Inserted {
        /// The index it got.
        leaf_index: u64,
    },
    /// The key existed and keeps its index (a repeated write).
    Updated {
        /// Its index.
        leaf_index: u64,
        /// The value it held before this write.
        previous_value: B256,
    },
}

impl TreeLog {
    /// The key's enumeration index.
    pub fn leaf_index(&self) -> u64 {
        match *self {
            Self::Inserted { leaf_index } | Self::Updated { leaf_index, .. } => leaf_index,
        }
    }
}

/// The result of applying one batch of writes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BatchOutput {
    /// The new root hash (the batch's state root).
    pub root_hash: B256,
    /// Occupied leaves after the batch: the last enumeration index handed out.
    pub leaf_count: u64,
    /// One log per write, in input order.
    pub logs: Vec<TreeLog>,
}

impl BatchOutput {
    /// The index the next new key will get (zksync-era calls it `rollup_last_leaf_index`).
    pub fn next_enumeration_index(&self) -> u64 {
        self.leaf_count + 1
    }
}

/// zksync-era's storage Merkle tree: a sparse binary Blake2s tree of depth 256 over
/// [`TreeKey`]s whose leaves carry an enumeration index and a value (see [`hasher`] for the
/// hash rules). Keys first written get the next enumeration index, in the order written;
/// rewritten keys keep theirs. Every [`StateTree::apply_batch`] is a new version that
/// [`StateTree::rollback`] can undo.
///
/// ```
/// use zkstack_bootloader::state_tree::{StateTree, TreeKey, empty_tree_hash};
/// use zkstack_bootloader::l1::{Address, B256};
///
/// let mut tree = StateTree::in_memory();
/// assert_eq!(tree.root_hash().unwrap(), empty_tree_hash());
/// let key = TreeKey::for_slot(Address::repeat_byte(1), B256::ZERO);
/// let out = tree.apply_batch(&[(key, B256::repeat_byte(2))]).unwrap();
/// assert_eq!(out.logs[0].leaf_index(), 1);
/// tree.proof(key).unwrap().verify(out.root_hash).unwrap();
/// tree.rollback(0).unwrap();
/// assert_eq!(tree.root_hash().unwrap(), empty_tree_hash());
/// ```
#[derive(Clone, Debug, Default)]
pub struct StateTree<S = MemoryStore> {
    store: S,
}

impl StateTree<MemoryStore> {
    /// An empty tree kept in memory.
    pub fn in_memory() -> Self {
        Self::default()
    }
}

impl<S: TreeStore> StateTree<S> {
    /// A tree over `store`, at the store's newest version.
    pub fn new(store: S) -> Self {
        Self { store }
    }

    /// The backing store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Gives the backing store back.
    pub fn into_store(self) -> S {
        self.store
    }

    /// The number of batches applied (0 for the empty tree).
    pub fn version(&self) -> Result<u64, StateTreeError> {
        Ok(self.store.version_count()?)
    }

    fn latest_info(&self) -> Result<VersionInfo, StateTreeError> {
        let version = self.version()?;
        self.store.version_info(version)?.ok_or(StateTreeError::Corrupt {
            at: NodeKey::ROOT,
            what: "newest version has no root",
        })
    }

    /// The root hash of the newest version.
    pub fn root_hash(&self) -> Result<B256, StateTreeError> {
        Ok(self.latest_info()?.root_hash)
    }

    /// The root hash after `version` batches, if the store still has it.
    pub fn root_hash_at(&self, version: u64) -> Result<Option<B256>, StateTreeError> {
        Ok(self.store.version_info(version)?.map(|info| info.root_hash))
    }

    /// Occupied leaves: the last enumeration index handed out.
    pub fn leaf_count(&self) -> Result<u64, StateTreeError> {
        Ok(self.latest_info()?.leaf_count)
    }

    /// The leaf at `key` (value and enumeration index), if the key was ever written.
    pub fn get(&self, key: TreeKey) -> Result<Option<Leaf>, StateTreeError> {
        let mut at = NodeKey::ROOT;
        let Some(mut branch) = load_branch(&self.store, &HashMap::new(), at)? else {
            return Ok(None);
        };
        loop {
            let Some(child) = branch.child(key.bit_at_depth(usize::from(at.depth))) else {
                return Ok(None);
            };
            if !child.key.covers(key) {
                return Ok(None);
            }
            if child.key.is_leaf() {
                return load_leaf(&self.store, &HashMap::new(), child.key).map(Some);
            }
            at = child.key;
            branch = load_branch(&self.store, &HashMap::new(), at)?
                .ok_or(StateTreeError::Corrupt { at, what: "missing branch" })?;
        }
    }

    /// A proof of `key`'s leaf (or of its absence) against [`StateTree::root_hash`].
    pub fn proof(&self, key: TreeKey) -> Result<TreeProof, StateTreeError> {
        // Non-empty siblings by height; every other level's sibling is an empty subtree.
        let mut siblings: Vec<(usize, B256)> = Vec::new();
        let mut leaf = None;
        let mut at = NodeKey::ROOT;
        let mut branch = load_branch(&self.store, &HashMap::new(), at)?.unwrap_or_default();
        loop {
            let depth = usize::from(at.depth);
            let side = key.bit_at_depth(depth);
            if let Some(other) = branch.child(!side) {
                siblings.push((TREE_DEPTH - 1 - depth, other.hash));
            }
            let Some(child) = branch.child(side) else { break };
            if !child.key.covers(key) {
                // The key would fork off this child's path at `split`; below that, all empty.
                let split = key.common_prefix_len(child.key.prefix);
                let own = self.own_hash(child.key)?;
                let lifted = lift(own, child.key, split + 1);
                siblings.push((TREE_DEPTH - 1 - split, lifted));
                break;
            }
            if child.key.is_leaf() {
                leaf = Some(load_leaf(&self.store, &HashMap::new(), child.key)?);
                break;
            }
            at = child.key;
            branch = load_branch(&self.store, &HashMap::new(), at)?
                .ok_or(StateTreeError::Corrupt { at, what: "missing branch" })?;
        }
        let lowest = siblings.iter().map(|&(height, _)| height).min().unwrap_or(TREE_DEPTH);
        let mut merkle_path: Vec<B256> =
            (lowest..TREE_DEPTH).map(hasher::empty_subtree_hash).collect();
        for (height, hash) in siblings {
            merkle_path[height - lowest] = hash;
        }
        Ok(TreeProof { key, leaf, merkle_path })
    }

    /// The hash of the subtree rooted at `key` (at its own level).
    fn own_hash(&self, key: NodeKey) -> Result<B256, StateTreeError> {
        if key.is_leaf() {
            let leaf = load_leaf(&self.store, &HashMap::new(), key)?;
            return Ok(hasher::leaf_hash(leaf.leaf_index, &leaf.value));
        }
        let branch = load_branch(&self.store, &HashMap::new(), key)?
            .ok_or(StateTreeError::Corrupt { at: key, what: "missing branch" })?;
        Ok(branch_own_hash(usize::from(key.depth), &branch))
    }

    /// Applies one batch of writes as a new version; returns the new root and one log per write.
    /// A key written twice in the batch ends with its last value and is numbered once.
    pub fn apply_batch(
        &mut self,
        writes: &[(TreeKey, B256)],
    ) -> Result<BatchOutput, StateTreeError> {
        let start = self.latest_info()?;
        let mut updater = Updater {
            store: &self.store,
            overlay: HashMap::new(),
            dirty: HashSet::new(),
            leaf_count: start.leaf_count,
            leaf_lifts: HashMap::new(),
        };
        let mut logs = Vec::with_capacity(writes.len());
        for &(key, value) in writes {
            logs.push(updater.write(key, value)?);
        }
        let root_hash = if writes.is_empty() {
            start.root_hash
        } else {
            updater.lift_leaves_in_parallel()?;
            updater.rehash(NodeKey::ROOT)?
        };
        let leaf_count = updater.leaf_count;
        let patch = TreePatch {
            nodes: updater.overlay.into_iter().collect(),
            info: Some(VersionInfo { root_hash, leaf_count }),
        };
        self.store.commit(patch)?;
        Ok(BatchOutput { root_hash, leaf_count, logs })
    }

    /// Goes back to the state after `version` batches, undoing the newer ones.
    pub fn rollback(&mut self, version: u64) -> Result<(), StateTreeError> {
        let available = self.version()?;
        if version > available {
            return Err(StateTreeError::NoVersion { requested: version, available });
        }
        Ok(self.store.truncate(version)?)
    }
}

fn load_node<S: TreeStore>(
    store: &S,
    overlay: &HashMap<NodeKey, Node>,
    key: NodeKey,
) -> Result<Option<Node>, StateTreeError> {
    match overlay.get(&key) {
        Some(node) => Ok(Some(*node)),
        None => Ok(store.node(&key)?),
    }
}

fn load_branch<S: TreeStore>(
    store: &S,
    overlay: &HashMap<NodeKey, Node>,
    key: NodeKey,
) -> Result<Option<Branch>, StateTreeError> {
    match load_node(store, overlay, key)? {
        None => Ok(None),
        Some(Node::Branch(branch)) => Ok(Some(branch)),
        Some(Node::Leaf(_)) => {
            Err(StateTreeError::Corrupt { at: key, what: "leaf above depth 256" })
        }
    }
}

fn load_leaf<S: TreeStore>(
    store: &S,
    overlay: &HashMap<NodeKey, Node>,
    key: NodeKey,
) -> Result<Leaf, StateTreeError> {
    match load_node(store, overlay, key)? {
        Some(Node::Leaf(leaf)) => Ok(leaf),
        Some(Node::Branch(_)) => {
            Err(StateTreeError::Corrupt { at: key, what: "branch at depth 256" })
        }
        None => Err(StateTreeError::Corrupt { at: key, what: "missing leaf" }),
    }
}

/// `hash` of the subtree at `child` folded with empty siblings up to level `to_depth`.
fn lift(mut hash: B256, child: NodeKey, to_depth: usize) -> B256 {
    for depth in (to_depth..usize::from(child.depth)).rev() {
        let empty = hasher::empty_subtree_hash(TREE_DEPTH - 1 - depth);
        hash = if child.prefix.bit_at_depth(depth) {
            hasher::branch_hash(&empty, &hash)
        } else {
            hasher::branch_hash(&hash, &empty)
        };
    }
    hash
}

/// A branch's hash from its children's lifted hashes.
fn branch_own_hash(depth: usize, branch: &Branch) -> B256 {
    let empty = hasher::empty_subtree_hash(TREE_DEPTH - 1 - depth);
    let left = branch.left.map_or(empty, |child| child.hash);
    let right = branch.right.map_or(empty, |child| child.hash);
    hasher::branch_hash(&left, &right)
}

/// One batch in progress: changed nodes in `overlay`, nodes needing a new hash in `dirty`.
struct Updater<'a, S> {
    store: &'a S,
    overlay: HashMap<NodeKey, Node>,
    dirty: HashSet<NodeKey>,
    leaf_count: u64,
    /// Hashes of dirty leaves already lifted to just below their parents.
    leaf_lifts: HashMap<NodeKey, B256>,
}

impl<S: TreeStore> Updater<'_, S> {
    fn branch(&self, key: NodeKey) -> Result<Option<Branch>, StateTreeError> {
        load_branch(self.store, &self.overlay, key)
    }

    fn new_leaf(
        &mut self,
        key: TreeKey,
        value: B256,
    ) -> Result<(ChildRef, TreeLog), StateTreeError> {
        let leaf_index = self.leaf_count.checked_add(1).ok_or(StateTreeError::IndexOverflow)?;
        self.leaf_count = leaf_index;
        let at = NodeKey::leaf(key);
        self.overlay.insert(at, Node::Leaf(Leaf { leaf_index, value }));
        self.dirty.insert(at);
        Ok((ChildRef { key: at, hash: B256::ZERO }, TreeLog::Inserted { leaf_index }))
    }

    fn write(&mut self, key: TreeKey, value: B256) -> Result<TreeLog, StateTreeError> {
        let mut at = NodeKey::ROOT;
        let mut branch = self.branch(at)?.unwrap_or_default();
        loop {
            let depth = usize::from(at.depth);
            let side = key.bit_at_depth(depth);
            self.dirty.insert(at);
            let Some(child) = branch.child(side) else {
                let (leaf_ref, log) = self.new_leaf(key, value)?;
                branch.set_child(side, Some(leaf_ref));
                self.overlay.insert(at, Node::Branch(branch));
                return Ok(log);
            };
            if child.key.covers(key) {
                if child.key.is_leaf() {
                    let mut leaf = load_leaf(self.store, &self.overlay, child.key)?;
                    let previous_value = leaf.value;
                    leaf.value = value;
                    self.overlay.insert(child.key, Node::Leaf(leaf));
                    self.overlay.insert(at, Node::Branch(branch));
                    self.dirty.insert(child.key);
                    return Ok(TreeLog::Updated { leaf_index: leaf.leaf_index, previous_value });
                }
                self.overlay.insert(at, Node::Branch(branch));
                at = child.key;
                branch = self
                    .branch(at)?
                    .ok_or(StateTreeError::Corrupt { at, what: "missing branch" })?;
                continue;
            }
            // The new key leaves the child's path at `split`: a new branch goes there.
            let split = key.common_prefix_len(child.key.prefix);
            let fork = NodeKey::on_path(key, split);
            let (leaf_ref, log) = self.new_leaf(key, value)?;
            let mut forked = Branch::default();
            forked.set_child(key.bit_at_depth(split), Some(leaf_ref));
            forked.set_child(!key.bit_at_depth(split), Some(child));
            self.overlay.insert(fork, Node::Branch(forked));
            // The moved child's stored hash was lifted for its old parent: recompute it.
            self.dirty.insert(child.key);
            self.dirty.insert(fork);
            branch.set_child(side, Some(ChildRef { key: fork, hash: B256::ZERO }));
            self.overlay.insert(at, Node::Branch(branch));
            return Ok(log);
        }
    }

    /// Every dirty leaf with the depth just below its parent, found from the root.
    fn dirty_leaves(&self) -> Result<Vec<(NodeKey, usize)>, StateTreeError> {
        let mut out = Vec::new();
        let mut stack = vec![NodeKey::ROOT];
        while let Some(key) = stack.pop() {
            let branch = self
                .branch(key)?
                .ok_or(StateTreeError::Corrupt { at: key, what: "missing branch" })?;
            for child in [branch.left, branch.right].into_iter().flatten() {
                if !self.dirty.contains(&child.key) {
                    continue;
                }
                if child.key.is_leaf() {
                    out.push((child.key, usize::from(key.depth) + 1));
                } else {
                    stack.push(child.key);
                }
            }
        }
        Ok(out)
    }

    /// Lifting a leaf to its parent costs up to 255 compressions and dominates a batch, so the
    /// dirty leaves are lifted on all cores before the (cheap) walk up the branches.
    fn lift_leaves_in_parallel(&mut self) -> Result<(), StateTreeError> {
        use rayon::prelude::*;
        let jobs: Vec<(NodeKey, usize, Leaf)> = self
            .dirty_leaves()?
            .into_iter()
            .map(|(key, below)| Ok((key, below, load_leaf(self.store, &self.overlay, key)?)))
            .collect::<Result<_, StateTreeError>>()?;
        self.leaf_lifts = jobs
            .par_iter()
            .map(|(key, below, leaf)| {
                (*key, lift(hasher::leaf_hash(leaf.leaf_index, &leaf.value), *key, *below))
            })
            .collect();
        Ok(())
    }

    /// Recomputes the hashes under `key` for every dirty node; returns `key`'s own hash.
    fn rehash(&mut self, key: NodeKey) -> Result<B256, StateTreeError> {
        if key.is_leaf() {
            let leaf = load_leaf(self.store, &self.overlay, key)?;
            return Ok(hasher::leaf_hash(leaf.leaf_index, &leaf.value));
        }
        let mut branch =
            self.branch(key)?.ok_or(StateTreeError::Corrupt { at: key, what: "missing branch" })?;
        let below = usize::from(key.depth) + 1;
        for side in [false, true] {
            if let Some(mut child) = branch.child(side)
                && self.dirty.contains(&child.key)
            {
                child.hash = match self.leaf_lifts.get(&child.key) {
                    Some(lifted) => *lifted,
                    None => lift(self.rehash(child.key)?, child.key, below),
                };
                branch.set_child(side, Some(child));
            }
        }
        self.overlay.insert(key, Node::Branch(branch));
        Ok(branch_own_hash(usize::from(key.depth), &branch))
    }
}
