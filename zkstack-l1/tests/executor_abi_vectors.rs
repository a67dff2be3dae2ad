//! Real Executor calldata sent to L1, decoded and re-encoded byte for byte.
//!
//! The vectors are the consistency checker's fixtures of zksync-era
//! (`core/node/consistency_checker/src/tests/*.calldata`), fetched at test time from the published
//! crate `zksync_consistency_checker@29.13.0-non-semver-compat` with `cargo info` into a cache
//! directory (never committed). Their provenance, as the zksync-era tests record it:
//! - `commit_l1_batch_200000_testnet_goerli.calldata`: Goerli tx 0xfd2ef4cc…, `commitBlocks`
//!   (pre-Boojum) of batch 200000;
//! - `commit_l1_batch_4470_testnet_sepolia.calldata`: Sepolia tx 0x300b9115…, `commitBatches` of
//!   batch 4470;
//! - `commit_l1_batch_351000-351004_mainnet.calldata`: mainnet tx 0xbd8dfe08…, `commitBatches` of
//!   batches 351000–351004.
//!
//! Without network access to the registry the tests print a loud notice and pass vacuously.

use std::path::PathBuf;

mod support;

use zkstack_l1::executor_abi::{
    ExecutorCall, ExecutorGeneration, LegacyBatchesCall, PreBoojumCall, decode_executor_call,
};
use zkstack_l1::{B256, U256};

const CRATE: &str = "zksync_consistency_checker";
const VERSION: &str = "29.13.0-non-semver-compat";

/// `SystemLogKey.PREV_BATCH_HASH_KEY` of era-contracts `IExecutor.sol`.
const PREV_BATCH_HASH_KEY: u8 = 4;

/// The fixture directory, unpacked from the registry on first use (see `support/`).
fn vectors() -> Option<PathBuf> {
    support::registry_crate(&format!("{CRATE}@{VERSION}")).map(|dir| dir.join("src").join("tests"))
}

fn load(name: &str) -> Option<Vec<u8>> {
    let path = vectors()?.join(name);
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn pre_boojum_commit_blocks_goerli_200000() {
    let Some(calldata) = load("commit_l1_batch_200000_testnet_goerli.calldata") else { return };
    let call = decode_executor_call(&calldata).expect("real calldata decodes");
    assert_eq!(call.generation(), ExecutorGeneration::PreBoojum);
    let ExecutorCall::PreBoojum(PreBoojumCall::Commit { last_committed, blocks }) = &call else {
        panic!("not commitBlocks: {call:?}");
    };
    // The transaction commits blocks 199995..=200003 after block 199994 (consecutive, as L1
    // requires; 200000 among them, as the zksync-era test expects).
    assert_eq!(last_committed.batchNumber, 199_994);
    assert_eq!(blocks.len(), 9);
    let mut prev_timestamp = u64::try_from(last_committed.timestamp).expect("fits");
    for (i, block) in blocks.iter().enumerate() {
        assert_eq!(block.blockNumber, 199_995 + i as u64);
        assert!(block.timestamp >= prev_timestamp);
        prev_timestamp = block.timestamp;
    }
    // Byte-identical round trip of a real transaction input.
    assert_eq!(call.encode(), calldata);
}

fn check_boojum_commit(calldata: &[u8], first: u64, count: usize) {
    let call = decode_executor_call(calldata).expect("real calldata decodes");
    assert_eq!(call.generation(), ExecutorGeneration::Boojum);
    let ExecutorCall::Boojum(LegacyBatchesCall::Commit { last_committed, batches }) = &call else {
        panic!("not commitBatches: {call:?}");
    };
    assert_eq!(last_committed.batchNumber, first - 1);
    assert_eq!(batches.len(), count);
    let mut prev_root = last_committed.batchHash;
    let mut prev_timestamp = u64::try_from(last_committed.timestamp).expect("fits");
    for (i, batch) in batches.iter().enumerate() {
        assert_eq!(batch.batch_number(), first + i as u64);
        assert!(batch.timestamp() >= prev_timestamp);
        assert!(
            batch.index_repeated_storage_changes() >= last_committed.indexRepeatedStorageChanges
        );
        // The system logs parse as 88-byte logs, and the bootloader's PREV_BATCH_HASH log carries
        // the state root of the previous batch: the `batchHash` of the decoded stored info.
        let logs = batch.decode_system_logs().expect("whole 88-byte logs");
        let prev = logs
            .iter()
            .find(|log| log.key == B256::with_last_byte(PREV_BATCH_HASH_KEY))
            .expect("PREV_BATCH_HASH log");
        assert_eq!(prev.value, prev_root, "batch {}", batch.batch_number());
        // The DA bytes start with a pubdata source (0 calldata, 1 blobs).
        assert!(matches!(batch.pubdata_commitments().first(), Some(0 | 1)));
        assert_eq!(batch.da_input(), batch.pubdata_commitments());
        assert!(batch.number_of_l1_txs() < U256::from(1_000_000));
        prev_root = batch.new_state_root();
        prev_timestamp = batch.timestamp();
    }
    assert_eq!(call.encode(), calldata);
}

#[test]
fn boojum_commit_batches_sepolia_4470() {
    let Some(calldata) = load("commit_l1_batch_4470_testnet_sepolia.calldata") else { return };
    check_boojum_commit(&calldata, 4_470, 1);
}

#[test]
fn boojum_commit_batches_mainnet_351000_to_351004() {
    let Some(calldata) = load("commit_l1_batch_351000-351004_mainnet.calldata") else { return };
    check_boojum_commit(&calldata, 351_000, 5);
}

#[test]
fn real_calldata_with_a_trailing_byte_is_rejected() {
    let Some(mut calldata) = load("commit_l1_batch_4470_testnet_sepolia.calldata") else { return };
    calldata.push(0);
    assert!(decode_executor_call(&calldata).is_err());
}
