//! Property tests: every call of every generation survives encode → decode, decoding is the exact
//! inverse of encoding on everything it accepts, and arbitrary bytes give typed errors, not panics.

use proptest::collection::vec;
use proptest::prelude::*;
use zkstack_l1::executor_abi::{
    AbiError, CommitBatchInfo, CommitBatchInfoLegacy, CommitBlockInfo, EXECUTOR_FUNCTIONS,
    ExecutorCall, GatewayData, InteropData, InteropRoot, L2Log, LegacyBatchesCall,
    LegacyStoredBatchInfo, PreBoojumCall, PrecommitCall, PrecommitInfo, PriorityOpsBatchInfo,
    ProofInput, RangeCall, RevertCall, StoredBatchInfo, decode_executor_call,
};
use zkstack_l1::{Address, B256, Bytes, U256};

fn u256() -> impl Strategy<Value = U256> {
    prop_oneof![any::<u64>().prop_map(U256::from), any::<[u8; 32]>().prop_map(U256::from_be_bytes)]
}

fn b256() -> impl Strategy<Value = B256> {
    any::<[u8; 32]>().prop_map(B256::from)
}

fn address() -> impl Strategy<Value = Address> {
    any::<[u8; 20]>().prop_map(Address::from)
}

fn bytes() -> impl Strategy<Value = Bytes> {
    vec(any::<u8>(), 0..80).prop_map(Bytes::from)
}

fn legacy_stored() -> impl Strategy<Value = LegacyStoredBatchInfo> {
    (any::<u64>(), b256(), any::<u64>(), u256(), b256(), b256(), u256(), b256()).prop_map(
        |(n, h, i, l1, p, root, t, c)| LegacyStoredBatchInfo {
            batchNumber: n,
            batchHash: h,
            indexRepeatedStorageChanges: i,
            numberOfLayer1Txs: l1,
            priorityOperationsHash: p,
            l2LogsTreeRoot: root,
            timestamp: t,
            commitment: c,
        },
    )
}

fn stored() -> impl Strategy<Value = StoredBatchInfo> {
    (legacy_stored(), b256()).prop_map(|(l, d)| l.with_dependency_roots_rolling_hash(d))
}

type CommitFields = (u64, u64, u64, B256, U256, B256, B256, B256, Bytes, Bytes);

fn commit_fields() -> impl Strategy<Value = CommitFields> {
    (
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        b256(),
        u256(),
        b256(),
        b256(),
        b256(),
        bytes(),
        bytes(),
    )
}

fn commit_legacy() -> impl Strategy<Value = CommitBatchInfoLegacy> {
    commit_fields().prop_map(|(n, t, i, root, l1, p, heap, events, logs, da)| {
        CommitBatchInfoLegacy {
            batchNumber: n,
            timestamp: t,
            indexRepeatedStorageChanges: i,
            newStateRoot: root,
            numberOfLayer1Txs: l1,
            priorityOperationsHash: p,
            bootloaderHeapInitialContentsHash: heap,
            eventsQueueStateHash: events,
            systemLogs: logs,
            pubdataCommitments: da,
        }
    })
}

fn commit() -> impl Strategy<Value = CommitBatchInfo> {
    commit_fields().prop_map(|(n, t, i, root, l1, p, heap, events, logs, da)| CommitBatchInfo {
        batchNumber: n,
        timestamp: t,
        indexRepeatedStorageChanges: i,
        newStateRoot: root,
        numberOfLayer1Txs: l1,
        priorityOperationsHash: p,
        bootloaderHeapInitialContentsHash: heap,
        eventsQueueStateHash: events,
        systemLogs: logs,
        operatorDAInput: da,
    })
}

