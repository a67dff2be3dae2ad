//! The state tree against zksync-era's own Merkle tree vectors.
//!
//! Every expected root, path and key comes from the published crate
//! `zksync_merkle_tree@29.13.0-non-semver-compat`, fetched at test time (see zkstack-l1's
//! `tests/support`) and never committed:
//! - `src/hasher/mod.rs` `empty_tree_hash_is_as_expected`, `leaf_is_hashed_as_expected`;
//! - `tests/integration/merkle_tree.rs` `test_root_hash_equals_to_previous_implementation`;
//! - `tests/integration/domain.rs` `root_hash_compatibility` (and the 100-write workflow its
//!   `basic_workflow*` tests pin to the same root in one batch, 9 per batch and one per batch);
//! - `tests/integration/snapshots/integration__domain__log-metadata-{full,list-short}.snap`: the
//!   root after each write and the Merkle paths of the `witness_workflow` test.
//!
//! The inputs (addresses, slots, values) are transcribed from those tests. Without the registry
//! the tests print a loud SKIP and pass vacuously.

use std::path::{Path, PathBuf};

use alloy_primitives::{Address, B256, U256, address};
use zkstack_bootloader::state_tree::{
    MemoryStore, StateTree, TreeKey, TreeLog, empty_tree_hash, hasher,
};

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

fn merkle_tree_crate() -> Option<PathBuf> {
    support::registry_crate("zksync_merkle_tree@29.13.0-non-semver-compat")
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The body of `fn name` in a Rust source (up to the next test or top-level item).
fn fn_body<'a>(source: &'a str, name: &str) -> &'a str {
    let rest = source.split(&format!("fn {name}(")).nth(1).unwrap_or_else(|| panic!("fn {name}"));
    rest.split("\n#[").next().expect("body").split("\nfn ").next().expect("body")
}

/// Every `H256([b0, b1, …])` literal with 32 listed bytes in `text`, in order (`H256([1; 32])`
/// and the like are skipped).
fn h256_literals(text: &str) -> Vec<B256> {
    text.split("H256([")
        .skip(1)
        .filter_map(|rest| {
            let list = rest.split("])").next()?;
            let bytes: Result<Vec<u8>, _> =
                list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::parse).collect();
            bytes.ok().filter(|b| b.len() == 32).map(|b| B256::from_slice(&b))
        })
        .collect()
}

fn word(n: u64) -> B256 {
    B256::from(U256::from(n))
}

/// `gen_storage_logs` of domain.rs (the same entries as merkle_tree.rs's previous-implementation
/// test): 20 slots of each of 5 addresses, values 0..100 in order.
fn hundred_writes() -> Vec<(TreeKey, B256)> {
    let addresses = [
        address!("4b3af74f66ab1f0da3f2e4ec7a3cb99baf1af7b2"),
        address!("ef4bb7b21c5fe7432a7d63876cc59ecc23b46636"),
        address!("89b8988a018f5348f52eeac77155a793adf03ecc"),
        address!("782806db027c08d36b2bed376b4271d1237626b3"),
        address!("b2b57b76717ee02ae1327cc3cf1f40e76f692311"),
    ];
    addresses
        .iter()
        .flat_map(|&a| (0..20).map(move |i| TreeKey::for_slot(a, word(i))))
        .zip((0..100).map(word))
        .collect()
}

#[test]
fn empty_and_single_leaf_roots() {
    let Some(dir) = merkle_tree_crate() else { return };
    let source = read(&dir, "src/hasher/mod.rs");
    let empty = h256_literals(fn_body(&source, "empty_tree_hash_is_as_expected"));
    assert_eq!(empty_tree_hash(), empty[0]);
    assert_eq!(StateTree::<MemoryStore>::default().root_hash().expect("root"), empty[0]);

    // One leaf: slot 0 of 0x4b3a…, index 1, value [1; 32]; its hash folded to the root.
    let leaf = h256_literals(fn_body(&source, "leaf_is_hashed_as_expected"));
    let mut tree = StateTree::<MemoryStore>::default();
    let key = TreeKey::for_slot(address!("4b3af74f66ab1f0da3f2e4ec7a3cb99baf1af7b2"), B256::ZERO);
    let out = tree.apply_batch(&[(key, B256::repeat_byte(1))]).expect("applies");
    assert_eq!(out.logs, [TreeLog::Inserted { leaf_index: 1 }]);
    assert_eq!(out.root_hash, leaf[0]);
    let also = h256_literals(fn_body(
        &read(&dir, "tests/integration/merkle_tree.rs"),
        "compute_tree_hash_works_correctly",
    ));
    assert_eq!(out.root_hash, also[0]);
}

