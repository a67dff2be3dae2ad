//! The pubdata builder against zksync-era, and its collection of state diffs.
//!
//! Expected bytes: `zksync_multivm@29.13.0-non-semver-compat` `src/pubdata_builders/tests.rs`
//! (`let expected = "…"` strings: L1Messenger operator input and settlement-layer pubdata for the
//! rollup builder at v24 and v27, and for the no-DA (hashed) builder at v27), parsed from the crate
//! fetched at test time; its `mock_input` is transcribed below. The collection rules (filter,
//! order, enumeration indices) follow multivm `vm_fast::Vm::compute_state_diffs`.

use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::SolValue;
use proptest::prelude::*;
use zkstack_bootloader::l1::pubdata::{Pubdata, PubdataInput, SlotRef, StateDiffRecord};
use zkstack_bootloader::l1::system_logs::L1_MESSENGER_ADDRESS;
use zkstack_bootloader::l1::{L2ToL1Log, ProtocolVersionId};
use zkstack_bootloader::pubdata_builder::{
    DaMode, PubdataBuilder, StorageChange, state_diff_records_from_tree, tree_writes,
};
use zkstack_bootloader::state_tree::{StateTree, TreeKey, TreeLog};

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;

#[path = "../../zkstack-l1/tests/support/multivm_mock_input.rs"]
mod multivm_mock_input;
use multivm_mock_input::mock_input;

#[test]
fn multivm_builder_vectors() {
    let Some(dir) = support::registry_crate("zksync_multivm@29.13.0-non-semver-compat") else {
        return;
    };
    let source =
        std::fs::read_to_string(dir.join("src/pubdata_builders/tests.rs")).expect("tests.rs");
    let expected: Vec<String> = source
        .split("let expected = \"")
        .skip(1)
        .map(|rest| rest.split('"').next().expect("closing quote").to_owned())
        .collect();
    assert_eq!(expected.len(), 6, "vector file layout changed");
    let input = mock_input();
    let (v24, v27) =
        (ProtocolVersionId::new(24).expect("v24"), ProtocolVersionId::new(27).expect("v27"));
    let validator = Address::repeat_byte(0xda);
    let rollup = PubdataBuilder::rollup(validator);
    let no_da = PubdataBuilder::no_da_validium(validator);
    let hex = |r: Result<Vec<u8>, _>| hex::encode(r.expect("builds"));

    assert_eq!(hex(rollup.l1_messenger_operator_input(&input, v24)), expected[0]);
    assert_eq!(hex(rollup.settlement_layer_pubdata(&input, v24)), expected[1]);
    assert_eq!(hex(rollup.l1_messenger_operator_input(&input, v27)), expected[2]);
    assert_eq!(hex(rollup.settlement_layer_pubdata(&input, v27)), expected[3]);
    assert_eq!(hex(no_da.l1_messenger_operator_input(&input, v27)), expected[4]);
    assert_eq!(hex(no_da.settlement_layer_pubdata(&input, v27)), expected[5]);
    // Before the Gateway upgrade every chain builds as a rollup.
    assert_eq!(no_da.effective_mode(v24), DaMode::Rollup);
    assert_eq!(hex(no_da.l1_messenger_operator_input(&input, v24)), expected[0]);

    // The v27 input is `validatePubdata(header…, bytes)`: the header words are ours.
    let header = rollup.l2_da_header(&input, v27).expect("header");
    let v27_input = hex::decode(&expected[2]).expect("hex");
    for (i, word) in header.iter().enumerate() {
        assert_eq!(&v27_input[4 + 32 * i..4 + 32 * (i + 1)], word.as_slice(), "header word {i}");
    }

    // Bootloader memory: `abi.encode(validator, input)` after the selector word from v26 on;
    // `abi.encode(input)` less its head word, after two words, before.
    let memory = rollup.bootloader_memory(&input, v27).expect("memory");
    assert_eq!(memory.skipped_words, 1);
    let bytes: Vec<u8> = memory.words.iter().flat_map(U256::to_be_bytes::<32>).collect();
    let (address, operator_input) = <(Address, Bytes)>::abi_decode_params(&bytes).expect("decodes");
    assert_eq!((address, operator_input.to_vec()), (validator, v27_input));
    let memory = rollup.bootloader_memory(&input, v24).expect("memory");
    assert_eq!(memory.skipped_words, 2);
    let mut bytes = U256::from(32u8).to_be_bytes::<32>().to_vec();
    bytes.extend(memory.words.iter().flat_map(U256::to_be_bytes::<32>));
    assert_eq!(hex::encode(Bytes::abi_decode(&bytes).expect("decodes")), expected[0]);
}

