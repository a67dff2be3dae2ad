//! The native fill-ins for the v26 kernel contracts, each called through a real EraVM far call
//! from assembled bytecode (see `natives/harness.rs`).
//!
//! Where the expected values come from:
//! - selectors, event signatures and custom errors: the contracts' declarations (era-contracts
//!   v26, commit 16dedf6d7), encoded with `sol!`;
//! - chained hashes, log-tree root, state-diff hash, compressed bytecodes, the rollup DA output:
//!   zkstack-l1's pubdata format (`PubdataInput`, `RollupDaHeader`, `LogTree`), which its own
//!   tests check byte for byte against zksync-era's commitment and pubdata-builder vectors;
//! - event words: the EventWriter.yul rules; system-log keys: `SystemLogKey` of Constants.sol;
//! - BN254: the curve's generator 2G (EIP-196 test vector) and the bilinearity identity
//!   e(P, Q)·e(−P, Q) = 1 (EIP-197).

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

#[path = "natives/harness.rs"]
mod harness;

use alloy_primitives::{Address, B256, Bytes, U256, address, keccak256};
use alloy_sol_types::{SolCall, SolError, SolEvent};
use harness::{Outcome, START_ERGS, call, call_counting_pubdata, world};
use zkstack_bootloader::natives::addresses::{
    BOOTLOADER, CODE_ORACLE, COMPLEX_UPGRADER, COMPRESSOR, EC_ADD, EC_MUL, EC_PAIRING,
    EVENT_WRITER, KNOWN_CODES_STORAGE, L1_MESSENGER,
};
use zkstack_bootloader::natives::errors::{
    CallerMustBeBootloader, CallerMustBeSystemContract, EncodedAndRealBytecodeChunkNotEqual,
    IComplexUpgrader, ICompressor, IKnownCodesStorage, IL1Messenger, L1MessageSent,
    ReconstructionMismatch, Unauthorized,
};
use zkstack_bootloader::natives::{NativeConfig, SHARED_ROOT_TREE_EMPTY_HASH};
use zkstack_l1::pubdata::{
    PubdataInput, RollupDaHeader, StateDiffRecord, bytecode_hash, compress_bytecode,
    state_diffs_hash,
};
use zkstack_l1::{L2ToL1Log, LogTree, ProtocolVersionId};
use zkstack_vm::world::{StorageKey, World};

const ROLLUP: Address = address!("0x0000000000000000000000000000000000010010");
const VALIDIUM: Address = address!("0x0000000000000000000000000000000000010011");
const USER: Address = address!("0x0000000000000000000000000000000000012345");

fn config() -> NativeConfig {
    NativeConfig {
        rollup_da_validator: Some(ROLLUP),
        validium_da_validator: Some(VALIDIUM),
        ..NativeConfig::default()
    }
}

fn slot(world: &mut World, address: Address, key: U256) -> U256 {
    let key = StorageKey { shard: 0, address, key };
    world.diff.peek_storage(world.storage.as_mut(), &key)
}

/// A valid EraVM bytecode of `words` (odd) words with a recognisable fill.
fn code(words: usize, fill: u8) -> Vec<u8> {
    (0..words * 32).map(|i| fill.wrapping_add((i % 7) as u8)).collect()
}

fn b256(v: U256) -> B256 {
    B256::from(v.to_be_bytes::<32>())
}

/// What one batch does before publishing: a user message, a factory dependency published in
/// full, a compressed bytecode, a system log.
struct Batch {
    world: World,
    input: PubdataInput,
}

