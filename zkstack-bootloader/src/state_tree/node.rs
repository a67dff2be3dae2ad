//! What a [`TreeStore`](super::TreeStore) keeps: leaves and the branch nodes of a path-compressed
//! binary trie over [`TreeKey`]s.
//!
//! Only nodes where two non-empty subtrees meet are stored (plus the root), so a tree of `n` leaves
//! has at most `n` branches. Every child reference carries the child's hash *lifted* to the level
//! just below its parent (folded with the empty subtrees it skips), so a parent is rehashed with one
//! compression once its children are known.

use alloy_primitives::B256;

use super::TreeKey;

/// Where a node sits: `depth` levels below the root (256 for a leaf), and the key bits above it.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct NodeKey {
    /// Levels below the root: 0 is the root, 256 a leaf.
    pub depth: u16,
    /// The path to the node: a key whose bits below `depth` are zero (the full key for a leaf).
    pub prefix: TreeKey,
}

impl NodeKey {
    /// The root's position.
    pub const ROOT: Self = Self { depth: 0, prefix: TreeKey(alloy_primitives::U256::ZERO) };

    /// The position of the leaf for `key`.
    pub fn leaf(key: TreeKey) -> Self {
        Self { depth: super::TREE_DEPTH as u16, prefix: key }
    }

    /// The position at `depth` on the path to `key`.
    pub fn on_path(key: TreeKey, depth: usize) -> Self {
        Self { depth: depth as u16, prefix: key.prefix(depth) }
    }

    /// Whether this is a leaf position.
    pub fn is_leaf(&self) -> bool {
        usize::from(self.depth) == super::TREE_DEPTH
    }

    /// Whether `key`'s path passes through this node.
    pub fn covers(&self, key: TreeKey) -> bool {
        key.prefix(usize::from(self.depth)) == self.prefix
    }
}

/// An occupied leaf.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Leaf {
    /// The 1-based enumeration index, fixed when the slot is first written.
    pub leaf_index: u64,
    /// The slot's value (a 256-bit word, big-endian).
    pub value: B256,
}

/// A reference from a branch to a child node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ChildRef {
    /// Where the child is.
    pub key: NodeKey,
    /// The child's subtree hash lifted to the level just below the parent.
    pub hash: B256,
}

/// A branch: the node at `depth` whose children split on the key bit at `depth`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Branch {
    /// The subtree whose keys have bit `depth` clear, if non-empty.
    pub left: Option<ChildRef>,
    /// The subtree whose keys have bit `depth` set, if non-empty.
    pub right: Option<ChildRef>,
}

impl Branch {
    /// The child on side `right`.
    pub fn child(&self, right: bool) -> Option<ChildRef> {
        if right { self.right } else { self.left }
    }

    /// Sets the child on side `right`.
    pub fn set_child(&mut self, right: bool, child: Option<ChildRef>) {
        if right {
            self.right = child;
        } else {
            self.left = child;
        }
    }
}

/// A stored node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// An occupied leaf (at depth 256).
    Leaf(Leaf),
    /// A branch (at depth below 256).
    Branch(Branch),
}
