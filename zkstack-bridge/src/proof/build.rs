//! Building message proofs the way a ZK Stack node serves them (zksync-era
//! `zks_getL2ToL1LogProof`, `eth_watch` `BatchRootProcessor`, `unstable_getChainLogProof`).
//!
//! * Before Gateway (v26) the proof is the plain sibling path to the batch's local logs root.
//! * From Gateway on, the log-leaf path is the local path plus the batch's aggregation (message)
//!   root as last sibling, since the batch root is `keccak256(local root ‖ message root)`; a
//!   metadata word goes first.
//! * For a chain settling on Gateway, the proof continues: batch-leaf mask, batch-leaf path,
//!   `settlement batch number << 128 | chain-id-leaf mask`, the settlement chain id, then the
//!   settlement layer's own (final) proof of the chain-id leaf.

use alloy_primitives::{B256, U256};
use zkstack_l1::log_tree::{LogTree, LogTreeError};
use zkstack_l1::{L2ToL1Log, ProtocolVersionId};

use crate::proof::metadata::ProofMetadata;

/// Why a proof cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// The log tree refused the logs or the index.
    #[error(transparent)]
    LogTree(#[from] LogTreeError),
    /// A path longer than the one-byte length field of the metadata allows.
    #[error("path of {0} words does not fit the metadata's length byte")]
    PathTooLong(usize),
    /// A post-Gateway batch needs its aggregation (message) root.
    #[error("protocol version {0} needs the batch's aggregation root")]
    MissingAggregationRoot(ProtocolVersionId),
    /// A settlement batch number or chain-id-leaf mask that does not fit in 128 bits.
    #[error("value {0:#x} does not fit in the 128 bits of the packed settlement word")]
    PackedOverflow(U256),
}

/// The path of one log of a batch to the batch's local logs root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogProof {
    /// Position of the log in the batch (the tree index).
    pub index: usize,
    /// The log's leaf hash.
    pub leaf: B256,
    /// The root of the batch's log tree.
    pub local_root: B256,
    /// Siblings from the leaf level up.
    pub path: Vec<B256>,
}

impl LogProof {
    /// Builds the path of log `index` in the log tree of a batch of `version`.
    pub fn new(
        logs: &[L2ToL1Log],
        version: ProtocolVersionId,
        index: usize,
    ) -> Result<Self, BuildError> {
        let tree = LogTree::from_logs(logs, version)?;
        Self::from_tree(&tree, index)
    }

    /// The path of leaf `index` of an already built tree.
    pub fn from_tree(tree: &LogTree, index: usize) -> Result<Self, BuildError> {
        let path = tree.proof(index)?;
        let leaf = tree.leaves()[index];
        Ok(Self { index, leaf, local_root: tree.root(), path })
    }

    /// The log-leaf path of a post-Gateway batch: the local path, then the aggregation root.
    pub fn log_leaf_path(&self, aggregation_root: B256) -> Vec<B256> {
        let mut path = self.path.clone();
        path.push(aggregation_root);
        path
    }

    /// The proof words `version` calls for when the batch settles on L1 (or is checked against
    /// its own root): the plain path before Gateway, the final v1 proof after. Returns the words
    /// and the batch root they lead to.
    pub fn settled_on_l1(
        &self,
        version: ProtocolVersionId,
        aggregation_root: Option<B256>,
    ) -> Result<(Vec<B256>, B256), BuildError> {
        if version.is_pre_gateway() {
            return Ok((self.path.clone(), self.local_root));
        }
        let aggregation_root =
            aggregation_root.ok_or(BuildError::MissingAggregationRoot(version))?;
        let words = final_proof(&self.log_leaf_path(aggregation_root))?;
        let root =
            zkstack_l1::log_tree::batch_logs_root(version, self.local_root, aggregation_root);
        Ok((words, root))
    }
}

/// A final v1 proof: metadata, then the log-leaf path.
pub fn final_proof(log_leaf_path: &[B256]) -> Result<Vec<B256>, BuildError> {
    let meta = ProofMetadata {
        log_leaf_proof_len: path_len_byte(log_leaf_path.len())?,
        batch_leaf_proof_len: 0,
        final_proof_node: true,
    };
    Ok(std::iter::once(meta.to_word()).chain(log_leaf_path.iter().copied()).collect())
}

/// How a batch of a chain settling on another chain got into that settlement layer's batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettlementLink {
    /// Index of the batch leaf in the chain's tree on the settlement layer (the batch-leaf mask).
    pub batch_leaf_index: U256,
    /// Path from the batch leaf to the chain tree root.
    pub batch_leaf_path: Vec<B256>,
    /// Settlement-layer batch (or block) whose root contains the chain-id leaf.
    pub settlement_batch_number: U256,
    /// Mask of the chain-id leaf in the settlement layer's log-leaf path.
    pub chain_id_leaf_mask: U256,
    /// The settlement layer's chain id.
    pub settlement_chain_id: U256,
    /// The settlement layer's own proof words for the chain-id leaf (usually a final v1 proof).
    pub settlement_proof: Vec<B256>,
}

/// A non-final v1 proof of a chain's log-leaf path, continued by `link`.
pub fn nested_proof(
    log_leaf_path: &[B256],
    link: &SettlementLink,
) -> Result<Vec<B256>, BuildError> {
    let meta = ProofMetadata {
        log_leaf_proof_len: path_len_byte(log_leaf_path.len())?,
        batch_leaf_proof_len: path_len_byte(link.batch_leaf_path.len())?,
        final_proof_node: false,
    };
    let limit = U256::from(1u8) << 128;
    for value in [link.settlement_batch_number, link.chain_id_leaf_mask] {
        if value >= limit {
            return Err(BuildError::PackedOverflow(value));
        }
    }
    let packed = (link.settlement_batch_number << 128) | link.chain_id_leaf_mask;
    let mut words = Vec::with_capacity(
        5 + log_leaf_path.len() + link.batch_leaf_path.len() + link.settlement_proof.len(),
    );
    words.push(meta.to_word());
    words.extend_from_slice(log_leaf_path);
    words.push(B256::from(link.batch_leaf_index));
    words.extend_from_slice(&link.batch_leaf_path);
    words.push(B256::from(packed));
    words.push(B256::from(link.settlement_chain_id));
    words.extend_from_slice(&link.settlement_proof);
    Ok(words)
}

/// The settlement layer's final proof of a chain-id leaf: the path in the shared tree, then the
/// settlement layer's local logs root as *left* sibling at the top (its batch root is
/// `keccak256(local root ‖ message root)`). Returns the mask (leaf index with the top bit set)
/// and the words.
pub fn chain_id_leaf_final_proof(
    chain_index: u64,
    shared_tree_path: &[B256],
    settlement_local_root: B256,
) -> Result<(U256, Vec<B256>), BuildError> {
    let mask = U256::from(chain_index) | (U256::from(1u8) << shared_tree_path.len());
    let mut path = shared_tree_path.to_vec();
    path.push(settlement_local_root);
    Ok((mask, final_proof(&path)?))
}

fn path_len_byte(len: usize) -> Result<u8, BuildError> {
    u8::try_from(len).map_err(|_| BuildError::PathTooLong(len))
}