fn run_batch() -> Batch {
    let mut world = world(&config());
    // A user's message in transaction 1.
    let message = b"hello L1".to_vec();
    let data = IL1Messenger::sendToL1Call { _message: message.clone().into() }.abi_encode();
    let (w, out, _) = call(world, USER, L1_MESSENGER, &data, 1);
    world = w;
    assert_eq!(out, Outcome::Ok(keccak256(&message).to_vec()), "sendToL1 returns keccak(message)");
    // A factory dependency published in full (transaction 2).
    let dep = code(3, 0x10);
    let dep_hash = bytecode_hash(&dep).unwrap();
    let data =
        IKnownCodesStorage::markFactoryDepsCall { _shouldSendToL1: true, _hashes: vec![dep_hash] }
            .abi_encode();
    let (w, out, _) = call(world, BOOTLOADER, KNOWN_CODES_STORAGE, &data, 2);
    world = w;
    assert_eq!(out, Outcome::Ok(vec![]));
    // A compressed bytecode (transaction 3).
    let compressed_code = code(5, 0x40);
    let compressed = compress_bytecode(&compressed_code).unwrap();
    let data = ICompressor::publishCompressedBytecodeCall {
        _bytecode: compressed_code.clone().into(),
        _rawCompressedData: compressed.clone().into(),
    }
    .abi_encode();
    let (w, out, _) = call(world, BOOTLOADER, COMPRESSOR, &data, 3);
    world = w;
    let compressed_hash = bytecode_hash(&compressed_code).unwrap();
    assert_eq!(out, Outcome::Ok(compressed_hash.to_vec()), "returns the bytecode hash");
    // A system log from the bootloader (transaction 4).
    let (key, value) = (B256::repeat_byte(0xaa), B256::repeat_byte(0xbb));
    let data =
        IL1Messenger::sendL2ToL1LogCall { _isService: true, _key: key, _value: value }.abi_encode();
    let (w, out, _) = call(world, BOOTLOADER, L1_MESSENGER, &data, 4);
    world = w;
    assert_eq!(out, Outcome::Ok(U256::from(2).to_be_bytes::<32>().to_vec()), "third log: id 2");

    let message_log = |tx: u16, sender: Address, hash: B256| L2ToL1Log {
        shard_id: 0,
        is_service: true,
        tx_number_in_block: tx,
        sender: L1_MESSENGER,
        key: sender.into_word(),
        value: hash,
    };
    let user_logs = vec![
        message_log(1, USER, keccak256(&message)),
        message_log(3, COMPRESSOR, keccak256(&compressed)),
        L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: 4,
            sender: BOOTLOADER,
            key,
            value,
        },
    ];
    let records = vec![
        StateDiffRecord {
            address: USER,
            key: U256::from(1),
            derived_key: B256::repeat_byte(0x11),
            enumeration_index: 0,
            initial_value: U256::ZERO,
            final_value: U256::from(1000),
        },
        StateDiffRecord {
            address: USER,
            key: U256::from(2),
            derived_key: B256::repeat_byte(0x22),
            enumeration_index: 7,
            initial_value: U256::from(500),
            final_value: U256::from(400),
        },
    ];
    let input = PubdataInput {
        user_logs,
        messages: vec![Bytes::from(message), Bytes::from(compressed)],
        bytecodes: vec![Bytes::from(dep)],
        state_diffs: records,
    };
    Batch { world, input }
}

fn publish(world: World, validator: Address, operator_input: Vec<u8>) -> (World, Outcome) {
    let data = IL1Messenger::publishPubdataAndClearStateCall {
        _l2DAValidator: validator,
        _operatorInput: operator_input.into(),
    }
    .abi_encode();
    let (world, out, _) = call(world, BOOTLOADER, L1_MESSENGER, &data, 5);
    (world, out)
}

fn l1_messenger_slots(world: &mut World) -> [U256; 4] {
    [0u8, 1, 2, 3].map(|i| slot(world, L1_MESSENGER, U256::from(i)))
}