fn commit_block() -> impl Strategy<Value = CommitBlockInfo> {
    (
        (any::<u64>(), any::<u64>(), any::<u64>(), b256(), u256(), b256(), b256()),
        (bytes(), bytes(), bytes(), vec(bytes(), 0..3), vec(bytes(), 0..3)),
    )
        .prop_map(|((n, t, i, root, l1, logs_root, p), (init, rep, logs, msgs, deps))| {
            CommitBlockInfo {
                blockNumber: n,
                timestamp: t,
                indexRepeatedStorageChanges: i,
                newStateRoot: root,
                numberOfLayer1Txs: l1,
                l2LogsTreeRoot: logs_root,
                priorityOperationsHash: p,
                initialStorageChanges: init,
                repeatedStorageChanges: rep,
                l2Logs: logs,
                l2ArbitraryLengthMessages: msgs,
                factoryDeps: deps,
            }
        })
}

fn proof_input() -> impl Strategy<Value = ProofInput> {
    (vec(u256(), 0..3), vec(u256(), 0..6))
        .prop_map(|(r, s)| ProofInput { recursiveAggregationInput: r, serializedProof: s })
}

fn priority_ops() -> impl Strategy<Value = PriorityOpsBatchInfo> {
    (vec(b256(), 0..3), vec(b256(), 0..3), vec(b256(), 0..3)).prop_map(|(l, r, items)| {
        PriorityOpsBatchInfo { leftPath: l, rightPath: r, itemHashes: items }
    })
}

fn interop_root() -> impl Strategy<Value = InteropRoot> {
    (u256(), u256(), vec(b256(), 0..3)).prop_map(|(c, n, sides)| InteropRoot {
        chainId: c,
        blockOrBatchNumber: n,
        sides,
    })
}

fn l2_log() -> impl Strategy<Value = L2Log> {
    (any::<u8>(), any::<bool>(), any::<u16>(), address(), b256(), b256()).prop_map(
        |(shard, service, tx, sender, key, value)| L2Log {
            l2ShardId: shard,
            isService: service,
            txNumberInBatch: tx,
            sender,
            key,
            value,
        },
    )
}

fn legacy_batches_call() -> impl Strategy<Value = LegacyBatchesCall> {
    prop_oneof![
        (legacy_stored(), vec(commit_legacy(), 0..3)).prop_map(|(last_committed, batches)| {
            LegacyBatchesCall::Commit { last_committed, batches }
        }),
        (legacy_stored(), vec(legacy_stored(), 0..3), proof_input()).prop_map(
            |(prev, committed, proof)| LegacyBatchesCall::Prove { prev, committed, proof }
        ),
        vec(legacy_stored(), 0..3).prop_map(|batches| LegacyBatchesCall::Execute { batches }),
    ]
}

fn pre_boojum_call() -> impl Strategy<Value = PreBoojumCall> {
    prop_oneof![
        (legacy_stored(), vec(commit_block(), 0..3))
            .prop_map(|(last_committed, blocks)| PreBoojumCall::Commit { last_committed, blocks }),
        (legacy_stored(), vec(legacy_stored(), 0..3), proof_input())
            .prop_map(|(prev, committed, proof)| PreBoojumCall::Prove { prev, committed, proof }),
        vec(legacy_stored(), 0..3).prop_map(|blocks| PreBoojumCall::Execute { blocks }),
    ]
}

fn gateway_data() -> impl Strategy<Value = GatewayData> {
    prop_oneof![
        (legacy_stored(), vec(commit(), 0..3))
            .prop_map(|(last_committed, batches)| GatewayData::Commit { last_committed, batches }),
        (legacy_stored(), vec(legacy_stored(), 0..3), vec(u256(), 0..6))
            .prop_map(|(prev, committed, proof)| GatewayData::Prove { prev, committed, proof }),
        (vec(legacy_stored(), 0..3), vec(priority_ops(), 0..3))
            .prop_map(|(batches, priority_ops)| GatewayData::Execute { batches, priority_ops }),
    ]
}

