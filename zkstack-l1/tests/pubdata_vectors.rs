//! Byte-exact checks of `pubdata` and `log_tree` against Matter Labs' own test vectors.
//!
//! The vectors live in published crates (version `29.13.0-non-semver-compat`), fetched at test time
//! with `cargo info` into a cache (see `support/`) and never committed:
//! - zksync_types `src/commitment/tests/*.json`: state diffs, their compressed form and hash, L2→L1
//!   logs and the log tree roots, per protocol version;
//! - zksync_multivm `src/pubdata_builders/tests.rs`: L1Messenger operator input and settlement-layer
//!   pubdata before and after the Gateway upgrade, rollup and no-DA;
//! - zksync_multivm `src/utils/bytecode.rs`: a real EraVM bytecode for compression;
//! - zksync_mini_merkle_tree `src/tests.rs`: roots and Merkle paths.
//!
//! Without network access to the registry the tests print a loud notice and pass vacuously.

use std::path::{Path, PathBuf};

use serde_json::Value;
use zkstack_l1::{
    Address, B256, L2ToL1Log, ProtocolVersionId, U256,
    log_tree::{self, LogTree},
    pubdata::{
        CompressedStateDiffs, Pubdata, PubdataInput, SlotRef, StateDiffRecord, commit,
        compress_bytecode, compress_state_diffs, decompress_bytecode, pubdata_from_commit,
        state_diffs_hash, verify_compressed_bytecode, verify_compressed_state_diffs,
    },
};

mod support;

const VERSION: &str = "29.13.0-non-semver-compat";