#[test]
fn a_rollup_batch_publishes_and_the_system_logs_match_the_pubdata_format() {
    let Batch { mut world, input } = run_batch();
    let version = ProtocolVersionId::GATEWAY;
    // The L1Messenger's chained hashes are those zkstack-l1 derives from the same parts.
    let slots = l1_messenger_slots(&mut world);
    assert_eq!(b256(slots[0]), input.chained_logs_hash());
    assert_eq!(slots[1], U256::from(3));
    assert_eq!(b256(slots[2]), input.chained_messages_hash());
    assert_eq!(b256(slots[3]), input.chained_bytecodes_hash().unwrap());
    // KnownCodesStorage marked both bytecodes.
    for code_hash in
        [bytecode_hash(&input.bytecodes[0]).unwrap(), bytecode_hash(&code(5, 0x40)).unwrap()]
    {
        assert_eq!(
            slot(&mut world, KNOWN_CODES_STORAGE, U256::from_be_bytes(code_hash.0)),
            U256::from(1)
        );
    }
    assert!(world.diff.l2_to_l1_logs().is_empty(), "user logs travel as events in v26");

    let operator_input = input.l1_messenger_operator_input(version).unwrap();
    let (mut world, out) = publish(world, ROLLUP, operator_input);
    assert_eq!(out, Outcome::Ok(vec![]));
    let local = LogTree::from_logs(&input.user_logs, version).unwrap().root();
    let mut both = local.to_vec();
    both.extend_from_slice(SHARED_ROOT_TREE_EMPTY_HASH.as_slice());
    let pubdata = input.settlement_layer_pubdata().unwrap();
    let output = RollupDaHeader::for_pubdata(state_diffs_hash(&input.state_diffs), &pubdata)
        .output_hash()
        .unwrap();
    let logs: Vec<(U256, U256, bool, Address)> = world
        .diff
        .l2_to_l1_logs()
        .iter()
        .map(|l| (l.key, l.value, l.is_first, l.address))
        .collect();
    let as_word = |b: B256| U256::from_be_bytes(b.0);
    assert_eq!(
        logs,
        vec![
            (U256::from(0), as_word(keccak256(&both)), true, L1_MESSENGER),
            (U256::from(6), as_word(ROLLUP.into_word()), true, L1_MESSENGER),
            (U256::from(5), as_word(output), true, L1_MESSENGER),
        ],
        "L2_TO_L1_LOGS_TREE_ROOT_KEY, USED_L2_DA_VALIDATOR_ADDRESS_KEY, L2_DA_VALIDATOR_OUTPUT_HASH_KEY"
    );
    assert_eq!(l1_messenger_slots(&mut world), [U256::ZERO; 4], "state cleared");
}

#[test]
fn a_validium_batch_publishes_a_zero_output_hash() {
    let Batch { world, input } = run_batch();
    let operator_input = input.hashed_operator_input(ProtocolVersionId::GATEWAY).unwrap();
    let (world, out) = publish(world, VALIDIUM, operator_input);
    assert_eq!(out, Outcome::Ok(vec![]));
    let logs = world.diff.l2_to_l1_logs();
    assert_eq!(logs.len(), 3);
    assert_eq!(logs[1].value, U256::from_be_slice(VALIDIUM.as_slice()));
    assert_eq!(logs[2].value, U256::ZERO, "ValidiumL2DAValidator returns bytes32(0)");
}

