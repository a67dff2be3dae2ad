//! The typed Executor call: one variant per generation, each with the arguments it carries.

use alloy_primitives::{Address, B256, Bytes, Selector, U256};

use super::generation::ExecutorGeneration;
use super::sol::{
    CommitBatchInfo, CommitBatchInfoLegacy, CommitBlockInfo, InteropRoot, L2Log,
    LegacyStoredBatchInfo, PrecommitInfo, PriorityOpsBatchInfo, ProofInput, StoredBatchInfo,
};

/// One call to the Executor facet (the ValidatorTimelock in front of it has the same selectors).
///
/// [`decode_executor_call`](super::decode_executor_call) produces it from calldata and
/// [`ExecutorCall::encode`] gives the calldata back, byte for byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecutorCall {
    /// ≤ v17: `commitBlocks`, `proveBlocks`, `executeBlocks`.
    PreBoojum(PreBoojumCall),
    /// v18–v22 (selectors kept to v25): `commitBatches`, `proveBatches`, `executeBatches`.
    Boojum(LegacyBatchesCall),
    /// v23–v25: the Boojum arguments behind a leading chain id (`...SharedBridge`).
    SharedBridge {
        /// The chain id argument.
        chain_id: U256,
        /// The arguments after it.
        call: LegacyBatchesCall,
    },
    /// v26–v28: chain id, batch range and a payload prefixed by encoding version 0.
    Gateway(RangeCall<U256, GatewayData>),
    /// v29+: chain address, batch range and a payload prefixed by encoding version 1.
    Interop(RangeCall<Address, InteropData>),
    /// v29+: `precommitSharedBridge`.
    Precommit(PrecommitCall),
    /// A revert of unexecuted batches, in any generation.
    Revert(RevertCall),
}

/// Pre-Boojum calls (≤ v17). A stored block has the layout of [`LegacyStoredBatchInfo`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreBoojumCall {
    /// `commitBlocks(StoredBlockInfo, CommitBlockInfo[])`.
    Commit {
        /// The last block already committed.
        last_committed: LegacyStoredBatchInfo,
        /// The blocks to commit.
        blocks: Vec<CommitBlockInfo>,
    },
    /// `proveBlocks(StoredBlockInfo, StoredBlockInfo[], ProofInput)`.
    Prove {
        /// The last block already proved.
        prev: LegacyStoredBatchInfo,
        /// The blocks to prove.
        committed: Vec<LegacyStoredBatchInfo>,
        /// The proof.
        proof: ProofInput,
    },
    /// `executeBlocks(StoredBlockInfo[])`.
    Execute {
        /// The blocks to execute.
        blocks: Vec<LegacyStoredBatchInfo>,
    },
}

/// Boojum-era arguments (v18–v25), with or without the shared-bridge chain id in front.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LegacyBatchesCall {
    /// `commitBatches(StoredBatchInfo, CommitBatchInfo[])`.
    Commit {
        /// The last batch already committed.
        last_committed: LegacyStoredBatchInfo,
        /// The batches to commit.
        batches: Vec<CommitBatchInfoLegacy>,
    },
    /// `proveBatches(StoredBatchInfo, StoredBatchInfo[], ProofInput)`.
    Prove {
        /// The last batch already proved.
        prev: LegacyStoredBatchInfo,
        /// The batches to prove.
        committed: Vec<LegacyStoredBatchInfo>,
        /// The proof.
        proof: ProofInput,
    },
    /// `executeBatches(StoredBatchInfo[])`.
    Execute {
        /// The batches to execute.
        batches: Vec<LegacyStoredBatchInfo>,
    },
}

/// A v26+ call: `(chain, uint256 processFrom, uint256 processTo, bytes data)`.
///
/// The range is kept as sent; the contracts require it to match the first and last batch of the
/// payload (see [`RangeCall::bounds_match`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeCall<C, D> {
    /// Chain id (v26–v28) or diamond proxy address (v29+).
    pub chain: C,
    /// First batch number of the range.
    pub process_from: U256,
    /// Last batch number of the range.
    pub process_to: U256,
    /// The decoded payload behind the encoding-version byte.
    pub data: D,
}

