//! The MessageRoot trees ([`IncrementalMerkle`], [`FullMerkle`], from `zkstack_l1::merkle`) with
//! the bridge's empty leaf: roots follow the contracts and paths verify with `calculate_root`.

use alloy_primitives::{B256, U256};
use proptest::prelude::*;
use zkstack_bridge::interop::{EMPTY_LEAF_HASH, FullMerkle, IncrementalMerkle, TreeError};
use zkstack_bridge::l1::merkle::padded;
use zkstack_bridge::merkle::calculate_root;

#[test]
fn empty_and_single_leaf_roots_follow_the_contract() {
    let mut tree = IncrementalMerkle::new(EMPTY_LEAF_HASH);
    assert_eq!(tree.root(), B256::ZERO, "setup returns and stores root 0");
    let leaf = B256::repeat_byte(5);
    assert_eq!(tree.push(leaf), (0, leaf));
    assert_eq!(tree.height(), 0);
    assert_eq!(tree.proof(0), Ok(vec![]));
    assert_eq!(tree.proof(1), Err(TreeError::IndexOutOfRange { index: 1, len: 1 }));
}

proptest! {
    /// The contract's side-based root equals the padded tree root, and paths verify.
    #[test]
    fn sides_root_equals_padded_root(raw in proptest::collection::vec(any::<[u8; 32]>(), 1..40)) {
        let mut tree = IncrementalMerkle::new(EMPTY_LEAF_HASH);
        for (n, leaf) in raw.iter().enumerate() {
            let (index, root) = tree.push(B256::from(*leaf));
            prop_assert_eq!(index, n);
            prop_assert_eq!(tree.height(), padded::height_for(n + 1));
            let zeros = padded::zeros(EMPTY_LEAF_HASH, tree.height());
            prop_assert_eq!(root, padded::root_and_path(tree.leaves(), &zeros, None).0);
        }
        for (i, leaf) in raw.iter().enumerate() {
            let path = tree.proof(i).expect("in range");
            prop_assert_eq!(calculate_root(&path, U256::from(i), B256::from(*leaf)), Ok(tree.root()));
        }
    }
}

#[test]
fn empty_tree_root_is_the_zero_value() {
    let mut tree = FullMerkle::new(EMPTY_LEAF_HASH);
    assert_eq!(tree.root(), EMPTY_LEAF_HASH);
    assert_eq!(
        tree.update_leaf(0, B256::ZERO),
        Err(TreeError::IndexOutOfRange { index: 0, len: 0 })
    );
    assert_eq!(tree.push(B256::repeat_byte(1)), B256::repeat_byte(1));
    assert_eq!(tree.update_all(&[]), Err(TreeError::WrongLength { given: 0, len: 1 }));
}

proptest! {
    /// Pushing the same leaves gives the incremental tree's root; updates and paths agree.
    #[test]
    fn agrees_with_incremental_tree(raw in proptest::collection::vec(any::<[u8; 32]>(), 1..33), new in any::<[u8; 32]>()) {
        let mut full = FullMerkle::new(EMPTY_LEAF_HASH);
        let mut inc = IncrementalMerkle::new(EMPTY_LEAF_HASH);
        for leaf in &raw {
            let root = full.push(B256::from(*leaf));
            prop_assert_eq!(root, inc.push(B256::from(*leaf)).1);
        }
        let i = raw.len() / 2;
        let root = full.update_leaf(i, B256::from(new)).expect("in range");
        let path = full.proof(i).expect("in range");
        prop_assert_eq!(calculate_root(&path, U256::from(i), B256::from(new)), Ok(root));
        let mut leaves = full.leaves().to_vec();
        leaves.reverse();
        let root = full.update_all(&leaves).expect("same length");
        prop_assert_eq!(calculate_root(&full.proof(0).expect("leaf"), U256::ZERO, leaves[0]), Ok(root));
    }
}