#[test]
fn a_wrong_operator_input_reverts_with_the_contracts_reason_and_rolls_back() {
    let Batch { mut world, input } = run_batch();
    let before = l1_messenger_slots(&mut world);
    let events_before = world.diff.events().len();
    let good = input.l1_messenger_operator_input(ProtocolVersionId::GATEWAY).unwrap();

    // The chained logs hash (bytes 4..36) altered.
    let mut bad = good.clone();
    bad[10] ^= 1;
    let (mut w, out) = publish(world, ROLLUP, bad.clone());
    let expected = ReconstructionMismatch {
        _0: 5, // PubdataField.InputLogsHash
        expected: input.chained_logs_hash(),
        actual: B256::from_slice(&bad[4..36]),
    };
    assert_eq!(out, Outcome::Revert(expected.abi_encode()));
    assert_eq!(l1_messenger_slots(&mut w), before, "nothing cleared");
    assert!(w.diff.l2_to_l1_logs().is_empty(), "no system log");
    assert_eq!(w.diff.events().len(), events_before);

    // A compressed state-diff value altered: the Compressor's revert reaches the bootloader
    // through the DA validator and the L1Messenger unchanged.
    let pubdata = input.settlement_layer_pubdata().unwrap();
    let mut bad = good.clone();
    // The last byte of the pubdata is the repeated write's compressed value (400 = 500 - 100).
    let at = 4 + 32 * 6 + pubdata.len() - 1;
    bad[at] ^= 0x01;
    let (mut w, out) = publish(w, ROLLUP, bad);
    let Outcome::Revert(reason) = out else { panic!("expected a revert, got {out:?}") };
    assert_eq!(
        &reason[..4],
        &zkstack_bootloader::natives::errors::CompressionValueSubError::SELECTOR
    );
    assert_eq!(l1_messenger_slots(&mut w), before, "rolled back");

    // Not the bootloader.
    let data = IL1Messenger::publishPubdataAndClearStateCall {
        _l2DAValidator: ROLLUP,
        _operatorInput: good.clone().into(),
    }
    .abi_encode();
    let (w, out, _) = call(w, USER, L1_MESSENGER, &data, 5);
    assert_eq!(out, Outcome::Revert(CallerMustBeBootloader {}.abi_encode()));

    // The good input still goes through afterwards.
    let (_, out) = publish(w, ROLLUP, good);
    assert_eq!(out, Outcome::Ok(vec![]));
}

#[test]
fn caller_checks_revert_with_the_contracts_errors() {
    let w = world(&config());
    let data =
        IL1Messenger::sendL2ToL1LogCall { _isService: true, _key: B256::ZERO, _value: B256::ZERO }
            .abi_encode();
    let (w, out, _) = call(w, USER, L1_MESSENGER, &data, 1);
    assert_eq!(out, Outcome::Revert(CallerMustBeSystemContract {}.abi_encode()));
    let data =
        IL1Messenger::requestBytecodeL1PublicationCall { _bytecodeHash: B256::ZERO }.abi_encode();
    let (w, out, _) = call(w, BOOTLOADER, L1_MESSENGER, &data, 1);
    assert_eq!(out, Outcome::Revert(Unauthorized { caller: BOOTLOADER }.abi_encode()));
    let data =
        IKnownCodesStorage::markBytecodeAsPublishedCall { _bytecodeHash: B256::ZERO }.abi_encode();
    let (w, out, _) = call(w, BOOTLOADER, KNOWN_CODES_STORAGE, &data, 1);
    assert_eq!(out, Outcome::Revert(Unauthorized { caller: BOOTLOADER }.abi_encode()));
    let data =
        IComplexUpgrader::upgradeCall { _delegateTo: USER, _calldata: Bytes::new() }.abi_encode();
    let (w, out, _) = call(w, USER, COMPLEX_UPGRADER, &data, 1);
    assert_eq!(out, Outcome::Revert(Unauthorized { caller: USER }.abi_encode()));
    // An unknown selector and short calldata revert with no data, as a contract without a
    // fallback does.
    let (w, out, _) = call(w, USER, L1_MESSENGER, &[1, 2, 3, 4], 1);
    assert_eq!(out, Outcome::Revert(vec![]));
    // A non-bool `_isService` fails the ABI decoder.
    let mut data =
        IL1Messenger::sendL2ToL1LogCall { _isService: true, _key: B256::ZERO, _value: B256::ZERO }
            .abi_encode();
    data[35] = 2;
    let (_, out, _) = call(w, BOOTLOADER, L1_MESSENGER, &data, 1);
    assert_eq!(out, Outcome::Revert(vec![]));
}

