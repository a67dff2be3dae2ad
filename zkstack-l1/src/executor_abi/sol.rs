//! The Solidity side of the Executor facet: its structs and, per generation, its functions.
//!
//! Field lists and signatures follow era-contracts `IExecutor.sol` (and `PriorityTree.sol`,
//! `Messaging.sol`) on the release branches named in each item's doc; a struct whose layout changed
//! is a separate type. `sol!` only resolves struct names inside one invocation, so the per-generation
//! interfaces live here too. Parameter names are ours; they do not enter the selectors.

alloy_sol_types::sol! {
    #![sol(all_derives)]

    /// What L1 stores per batch before interop (v18–v28), and per block before Boojum
    /// (`StoredBlockInfo`, ≤ v17, same layout). Since v29 it is `LegacyStoredBatchInfo`, still
    /// accepted as the hash of the last committed / previous batch.
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct LegacyStoredBatchInfo {
        /// Batch (block) number.
        uint64 batchNumber;
        /// Root of the state tree after the batch.
        bytes32 batchHash;
        /// Enumeration index of the last leaf written (next repeated-write index − 1).
        uint64 indexRepeatedStorageChanges;
        /// Number of L1→L2 priority transactions in the batch.
        uint256 numberOfLayer1Txs;
        /// Rolling hash of the batch's priority operations.
        bytes32 priorityOperationsHash;
        /// Root of the batch's L2→L1 log Merkle tree.
        bytes32 l2LogsTreeRoot;
        /// Batch timestamp.
        uint256 timestamp;
        /// The batch commitment (the proof's public input is derived from it).
        bytes32 commitment;
    }

    /// What L1 stores per batch since interop (v29+): the legacy fields with
    /// `dependencyRootsRollingHash` after `priorityOperationsHash`.
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct StoredBatchInfo {
        /// Batch number.
        uint64 batchNumber;
        /// Root of the state tree after the batch.
        bytes32 batchHash;
        /// Enumeration index of the last leaf written.
        uint64 indexRepeatedStorageChanges;
        /// Number of L1→L2 priority transactions in the batch.
        uint256 numberOfLayer1Txs;
        /// Rolling hash of the batch's priority operations.
        bytes32 priorityOperationsHash;
        /// Rolling hash of the interop roots the batch imported (system log key 7).
        bytes32 dependencyRootsRollingHash;
        /// Root of the batch's L2→L1 log Merkle tree.
        bytes32 l2LogsTreeRoot;
        /// Batch timestamp.
        uint256 timestamp;
        /// The batch commitment.
        bytes32 commitment;
    }

    /// The data committed per batch from Boojum (v18) to v25. The last field was named
    /// `totalL2ToL1Pubdata` in v18–v20 and `pubdataCommitments` from v21; the ABI type is the same.
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct CommitBatchInfoLegacy {
        /// Batch number.
        uint64 batchNumber;
        /// Batch timestamp.
        uint64 timestamp;
        /// Enumeration index of the last leaf written.
        uint64 indexRepeatedStorageChanges;
        /// Root of the state tree after the batch.
        bytes32 newStateRoot;
        /// Number of L1→L2 priority transactions in the batch.
        uint256 numberOfLayer1Txs;
        /// Rolling hash of the batch's priority operations.
        bytes32 priorityOperationsHash;
        /// Hash of the bootloader's initial heap (commits to the batch's transactions).
        bytes32 bootloaderHeapInitialContentsHash;
        /// Hash of the events queue state.
        bytes32 eventsQueueStateHash;
        /// Concatenated 88-byte system L2→L1 logs.
        bytes systemLogs;
        /// Pubdata source byte followed by the pubdata or its blob commitments
        /// (v18–v20: the full L2→L1 pubdata).
        bytes pubdataCommitments;
    }

    /// The data committed per batch since the Gateway upgrade (v26+).
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct CommitBatchInfo {
        /// Batch number.
        uint64 batchNumber;
        /// Batch timestamp.
        uint64 timestamp;
        /// Enumeration index of the last leaf written.
        uint64 indexRepeatedStorageChanges;
        /// Root of the state tree after the batch.
        bytes32 newStateRoot;
        /// Number of L1→L2 priority transactions in the batch.
        uint256 numberOfLayer1Txs;
        /// Rolling hash of the batch's priority operations.
        bytes32 priorityOperationsHash;
        /// Hash of the bootloader's initial heap.
        bytes32 bootloaderHeapInitialContentsHash;
        /// Hash of the events queue state.
        bytes32 eventsQueueStateHash;
        /// Concatenated 88-byte system L2→L1 logs.
        bytes systemLogs;
        /// Input for the L1 DA validator: the L2 DA validator's output preimage, then the pubdata
        /// source and the pubdata or its blob commitments.
        bytes operatorDAInput;
    }

    /// The data committed per block before Boojum (≤ v17).
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct CommitBlockInfo {
        /// Block number.
        uint64 blockNumber;
        /// Block timestamp.
        uint64 timestamp;
        /// Enumeration index of the last leaf written.
        uint64 indexRepeatedStorageChanges;
        /// Root of the state tree after the block.
        bytes32 newStateRoot;
        /// Number of L1→L2 priority transactions in the block.
        uint256 numberOfLayer1Txs;
        /// Root of the block's L2→L1 log Merkle tree.
        bytes32 l2LogsTreeRoot;
        /// Rolling hash of the block's priority operations.
        bytes32 priorityOperationsHash;
        /// Compressed initial storage writes.
        bytes initialStorageChanges;
        /// Compressed repeated storage writes.
        bytes repeatedStorageChanges;
        /// Serialized L2→L1 logs.
        bytes l2Logs;
        /// Preimages of the long L2→L1 messages.
        bytes[] l2ArbitraryLengthMessages;
        /// Bytecodes published in the block.
        bytes[] factoryDeps;
    }

    /// Proof argument of `proveBatches`/`proveBlocks` before the Gateway upgrade (≤ v25).
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct ProofInput {
        /// Recursion aggregation input (since v25 zksync-era puts the verifier type here).
        uint256[] recursiveAggregationInput;
        /// The serialized proof (empty when the operator does not verify).
        uint256[] serializedProof;
    }

    /// Merkle proof of a batch's priority operations against the priority tree (v26+,
    /// era-contracts `PriorityTree.sol`).
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct PriorityOpsBatchInfo {
        /// Left boundary path of the range proof.
        bytes32[] leftPath;
        /// Right boundary path of the range proof.
        bytes32[] rightPath;
        /// Hashes of the priority operations executed in the batch.
        bytes32[] itemHashes;
    }

    /// A message root of another chain imported for interop (v29+, era-contracts `Messaging.sol`).
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct InteropRoot {
        /// Chain the root comes from.
        uint256 chainId;
        /// Block (proof-based interop) or batch (commit-based interop) number of the root.
        uint256 blockOrBatchNumber;
        /// Sides of the dynamic incremental Merkle tree, or the single imported root.
        bytes32[] sides;
    }

    /// An L2→L1 log as a Solidity struct (era-contracts `Messaging.sol`), passed on execute from
    /// v31; the same fields as the packed [`crate::L2ToL1Log`].
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct L2Log {
        /// Shard of the log.
        uint8 l2ShardId;
        /// Whether a system contract emitted it.
        bool isService;
        /// Index of the emitting transaction in the batch.
        uint16 txNumberInBatch;
        /// The L2 sender.
        address sender;
        /// First payload word.
        bytes32 key;
        /// Second payload word.
        bytes32 value;
    }

    /// Transaction-status commitments posted before a batch is committed (v29+).
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    struct PrecommitInfo {
        /// Packed `tx hash (32) ‖ status (1)` entries.
        bytes packedTxsCommitments;
        /// Unchecked hint: the last L2 block number these transactions belong to.
        uint256 untrustedLastL2BlockNumberHint;
    }

    /// ≤ v17 (era-contracts `3a45065`, July 2023): blocks, not batches.
    interface IExecutorPreBoojum {
        function commitBlocks(LegacyStoredBatchInfo lastCommitted, CommitBlockInfo[] newBlocks) external;
        function proveBlocks(LegacyStoredBatchInfo prev, LegacyStoredBatchInfo[] committed, ProofInput proof) external;
        function executeBlocks(LegacyStoredBatchInfo[] blocks) external;
        function revertBlocks(uint256 newLastBlock) external;
    }

    /// v18–v22 (`release-v18-boojum` to `release_v1.4.2`); still present up to v25.
    interface IExecutorBoojum {
        function commitBatches(LegacyStoredBatchInfo lastCommitted, CommitBatchInfoLegacy[] newBatches) external;
        function proveBatches(LegacyStoredBatchInfo prev, LegacyStoredBatchInfo[] committed, ProofInput proof) external;
        function executeBatches(LegacyStoredBatchInfo[] batches) external;
        function revertBatches(uint256 newLastBatch) external;
    }

    /// v23–v25 (`release-v23`, `release-v25-protocol-defense`): the chain id comes first.
    interface IExecutorSharedBridge {
        function commitBatchesSharedBridge(uint256 chainId, LegacyStoredBatchInfo lastCommitted, CommitBatchInfoLegacy[] newBatches) external;
        function proveBatchesSharedBridge(uint256 chainId, LegacyStoredBatchInfo prev, LegacyStoredBatchInfo[] committed, ProofInput proof) external;
        function executeBatchesSharedBridge(uint256 chainId, LegacyStoredBatchInfo[] batches) external;
        /// Also the revert of v26–v28.
        function revertBatchesSharedBridge(uint256 chainId, uint256 newLastBatch) external;
    }

    /// v26–v28 (`release-v26` to `release-v28`): a batch range and version-prefixed bytes.
    interface IExecutorGateway {
        function commitBatchesSharedBridge(uint256 chainId, uint256 processFrom, uint256 processTo, bytes commitData) external;
        function proveBatchesSharedBridge(uint256 chainId, uint256 processFrom, uint256 processTo, bytes proofData) external;
        function executeBatchesSharedBridge(uint256 chainId, uint256 processFrom, uint256 processTo, bytes executeData) external;
    }

    /// v29–v30 (era-contracts `main`): the chain's diamond proxy address instead of its id.
    interface IExecutorInterop {
        function precommitSharedBridge(address chain, uint256 batchNumber, bytes precommitData) external;
        function commitBatchesSharedBridge(address chain, uint256 processFrom, uint256 processTo, bytes commitData) external;
        function proveBatchesSharedBridge(address chain, uint256 processFrom, uint256 processTo, bytes proofData) external;
        function executeBatchesSharedBridge(address chain, uint256 processFrom, uint256 processTo, bytes executeData) external;
        function revertBatchesSharedBridge(address chain, uint256 newLastBatch) external;
    }
}
