//! Priority tree, dynamic incremental Merkle tree and range proofs, checked against the
//! era-contracts foundry tests, zksync-era's `mini_merkle_tree` tests and independent models.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{B256, U256, b256, keccak256};
use proptest::prelude::*;
use zkstack_l1::priority::{
    DynamicIncrementalMerkle, MerkleError, PriorityLeaves, PriorityOpsBatchInfo, PriorityTree,
    PriorityTreeCommitment, PriorityTreeError, ZERO_LEAF_HASH,
    merkle::{calculate_root, calculate_root_paths, efficient_hash},
};

/// `keccak256(abi.encode(i))` for a `uint256 i`, the mock leaves of the foundry tests.
fn mock_leaf(i: u64) -> B256 {
    keccak256(U256::from(i).to_be_bytes::<32>())
}

fn tree_with(n: u64) -> (PriorityTree, Vec<B256>) {
    let mut tree = PriorityTree::new(0);
    let leaves: Vec<B256> = (0..n).map(mock_leaf).collect();
    for leaf in &leaves {
        tree.push(*leaf).unwrap();
    }
    (tree, leaves)
}

#[test]
fn zero_leaf_is_keccak_of_empty_string() {
    assert_eq!(ZERO_LEAF_HASH, keccak256([]));
}

/// era-contracts `test/foundry/l1/unit/concrete/state-transition/libraries/PriorityTree/PriorityTree.t.sol`
/// `test_gets` and `test_push`: the empty root is `bytes32(0)`, one leaf is its own root, two leaves
/// hash together.
#[test]
fn foundry_gets_and_push() {
    let mut tree = PriorityTree::new(0);
    assert_eq!(tree.size(), 0);
    assert_eq!(tree.first_unprocessed_priority_tx(), 0);
    assert_eq!(tree.total_priority_txs(), 0);
    assert_eq!(tree.root(), B256::ZERO);

    let (leaf1, leaf2) = (mock_leaf(1), mock_leaf(2));
    tree.push(leaf1).unwrap();
    assert_eq!(
        (tree.size(), tree.first_unprocessed_priority_tx(), tree.total_priority_txs()),
        (1, 0, 1)
    );
    assert_eq!(tree.root(), leaf1);
    tree.push(leaf2).unwrap();
    assert_eq!(
        (tree.size(), tree.first_unprocessed_priority_tx(), tree.total_priority_txs()),
        (2, 0, 2)
    );
    assert_eq!(tree.root(), efficient_hash(leaf1, leaf2));
}

/// `PriorityTree.t.sol` `test_processBatch`: two batches of 1 and 2 operations out of 3, with the
/// paths written out in the test (including a nonzero `rightPath[0]` the verifier ignores in the
/// second batch, and `rightPath[1] = 0`).
#[test]
fn foundry_process_batch() {
    let (mut tree, leaves) = tree_with(3);
    let batch1 = PriorityOpsBatchInfo {
        left_path: vec![B256::ZERO; 2],
        right_path: vec![leaves[1], efficient_hash(leaves[2], ZERO_LEAF_HASH)],
        item_hashes: vec![leaves[0]],
    };
    tree.process_batch(&batch1).unwrap();
    assert_eq!(tree.first_unprocessed_priority_tx(), 1);

    let batch2 = PriorityOpsBatchInfo {
        left_path: vec![leaves[0], B256::ZERO],
        right_path: vec![ZERO_LEAF_HASH, B256::ZERO],
        item_hashes: vec![leaves[1], leaves[2]],
    };
    tree.process_batch(&batch2).unwrap();
    assert_eq!(tree.first_unprocessed_priority_tx(), 3);
    assert_eq!(tree.size(), 0);
}

/// `PriorityTree.t.sol` `test_processEmptyBatch`: an empty batch changes nothing.
#[test]
fn foundry_process_empty_batch() {
    let (mut tree, _) = tree_with(3);
    tree.process_batch(&PriorityOpsBatchInfo::default()).unwrap();
    assert_eq!(tree.first_unprocessed_priority_tx(), 0);
}

