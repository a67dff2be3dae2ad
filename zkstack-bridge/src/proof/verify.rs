//! Walking a message proof up to the batch root that must be stored somewhere
//! (era-contracts `MessageHashing._getProofData` and the recursion of `Mailbox._proveL2LeafInclusion`
//! and `L2MessageVerification._proveL2LeafInclusion`).
//!
//! A proof is processed hop by hop. Each hop proves a leaf of some chain's batch:
//! 1. it hashes the leaf up the log-leaf path (with the leaf index as mask) to the batch root;
//! 2. on a *final* hop that batch root must equal the root stored for `(chain, batch)`;
//! 3. otherwise the batch root is wrapped into a batch leaf, hashed up the batch-leaf path to the
//!    chain's tree root on the settlement layer, wrapped into a chain-id leaf, and the next hop
//!    proves that chain-id leaf in the settlement layer's batch, read from the packed word
//!    `settlement batch number << 128 | mask` and the settlement layer's chain id.
//!
//! Every hop consumes at least one word, so the walk ends; its length is bounded by the proof's.

use alloy_primitives::{B256, U256};
use zkstack_l1::L2ToL1Log;

use crate::interop::{batch_leaf_hash, chain_id_leaf_hash};
use crate::merkle::{MerkleError, calculate_root};
use crate::message::{L2Message, TxStatus, tx_status_log};
use crate::proof::metadata::{MetadataError, ProofFormat};

/// The hash of an all-zero log: the padding leaf of the log tree. Proving it is refused.
pub use zkstack_l1::log_tree::L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH;

/// Which path of a hop failed to hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathKind {
    /// From the leaf to the batch root.
    LogLeaf,
    /// From the batch leaf to the chain tree root on the settlement layer.
    BatchLeaf,
}

/// Why a proof's words do not describe a path to some batch root. `hop` is 0 for the proof of
/// the chain itself, 1 for its settlement layer, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// No words left where a hop starts (`MerklePathEmpty`).
    #[error("hop {hop}: empty proof")]
    Empty {
        /// Hop index.
        hop: usize,
    },
    /// The leaf is the padding leaf of the log tree (`HashedLogIsDefault`).
    #[error("hop {hop}: the leaf is the default (padding) leaf")]
    DefaultLeaf {
        /// Hop index.
        hop: usize,
    },
    /// The metadata word is not acceptable.
    #[error("hop {hop}: {source}")]
    Metadata {
        /// Hop index.
        hop: usize,
        /// The metadata fault.
        source: MetadataError,
    },
    /// The proof ends before the words the metadata announces (an out-of-bounds read in Solidity).
    #[error("hop {hop}: proof needs {needed} words but has {len}")]
    Truncated {
        /// Hop index.
        hop: usize,
        /// Words needed (counted from the start of this hop's words).
        needed: usize,
        /// Words available to this hop.
        len: usize,
    },
    /// A path cannot be hashed with its mask.
    #[error("hop {hop}: {kind:?} path: {source}")]
    Merkle {
        /// Hop index.
        hop: usize,
        /// Which path.
        kind: PathKind,
        /// The Merkle fault.
        source: MerkleError,
    },
}

/// One hop of a processed proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The chain whose batch this hop proves a leaf of.
    pub chain_id: U256,
    /// That chain's batch (or, for interop, block) number.
    pub batch_number: U256,
    /// The leaf proven.
    pub leaf: B256,
    /// The index / mask used with the log-leaf path.
    pub leaf_mask: U256,
    /// How this hop's words were read.
    pub format: ProofFormat,
    /// The batch root the log-leaf path leads to.
    pub batch_root: B256,
    /// For a non-final hop: the chain-id leaf proven by the next hop.
    pub chain_id_leaf: Option<B256>,
}

/// The root a proof must be checked against: the root stored for a batch of a chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SettlementRoot {
    /// Chain whose batch root is read (the last settlement layer for nested proofs).
    pub chain_id: U256,
    /// Batch (or interop block) number whose root is read.
    pub batch_number: U256,
    /// The root.
    pub root: B256,
}

/// A proof walked to its final hop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessedProof {
    /// The hops, the chain's own first.
    pub hops: Vec<Hop>,
    /// The root the final hop computed, and where it must be stored.
    pub settlement: SettlementRoot,
    /// Words after the final hop's path; the contracts ignore them.
    pub unused_words: usize,
}

