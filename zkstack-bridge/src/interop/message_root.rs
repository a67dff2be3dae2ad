//! An in-memory model of a settlement layer's MessageRoot contract (era-contracts
//! `bridgehub/MessageRoot.sol`): one incremental tree of batch leaves per chain, and a full tree
//! over the chains' chain-id leaves whose root is the *aggregated* (message) root.

use alloy_primitives::{B256, U256};

use crate::interop::{
    EMPTY_LEAF_HASH, FullMerkle, IncrementalMerkle, TreeError, batch_leaf_hash, chain_id_leaf_hash,
};

/// Errors of the MessageRoot model (the contract's reverts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MessageRootError {
    /// `addNewChain` for a registered chain (`ChainExists`).
    #[error("chain {0} is already registered")]
    ChainExists(U256),
    /// A chain that is not registered (`MessageRootNotRegistered`).
    #[error("chain {0} is not registered")]
    NotRegistered(U256),
    /// A tree refused an index.
    #[error(transparent)]
    Tree(#[from] TreeError),
}

/// The state of a MessageRoot contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRoot {
    chain_ids: Vec<U256>,
    chain_trees: Vec<IncrementalMerkle>,
    shared_tree: FullMerkle,
}

impl MessageRoot {
    /// A freshly initialised MessageRoot on chain `own_chain_id`: the own chain holds index 0.
    pub fn new(own_chain_id: U256) -> Self {
        let mut root = Self {
            chain_ids: Vec::new(),
            chain_trees: Vec::new(),
            shared_tree: FullMerkle::new(EMPTY_LEAF_HASH),
        };
        root.push_chain(own_chain_id);
        root
    }

    fn push_chain(&mut self, chain_id: U256) -> usize {
        let tree = IncrementalMerkle::new(EMPTY_LEAF_HASH);
        self.shared_tree.push(chain_id_leaf_hash(tree.root(), chain_id));
        self.chain_ids.push(chain_id);
        self.chain_trees.push(tree);
        self.chain_ids.len() - 1
    }

    /// Registers a chain and returns its index (`addNewChain`).
    pub fn add_chain(&mut self, chain_id: U256) -> Result<usize, MessageRootError> {
        if self.chain_index(chain_id).is_some() {
            return Err(MessageRootError::ChainExists(chain_id));
        }
        Ok(self.push_chain(chain_id))
    }

    /// Index of a registered chain in the shared tree.
    pub fn chain_index(&self, chain_id: U256) -> Option<usize> {
        self.chain_ids.iter().position(|id| *id == chain_id)
    }

    /// Chain ids in index order.
    pub fn chain_ids(&self) -> &[U256] {
        &self.chain_ids
    }

    fn index_of(&self, chain_id: U256) -> Result<usize, MessageRootError> {
        self.chain_index(chain_id).ok_or(MessageRootError::NotRegistered(chain_id))
    }

    /// Appends a settled batch of `chain_id` and returns the new aggregated root
    /// (`addChainBatchRoot`, the root it emits as the new interop root).
    pub fn add_chain_batch_root(
        &mut self,
        chain_id: U256,
        batch_number: U256,
        batch_root: B256,
    ) -> Result<B256, MessageRootError> {
        let index = self.index_of(chain_id)?;
        let (_, chain_root) =
            self.chain_trees[index].push(batch_leaf_hash(batch_root, batch_number));
        Ok(self.shared_tree.update_leaf(index, chain_id_leaf_hash(chain_root, chain_id))?)
    }

    /// The aggregated root (`getAggregatedRoot`): the settlement layer's message root.
    pub fn aggregated_root(&self) -> B256 {
        self.shared_tree.root()
    }

    /// A chain's tree root (`getChainRoot`); zero before its first batch.
    pub fn chain_root(&self, chain_id: U256) -> Result<B256, MessageRootError> {
        Ok(self.chain_trees[self.index_of(chain_id)?].root())
    }

    /// Number of batch leaves of a chain.
    pub fn batch_count(&self, chain_id: U256) -> Result<usize, MessageRootError> {
        Ok(self.chain_trees[self.index_of(chain_id)?].leaves().len())
    }

    /// Path of a chain's `leaf_index`-th batch leaf to its chain tree root.
    pub fn batch_leaf_proof(
        &self,
        chain_id: U256,
        leaf_index: usize,
    ) -> Result<Vec<B256>, MessageRootError> {
        Ok(self.chain_trees[self.index_of(chain_id)?].proof(leaf_index)?)
    }

    /// A chain's index and the path of its chain-id leaf to the aggregated root.
    pub fn chain_id_leaf_proof(
        &self,
        chain_id: U256,
    ) -> Result<(usize, Vec<B256>), MessageRootError> {
        let index = self.index_of(chain_id)?;
        Ok((index, self.shared_tree.proof(index)?))
    }
}