/// `PriorityTree.t.sol` `test_processBatch_shouldRevert`: all three leaves with zero paths give
/// the root the test expects in `NotHistoricalRoot(0x9916…414c)`.
#[test]
fn foundry_process_batch_not_historical() {
    let (mut tree, leaves) = tree_with(3);
    let info = PriorityOpsBatchInfo {
        left_path: vec![B256::ZERO; 2],
        right_path: vec![B256::ZERO; 2],
        item_hashes: leaves,
    };
    let expected = b256!("9916b82f0d1215e1cf93fdcf4c628eef02a88b920e9f8adf6abbd1a42cf9414c");
    assert_eq!(tree.process_batch(&info), Err(PriorityTreeError::NotHistoricalRoot(expected)));
    assert_eq!(tree.first_unprocessed_priority_tx(), 0);
}

/// `PriorityTree.t.sol` `test_commitDecommit`: a tree rebuilt from its commitment has the same
/// root and counters, and its root is historical.
#[test]
fn foundry_commit_decommit() {
    let (tree, _) = tree_with(3);
    let commitment = tree.commitment();
    let restored = PriorityTree::from_commitment(&commitment).unwrap();
    assert_eq!(restored.first_unprocessed_priority_tx(), 0);
    assert_eq!(restored.total_priority_txs(), 3);
    assert_eq!(restored.root(), tree.root());
    assert!(restored.is_historical_root(&tree.root()));
    assert_eq!(restored.tree().zeros()[0], ZERO_LEAF_HASH);
    // Pushing continues identically.
    let (mut a, mut b) = (tree, restored);
    for i in 3..20 {
        assert_eq!(a.push(mock_leaf(i)).unwrap(), b.push(mock_leaf(i)).unwrap());
    }
}

#[test]
fn commitment_rules() {
    assert_eq!(
        PriorityTree::from_commitment(&PriorityTreeCommitment::default()),
        Err(PriorityTreeError::InvalidCommitment)
    );
    let (mut tree, _) = tree_with(5);
    let mut c = tree.commitment();
    c.start_index = 1;
    assert_eq!(
        tree.l1_reinit(&c),
        Err(PriorityTreeError::InvalidStartIndex { tree: 0, commitment: 1 })
    );
    let mut c = tree.commitment();
    c.next_leaf_index = 6;
    assert_eq!(
        tree.l1_reinit(&c),
        Err(PriorityTreeError::InvalidNextLeafIndex { tree: 5, commitment: 6 })
    );
    assert_eq!(tree.check_gw_reinit(&c), Ok(()));
    c.unprocessed_index = 4;
    tree.l1_reinit(&PriorityTreeCommitment { next_leaf_index: 5, ..c.clone() }).unwrap();
    assert_eq!(tree.unprocessed_index(), 4);
    c.unprocessed_index = 3;
    assert_eq!(
        tree.check_gw_reinit(&c),
        Err(PriorityTreeError::InvalidUnprocessedIndex { tree: 4, commitment: 3 })
    );
    let tall = PriorityTreeCommitment { sides: vec![B256::ZERO; 66], ..Default::default() };
    assert!(matches!(
        PriorityTree::from_commitment(&tall),
        Err(PriorityTreeError::CommitmentTooTall { .. })
    ));
}

/// `PriorityTree.skipUntil`: ids before the start are ignored, the cursor never moves back.
#[test]
fn skip_until() {
    let mut tree = PriorityTree::new(10);
    for i in 0..5 {
        tree.push(mock_leaf(i)).unwrap();
    }
    tree.skip_until(5);
    assert_eq!(tree.first_unprocessed_priority_tx(), 10);
    tree.skip_until(13);
    assert_eq!(tree.first_unprocessed_priority_tx(), 13);
    tree.skip_until(12);
    assert_eq!(tree.first_unprocessed_priority_tx(), 13);
    assert_eq!(tree.total_priority_txs(), 15);
    assert_eq!(tree.size(), 2);
}