/// Payload of a v26–v28 call (`BatchDecoder.sol`, encoding version 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GatewayData {
    /// `abi.encode(StoredBatchInfo, CommitBatchInfo[])`.
    Commit {
        /// The last batch already committed.
        last_committed: LegacyStoredBatchInfo,
        /// The batches to commit.
        batches: Vec<CommitBatchInfo>,
    },
    /// `abi.encode(StoredBatchInfo, StoredBatchInfo[], uint256[])`.
    Prove {
        /// The last batch already proved.
        prev: LegacyStoredBatchInfo,
        /// The batches to prove.
        committed: Vec<LegacyStoredBatchInfo>,
        /// The proof words; zksync-era puts the verifier type first (FFLONK 0, PLONK 1).
        proof: Vec<U256>,
    },
    /// `abi.encode(StoredBatchInfo[], PriorityOpsBatchInfo[])`.
    Execute {
        /// The batches to execute.
        batches: Vec<LegacyStoredBatchInfo>,
        /// Priority-tree proofs, one per batch.
        priority_ops: Vec<PriorityOpsBatchInfo>,
    },
}

/// Payload of a v29+ call (`BatchDecoder.sol`, encoding version 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InteropData {
    /// `abi.encode(StoredBatchInfo, CommitBatchInfo[])`.
    Commit {
        /// The last batch already committed.
        last_committed: StoredBatchInfo,
        /// The batches to commit.
        batches: Vec<CommitBatchInfo>,
    },
    /// `abi.encode(StoredBatchInfo, StoredBatchInfo[], uint256[])`.
    Prove {
        /// The last batch already proved.
        prev: StoredBatchInfo,
        /// The batches to prove.
        committed: Vec<StoredBatchInfo>,
        /// The proof words; zksync-era puts the verifier type first.
        proof: Vec<U256>,
    },
    /// `abi.encode(StoredBatchInfo[], PriorityOpsBatchInfo[], InteropRoot[][])`.
    Execute {
        /// The batches to execute.
        batches: Vec<StoredBatchInfo>,
        /// Priority-tree proofs, one per batch.
        priority_ops: Vec<PriorityOpsBatchInfo>,
        /// Interop roots each batch depends on.
        dependency_roots: Vec<Vec<InteropRoot>>,
    },
    /// v31 (era-contracts `draft-v31`, zksync-era `is_pre_medium_interop`):
    /// `abi.encode(StoredBatchInfo[], PriorityOpsBatchInfo[], InteropRoot[][], L2Log[][],
    /// bytes[][], bytes32[], address)`, same selector and version byte as v29's execute. Under
    /// strict decoding the two layouts cannot be confused (their head sizes, hence their first
    /// offsets, differ).
    ExecuteMediumInterop {
        /// The batches to execute.
        batches: Vec<StoredBatchInfo>,
        /// Priority-tree proofs, one per batch.
        priority_ops: Vec<PriorityOpsBatchInfo>,
        /// Interop roots each batch depends on.
        dependency_roots: Vec<Vec<InteropRoot>>,
        /// The user L2→L1 logs of each batch.
        logs: Vec<Vec<L2Log>>,
        /// The L2→L1 message preimages of each batch.
        messages: Vec<Vec<Bytes>>,
        /// The multichain batch roots, one per batch.
        message_roots: Vec<B256>,
        /// Who pays the Gateway settlement fees.
        settlement_fee_payer: Address,
    },
}

/// `precommitSharedBridge(address, uint256, bytes)` (v29+); the bytes are
/// `0x01 ‖ abi.encode(PrecommitInfo)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrecommitCall {
    /// The chain's diamond proxy address.
    pub chain: Address,
    /// The batch the transactions belong to.
    pub batch_number: U256,
    /// The transaction statuses.
    pub info: PrecommitInfo,
}

/// A revert of unexecuted batches; its selector spans generations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevertCall {
    /// `revertBlocks(uint256)`, ≤ v17.
    Blocks {
        /// Last block to keep.
        new_last_block: U256,
    },
    /// `revertBatches(uint256)`, v18–v25.
    Batches {
        /// Last batch to keep.
        new_last_batch: U256,
    },
    /// `revertBatchesSharedBridge(uint256, uint256)`, v23–v28.
    SharedBridge {
        /// The chain id.
        chain_id: U256,
        /// Last batch to keep.
        new_last_batch: U256,
    },
    /// `revertBatchesSharedBridge(address, uint256)`, v29+.
    Interop {
        /// The chain's diamond proxy address.
        chain: Address,
        /// Last batch to keep.
        new_last_batch: U256,
    },
}

/// What an Executor call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallKind {
    /// Commit batches (blocks).
    Commit,
    /// Prove batches.
    Prove,
    /// Execute batches.
    Execute,
    /// Precommit transaction statuses.
    Precommit,
    /// Revert unexecuted batches.
    Revert,
}