/// Unpacks `name@VERSION` from crates.io (once) and returns its root, or `None` after a loud notice.
fn vector_crate(name: &str) -> Option<PathBuf> {
    support::registry_crate(&format!("{name}@{VERSION}"))
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn u256(v: &Value) -> U256 {
    let s = v.as_str().expect("hex string");
    U256::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex number")
}

fn b256(v: &Value) -> B256 {
    v.as_str().expect("hex string").parse().expect("32-byte hex")
}

fn bytes(v: &Value) -> Vec<u8> {
    v.as_array().expect("byte array").iter().map(|b| b.as_u64().expect("byte") as u8).collect()
}

fn version(v: &Value) -> ProtocolVersionId {
    let s = v.as_str().expect("version string");
    ProtocolVersionId::new(s.trim_start_matches("Version").parse().expect("number")).expect("known")
}

fn log(v: &Value) -> L2ToL1Log {
    L2ToL1Log {
        shard_id: v["shard_id"].as_u64().expect("shard") as u8,
        is_service: v["is_service"].as_bool().expect("bool"),
        tx_number_in_block: v["tx_number_in_block"].as_u64().expect("tx") as u16,
        sender: v["sender"].as_str().expect("sender").parse::<Address>().expect("address"),
        key: b256(&v["key"]),
        value: b256(&v["value"]),
    }
}

fn record(v: &Value) -> StateDiffRecord {
    StateDiffRecord {
        address: v["address"].as_str().expect("address").parse().expect("address"),
        key: u256(&v["key"]),
        derived_key: B256::from_slice(&bytes(&v["derived_key"])),
        enumeration_index: v["enumeration_index"].as_u64().expect("index"),
        initial_value: u256(&v["initial_value"]),
        final_value: u256(&v["final_value"]),
    }
}

/// zksync_types commitment vectors: compressed state diffs, state-diff hash and log roots.
#[test]
fn commitment_vectors() {
    let Some(dir) = vector_crate("zksync_types") else { return };
    let mut checked = 0;
    for name in [
        "post_boojum_1_4_1_test",
        "post_boojum_1_4_2_test",
        "post_boojum_1_5_0_test",
        "post_boojum_1_5_0_test_with_evm",
        "post_gateway_test",
    ] {
        let json: Value =
            serde_json::from_str(&read(&dir, &format!("src/commitment/tests/{name}.json")))
                .expect("json");
        let input = &json["input"]["PostBoojum"];
        let output = &json["auxiliary_output"]["PostBoojum"];
        let version = version(&input["common"]["protocol_version"]);
        let records: Vec<StateDiffRecord> =
            input["state_diffs"].as_array().expect("diffs").iter().map(record).collect();

        // Compression and hash, byte-exact.
        let expected = bytes(&output["state_diffs_compressed"]);
        assert_eq!(
            compress_state_diffs(&records).expect("compresses"),
            expected,
            "{name}: compression"
        );
        assert_eq!(state_diffs_hash(&records), b256(&output["state_diffs_hash"]), "{name}: hash");

        // Decompression back to every final value, given the previous values.
        let decoded = CompressedStateDiffs::decode_exact(&expected).expect("decodes");
        assert_eq!(decoded.encode().expect("re-encodes"), expected, "{name}: re-encoding");
        let values = decoded
            .decompress(|slot| {
                records
                    .iter()
                    .find(|r| match slot {
                        SlotRef::Initial(key) => r.is_initial() && r.derived_key == key,
                        SlotRef::Repeated(index) => r.enumeration_index == index,
                    })
                    .map(|r| r.initial_value)
            })
            .expect("resolves");
        let mut sorted = records.clone();
        sorted.sort_by_key(|r| (r.address, r.key));
        let (initial, repeated): (Vec<&StateDiffRecord>, Vec<&StateDiffRecord>) =
            sorted.iter().partition(|r| r.is_initial());
        assert_eq!(values.initial.len(), initial.len());
        for (write, r) in values.initial.iter().zip(&initial) {
            assert_eq!((write.derived_key, write.value), (r.derived_key, r.final_value), "{name}");
        }
        for (write, r) in values.repeated.iter().zip(&repeated) {
            assert_eq!((write.index, write.value), (r.enumeration_index, r.final_value), "{name}");
        }
        assert_eq!(
            verify_compressed_state_diffs(&sorted, 4, &expected[5..]),
            Ok(state_diffs_hash(&sorted)),
            "{name}: Compressor.sol check"
        );

        // Log tree: local root, then the committed root (with the aggregation root from Gateway on).
        let logs: Vec<L2ToL1Log> =
            input["common"]["l2_to_l1_logs"].as_array().expect("logs").iter().map(log).collect();
        let local = LogTree::from_logs(&logs, version).expect("tree").root();
        assert_eq!(local, b256(&output["local_root"]), "{name}: local root");
        assert_eq!(
            log_tree::batch_logs_root(version, local, b256(&output["aggregation_root"])),
            b256(&output["common"]["l2_l1_logs_merkle_root"]),
            "{name}: committed logs root"
        );
        checked += 1;
    }

    // Pre-Boojum: 512-leaf tree.
    let json: Value =
        serde_json::from_str(&read(&dir, "src/commitment/tests/pre_boojum_test.json"))
            .expect("json");
    let input = &json["input"]["PreBoojum"];
    let logs: Vec<L2ToL1Log> =
        input["common"]["l2_to_l1_logs"].as_array().expect("logs").iter().map(log).collect();
    let version = version(&input["common"]["protocol_version"]);
    assert_eq!(
        LogTree::from_logs(&logs, version).expect("tree").root(),
        b256(&json["auxiliary_output"]["PreBoojum"]["common"]["l2_l1_logs_merkle_root"]),
        "pre-boojum logs root"
    );
    assert_eq!(checked, 5);
}

/// Every `let expected = "…";` string of a Rust source, in order.
fn expected_strings(source: &str) -> Vec<String> {
    source
        .split("let expected = \"")
        .skip(1)
        .map(|rest| rest.split('"').next().expect("closing quote").to_owned())
        .collect()
}

#[path = "support/multivm_mock_input.rs"]
mod multivm_mock_input;
use multivm_mock_input::mock_input;

/// zksync_multivm pubdata builder vectors, before (v24) and after (v27) the Gateway upgrade.
#[test]
fn pubdata_builder_vectors() {
    let Some(dir) = vector_crate("zksync_multivm") else { return };
    let expected = expected_strings(&read(&dir, "src/pubdata_builders/tests.rs"));
    assert_eq!(expected.len(), 6, "vector file layout changed");
    let input = mock_input();
    let (v24, v27) =
        (ProtocolVersionId::new(24).expect("v24"), ProtocolVersionId::new(27).expect("v27"));
    let hex = |b: Vec<u8>| hex::encode(b);

    assert_eq!(hex(input.l1_messenger_operator_input(v24).expect("v24 input")), expected[0]);
    assert_eq!(hex(input.settlement_layer_pubdata().expect("pubdata")), expected[1]);
    assert_eq!(hex(input.l1_messenger_operator_input(v27).expect("v27 input")), expected[2]);
    assert_eq!(hex(input.settlement_layer_pubdata().expect("pubdata")), expected[3]);
    assert_eq!(hex(input.hashed_operator_input(v27).expect("hashed input")), expected[4]);
    assert_eq!(hex::encode(input.hashed_settlement_layer_pubdata()), expected[5]);

    // Decoding the reference pubdata gives back the parts, and re-encodes to the same bytes.
    let reference = hex::decode(&expected[3]).expect("hex");
    let pubdata = Pubdata::decode(&reference).expect("decodes");
    assert_eq!(pubdata.l2_to_l1_logs, input.user_logs);
    assert_eq!(pubdata.messages, input.messages);
    assert_eq!(pubdata.bytecodes, input.bytecodes);
    assert_eq!(pubdata.encode().expect("encodes"), reference);
    let values = pubdata
        .state_diffs
        .decompress(|slot| match slot {
            SlotRef::Initial(_) => Some(U256::ZERO),
            SlotRef::Repeated(12) => Some(U256::from(11u8)),
            SlotRef::Repeated(_) => None,
        })
        .expect("resolves");
    assert_eq!(values.initial[0].value, U256::from(14u8));
    assert_eq!(values.repeated[0].value, U256::from(12u8));

    // The same pubdata through a v27 calldata commit and a v24 `pubdataCommitments`.
    let da = commit::encode_rollup_calldata_da_input(
        state_diffs_hash(&input.state_diffs),
        &reference,
        B256::ZERO,
    )
    .expect("encodes");
    assert_eq!(pubdata_from_commit(&da, v27), Ok(pubdata.clone()));
    let mut pre = vec![0u8];
    pre.extend(&reference);
    pre.extend([0u8; 32]);
    assert_eq!(pubdata_from_commit(&pre, v24), Ok(pubdata));
}

/// A real EraVM bytecode from zksync_multivm `utils/bytecode.rs` compresses, decompresses and passes the contract's checks.
#[test]
fn bytecode_vector() {
    let Some(dir) = vector_crate("zksync_multivm") else { return };
    let source = read(&dir, "src/utils/bytecode.rs");
    let body = source.split("fn bytecode_compression()").nth(1).expect("test present");
    let code_hex =
        body.split("hex::decode(\"").nth(1).and_then(|s| s.split('"').next()).expect("hex literal");
    let code = hex::decode(code_hex).expect("hex");
    let compressed = compress_bytecode(&code).expect("compresses");
    assert_eq!(decompress_bytecode(&compressed), Ok(code.clone()));
    assert!(verify_compressed_bytecode(&code, &compressed).is_ok());
    assert!(compressed.len() < code.len());
}

/// All `0x…` 32-byte hex literals in the body of `fn name` of a Rust source.
fn hashes_in_fn(source: &str, name: &str) -> Vec<B256> {
    let body = source.split(&format!("fn {name}()")).nth(1).expect("fn present");
    let body = body.split("\n#[test]").next().expect("body");
    body.split("\"0x").skip(1).map(|s| format!("0x{}", &s[..64]).parse().expect("hash")).collect()
}

/// zksync_mini_merkle_tree snapshot roots and paths.
#[test]
fn mini_merkle_tree_vectors() {
    let Some(dir) = vector_crate("zksync_mini_merkle_tree") else { return };
    let source = read(&dir, "src/tests.rs");
    let leaves = |range: std::ops::RangeInclusive<u8>| -> Vec<B256> {
        range.map(|b| alloy_primitives::keccak256([b; 88])).collect()
    };

    let h = hashes_in_fn(&source, "single_item_tree_snapshot");
    let tree = LogTree::new(leaves(1..=1), 32).expect("tree");
    assert_eq!((tree.root(), tree.proof(0).expect("proof")), (h[0], h[1..].to_vec()));

    let h = hashes_in_fn(&source, "full_tree_snapshot");
    let tree = LogTree::new(leaves(1..=32), 1).expect("tree");
    assert_eq!((tree.root(), tree.proof(2).expect("proof")), (h[0], h[1..].to_vec()));

    let h = hashes_in_fn(&source, "partial_tree_snapshot");
    let tree = LogTree::new(leaves(1..=50), 1).expect("tree");
    assert_eq!(tree.root(), h[0]);
    assert_eq!(tree.proof(10).expect("proof"), h[1..7].to_vec());
    assert_eq!(tree.proof(49).expect("proof"), h[7..13].to_vec());
    assert!(log_tree::verify_proof(tree.leaves()[49], 49, &h[7..13], h[0]));
}