#[test]
fn a_bad_compressed_bytecode_reverts_with_the_chunk_that_differs() {
    let w = world(&config());
    let original = code(5, 0x40);
    let mut compressed = compress_bytecode(&original).unwrap();
    // First dictionary chunk (bytes 2..10) altered.
    compressed[9] ^= 0xff;
    let data = ICompressor::publishCompressedBytecodeCall {
        _bytecode: original.clone().into(),
        _rawCompressedData: compressed.clone().into(),
    }
    .abi_encode();
    let (mut w, out, _) = call(w, BOOTLOADER, COMPRESSOR, &data, 1);
    let Outcome::Revert(reason) = out else { panic!("{out:?}") };
    assert_eq!(&reason[..4], &EncodedAndRealBytecodeChunkNotEqual::SELECTOR);
    assert!(w.diff.events().is_empty(), "nothing emitted");
    let hash = bytecode_hash(&original).unwrap();
    assert_eq!(slot(&mut w, KNOWN_CODES_STORAGE, U256::from_be_bytes(hash.0)), U256::ZERO);
}

#[test]
fn events_are_written_word_for_word_as_event_writer_writes_them() {
    let w = world(&config());
    let message = vec![0x5a; 40];
    let data = IL1Messenger::sendToL1Call { _message: message.clone().into() }.abi_encode();
    let (w, _, _) = call(w, USER, L1_MESSENGER, &data, 9);
    let events = w.diff.events();
    // L2ToL1LogSent: 1 topic, 6 data words → 1 + 1 + 3 words; L1MessageSent: 3 topics and
    // abi.encode(bytes) of 40 bytes = 4 words → 1 + 2 + 2 words (the odd topic takes data[0]).
    assert_eq!(events.len(), 5 + 5);
    assert!(events.iter().all(|e| e.address == EVENT_WRITER && e.tx_number == 9));
    let sent = &events[5..];
    let data_len = 4 * 32u64;
    assert_eq!(
        sent[0].key,
        U256::from((data_len << 32) | 4),
        "(data length << 32) | (3 topics + 1)"
    );
    assert_eq!(sent[0].value, U256::from_be_slice(L1_MESSENGER.as_slice()));
    assert!(sent[0].is_first && !sent[1].is_first);
    assert_eq!(sent[1].key, U256::from_be_bytes(L1MessageSent::SIGNATURE_HASH.0));
    assert_eq!(sent[1].value, U256::from_be_slice(USER.as_slice()));
    assert_eq!(sent[2].key, U256::from_be_bytes(keccak256(&message).0));
    assert_eq!(sent[2].value, U256::from(0x20), "data[0]: the bytes offset");
    assert_eq!(sent[3].key, U256::from(40), "data[1]: the length");
}

#[test]
fn code_oracle_returns_known_code_only() {
    let w = world(&config());
    let dep = code(3, 0x77);
    let hash = bytecode_hash(&dep).unwrap();
    let (w, out, _) = call(w, USER, CODE_ORACLE, hash.as_slice(), 1);
    assert_eq!(out, Outcome::Revert(vec![]), "not known yet");
    // Known, but the world's code source lacks it: the decommit cannot happen.
    let data =
        IKnownCodesStorage::markFactoryDepsCall { _shouldSendToL1: false, _hashes: vec![hash] }
            .abi_encode();
    let (w, out, _) = call(w, BOOTLOADER, KNOWN_CODES_STORAGE, &data, 1);
    assert_eq!(out, Outcome::Ok(vec![]));
    let (_, out, _) = call(w, USER, CODE_ORACLE, hash.as_slice(), 1);
    assert_eq!(out, Outcome::Panic);
}

