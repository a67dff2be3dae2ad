//! Stored-batch hashes against an encoding assembled by hand.
//!
//! Executor.sol (era-contracts `main`) defines `_hashStoredBatchInfo(info) =
//! keccak256(abi.encode(info))` over the nine-field struct and `_hashLegacyStoredBatchInfo` over
//! the eight-field projection without `dependencyRootsRollingHash`; up to v28 the eight-field
//! struct was the only one. Both structs are static, so `abi.encode` is the fields as 32-byte
//! big-endian words in declaration order. The expected values here are built word by word from
//! that rule, independently of `sol!`.

use alloy_primitives::keccak256;
use proptest::prelude::*;
use zkstack_l1::executor_abi::{LegacyStoredBatchInfo, StoredBatchInfo};
use zkstack_l1::{B256, U256};

fn word_u64(x: u64) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[24..].copy_from_slice(&x.to_be_bytes());
    w
}

fn legacy(fields: Fields) -> LegacyStoredBatchInfo {
    let (number, hash, index, l1_txs, priority, logs_root, timestamp, commitment) = fields;
    LegacyStoredBatchInfo {
        batchNumber: number,
        batchHash: B256::from(hash),
        indexRepeatedStorageChanges: index,
        numberOfLayer1Txs: U256::from_be_bytes(l1_txs),
        priorityOperationsHash: B256::from(priority),
        l2LogsTreeRoot: B256::from(logs_root),
        timestamp: U256::from_be_bytes(timestamp),
        commitment: B256::from(commitment),
    }
}

fn hand_encoded(info: &LegacyStoredBatchInfo, dependency_roots: Option<B256>) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(word_u64(info.batchNumber));
    out.extend(info.batchHash.0);
    out.extend(word_u64(info.indexRepeatedStorageChanges));
    out.extend(info.numberOfLayer1Txs.to_be_bytes::<32>());
    out.extend(info.priorityOperationsHash.0);
    if let Some(hash) = dependency_roots {
        out.extend(hash.0);
    }
    out.extend(info.l2LogsTreeRoot.0);
    out.extend(info.timestamp.to_be_bytes::<32>());
    out.extend(info.commitment.0);
    out
}

type Fields = (u64, [u8; 32], u64, [u8; 32], [u8; 32], [u8; 32], [u8; 32], [u8; 32]);

fn fields() -> impl Strategy<Value = Fields> {
    (
        any::<u64>(),
        any::<[u8; 32]>(),
        any::<u64>(),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
    )
}

proptest! {
    #[test]
    fn legacy_hash_is_keccak_of_eight_words(f in fields()) {
        let info = legacy(f);
        let bytes = hand_encoded(&info, None);
        prop_assert_eq!(bytes.len(), 8 * 32);
        prop_assert_eq!(info.hash(), keccak256(&bytes));
    }

    #[test]
    fn interop_hash_is_keccak_of_nine_words(f in fields(), deps in any::<[u8; 32]>()) {
        let legacy_info = legacy(f);
        let deps = B256::from(deps);
        let info = legacy_info.with_dependency_roots_rolling_hash(deps);
        prop_assert_eq!(info.dependencyRootsRollingHash, deps);
        let bytes = hand_encoded(&legacy_info, Some(deps));
        prop_assert_eq!(bytes.len(), 9 * 32);
        prop_assert_eq!(info.hash(), keccak256(&bytes));
        // `_hashLegacyStoredBatchInfo` drops the new field again.
        prop_assert_eq!(info.legacy_hash(), legacy_info.hash());
        prop_assert_eq!(info.to_legacy(), legacy_info);
    }
}

#[test]
fn pre_interop_batches_take_a_zero_dependency_hash() {
    // zksync-era `StoredBatchInfo::from(&L1BatchWithMetadata)` zeroes the field before v29.
    let info = legacy((7, [1; 32], 9, [0; 32], [2; 32], [3; 32], [0; 32], [4; 32]));
    let interop = StoredBatchInfo::from(info.clone());
    assert_eq!(interop.dependencyRootsRollingHash, B256::ZERO);
    assert_eq!(interop.to_legacy(), info);
    // Nine words with a zero word inserted hash differently from eight.
    assert_ne!(interop.hash(), info.hash());
    assert_eq!(interop.legacy_hash(), info.hash());
}

#[test]
fn hash_of_the_all_zero_struct() {
    // keccak256 of 256 / 288 zero bytes, computed from the definition.
    assert_eq!(LegacyStoredBatchInfo::default().hash(), keccak256([0u8; 256]));
    assert_eq!(StoredBatchInfo::default().hash(), keccak256([0u8; 288]));
}