impl<C, D> RangeCall<C, D> {
    /// Whether `process_from`/`process_to` equal the first and last payload batch numbers, the
    /// check `BatchDecoder.sol` makes (an empty batch list never matches).
    pub fn bounds_match(&self) -> bool
    where
        D: BatchNumbers,
    {
        match (self.data.first_batch(), self.data.last_batch()) {
            (Some(first), Some(last)) => {
                self.process_from == U256::from(first) && self.process_to == U256::from(last)
            }
            _ => false,
        }
    }
}

/// Payloads that carry a list of batches.
pub trait BatchNumbers {
    /// Number of the first batch in the payload's list.
    fn first_batch(&self) -> Option<u64>;
    /// Number of the last batch in the payload's list.
    fn last_batch(&self) -> Option<u64>;
}

macro_rules! batch_numbers {
    ($ty:ident { $($variant:ident => $field:ident),* $(,)? }) => {
        impl BatchNumbers for $ty {
            fn first_batch(&self) -> Option<u64> {
                match self {
                    $(Self::$variant { $field, .. } => $field.first().map(|b| b.batchNumber),)*
                }
            }
            fn last_batch(&self) -> Option<u64> {
                match self {
                    $(Self::$variant { $field, .. } => $field.last().map(|b| b.batchNumber),)*
                }
            }
        }
    };
}

batch_numbers!(GatewayData { Commit => batches, Prove => committed, Execute => batches });
batch_numbers!(InteropData {
    Commit => batches,
    Prove => committed,
    Execute => batches,
    ExecuteMediumInterop => batches,
});

impl ExecutorCall {
    /// What the call does.
    pub fn kind(&self) -> CallKind {
        match self {
            Self::PreBoojum(PreBoojumCall::Commit { .. })
            | Self::Boojum(LegacyBatchesCall::Commit { .. })
            | Self::SharedBridge { call: LegacyBatchesCall::Commit { .. }, .. }
            | Self::Gateway(RangeCall { data: GatewayData::Commit { .. }, .. })
            | Self::Interop(RangeCall { data: InteropData::Commit { .. }, .. }) => CallKind::Commit,
            Self::PreBoojum(PreBoojumCall::Prove { .. })
            | Self::Boojum(LegacyBatchesCall::Prove { .. })
            | Self::SharedBridge { call: LegacyBatchesCall::Prove { .. }, .. }
            | Self::Gateway(RangeCall { data: GatewayData::Prove { .. }, .. })
            | Self::Interop(RangeCall { data: InteropData::Prove { .. }, .. }) => CallKind::Prove,
            Self::PreBoojum(PreBoojumCall::Execute { .. })
            | Self::Boojum(LegacyBatchesCall::Execute { .. })
            | Self::SharedBridge { call: LegacyBatchesCall::Execute { .. }, .. }
            | Self::Gateway(RangeCall { data: GatewayData::Execute { .. }, .. })
            | Self::Interop(RangeCall {
                data: InteropData::Execute { .. } | InteropData::ExecuteMediumInterop { .. },
                ..
            }) => CallKind::Execute,
            Self::Precommit(_) => CallKind::Precommit,
            Self::Revert(_) => CallKind::Revert,
        }
    }

    /// The generation whose contracts introduced this call's selector.
    ///
    /// `revertBatchesSharedBridge(uint256,uint256)` (v23–v28) reports
    /// [`ExecutorGeneration::SharedBridge`]; `revertBatches(uint256)` reports `Boojum`.
    pub fn generation(&self) -> ExecutorGeneration {
        match self {
            Self::PreBoojum(_) | Self::Revert(RevertCall::Blocks { .. }) => {
                ExecutorGeneration::PreBoojum
            }
            Self::Boojum(_) | Self::Revert(RevertCall::Batches { .. }) => {
                ExecutorGeneration::Boojum
            }
            Self::SharedBridge { .. } | Self::Revert(RevertCall::SharedBridge { .. }) => {
                ExecutorGeneration::SharedBridge
            }
            Self::Gateway(_) => ExecutorGeneration::Gateway,
            Self::Interop(_) | Self::Precommit(_) | Self::Revert(RevertCall::Interop { .. }) => {
                ExecutorGeneration::Interop
            }
        }
    }

    /// The 4-byte selector the call is encoded with.
    pub fn selector(&self) -> Selector {
        self.function().selector
    }

    /// The canonical Solidity signature of the call (what the selector hashes).
    pub fn signature(&self) -> &'static str {
        self.function().signature
    }
}