#[test]
fn ec_contracts_match_the_ethereum_precompiles() {
    let g = [U256::from(1), U256::from(2)];
    // 2G (EIP-196 / go-ethereum bn256Add vectors: (1,2) + (1,2)).
    let two_g = [
        U256::from_str_radix(
            "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3",
            16,
        )
        .unwrap(),
        U256::from_str_radix(
            "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4",
            16,
        )
        .unwrap(),
    ];
    let words = |ws: &[U256]| ws.iter().flat_map(U256::to_be_bytes::<32>).collect::<Vec<u8>>();
    let w = world(&config());
    let (w, out, _) = call(w, USER, EC_ADD, &words(&[g[0], g[1], g[0], g[1]]), 1);
    assert_eq!(out, Outcome::Ok(words(&two_g)));
    let (w, out, _) = call(w, USER, EC_MUL, &words(&[g[0], g[1], U256::from(2)]), 1);
    assert_eq!(out, Outcome::Ok(words(&two_g)));
    // Short input reads as zero-padded: 0 + 0 = 0.
    let (w, out, _) = call(w, USER, EC_ADD, &[], 1);
    assert_eq!(out, Outcome::Ok(vec![0; 64]));
    // Empty pairing input holds.
    let (w, out, _) = call(w, USER, EC_PAIRING, &[], 1);
    assert_eq!(out, Outcome::Ok(U256::from(1).to_be_bytes::<32>().to_vec()));
    // e(G1, G2) · e(−G1, G2) = 1 with the standard G2 generator (EIP-197).
    let p = U256::from_str_radix(
        "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47",
        16,
    )
    .unwrap();
    let g2 = [
        "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2",
        "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed",
        "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b",
        "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa",
    ]
    .map(|h| U256::from_str_radix(h, 16).unwrap());
    let mut input = words(&[g[0], g[1]]);
    input.extend(words(&g2));
    input.extend(words(&[g[0], p - g[1]]));
    input.extend(words(&g2));
    let (w, out, _) = call(w, USER, EC_PAIRING, &input, 1);
    assert_eq!(out, Outcome::Ok(U256::from(1).to_be_bytes::<32>().to_vec()));
    // e(G1, G2) alone is not 1.
    let (w, out, _) = call(w, USER, EC_PAIRING, &input[..192], 1);
    assert_eq!(out, Outcome::Ok(vec![0; 32]));
    // A point off the curve: the contract burns its ergs and the call panics.
    let (w, out, ergs_left) = call(w, USER, EC_ADD, &words(&[g[0], U256::from(3), g[0], g[1]]), 1);
    assert_eq!(out, Outcome::Panic);
    assert!(START_ERGS - ergs_left > START_ERGS / 2, "63/64 of the ergs burned");
    // Pairing input not a multiple of 192 bytes.
    let (_, out, _) = call(w, USER, EC_PAIRING, &input[..100], 1);
    assert_eq!(out, Outcome::Panic);
}

#[test]
fn supplied_bytecode_is_preferred() {
    use zkstack_bootloader::natives::{addresses::ACCOUNT_CODE_STORAGE, register_missing_natives};
    use zkstack_vm::world::{InMemoryCode, InMemoryStorage, VersionedHash};
    let bytecode = code(1, 0);
    let hash = bytecode_hash(&bytecode).unwrap();
    let mut storage = InMemoryStorage::new();
    storage.insert(
        StorageKey {
            shard: 0,
            address: ACCOUNT_CODE_STORAGE,
            key: U256::from_be_slice(EC_ADD.as_slice()),
        },
        U256::from_be_bytes(hash.0),
    );
    let mut code_source = InMemoryCode::new();
    code_source.insert(VersionedHash(hash.0).preimage(), vec![U256::from_be_slice(&bytecode)]);
    let mut w = World::new(Box::new(storage), Box::new(code_source));
    let filled = register_missing_natives(&mut w, &config());
    assert!(!filled.contains(&EC_ADD), "EcAdd's code is there");
    assert!(filled.contains(&EC_MUL) && filled.contains(&L1_MESSENGER) && filled.contains(&ROLLUP));
}

#[test]
fn send_to_l1_counts_the_pubdata_the_contract_burns() {
    // L1Messenger.sendToL1 burns `4 + message length + 88` pubdata bytes besides its storage
    // writes (the same slots in both runs): two message lengths differ by exactly that much.
    let pubdata_of = |len: usize| {
        let data = IL1Messenger::sendToL1Call { _message: vec![7u8; len].into() }.abi_encode();
        let (_, out, _, pubdata) =
            call_counting_pubdata(world(&config()), USER, L1_MESSENGER, &data, 1);
        assert!(matches!(out, Outcome::Ok(_)));
        pubdata
    };
    assert_eq!(pubdata_of(100) - pubdata_of(40), 60);
    assert!(pubdata_of(0) >= 4 + 88);
}