/// Walks `proof` for `leaf` of `(chain_id, batch_number)`, with `leaf_mask` the leaf's index (or
/// mask) in the log-leaf path. Fails exactly where the contracts revert while parsing.
pub fn process_proof(
    chain_id: U256,
    batch_number: U256,
    leaf_mask: U256,
    leaf: B256,
    proof: &[B256],
) -> Result<ProcessedProof, ProofError> {
    let (mut chain_id, mut batch_number, mut leaf_mask, mut leaf) =
        (chain_id, batch_number, leaf_mask, leaf);
    let mut words = proof;
    let mut hops = Vec::new();
    loop {
        let hop = hops.len();
        let Some(first) = words.first() else {
            return Err(ProofError::Empty { hop });
        };
        if leaf == L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH {
            return Err(ProofError::DefaultLeaf { hop });
        }
        let format = ProofFormat::from_first_word(first)
            .map_err(|source| ProofError::Metadata { hop, source })?;
        let (start, log_len, batch_len, is_final) = match format {
            ProofFormat::Legacy => (0, words.len(), 0, true),
            ProofFormat::V1(m) => (
                1,
                usize::from(m.log_leaf_proof_len),
                usize::from(m.batch_leaf_proof_len),
                m.final_proof_node,
            ),
        };
        let take = |from: usize, n: usize| -> Result<&[B256], ProofError> {
            words.get(from..from + n).ok_or(ProofError::Truncated {
                hop,
                needed: from + n,
                len: words.len(),
            })
        };
        let log_path = take(start, log_len)?;
        let batch_root = calculate_root(log_path, leaf_mask, leaf)
            .map_err(|source| ProofError::Merkle { hop, kind: PathKind::LogLeaf, source })?;
        let mut ptr = start + log_len;
        let hop_record = Hop {
            chain_id,
            batch_number,
            leaf,
            leaf_mask,
            format,
            batch_root,
            chain_id_leaf: None,
        };
        if is_final {
            hops.push(hop_record);
            return Ok(ProcessedProof {
                hops,
                settlement: SettlementRoot { chain_id, batch_number, root: batch_root },
                unused_words: words.len() - ptr,
            });
        }
        let batch_leaf_mask = U256::from_be_bytes(take(ptr, 1)?[0].0);
        ptr += 1;
        let batch_path = take(ptr, batch_len)?;
        let chain_tree_root =
            calculate_root(batch_path, batch_leaf_mask, batch_leaf_hash(batch_root, batch_number))
                .map_err(|source| ProofError::Merkle { hop, kind: PathKind::BatchLeaf, source })?;
        ptr += batch_len;
        let chain_id_leaf = chain_id_leaf_hash(chain_tree_root, chain_id);
        let link = take(ptr, 2)?;
        let packed = U256::from_be_bytes(link[0].0);
        let sl_chain_id = U256::from_be_bytes(link[1].0);
        ptr += 2;
        hops.push(Hop { chain_id_leaf: Some(chain_id_leaf), ..hop_record });
        chain_id = sl_chain_id;
        batch_number = packed >> 128;
        leaf_mask = packed & ((U256::from(1u8) << 128) - U256::from(1u8));
        leaf = chain_id_leaf;
        words = &words[ptr..];
    }
}

/// Where the stored batch roots come from: L1's `l2LogsRootHashes`, an L2's interop roots, or a
/// single root the caller expects.
pub trait BatchRoots {
    /// The root stored for `batch_number` of `chain_id`, if known.
    fn batch_root(&self, chain_id: U256, batch_number: U256) -> Option<B256>;
}

impl BatchRoots for SettlementRoot {
    fn batch_root(&self, chain_id: U256, batch_number: U256) -> Option<B256> {
        (chain_id == self.chain_id && batch_number == self.batch_number).then_some(self.root)
    }
}

impl<F: Fn(U256, U256) -> Option<B256>> BatchRoots for F {
    fn batch_root(&self, chain_id: U256, batch_number: U256) -> Option<B256> {
        self(chain_id, batch_number)
    }
}

/// Why an inclusion proof does not hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InclusionError {
    /// The proof's words are malformed.
    #[error(transparent)]
    Proof(#[from] ProofError),
    /// No root is known for the batch the proof ends in.
    #[error("no root known for batch {batch_number} of chain {chain_id}")]
    UnknownBatch {
        /// Chain the proof ends in.
        chain_id: U256,
        /// Batch the proof ends in.
        batch_number: U256,
    },
    /// The stored root is zero: the batch is not (yet) executed there (`LocalRootIsZero`).
    #[error("stored root of batch {batch_number} of chain {chain_id} is zero")]
    ZeroRoot {
        /// Chain the proof ends in.
        chain_id: U256,
        /// Batch the proof ends in.
        batch_number: U256,
    },
    /// The proof leads to another root than the stored one.
    #[error("{0}")]
    RootMismatch(Box<RootMismatch>),
}

/// The details of [`InclusionError::RootMismatch`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "batch {batch_number} of chain {chain_id}: proof gives root {computed}, stored root is {expected}"
)]
pub struct RootMismatch {
    /// Chain the proof ends in.
    pub chain_id: U256,
    /// Batch the proof ends in.
    pub batch_number: U256,
    /// The stored root.
    pub expected: B256,
    /// The root the proof leads to.
    pub computed: B256,
}