fn interop_data() -> impl Strategy<Value = InteropData> {
    prop_oneof![
        (stored(), vec(commit(), 0..3))
            .prop_map(|(last_committed, batches)| InteropData::Commit { last_committed, batches }),
        (stored(), vec(stored(), 0..3), vec(u256(), 0..6))
            .prop_map(|(prev, committed, proof)| InteropData::Prove { prev, committed, proof }),
        (vec(stored(), 0..3), vec(priority_ops(), 0..3), vec(vec(interop_root(), 0..3), 0..3))
            .prop_map(|(batches, priority_ops, dependency_roots)| InteropData::Execute {
                batches,
                priority_ops,
                dependency_roots
            }),
        (
            (vec(stored(), 0..3), vec(priority_ops(), 0..2), vec(vec(interop_root(), 0..2), 0..2)),
            (
                vec(vec(l2_log(), 0..2), 0..3),
                vec(vec(bytes(), 0..2), 0..3),
                vec(b256(), 0..3),
                address()
            ),
        )
            .prop_map(
                |(
                    (batches, priority_ops, dependency_roots),
                    (logs, messages, message_roots, payer),
                )| {
                    InteropData::ExecuteMediumInterop {
                        batches,
                        priority_ops,
                        dependency_roots,
                        logs,
                        messages,
                        message_roots,
                        settlement_fee_payer: payer,
                    }
                }
            ),
    ]
}

fn revert_call() -> impl Strategy<Value = RevertCall> {
    prop_oneof![
        u256().prop_map(|new_last_block| RevertCall::Blocks { new_last_block }),
        u256().prop_map(|new_last_batch| RevertCall::Batches { new_last_batch }),
        (u256(), u256()).prop_map(|(chain_id, new_last_batch)| RevertCall::SharedBridge {
            chain_id,
            new_last_batch
        }),
        (address(), u256())
            .prop_map(|(chain, new_last_batch)| RevertCall::Interop { chain, new_last_batch }),
    ]
}