/// Independent model: the root of the complete tree of height `⌈log2 n⌉`, padding with `zero`.
fn padded_root(leaves: &[B256], zero: B256) -> B256 {
    match leaves.len() {
        0 => B256::ZERO,
        1 => leaves[0],
        n => {
            let size = n.next_power_of_two();
            let mut level: Vec<B256> = leaves.to_vec();
            level.resize(size, zero);
            while level.len() > 1 {
                level = level.chunks(2).map(|p| efficient_hash(p[0], p[1])).collect();
            }
            level[0]
        }
    }
}

/// Height and root of the incremental tree match the padded-tree model after every push, and the
/// prover's `root_at` agrees for every prefix.
#[test]
fn incremental_tree_matches_padded_model() {
    let mut tree = DynamicIncrementalMerkle::new(ZERO_LEAF_HASH);
    let leaves: Vec<B256> = (0..70).map(mock_leaf).collect();
    let prover = PriorityLeaves::new(leaves.clone());
    assert_eq!(prover.root_at(0).unwrap(), B256::ZERO);
    for n in 1..=leaves.len() {
        let (index, root) = tree.push(leaves[n - 1]).unwrap();
        assert_eq!(index, n as u64 - 1);
        assert_eq!(root, padded_root(&leaves[..n], ZERO_LEAF_HASH), "n = {n}");
        assert_eq!(tree.height(), n.next_power_of_two().trailing_zeros() as usize);
        assert_eq!(prover.root_at(n).unwrap(), root);
    }
}

/// Leaves `keccak256([b; 88])` under the L2→L1 log tree's empty leaf `keccak256([0; 88])`, the
/// configuration of zksync-era `core/lib/mini_merkle_tree/src/tests.rs` (registry crate
/// zksync_mini_merkle_tree 29.13.0): the incremental tree must reach the roots those tests hardcode.
#[test]
fn mini_merkle_tree_vectors() {
    let leaf = |b: u8| keccak256([b; 88]);
    let zero = keccak256([0u8; 88]);
    assert_eq!(zero, b256!("72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba"));

    // `pushing_new_leaves`: three copies of leaf i+1 per step, root checked after each step.
    let expected = [
        b256!("6f7a80e6ee852bd309ee9153c6157535092aa706f5c6e51ff199a4be012be1fd"),
        b256!("da895440272a4c4a0b950753c77fd08db0ce57e21c98b75d154c341cbe5f31ac"),
        b256!("74e62d47c142e2a5b0f2c71ea0f8bcca8d767f0edf7ec7b9134371f5bfef7b8a"),
        b256!("e44bb0f3915370e8f432de0830c52d5dc7bbf1a46a21cccb462cefaf3f4cce4d"),
        b256!("88443c3b1b9206955625b5722c06bca3207d39f6044780af885d5f09f6e615a1"),
    ];
    let mut tree = DynamicIncrementalMerkle::new(zero);
    for (i, want) in expected.iter().enumerate() {
        for _ in 0..3 {
            tree.push(leaf(i as u8 + 1)).unwrap();
        }
        assert_eq!(tree.root(), *want, "step {i}");
    }

    // `trim_all_and_grow`: five leaves [1; 88].
    let mut tree = DynamicIncrementalMerkle::new(zero);
    for _ in 0..5 {
        tree.push(leaf(1)).unwrap();
    }
    assert_eq!(
        tree.root(),
        b256!("fa4c924185122254742622b10b68df8de89d33f685ee579f37a50c552b0d245d")
    );

    // `caching_leaves`: 50 leaves [1..=50; 88]; leaf 49's single path against the root.
    let mut tree = DynamicIncrementalMerkle::new(zero);
    for b in 1..=50 {
        tree.push(leaf(b)).unwrap();
    }
    let root = b256!("2da23c4270b612710106f3e02e9db9fa42663751869f48d952fa7a0eaaa92475");
    assert_eq!(tree.root(), root);
    let path = [
        b256!("39f19437665159060317aab8b417352df18779f50b68a6bf6bc9c94dff8c98ca"),
        b256!("c3d03eebfd83049991ea3d3e358b6712e7aa2e2e63dc2d4b438987cec28ac8d0"),
        b256!("e3697c7f33c31a9b0f0aeb8542287d0d21e8c4cf82163d0c44c7a98aa11aa111"),
        b256!("199cc5812543ddceeddd0fc82807646a4899444240db2c0d2f20c3cceb5f51fa"),
        b256!("6edd774c0492cb4c825e4684330fd1c3259866606d47241ebf2a29af0190b5b1"),
        b256!("29694afc5d76ad6ee48e9382b1cf724c503c5742aa905700e290845c56d1b488"),
    ];
    assert_eq!(calculate_root(&path, U256::from(49), leaf(50)).unwrap(), root);
}