/// Proves `leaf` (at `leaf_mask`) of `(chain_id, batch_number)` against `roots`
/// (`proveL2LeafInclusionShared`).
pub fn verify_leaf_inclusion<R: BatchRoots + ?Sized>(
    chain_id: U256,
    batch_number: U256,
    leaf_mask: U256,
    leaf: B256,
    proof: &[B256],
    roots: &R,
) -> Result<ProcessedProof, InclusionError> {
    let processed = process_proof(chain_id, batch_number, leaf_mask, leaf, proof)?;
    let SettlementRoot { chain_id, batch_number, root } = processed.settlement;
    let expected = roots
        .batch_root(chain_id, batch_number)
        .ok_or(InclusionError::UnknownBatch { chain_id, batch_number })?;
    if expected.is_zero() {
        return Err(InclusionError::ZeroRoot { chain_id, batch_number });
    }
    if expected != root {
        let mismatch = RootMismatch { chain_id, batch_number, expected, computed: root };
        return Err(InclusionError::RootMismatch(Box::new(mismatch)));
    }
    Ok(processed)
}

/// Proves that `log` sits at `index` of the log tree of `(chain_id, batch_number)`
/// (`proveL2LogInclusionShared`).
pub fn verify_log_inclusion<R: BatchRoots + ?Sized>(
    chain_id: U256,
    batch_number: U256,
    index: U256,
    log: &L2ToL1Log,
    proof: &[B256],
    roots: &R,
) -> Result<ProcessedProof, InclusionError> {
    verify_leaf_inclusion(chain_id, batch_number, index, log.hash(), proof, roots)
}

/// Proves that `message` was sent in `(chain_id, batch_number)` with its log at `index`
/// (`proveL2MessageInclusionShared`).
pub fn verify_message_inclusion<R: BatchRoots + ?Sized>(
    chain_id: U256,
    batch_number: U256,
    index: U256,
    message: &L2Message,
    proof: &[B256],
    roots: &R,
) -> Result<ProcessedProof, InclusionError> {
    verify_log_inclusion(chain_id, batch_number, index, &message.to_log(), proof, roots)
}

/// The parameters of `proveL1ToL2TransactionStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxStatusQuery {
    /// Chain the priority transaction was executed on.
    pub chain_id: U256,
    /// Canonical hash of the priority transaction.
    pub tx_hash: B256,
    /// Batch that executed it.
    pub batch_number: U256,
    /// Index of the bootloader's status log in the batch's log tree.
    pub message_index: U256,
    /// Index of the transaction in the batch.
    pub tx_number_in_batch: u16,
    /// Claimed status.
    pub status: TxStatus,
}

/// Proves the claimed status of a priority transaction (`proveL1ToL2TransactionStatus`).
/// A failure for a wrong status does not prove the opposite status.
pub fn verify_tx_status<R: BatchRoots + ?Sized>(
    query: &TxStatusQuery,
    proof: &[B256],
    roots: &R,
) -> Result<ProcessedProof, InclusionError> {
    let log = tx_status_log(query.tx_hash, query.status, query.tx_number_in_batch);
    verify_log_inclusion(
        query.chain_id,
        query.batch_number,
        query.message_index,
        &log,
        proof,
        roots,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_leaf_constant_is_the_empty_log_hash() {
        assert_eq!(L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH, zkstack_l1::log_tree::empty_leaf_hash());
    }

    #[test]
    fn typed_errors_for_malformed_proofs() {
        let one = U256::from(1u8);
        let leaf = B256::repeat_byte(1);
        assert_eq!(
            process_proof(one, one, U256::ZERO, leaf, &[]),
            Err(ProofError::Empty { hop: 0 })
        );
        assert_eq!(
            process_proof(one, one, U256::ZERO, L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH, &[leaf]),
            Err(ProofError::DefaultLeaf { hop: 0 })
        );
        let meta = crate::proof::ProofMetadata {
            log_leaf_proof_len: 2,
            batch_leaf_proof_len: 0,
            final_proof_node: true,
        };
        assert_eq!(
            process_proof(one, one, U256::ZERO, leaf, &[meta.to_word(), leaf]),
            Err(ProofError::Truncated { hop: 0, needed: 3, len: 2 })
        );
        let nested = crate::proof::ProofMetadata {
            log_leaf_proof_len: 1,
            batch_leaf_proof_len: 0,
            final_proof_node: false,
        };
        // Missing the packed settlement word and chain id.
        assert_eq!(
            process_proof(one, one, U256::ZERO, leaf, &[nested.to_word(), leaf, B256::ZERO]),
            Err(ProofError::Truncated { hop: 0, needed: 5, len: 3 })
        );
        // Nested hop that ends where the settlement layer's proof should start.
        let words = [nested.to_word(), leaf, B256::ZERO, B256::ZERO, B256::with_last_byte(5)];
        assert_eq!(
            process_proof(one, one, U256::ZERO, leaf, &words),
            Err(ProofError::Empty { hop: 1 })
        );
        // Index out of range of a one-word path.
        assert!(matches!(
            process_proof(one, one, U256::from(2u8), leaf, &[leaf]),
            Err(ProofError::Merkle { hop: 0, kind: PathKind::LogLeaf, .. })
        ));
    }
}