/// Any Executor call of any generation.
fn executor_call() -> impl Strategy<Value = ExecutorCall> {
    prop_oneof![
        pre_boojum_call().prop_map(ExecutorCall::PreBoojum),
        legacy_batches_call().prop_map(ExecutorCall::Boojum),
        (u256(), legacy_batches_call())
            .prop_map(|(chain_id, call)| ExecutorCall::SharedBridge { chain_id, call }),
        (u256(), u256(), u256(), gateway_data()).prop_map(
            |(chain, process_from, process_to, data)| {
                ExecutorCall::Gateway(RangeCall { chain, process_from, process_to, data })
            }
        ),
        (address(), u256(), u256(), interop_data()).prop_map(
            |(chain, process_from, process_to, data)| {
                ExecutorCall::Interop(RangeCall { chain, process_from, process_to, data })
            }
        ),
        (address(), u256(), bytes(), u256()).prop_map(|(chain, batch_number, packed, hint)| {
            ExecutorCall::Precommit(PrecommitCall {
                chain,
                batch_number,
                info: PrecommitInfo {
                    packedTxsCommitments: packed,
                    untrustedLastL2BlockNumberHint: hint,
                },
            })
        }),
        revert_call().prop_map(ExecutorCall::Revert),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn encode_then_decode_is_identity(call in executor_call()) {
        let calldata = call.encode();
        prop_assert_eq!(&calldata[..4], &call.selector().0[..]);
        prop_assert_eq!(call.function().kind, call.kind());
        prop_assert_eq!(call.function().generation, call.generation());
        let decoded = decode_executor_call(&calldata);
        prop_assert!(decoded.is_ok(), "{:?}", decoded);
        prop_assert_eq!(decoded.ok(), Some(call));
    }

    /// Whatever the decoder accepts it gives back byte for byte, so accepted calldata is canonical.
    #[test]
    fn mutated_calldata_is_rejected_or_reencoded_exactly(
        call in executor_call(),
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        append in vec(any::<u8>(), 0..3),
    ) {
        let mut calldata = call.encode();
        for (index, byte) in edits {
            let i = index.index(calldata.len());
            calldata[i] = byte;
        }
        if truncate {
            calldata.truncate(cut.index(calldata.len() + 1));
        }
        calldata.extend(append);
        if let Ok(decoded) = decode_executor_call(&calldata) {
            prop_assert_eq!(decoded.encode(), calldata);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in vec(any::<u8>(), 0..600)) {
        if let Ok(decoded) = decode_executor_call(&data) {
            prop_assert_eq!(decoded.encode(), data);
        }
    }

    /// A known selector followed by random words exercises the argument decoders themselves.
    #[test]
    fn known_selector_with_random_arguments_never_panics(
        function in prop::sample::select(EXECUTOR_FUNCTIONS.to_vec()),
        words in vec(prop_oneof![
            Just([0u8; 32]),
            (0u64..0x400).prop_map(|x| U256::from(x).to_be_bytes::<32>()),
            any::<[u8; 32]>(),
        ], 0..24),
        tail in vec(any::<u8>(), 0..40),
    ) {
        let mut data = function.selector.to_vec();
        for word in words {
            data.extend(word);
        }
        data.extend(tail);
        if let Ok(decoded) = decode_executor_call(&data) {
            prop_assert_eq!(decoded.encode(), data);
        }
    }
}

fn word(x: u64) -> [u8; 32] {
    U256::from(x).to_be_bytes()
}

#[test]
fn short_and_unknown_selectors_are_typed_errors() {
    assert!(matches!(decode_executor_call(&[]), Err(AbiError::MissingSelector(0))));
    assert!(matches!(decode_executor_call(&[0x70, 0x1f, 0x58]), Err(AbiError::MissingSelector(3))));
    let err = decode_executor_call(&[0xde, 0xad, 0xbe, 0xef]).expect_err("unknown");
    assert!(matches!(err, AbiError::UnknownSelector(s) if s.0 == [0xde, 0xad, 0xbe, 0xef]));
    assert_eq!(err.to_string(), "selector 0xdeadbeef is not an Executor function");
}

/// A v26+ call whose `bytes` argument is `payload`, built by hand.
fn range_call(selector: [u8; 4], chain: [u8; 32], payload: &[u8]) -> Vec<u8> {
    let mut out = selector.to_vec();
    out.extend(chain);
    out.extend(word(5));
    out.extend(word(5));
    out.extend(word(0x80));
    out.extend(word(payload.len() as u64));
    out.extend(payload);
    out.resize(out.len() + (32 - payload.len() % 32) % 32, 0);
    out
}

#[test]
fn wrong_or_missing_encoding_version_is_rejected() {
    let gateway_execute = [0xcf, 0x02, 0x82, 0x7d];
    let interop_execute = [0xa0, 0x85, 0x34, 0x4d];
    let mut params = Vec::new();
    params.extend(word(0x40));
    params.extend(word(0x60));
    params.extend(word(0)); // no batches
    params.extend(word(0)); // no priority ops
    for (selector, version, expected) in [(gateway_execute, 1u8, 0u8), (interop_execute, 0, 1)] {
        let mut payload = vec![version];
        payload.extend(&params);
        let err =
            decode_executor_call(&range_call(selector, [0; 32], &payload)).expect_err("version");
        assert!(
            matches!(err, AbiError::UnsupportedEncodingVersion { found, expected: e, .. } if found == version && e == expected),
            "{err:?}"
        );
    }
    let err = decode_executor_call(&range_call(gateway_execute, [0; 32], &[])).expect_err("empty");
    assert!(matches!(err, AbiError::EmptyData { call: "executeBatchesSharedBridge" }), "{err:?}");
    // The right version byte with the same params decodes to an empty execute.
    let mut payload = vec![0];
    payload.extend(&params);
    let call = decode_executor_call(&range_call(gateway_execute, [0; 32], &payload)).expect("ok");
    assert!(matches!(
        call,
        ExecutorCall::Gateway(RangeCall { data: GatewayData::Execute { ref batches, .. }, .. }) if batches.is_empty()
    ));
}

#[test]
fn dirty_uint64_and_address_padding_are_rejected() {
    // executeBatches(StoredBatchInfo[]) with one batch whose uint64 batchNumber has a high bit set.
    let mut data = vec![0xc3, 0xd9, 0x3e, 0x7c];
    data.extend(word(0x20));
    data.extend(word(1));
    let mut number = [0u8; 32];
    number[0] = 1;
    data.extend(number);
    data.extend([[0u8; 32]; 7].concat());
    assert!(matches!(decode_executor_call(&data), Err(AbiError::Abi { .. })));
    // revertBatchesSharedBridge(address, uint256) with a dirty address word.
    let mut data = vec![0x7c, 0xa4, 0xef, 0xf7];
    data.extend([0xff; 32]);
    data.extend(word(1));
    assert!(matches!(decode_executor_call(&data), Err(AbiError::Abi { .. })));
}

#[test]
fn huge_declared_lengths_fail_without_allocating() {
    // executeBatches with an array length of 2^40 elements in 100 bytes of input.
    let mut data = vec![0xc3, 0xd9, 0x3e, 0x7c];
    data.extend(word(0x20));
    data.extend(word(1 << 40));
    data.extend([0u8; 32]);
    assert!(matches!(decode_executor_call(&data), Err(AbiError::Abi { .. })));
    // The same inside a Gateway payload: InteropRoot[][] with 2^60 outer elements.
    let mut params = Vec::new();
    params.extend(word(0x60));
    params.extend(word(0x80));
    params.extend(word(0xa0));
    params.extend(word(0));
    params.extend(word(0));
    params.extend(word(1 << 60));
    let mut payload = vec![1];
    payload.extend(params);
    let err = decode_executor_call(&range_call([0xa0, 0x85, 0x34, 0x4d], [0; 32], &payload))
        .expect_err("overrun");
    assert!(matches!(err, AbiError::Abi { part: zkstack_l1::executor_abi::AbiPart::Payload, .. }));
}

#[test]
fn precommit_matches_a_hand_assembled_encoding() {
    // precommitSharedBridge(address,uint256,bytes): data = 0x01 ‖ abi.encode(PrecommitInfo), the
    // struct being dynamic, so the payload starts with its offset (zksync-era `PrecommitBatches`
    // encodes `encode(&[Token::Tuple([Bytes, Uint])])` and prefixes the version byte).
    let chain = Address::repeat_byte(0x11);
    let packed: Vec<u8> = (0..33).collect();
    let call = ExecutorCall::Precommit(PrecommitCall {
        chain,
        batch_number: U256::from(42),
        info: PrecommitInfo {
            packedTxsCommitments: Bytes::from(packed.clone()),
            untrustedLastL2BlockNumberHint: U256::from(1000),
        },
    });
    let mut payload = vec![1u8];
    payload.extend(word(0x20));
    payload.extend(word(0x40));
    payload.extend(word(1000));
    payload.extend(word(33));
    payload.extend(&packed);
    payload.extend([0u8; 31]);
    let mut expected = vec![0x0b, 0x6d, 0xb8, 0x20];
    let mut chain_word = [0u8; 32];
    chain_word[12..].copy_from_slice(chain.as_slice());
    expected.extend(chain_word);
    expected.extend(word(42));
    expected.extend(word(0x60));
    expected.extend(word(payload.len() as u64));
    expected.extend(&payload);
    expected.resize(expected.len() + (32 - payload.len() % 32) % 32, 0);
    assert_eq!(call.encode(), expected);
    assert_eq!(decode_executor_call(&expected).expect("decodes"), call);
}

#[test]
fn gateway_execute_matches_a_hand_assembled_encoding() {
    // executeBatchesSharedBridge(uint256,uint256,uint256,bytes) with
    // data = 0x00 ‖ abi.encode(StoredBatchInfo[1], PriorityOpsBatchInfo[0]): two parameters, so no
    // outer offset (zksync-era `ExecuteBatches::encode_for_eth_tx` encodes a token list).
    let batch = LegacyStoredBatchInfo {
        batchNumber: 5,
        batchHash: B256::repeat_byte(0xaa),
        indexRepeatedStorageChanges: 77,
        numberOfLayer1Txs: U256::from(3),
        priorityOperationsHash: B256::repeat_byte(0xbb),
        l2LogsTreeRoot: B256::repeat_byte(0xcc),
        timestamp: U256::from(1_700_000_000u64),
        commitment: B256::repeat_byte(0xdd),
    };
    let call = ExecutorCall::Gateway(RangeCall {
        chain: U256::from(324),
        process_from: U256::from(5),
        process_to: U256::from(5),
        data: GatewayData::Execute { batches: vec![batch], priority_ops: vec![] },
    });
    let mut payload = vec![0u8];
    payload.extend(word(0x40));
    payload.extend(word(0x40 + 32 + 8 * 32));
    payload.extend(word(1));
    payload.extend(word(5));
    payload.extend([0xaa; 32]);
    payload.extend(word(77));
    payload.extend(word(3));
    payload.extend([0xbb; 32]);
    payload.extend([0xcc; 32]);
    payload.extend(word(1_700_000_000));
    payload.extend([0xdd; 32]);
    payload.extend(word(0));
    let expected = range_call([0xcf, 0x02, 0x82, 0x7d], word(324), &payload);
    assert_eq!(call.encode(), expected);
    assert_eq!(decode_executor_call(&expected).expect("decodes"), call);
    let ExecutorCall::Gateway(range) = &call else { unreachable!() };
    assert!(range.bounds_match());
}

#[test]
fn v29_and_v31_execute_payloads_are_told_apart() {
    // Same selector (0xa085344d) and version byte 1; the layouts come from era-contracts
    // `BatchDecoder.sol` on `main` (three parts) and `draft-v31` (seven parts). Built by hand with
    // every array empty: the canonical head is 3 resp. 7 words, so the first offset differs.
    let selector = [0xa0, 0x85, 0x34, 0x4d];
    let mut v29 = vec![1u8];
    for w in [0x60, 0x80, 0xa0, 0, 0, 0] {
        v29.extend(word(w));
    }
    let call = decode_executor_call(&range_call(selector, [0; 32], &v29)).expect("v29");
    assert!(matches!(
        call,
        ExecutorCall::Interop(RangeCall { data: InteropData::Execute { .. }, .. })
    ));

    let payer = Address::repeat_byte(0x42);
    let mut v31 = vec![1u8];
    for w in [0xe0, 0x100, 0x120, 0x140, 0x160, 0x180] {
        v31.extend(word(w));
    }
    let mut payer_word = [0u8; 32];
    payer_word[12..].copy_from_slice(payer.as_slice());
    v31.extend(payer_word);
    for _ in 0..6 {
        v31.extend(word(0));
    }
    let calldata = range_call(selector, [0; 32], &v31);
    let call = decode_executor_call(&calldata).expect("v31");
    let ExecutorCall::Interop(RangeCall {
        data: InteropData::ExecuteMediumInterop { settlement_fee_payer, ref logs, .. },
        ..
    }) = call
    else {
        panic!("not the v31 form: {call:?}");
    };
    assert_eq!(settlement_fee_payer, payer);
    assert!(logs.is_empty());
    assert_eq!(call.encode(), calldata);
}

#[test]
fn l2_log_struct_is_the_packed_log() {
    let log = zkstack_l1::L2ToL1Log {
        shard_id: 0,
        is_service: true,
        tx_number_in_block: 7,
        sender: Address::repeat_byte(0x80),
        key: B256::repeat_byte(1),
        value: B256::repeat_byte(2),
    };
    let sol = L2Log::from(log);
    assert_eq!((sol.l2ShardId, sol.isService, sol.txNumberInBatch), (0, true, 7));
    assert_eq!(zkstack_l1::L2ToL1Log::from(sol), log);
}
