//! Property tests of the state tree: proofs verify, batching does not change the root, rollback
//! restores, and the root equals an independent level-by-level evaluation of the hashing rules
//! (the shape of zksync-era's `compute_tree_hash_with_indices` test helper, written here anew).

use std::collections::BTreeMap;

use alloy_primitives::{B256, U256};
use proptest::prelude::*;
use zkstack_bootloader::state_tree::{
    MemoryStore, StateTree, TreeKey, TreeLog, empty_tree_hash, hasher,
};

/// The root of the tree holding `leaves` (key → (index, value)), computed level by level over all
/// 2^256 positions, with vacant siblings as empty subtrees.
fn reference_root(leaves: &BTreeMap<TreeKey, (u64, B256)>) -> B256 {
    let mut level: Vec<(U256, B256)> =
        leaves.iter().map(|(k, (i, v))| (k.0, hasher::leaf_hash(*i, v))).collect();
    if level.is_empty() {
        return empty_tree_hash();
    }
    for height in 0..256 {
        let empty = hasher::empty_subtree_hash(height);
        let mut next = Vec::new();
        let mut i = 0;
        while i < level.len() {
            let (pos, hash) = level[i];
            let parent = if pos.bit(0) {
                hasher::branch_hash(&empty, &hash)
            } else if level.get(i + 1).is_some_and(|(p, _)| *p == pos + U256::from(1u8)) {
                i += 1;
                hasher::branch_hash(&hash, &level[i].1)
            } else {
                hasher::branch_hash(&hash, &empty)
            };
            next.push((pos >> 1, parent));
            i += 1;
        }
        level = next;
    }
    level[0].1
}

/// Keys that often share long prefixes (only a few random bits, at either end) and often repeat.
fn arb_key() -> impl Strategy<Value = TreeKey> {
    prop_oneof![
        (0u64..16).prop_map(|n| TreeKey(U256::from(n))),
        (0u64..16).prop_map(|n| TreeKey(U256::from(n) << 252)),
        any::<[u8; 32]>().prop_map(|b| TreeKey(U256::from_be_bytes(b))),
    ]
}

fn arb_batches() -> impl Strategy<Value = Vec<Vec<(TreeKey, B256)>>> {
    let write = (arb_key(), any::<u8>().prop_map(B256::repeat_byte));
    proptest::collection::vec(proptest::collection::vec(write, 0..12), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn batches_match_reference_and_from_scratch(batches in arb_batches(), absent in arb_key()) {
        let mut tree = StateTree::<MemoryStore>::default();
        let mut model: BTreeMap<TreeKey, (u64, B256)> = BTreeMap::new();
        let mut roots = vec![tree.root_hash().expect("tree")];
        for batch in &batches {
            let out = tree.apply_batch(batch).expect("tree");
            for ((key, value), log) in batch.iter().zip(&out.logs) {
                let next = model.len() as u64 + 1;
                if let Some(slot) = model.get_mut(key) {
                    prop_assert_eq!(*log, TreeLog::Updated { leaf_index: slot.0, previous_value: slot.1 });
                    slot.1 = *value;
                } else {
                    prop_assert_eq!(*log, TreeLog::Inserted { leaf_index: next });
                    model.insert(*key, (next, *value));
                }
            }
            prop_assert_eq!(out.leaf_count, model.len() as u64);
            prop_assert_eq!(out.root_hash, reference_root(&model));
            roots.push(out.root_hash);
        }
        let root = tree.root_hash().expect("tree");

        // Incremental == from scratch (one batch of everything, same first-write order).
        let mut scratch = StateTree::<MemoryStore>::default();
        let all: Vec<_> = batches.concat();
        prop_assert_eq!(scratch.apply_batch(&all).expect("tree").root_hash, root);

        // Inclusion proofs for every key, and an absence proof.
        for (key, (index, value)) in &model {
            let proof = tree.proof(*key).expect("tree");
            prop_assert_eq!(proof.leaf.map(|l| (l.leaf_index, l.value)), Some((*index, *value)));
            prop_assert!(proof.verify(root).is_ok());
            let mut forged = proof.clone();
            forged.leaf = forged.leaf.map(|mut l| { l.value.0[0] ^= 1; l });
            prop_assert!(forged.verify(root).is_err());
        }
        if !model.contains_key(&absent) {
            let proof = tree.proof(absent).expect("tree");
            prop_assert_eq!(proof.leaf, None);
            prop_assert!(proof.verify(root).is_ok());
            prop_assert_eq!(tree.get(absent).expect("tree"), None);
        }

        // Rollback to every earlier version gives its root back; re-applying gives the same roots.
        for version in (0..batches.len()).rev() {
            tree.rollback(version as u64).expect("tree");
            prop_assert_eq!(tree.root_hash().expect("tree"), roots[version]);
        }
        for (i, batch) in batches.iter().enumerate() {
            prop_assert_eq!(tree.apply_batch(batch).expect("tree").root_hash, roots[i + 1]);
        }
    }
}

#[test]
fn rollback_beyond_newest_is_an_error() {
    let mut tree = StateTree::<MemoryStore>::default();
    assert!(tree.rollback(1).is_err());
    assert_eq!(tree.root_hash_at(0).expect("tree"), Some(empty_tree_hash()));
    assert_eq!(tree.root_hash_at(1).expect("tree"), None);
    let empty = tree.apply_batch(&[]).expect("tree");
    assert_eq!((empty.root_hash, empty.leaf_count), (empty_tree_hash(), 0));
    assert_eq!(tree.version().expect("tree"), 1);
}
