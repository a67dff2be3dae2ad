//! Hashes of the stored batch info, the values L1 keeps in `storedBatchHashes`.

use alloy_primitives::{B256, keccak256};
use alloy_sol_types::SolValue;

use super::sol::{LegacyStoredBatchInfo, StoredBatchInfo};

impl LegacyStoredBatchInfo {
    /// `keccak256(abi.encode(info))`: `_hashStoredBatchInfo` of Executor.sol up to v28 and
    /// `_hashLegacyStoredBatchInfo` from v29 (which still accepts it for the last committed batch).
    pub fn hash(&self) -> B256 {
        keccak256(self.abi_encode())
    }

    /// The interop form with the given dependency-roots rolling hash.
    pub fn with_dependency_roots_rolling_hash(&self, hash: B256) -> StoredBatchInfo {
        StoredBatchInfo {
            batchNumber: self.batchNumber,
            batchHash: self.batchHash,
            indexRepeatedStorageChanges: self.indexRepeatedStorageChanges,
            numberOfLayer1Txs: self.numberOfLayer1Txs,
            priorityOperationsHash: self.priorityOperationsHash,
            dependencyRootsRollingHash: hash,
            l2LogsTreeRoot: self.l2LogsTreeRoot,
            timestamp: self.timestamp,
            commitment: self.commitment,
        }
    }
}

impl StoredBatchInfo {
    /// `keccak256(abi.encode(info))` over all nine fields: `_hashStoredBatchInfo` of Executor.sol (v29+).
    pub fn hash(&self) -> B256 {
        keccak256(self.abi_encode())
    }

    /// The eight-field projection without `dependencyRootsRollingHash`.
    pub fn to_legacy(&self) -> LegacyStoredBatchInfo {
        LegacyStoredBatchInfo {
            batchNumber: self.batchNumber,
            batchHash: self.batchHash,
            indexRepeatedStorageChanges: self.indexRepeatedStorageChanges,
            numberOfLayer1Txs: self.numberOfLayer1Txs,
            priorityOperationsHash: self.priorityOperationsHash,
            l2LogsTreeRoot: self.l2LogsTreeRoot,
            timestamp: self.timestamp,
            commitment: self.commitment,
        }
    }

    /// `_hashLegacyStoredBatchInfo` of Executor.sol (v29+): the hash of [`Self::to_legacy`], which L1
    /// accepts for batches stored before the interop upgrade.
    pub fn legacy_hash(&self) -> B256 {
        self.to_legacy().hash()
    }
}

impl From<LegacyStoredBatchInfo> for StoredBatchInfo {
    /// A pre-interop batch in the interop form: the dependency-roots hash is zero, as zksync-era
    /// sets it for batches before v29.
    fn from(info: LegacyStoredBatchInfo) -> Self {
        info.with_dependency_roots_rolling_hash(B256::ZERO)
    }
}