fn arb_change() -> impl Strategy<Value = StorageChange> {
    let address = prop_oneof![Just(L1_MESSENGER_ADDRESS), (1u8..4).prop_map(Address::repeat_byte),];
    (address, 0u64..6, 0u64..3, 0u64..3).prop_map(|(address, key, a, b)| StorageChange {
        address,
        key: U256::from(key),
        initial_value: U256::from(a),
        final_value: U256::from(b),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Records are filtered, sorted and numbered as zksync-era does; their compressed pubdata
    /// decompresses back to every final value; applying them to the tree numbers the initial
    /// writes in record order.
    #[test]
    fn collection_and_compression_round_trip(
        existing in proptest::collection::vec(arb_change(), 0..10),
        changes in proptest::collection::vec(arb_change(), 0..24),
    ) {
        let mut tree = StateTree::in_memory();
        let earlier: Vec<(TreeKey, B256)> = existing
            .iter()
            .map(|c| (TreeKey::from_derived_key(c.derived_key()), B256::from(c.initial_value)))
            .collect();
        tree.apply_batch(&earlier).expect("tree");
        let records = state_diff_records_from_tree(changes.clone(), &tree).expect("records");

        // The last entry per slot decides; unchanged slots and the L1Messenger are left out.
        let mut last: BTreeMap<(Address, U256), StorageChange> = BTreeMap::new();
        for c in &changes {
            last.insert((c.address, c.key), *c);
        }
        let kept: Vec<&StorageChange> = last
            .values()
            .filter(|c| c.initial_value != c.final_value && c.address != L1_MESSENGER_ADDRESS)
            .collect();
        prop_assert_eq!(records.len(), kept.len());
        for (record, change) in records.iter().zip(kept) {
            prop_assert_eq!((record.address, record.key), (change.address, change.key));
            let leaf = tree.get(TreeKey::from_derived_key(record.derived_key)).expect("tree");
            prop_assert_eq!(record.enumeration_index, leaf.map_or(0, |l| l.leaf_index));
        }

        // Compression round trip through the published bytes.
        let input = PubdataInput { state_diffs: records.clone(), ..PubdataInput::default() };
        let bytes = PubdataBuilder::rollup(Address::ZERO)
            .settlement_layer_pubdata(&input, ProtocolVersionId::GATEWAY)
            .expect("builds");
        let decoded = Pubdata::decode(&bytes).expect("decodes");
        let values = decoded
            .state_diffs
            .decompress(|slot| {
                records.iter().find(|r| match slot {
                    SlotRef::Initial(key) => r.is_initial() && r.derived_key == key,
                    SlotRef::Repeated(index) => r.enumeration_index == index,
                }).map(|r| r.initial_value)
            })
            .expect("resolves");
        let mut finals: Vec<(B256, U256)> = values.initial.iter().map(|w| (w.derived_key, w.value)).collect();
        for write in &values.repeated {
            let r = records.iter().find(|r| r.enumeration_index == write.index).expect("known index");
            finals.push((r.derived_key, write.value));
        }
        let mut expected: Vec<(B256, U256)> = records.iter().map(|r| (r.derived_key, r.final_value)).collect();
        finals.sort();
        expected.sort();
        prop_assert_eq!(finals, expected);

        // The tree numbers the batch's initial writes in record order.
        let before = tree.leaf_count().expect("tree");
        let out = tree.apply_batch(&tree_writes(&records)).expect("tree");
        let mut next = before;
        for (record, log) in records.iter().zip(&out.logs) {
            if record.is_initial() {
                next += 1;
                prop_assert_eq!(*log, TreeLog::Inserted { leaf_index: next });
            } else {
                prop_assert_eq!(log.leaf_index(), record.enumeration_index);
            }
        }
    }
}
