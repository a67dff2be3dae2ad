//! L2 block hashes against zksync-era's vectors, and SystemContext's block rules.
//!
//! Hash vectors: `zksync_types@29.13.0-non-semver-compat` `src/block.rs` tests
//! `test_legacy_l2_block_hashes` (a hash from the explorer) and `test_l2_block_hash` (a hash
//! "generated from a contract"), parsed from the crate fetched at test time. The rule tests follow
//! era-contracts `SystemContext.sol` v26 (16dedf6d7): each revert is reached by the input the
//! contract's check names.

use alloy_primitives::{B256, U256};
use zkstack_bootloader::l1::ProtocolVersionId;
use zkstack_bootloader::l2_block::{
    BatchEnv, BlockInfo, L2BlockEnv, L2BlockError, L2BlockHasher, SystemContextBlocks,
    TxsRollingHash, l2_block_hash, legacy_l2_block_hash, packed_batch_and_l2_block_timestamp,
    virtual_block_hash,
};

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

/// The `"…"` string literals of `fn name` in `source`, in order.
fn strings_in_fn(source: &str, name: &str) -> Vec<String> {
    let body = source.split(&format!("fn {name}()")).nth(1).expect("fn present");
    let body = body.split("#[test]").next().expect("body");
    body.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn zksync_types_block_hash_vectors() {
    let Some(dir) = support::registry_crate(support::ZKSYNC_TYPES) else { return };
    let source = std::fs::read_to_string(dir.join("src/block.rs")).expect("block.rs");

    let legacy = strings_in_fn(&source, "test_legacy_l2_block_hashes");
    let expected: B256 = legacy[0].parse().expect("hash");
    assert!(source.contains("L2BlockNumber(11470850)"), "vector input changed");
    assert_eq!(legacy_l2_block_hash(11_470_850), expected);
    let v12 = ProtocolVersionId::new(12).expect("v12");
    assert_eq!(L2BlockHasher::new(11_470_850, 0, B256::ZERO).finalize(v12), expected);

    // expected, prev_l2_block_hash, txs_rolling_hash; number 1, timestamp 12.
    let modern = strings_in_fn(&source, "test_l2_block_hash");
    let [expected, prev, rolling]: [B256; 3] = [0, 1, 2].map(|i| modern[i].parse().expect("hash"));
    assert!(source.contains("number: L2BlockNumber(1),") && source.contains("timestamp: 12,"));
    assert_eq!(l2_block_hash(1, 12, prev, rolling), expected);
    let hasher = L2BlockHasher {
        txs_rolling_hash: TxsRollingHash(rolling),
        ..L2BlockHasher::new(1, 12, prev)
    };
    assert_eq!(hasher.finalize(ProtocolVersionId::GATEWAY), expected);
}

#[test]
fn packing_and_small_hashes() {
    // zksync-era `pack_block_info`: number · 2^128 + timestamp.
    let info = BlockInfo { number: 101, timestamp: 102 };
    assert_eq!(info.pack(), U256::from(101u8) * (U256::from(1u8) << 128) + U256::from(102u8));
    assert_eq!(BlockInfo::unpack(info.pack()), info);
    assert_eq!(
        packed_batch_and_l2_block_timestamp(5, 6),
        B256::from((U256::from(5u8) << 128) | U256::from(6u8))
    );
    // `keccak256(abi.encode(uint256))` vs `keccak256(abi.encodePacked(uint32))`: never equal.
    assert_ne!(virtual_block_hash(7), legacy_l2_block_hash(7));
    let rolling = TxsRollingHash::of([B256::repeat_byte(1), B256::repeat_byte(2)]);
    let mut by_hand = [0u8; 64];
    by_hand[32..].fill(1);
    let first = alloy_primitives::keccak256(by_hand);
    by_hand[..32].copy_from_slice(first.as_slice());
    by_hand[32..].fill(2);
    assert_eq!(rolling.0, alloy_primitives::keccak256(by_hand));
}

fn batch(number: u32, timestamp: u64, first: L2BlockEnv) -> BatchEnv {
    BatchEnv {
        previous_batch_hash: Some(B256::repeat_byte(0xbb)),
        number,
        timestamp,
        fee_input: zkstack_bootloader::fee::BatchFeeInput::default(),
        fee_account: alloy_primitives::Address::ZERO,
        enforced_base_fee: None,
        first_l2_block: first,
    }
}

fn block(number: u32, timestamp: u64, prev: B256, virtual_blocks: u32) -> L2BlockEnv {
    L2BlockEnv {
        number,
        timestamp,
        prev_block_hash: prev,
        max_virtual_blocks_to_create: virtual_blocks,
    }
}

/// Genesis-like start: batch 1 with the first L2 block ever (number 1) and three transactions,
/// then L2 blocks 2 and 3, then batch 2.
#[test]
fn a_chain_of_blocks_and_batches() {
    let mut ctx = SystemContextBlocks::default();
    let first = block(1, 100, legacy_l2_block_hash(0), 1);
    ctx.start_batch(&batch(1, 100, first), U256::from(7u8)).expect("batch 1");
    assert_eq!(ctx.virtual_block, BlockInfo { number: 1, timestamp: 100 });
    assert_eq!(ctx.virtual_block_finish_l2_block, 1);
    let txs = [B256::repeat_byte(1), B256::repeat_byte(2), B256::repeat_byte(3)];
    let mut hasher = L2BlockHasher::new(1, 100, legacy_l2_block_hash(0));
    for tx in txs {
        // The bootloader re-enters the open block before each transaction.
        ctx.set_l2_block(1, 100, legacy_l2_block_hash(0), false, 0).expect("same block");
        ctx.append_transaction(tx);
        hasher.push_tx_hash(tx);
    }
    let hash1 = hasher.finalize(ProtocolVersionId::GATEWAY);
    assert_eq!(ctx.last_l2_block().expect("open").hash, hash1);

    // Wrong previous hash, same timestamp, skipped number: all rejected, state unchanged.
    let mut probe = ctx.clone();
    assert!(matches!(
        probe.start_l2_block(&block(2, 101, B256::ZERO, 1)),
        Err(L2BlockError::IncorrectL2BlockHash { .. })
    ));
    assert!(matches!(
        probe.start_l2_block(&block(2, 100, hash1, 1)),
        Err(L2BlockError::NonMonotonicL2BlockTimestamp { .. })
    ));
    assert_eq!(
        probe.start_l2_block(&block(3, 101, hash1, 1)),
        Err(L2BlockError::InvalidNewL2BlockNumber(3))
    );
    assert_eq!(
        probe.set_l2_block(1, 100, legacy_l2_block_hash(0), false, 1),
        Err(L2BlockError::IncorrectVirtualBlockInsideMiniblock)
    );
    assert!(matches!(
        probe.set_l2_block(1, 99, legacy_l2_block_hash(0), false, 0),
        Err(L2BlockError::IncorrectSameL2BlockTimestamp { .. })
    ));

    ctx.start_l2_block(&block(2, 101, hash1, 1)).expect("block 2");
    let hash2 = ctx.last_l2_block().expect("open").hash;
    assert_eq!(hash2, l2_block_hash(2, 101, hash1, B256::ZERO));
    assert_eq!(ctx.stored_l2_block_hash(1), hash1);
    ctx.start_l2_block(&block(3, 102, hash2, 0)).expect("block 3");
    assert_eq!(ctx.virtual_block, BlockInfo { number: 3, timestamp: 102 });
    assert_eq!(ctx.block_hash_evm(2), hash2);
    assert_eq!(ctx.block_hash_evm(3), B256::ZERO);
    assert_eq!(
        ctx.publish_timestamp_data().expect("batch open"),
        packed_batch_and_l2_block_timestamp(100, 102)
    );
    let hash3 = ctx.last_l2_block().expect("open").hash;

    // Batch 2: timestamp must pass the last L2 block, number + 1, first block must be new.
    let mut probe = ctx.clone();
    assert!(matches!(
        probe.start_batch(&batch(2, 102, block(4, 102, hash3, 1)), U256::ZERO),
        Err(L2BlockError::InconsistentNewBatchTimestamp { .. })
    ));
    assert!(matches!(
        probe.start_batch(&batch(3, 103, block(4, 103, hash3, 1)), U256::ZERO),
        Err(L2BlockError::ProvidedBatchNumberIsNotCorrect { expected: 2, provided: 3 })
    ));
    let mut probe = ctx.clone();
    assert!(matches!(
        probe.start_batch(&batch(2, 103, block(4, 102, hash3, 1)), U256::ZERO),
        Err(L2BlockError::L2BlockAndBatchTimestampMismatch { .. })
    ));
    let mut probe = ctx.clone();
    assert_eq!(
        probe.start_batch(&batch(2, 103, block(4, 103, hash3, 0)), U256::ZERO),
        Err(L2BlockError::NoVirtualBlocks)
    );
    let mut probe = ctx.clone();
    assert_eq!(
        probe.start_batch(&batch(2, 103, block(3, 103, hash2, 1)), U256::ZERO),
        Err(L2BlockError::CannotReuseL2BlockNumberFromPreviousBatch)
    );

    ctx.start_batch(&batch(2, 103, block(4, 103, hash3, 1)), U256::ZERO).expect("batch 2");
    assert_eq!(ctx.batch_hashes.get(&1), Some(&B256::repeat_byte(0xbb)));
    // Round trip through storage words (batch hashes are write-only).
    let storage: std::collections::HashMap<B256, B256> = ctx.storage().into_iter().collect();
    let mut loaded =
        SystemContextBlocks::from_storage(|slot| storage.get(&slot).copied().unwrap_or_default());
    loaded.batch_hashes = ctx.batch_hashes.clone();
    assert_eq!(loaded, ctx);
}

#[test]
fn first_l2_block_ever_rules() {
    let mut ctx = SystemContextBlocks::default();
    ctx.set_new_batch(B256::ZERO, 5, 1, U256::ZERO).expect("batch");
    let mut probe = ctx.clone();
    assert_eq!(
        probe.set_l2_block(1, 5, legacy_l2_block_hash(0), false, 1),
        Err(L2BlockError::UpgradeTransactionMustBeFirst)
    );
    assert_eq!(probe.set_l2_block(0, 5, B256::ZERO, true, 1), Err(L2BlockError::L2BlockNumberZero));
    assert!(matches!(
        probe.set_l2_block(9, 5, B256::ZERO, true, 1),
        Err(L2BlockError::PreviousL2BlockHashIsIncorrect { .. })
    ));
    assert!(matches!(
        ctx.set_new_batch(B256::ZERO, 5, 2, U256::ZERO),
        Err(L2BlockError::TimestampsShouldBeIncremental { .. })
    ));
    assert_eq!(
        SystemContextBlocks::default().publish_timestamp_data(),
        Err(L2BlockError::CurrentBatchNumberMustBeGreaterThanZero)
    );
    // Virtual blocks that have not caught up: the number starts at the batch number and grows
    // by the requested count, capped at the L2 block number.
    let mut ctx = SystemContextBlocks::default();
    ctx.set_new_batch(B256::ZERO, 5, 1, U256::ZERO).expect("batch");
    ctx.set_l2_block(10, 5, legacy_l2_block_hash(9), true, 3).expect("block");
    assert_eq!(ctx.virtual_block, BlockInfo { number: 3, timestamp: 5 });
    assert_eq!(ctx.virtual_block_finish_l2_block, 0);
    assert_eq!(ctx.block_hash_evm(2), virtual_block_hash(2));
    assert_eq!(ctx.block_hash_evm(0), B256::ZERO, "batch 0's hash was never recorded");
}
