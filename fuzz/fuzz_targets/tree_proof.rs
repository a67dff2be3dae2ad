//! State-tree proof verification (`zkstack_bootloader::state_tree::TreeProof`) against the root
//! of a small tree built from the input.
//!
//! What must hold:
//! - `verify`, `root_hash` and `full_merkle_path` on any proof (any key, leaf, path length,
//!   including paths longer than the tree is deep) return a value or a `ProofError`, never
//!   panic;
//! - a proof that verifies against the tree's root says what the tree holds at its key: the
//!   same leaf, or for an absent key no leaf or the vacant leaf (index 0, value 0). Forging one
//!   would need a Blake2s collision, so a failure here is a bug in folding or proving;
//! - the tree's own proof of every key verifies;
//! - JSON text read as a `TreeProof` (as a proof arrives from outside) is either an error or a
//!   proof for which the above holds.
//!
//! Input: 1 byte mode, 1 byte write count (at most 15), two bytes per write (the key's top byte
//! and the value's low byte: short keys make shared prefixes likely), then the proof: in mode 0
//! JSON text, in mode 1 edits of the tree's own proof of a written key, in mode 2 byte edits of
//! that proof's JSON text, otherwise a key selector, leaf and raw path words.
#![no_main]

use alloy_primitives::{B256, U256};
use libfuzzer_sys::fuzz_target;
use zkstack_bootloader::state_tree::{Leaf, StateTree, TreeKey, TreeProof};

fn key(top: u8, low: u8) -> TreeKey {
    TreeKey(U256::from(top) << 248 | U256::from(low))
}

fn word(bytes: &[u8]) -> B256 {
    let mut out = [0u8; 32];
    let n = bytes.len().min(32);
    out[32 - n..].copy_from_slice(&bytes[..n]);
    B256::from(out)
}

fn check(tree: &StateTree, root: B256, proof: &TreeProof) {
    let _ = proof.full_merkle_path();
    let _ = proof.root_hash();
    if proof.verify(root).is_err() {
        return;
    }
    let held = tree.get(proof.key).ok().flatten();
    match (proof.leaf, held) {
        (None, None) => {}
        (Some(claimed), Some(actual)) => assert_eq!(claimed, actual, "forged leaf verified"),
        (Some(claimed), None) => assert_eq!(claimed, Leaf::default(), "leaf of absent key"),
        (None, Some(actual)) => panic!("absence verified for a held key: {actual:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let [mode, count, rest @ ..] = data else { return };
    let count = usize::from(count % 16);
    if rest.len() < count * 2 {
        return;
    }
    let (writes, proof_bytes) = rest.split_at(count * 2);
    let writes: Vec<(TreeKey, B256)> =
        writes.chunks_exact(2).map(|w| (key(w[0], w[1]), word(&[w[1], w[0]]))).collect();
    let mut tree = StateTree::in_memory();
    if !writes.is_empty() {
        tree.apply_batch(&writes).expect("in-memory tree applies a batch");
    }
    let root = tree.root_hash().expect("in-memory tree has a root");
    for (k, _) in &writes {
        let own = tree.proof(*k).expect("tree proves its own key");
        assert!(own.verify(root).is_ok(), "own proof of {k:?} fails");
        check(&tree, root, &own);
    }
    let own = |pick: u8| {
        tree.proof(writes.get(usize::from(pick) % writes.len().max(1)).map_or(key(0, 0), |w| w.0))
    };
    match mode % 4 {
        0 => {
            if let Ok(proof) = serde_json::from_slice::<TreeProof>(proof_bytes) {
                check(&tree, root, &proof);
            }
        }
        1 => {
            // Edit the tree's own proof of a written key (or of key 0): each 3-byte edit
            // picks what to change, where, and the new byte.
            let [pick, edits @ ..] = proof_bytes else { return };
            let Ok(mut proof) = own(*pick) else { return };
            for edit in edits.chunks_exact(3) {
                let (at, byte) = (usize::from(edit[1]), edit[2]);
                match edit[0] % 6 {
                    0 => {
                        let len = proof.merkle_path.len();
                        if let Some(hash) = proof.merkle_path.get_mut(at % len.max(1)) {
                            hash.0[at % 32] ^= byte.max(1);
                        }
                    }
                    1 => {
                        let _ = proof.merkle_path.pop();
                    }
                    2 => proof.merkle_path.push(word(&[byte])),
                    3 => {
                        let leaf = proof.leaf.get_or_insert_with(Leaf::default);
                        leaf.leaf_index ^= u64::from(byte);
                    }
                    4 => proof.leaf = if byte & 1 == 0 { None } else { Some(Leaf::default()) },
                    _ => proof.key = TreeKey(proof.key.0 ^ (U256::from(byte) << (at % 256))),
                }
            }
            check(&tree, root, &proof);
        }
        2 => {
            // Overwrite bytes of the JSON text: [position (2 bytes), new byte] each.
            let [pick, edits @ ..] = proof_bytes else { return };
            let Ok(proof) = own(*pick) else { return };
            let Ok(mut text) = serde_json::to_vec(&proof) else { return };
            for edit in edits.chunks_exact(3) {
                let at = usize::from(u16::from_be_bytes([edit[0], edit[1]])) % text.len();
                text[at] = edit[2];
            }
            if let Ok(proof) = serde_json::from_slice::<TreeProof>(&text) {
                check(&tree, root, &proof);
            }
        }
        _ => {
            let [selector, has_leaf, index, value, path @ ..] = proof_bytes else { return };
            let key = match writes.get(usize::from(*selector)) {
                Some((k, _)) => *k,
                None => key(*selector, *index),
            };
            let leaf = (has_leaf & 1 != 0)
                .then(|| Leaf { leaf_index: u64::from(*index), value: word(&[*value]) });
            let merkle_path = path.chunks(32).map(word).collect();
            check(&tree, root, &TreeProof { key, leaf, merkle_path });
        }
    }
});