/// Murky's `MurkyBase` tree as era-contracts `Merkle.t.sol` uses it (`MerkleTreeNoSort`): odd
/// levels are padded with `bytes32(0)`, and a proof lists the sibling at each level (zero past the end).
mod murky {
    use super::*;

    fn hash_level(data: &[B256]) -> Vec<B256> {
        data.chunks(2)
            .map(|p| efficient_hash(p[0], p.get(1).copied().unwrap_or(B256::ZERO)))
            .collect()
    }

    pub fn root(data: &[B256]) -> B256 {
        let mut data = data.to_vec();
        while data.len() > 1 {
            data = hash_level(&data);
        }
        data[0]
    }

    pub fn proof(data: &[B256], mut node: usize) -> Vec<B256> {
        let mut data = data.to_vec();
        let mut out = Vec::new();
        while data.len() > 1 {
            out.push(if node % 2 == 1 {
                data[node - 1]
            } else {
                data.get(node + 1).copied().unwrap_or(B256::ZERO)
            });
            node /= 2;
            data = hash_level(&data);
        }
        out
    }
}

/// era-contracts `test/foundry/l1/unit/concrete/common/libraries/Merkle/Merkle.t.sol`: 65 elements
/// `keccak256(abi.encodePacked(uint256 i))`, Murky proofs.
#[test]
fn foundry_merkle_tests() {
    let elements: Vec<B256> = (0..65).map(mock_leaf).collect();
    let root = murky::root(&elements);
    let range = |start: usize, end: usize| {
        (
            murky::proof(&elements, start),
            murky::proof(&elements, end),
            elements[start..=end].to_vec(),
        )
    };

    // testElements (every index) via calculateRoot.
    for (i, leaf) in elements.iter().enumerate() {
        assert_eq!(
            calculate_root(&murky::proof(&elements, i), U256::from(i), *leaf).unwrap(),
            root
        );
    }
    // testEmptyProof_shouldSucceed.
    assert_eq!(calculate_root(&[], U256::ZERO, elements[0]).unwrap(), elements[0]);
    // testLeafIndexTooBig_shouldRevert.
    let p0 = murky::proof(&elements, 0);
    assert_eq!(
        calculate_root(&p0, U256::from(1u8) << 255, elements[0]),
        Err(MerkleError::IndexOutOfBounds)
    );
    // testProofLengthTooLarge_shouldRevert.
    assert_eq!(
        calculate_root(&[B256::ZERO; 256], U256::ZERO, elements[0]),
        Err(MerkleError::PathOutOfBounds)
    );

    // testRangeProof, testRangeProofIncorrect.
    let (left, right, leaves) = range(10, 13);
    assert_eq!(calculate_root_paths(&left, &right, U256::from(10), &leaves).unwrap(), root);
    assert_ne!(calculate_root_paths(&left, &right, U256::from(9), &leaves).unwrap(), root);
    // testRangeProofLengthMismatch_shouldRevert: MerklePathLengthMismatch(6, 7).
    assert_eq!(
        calculate_root_paths(&left[..6], &right, U256::from(10), &leaves),
        Err(MerkleError::PathLengthMismatch { path_length: 6, expected_length: 7 })
    );
    // testRangeProofEmptyPaths_shouldRevert.
    assert_eq!(
        calculate_root_paths(&[], &[], U256::from(10), &leaves),
        Err(MerkleError::PathEmpty)
    );
    // testRangeProofWrongIndex_shouldRevert.
    assert_eq!(
        calculate_root_paths(&left, &right, U256::from(128), &leaves),
        Err(MerkleError::IndexOrHeightMismatch)
    );
    // testRangeProofSingleLeaf.
    let (left, right, leaves) = range(10, 10);
    assert_eq!(calculate_root_paths(&left, &right, U256::from(10), &leaves).unwrap(), root);
    // testRangeProofEmpty_shouldRevert.
    assert_eq!(
        calculate_root_paths(&left, &right, U256::from(10), &[]),
        Err(MerkleError::NothingToProve)
    );
    // testRangeProofSingleElementTree.
    assert_eq!(
        calculate_root_paths(&[], &[], U256::ZERO, &elements[10..11]).unwrap(),
        elements[10]
    );
    // Path of 256 entries.
    let long = vec![B256::ZERO; 256];
    assert_eq!(
        calculate_root_paths(&long, &long, U256::ZERO, &leaves),
        Err(MerkleError::PathOutOfBounds)
    );
    // A start index near 2^256 overflows like checked Solidity arithmetic.
    assert!(matches!(
        calculate_root_paths(&left, &right, U256::MAX, &elements[..2]),
        Err(MerkleError::Panic(_))
    ));
}