#[test]
fn hundred_writes_root_in_any_batching() {
    let Some(dir) = merkle_tree_crate() else { return };
    let source = read(&dir, "tests/integration/merkle_tree.rs");
    let expected =
        h256_literals(fn_body(&source, "test_root_hash_equals_to_previous_implementation"))[0];
    let domain = read(&dir, "tests/integration/domain.rs");
    for name in
        ["basic_workflow", "basic_workflow_multiblock", "tree_with_single_leaf_works_correctly"]
    {
        assert_eq!(h256_literals(fn_body(&domain, name))[0], expected, "{name} pins the same root");
    }
    let writes = hundred_writes();
    for chunk in [100, 9, 1] {
        let mut tree = StateTree::<MemoryStore>::default();
        for batch in writes.chunks(chunk) {
            tree.apply_batch(batch).expect("applies");
        }
        assert_eq!(tree.root_hash().expect("root"), expected, "batches of {chunk}");
        // `basic_workflow`: rollup_last_leaf_index 101.
        assert_eq!(tree.leaf_count().expect("count") + 1, 101);
        for (i, (key, value)) in writes.iter().enumerate() {
            let leaf = tree.get(*key).expect("reads").expect("present");
            assert_eq!((leaf.leaf_index, leaf.value), (i as u64 + 1, *value));
            tree.proof(*key).expect("proof").verify(expected).expect("verifies");
        }
    }
}

#[test]
fn root_hash_compatibility() {
    let Some(dir) = merkle_tree_crate() else { return };
    let expected = h256_literals(fn_body(
        &read(&dir, "tests/integration/domain.rs"),
        "root_hash_compatibility",
    ));
    assert_eq!(expected[0], empty_tree_hash());
    let low = |n: u64| Address::left_padding_from(&n.to_be_bytes());
    let max_minus = |d: u8| {
        let mut v = [0xff; 32];
        v[31] -= d;
        B256::from(v)
    };
    let mut writes = vec![(
        TreeKey::for_slot(address!("0000000000000000000000000000000000008002"), B256::ZERO),
        B256::repeat_byte(1),
    )];
    for i in 0..5u8 {
        writes.push((
            TreeKey::for_slot(
                low(9_223_372_036_854_775_808 + u64::from(i)),
                B256::repeat_byte(254 - i),
            ),
            max_minus(i + 1),
        ));
    }
    let mut tree = StateTree::<MemoryStore>::default();
    let out = tree.apply_batch(&writes).expect("applies");
    assert_eq!(out.root_hash, expected[1]);
    let indices: Vec<u64> = out.logs.iter().map(TreeLog::leaf_index).collect();
    assert_eq!(indices, [1, 2, 3, 4, 5, 6]);
}

/// One write of a witness snapshot.
struct Witness {
    root_hash: B256,
    merkle_paths: Vec<B256>,
    key: TreeKey,
    leaf_index: u64,
}

fn hex32(s: &str) -> B256 {
    s.trim().trim_matches('"').parse().expect("32-byte hex")
}

/// Reads the `StorageLogMetadataSnapshot` YAML list (or single item) of an insta snapshot.
fn witnesses(snapshot: &str) -> Vec<Witness> {
    let body = snapshot.split("\n---\n").nth(1).expect("snapshot body");
    let mut out: Vec<Witness> = Vec::new();
    for line in body.lines() {
        let line = line.trim().trim_start_matches("- ").trim();
        if let Some(v) = line.strip_prefix("root_hash:") {
            out.push(Witness {
                root_hash: hex32(v),
                merkle_paths: vec![],
                key: TreeKey::default(),
                leaf_index: 0,
            });
        } else if let Some(v) = line.strip_prefix("leaf_hashed_key:") {
            let w = out.last_mut().expect("record");
            w.key = TreeKey(U256::from_be_bytes(hex32(v).0));
        } else if let Some(v) = line.strip_prefix("leaf_enumeration_index:") {
            out.last_mut().expect("record").leaf_index = v.trim().parse().expect("index");
        } else if line.len() == 64 && line.bytes().all(|b| b.is_ascii_hexdigit()) {
            out.last_mut().expect("record").merkle_paths.push(hex32(line));
        }
    }
    out
}

#[test]
fn witness_snapshots() {
    let Some(dir) = merkle_tree_crate() else { return };
    let snapshots = "tests/integration/snapshots/integration__domain__log-metadata";
    let short = witnesses(&read(&dir, &format!("{snapshots}-list-short.snap")));
    let full = witnesses(&read(&dir, &format!("{snapshots}-full.snap")));
    let writes = hundred_writes();
    assert_eq!(short.len(), 50);
    // The witness is taken write by write within one batch: the path of write i is the tree
    // after writes 0..=i, which is the state after i + 1 single-write batches.
    let mut tree = StateTree::<MemoryStore>::default();
    for (i, (write, witness)) in writes.iter().zip(&short).enumerate() {
        let out = tree.apply_batch(std::slice::from_ref(write)).expect("applies");
        assert_eq!(witness.key, write.0, "write {i}: key derivation");
        assert_eq!(witness.leaf_index, i as u64 + 1);
        assert_eq!(out.root_hash, witness.root_hash, "write {i}: root");
        let proof = tree.proof(write.0).expect("proof");
        let path = proof.full_merkle_path().expect("path");
        assert_eq!(path[248..], witness.merkle_paths[..], "write {i}: top of the path");
        proof.verify(out.root_hash).expect("verifies");
        if i == 49 {
            assert_eq!(path, full[0].merkle_paths, "full path of the last write");
            assert_eq!(full[0].root_hash, out.root_hash);
        }
    }
    // The first half applied as one batch gives the last witness root too.
    let mut one = StateTree::<MemoryStore>::default();
    assert_eq!(one.apply_batch(&writes[..50]).expect("applies").root_hash, full[0].root_hash);
    assert_eq!(hasher::empty_subtree_hash(0), hasher::leaf_hash(0, &B256::ZERO));
}