/// Every range of every tree up to 40 leaves is provable against every later root, and the tree
/// accepts the proof when its cursor sits at the range start (as the Executor sequences batches).
#[test]
fn exhaustive_small_range_proofs() {
    let leaves: Vec<B256> = (0..40).map(mock_leaf).collect();
    let prover = PriorityLeaves::new(leaves.clone());
    for tree_len in 1..=leaves.len() {
        let root = prover.root_at(tree_len).unwrap();
        for start in 0..tree_len {
            for count in 1..=tree_len - start {
                let info = prover.batch_info(start, count, tree_len).unwrap();
                let got = calculate_root_paths(
                    &info.left_path,
                    &info.right_path,
                    U256::from(start),
                    &info.item_hashes,
                );
                assert_eq!(got, Ok(root), "tree_len {tree_len} start {start} count {count}");
            }
        }
    }
}

/// Batches processed in sequence against a growing tree, each proved against the tree at the time.
#[test]
fn sequential_batches() {
    let mut tree = PriorityTree::new(7);
    let mut prover = PriorityLeaves::default();
    let sizes = [3usize, 0, 1, 5, 2, 8, 1];
    let mut next = 0u64;
    let mut cursor = 0usize;
    for size in sizes {
        for _ in 0..size + 2 {
            let leaf = mock_leaf(next);
            next += 1;
            tree.push(leaf).unwrap();
            prover.push(leaf);
        }
        let info = prover.batch_info(cursor, size, prover.len()).unwrap();
        tree.process_batch(&info).unwrap();
        cursor += size;
        assert_eq!(tree.first_unprocessed_priority_tx(), 7 + cursor as u64);
    }
    // A batch proved against the minimal tree also verifies (its root is historical).
    let info = prover.batch_info_minimal(cursor, 2).unwrap();
    tree.process_batch(&info).unwrap();
}

#[test]
fn prover_rejects_out_of_range() {
    let prover = PriorityLeaves::new((0..5).map(mock_leaf).collect());
    assert!(matches!(prover.batch_info(3, 3, 5), Err(PriorityTreeError::RangeOutOfBounds { .. })));
    assert!(matches!(prover.batch_info(0, 1, 6), Err(PriorityTreeError::RangeOutOfBounds { .. })));
    assert!(matches!(
        prover.batch_info(usize::MAX, 2, 5),
        Err(PriorityTreeError::RangeOutOfBounds { .. })
    ));
    assert_eq!(prover.batch_info(2, 0, 5).unwrap(), PriorityOpsBatchInfo::default());
}

/// The words `calculateRootPaths` reads: every item, the left path where the range's first node is
/// a right child, the right path where its last node is a left child.
fn used_positions(start: usize, count: usize, height: usize) -> (Vec<bool>, Vec<bool>) {
    let (mut first, mut last) = (start, start + count - 1);
    let mut left = Vec::new();
    let mut right = Vec::new();
    for _ in 0..height {
        left.push(first % 2 == 1);
        right.push(last % 2 == 0);
        first /= 2;
        last /= 2;
    }
    (left, right)
}

fn arb_case() -> impl Strategy<Value = (Vec<B256>, usize, usize, usize)> {
    (1usize..200).prop_flat_map(|n| {
        (Just(n), 1..=n).prop_flat_map(|(n, tree_len)| {
            (Just(n), Just(tree_len), 0..tree_len).prop_flat_map(|(n, tree_len, start)| {
                (
                    proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), n),
                    Just(tree_len),
                    Just(start),
                    1..=tree_len - start,
                )
            })
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every range proof of a random tree verifies through `PriorityTree::process_batch`; changing
    /// any single word the verifier reads makes it fail; words it ignores do not matter.
    #[test]
    fn range_proofs_verify_and_bind((leaves, tree_len, start, count) in arb_case(), tweak in any::<[u8; 32]>()) {
        let prover = PriorityLeaves::new(leaves.clone());
        let info = prover.batch_info(start, count, tree_len).unwrap();
        let mut tree = PriorityTree::new(0);
        for leaf in &leaves {
            tree.push(*leaf).unwrap();
        }
        tree.skip_until(start as u64);
        let root = prover.root_at(tree_len).unwrap();
        prop_assert!(tree.is_historical_root(&root));
        prop_assert_eq!(
            calculate_root_paths(&info.left_path, &info.right_path, U256::from(start), &info.item_hashes),
            Ok(root)
        );
        let mut ok = tree.clone();
        prop_assert!(ok.process_batch(&info).is_ok());
        prop_assert_eq!(ok.first_unprocessed_priority_tx(), (start + count) as u64);

        let delta = B256::from(tweak);
        prop_assume!(delta != B256::ZERO);
        let (left_used, right_used) = used_positions(start, count, info.left_path.len());
        let flip = |w: B256| w ^ delta;
        let mut variants = Vec::new();
        for i in 0..info.item_hashes.len() {
            let mut v = info.clone();
            v.item_hashes[i] = flip(v.item_hashes[i]);
            variants.push((v, true));
        }
        for level in 0..info.left_path.len() {
            let mut v = info.clone();
            v.left_path[level] = flip(v.left_path[level]);
            variants.push((v, left_used[level]));
            let mut v = info.clone();
            v.right_path[level] = flip(v.right_path[level]);
            variants.push((v, right_used[level]));
        }
        for (variant, used) in variants {
            let mut t = tree.clone();
            let result = t.process_batch(&variant);
            if used {
                // A changed word yields a different root; a keccak collision with another historical
                // root is not a realistic outcome.
                prop_assert!(matches!(result, Err(PriorityTreeError::NotHistoricalRoot(_))));
                prop_assert_eq!(t.first_unprocessed_priority_tx(), start as u64);
            } else {
                prop_assert!(result.is_ok());
            }
        }
    }

    /// `abi.encode` of the batch info round-trips, and arbitrary bytes never panic the decoder.
    #[test]
    fn batch_info_abi_round_trip(
        left in proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..8),
        right in proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..8),
        items in proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..8),
        junk in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let info = PriorityOpsBatchInfo { left_path: left, right_path: right, item_hashes: items };
        let bytes = info.abi_encode();
        prop_assert_eq!(bytes.len(), 32 + 3 * 32 + 3 * 32 + 32 * (info.left_path.len() + info.right_path.len() + info.item_hashes.len()));
        prop_assert_eq!(PriorityOpsBatchInfo::abi_decode(&bytes).unwrap(), info);
        let _ = PriorityOpsBatchInfo::abi_decode(&junk);
    }

    /// Arbitrary paths and items never panic the verifier.
    #[test]
    fn calculate_root_paths_never_panics(
        left in proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..10),
        right in proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..10),
        items in proptest::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..40),
        start in any::<[u8; 32]>(),
        small_start in 0u64..1024,
        use_small in any::<bool>(),
    ) {
        let start = if use_small { U256::from(small_start) } else { U256::from_be_bytes(start) };
        let _ = calculate_root_paths(&left, &right, start, &items);
        let _ = calculate_root(&left, start, items.first().copied().unwrap_or_default());
    }
}
