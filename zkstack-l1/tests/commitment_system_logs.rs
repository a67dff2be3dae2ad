//! System-log processing and the commit checks, against era-contracts' own Executor tests and
//! against logs built here from the documented key layouts.

use proptest::prelude::*;
use zkstack_l1::commitment::{
    AuxCommitments, AuxiliaryOutput, BatchCommitment, MetaParameters, PassThroughData,
    PostBoojumAuxOutput, system_logs_linear_hash,
};
use zkstack_l1::system_logs::{
    BOOTLOADER_ADDRESS, CommitExpectations, DEFAULT_PRECOMMITMENT, L1_MESSENGER_ADDRESS,
    L1TimeBounds, ProcessLogsParams, SYSTEM_CONTEXT_ADDRESS, SystemLogError, SystemLogKey,
    SystemLogLayout, process_system_logs, verify_batch_timestamp, verify_commit,
};
use zkstack_l1::{Address, B256, L2ToL1Log, ProtocolVersionId, U256};

fn b(hex: &str) -> B256 {
    hex.parse().expect("32-byte hex")
}

fn v(n: u16) -> ProtocolVersionId {
    ProtocolVersionId::new(n).expect("supported")
}

/// System logs of era-contracts tag `release-v20-1.4.1-short-term-fee-model-2dfbc6b`,
/// `l1-contracts/test/unit_tests/executor_proof.spec.ts` ("Test hashes", a batch generated on a
/// local node).
const V20_SYSTEM_LOGS: &str = "00000000000000000000000000000000000000000000800b000000000000000000000000000000000000000000000000000000000000000416914ac26bb9cafa0f1dfaeaab10745a9094e1b60c7076fedf21651d6a25b5740000000a000000000000000000000000000000000000800b0000000000000000000000000000000000000000000000000000000000000003000000000000000000000000651bcde0000000000000000000000000651bcde20001000a00000000000000000000000000000000000080010000000000000000000000000000000000000000000000000000000000000005167f4ca80269c9520ad951eeeda28dd3deb0715e9e2917461e81a60120a141830001000a00000000000000000000000000000000000080010000000000000000000000000000000000000000000000000000000000000006000000000000000000000000000000000000000000000000000000000000000a0001000a00000000000000000000000000000000000080080000000000000000000000000000000000000000000000000000000000000000ee6ee8f50659bd8be3d86c32efb02baa5571cf3b46dd7ea3db733ae181747b8b0001000a0000000000000000000000000000000000008008000000000000000000000000000000000000000000000000000000000000000160fc5fb513ca8e6f6232a7410797954dcb6edbf9081768da24b483aca91c54db0001000a000000000000000000000000000000000000800800000000000000000000000000000000000000000000000000000000000000029a67073c2df8f53087fcfc32d82c98bba591da35df6ce1fb55a23b677d37f9fc";

fn v20_logs() -> Vec<u8> {
    hex_decode(V20_SYSTEM_LOGS)
}

fn hex_decode(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The pubdata hash the v20 test's logs carry (key 1). The test's `totalL2ToL1Pubdata` itself is not
/// reproduced here, so this exercises the comparison, not keccak of that pubdata.
const V20_PUBDATA_HASH: &str = "0x60fc5fb513ca8e6f6232a7410797954dcb6edbf9081768da24b483aca91c54db";

#[test]
fn v20_logs_process_like_the_executor_test() {
    let params =
        ProcessLogsParams { total_pubdata_hash: Some(b(V20_PUBDATA_HASH)), ..Default::default() };
    let out = process_system_logs(v(20), &v20_logs(), &params).expect("valid logs");
    // Expected state diff hash: the test's `processL2Logs(...).stateDiffHash` assertion.
    assert_eq!(
        out.state_diff_hash,
        b("0x9a67073c2df8f53087fcfc32d82c98bba591da35df6ce1fb55a23b677d37f9fc")
    );
    // The commit data of the same test: priorityOperationsHash and numberOfLayer1Txs (10).
    assert_eq!(
        out.chained_priority_txs_hash,
        b("0x167f4ca80269c9520ad951eeeda28dd3deb0715e9e2917461e81a60120a14183")
    );
    assert_eq!(out.number_of_layer1_txs, U256::from(10));
    assert_eq!(out.batch_timestamp(), 0x651b_cde0);
    assert_eq!(out.last_l2_block_timestamp(), 0x651b_cde2);
    assert_eq!(
        out.l2_logs_tree_root,
        b("0xee6ee8f50659bd8be3d86c32efb02baa5571cf3b46dd7ea3db733ae181747b8b")
    );

    // Same logs fed to v19 (same layout); a wrong pubdata hash is rejected ("wp").
    let wrong = ProcessLogsParams { total_pubdata_hash: Some(B256::ZERO), ..Default::default() };
    assert!(matches!(
        process_system_logs(v(19), &v20_logs(), &wrong),
        Err(SystemLogError::PubdataHashMismatch { .. })
    ));
    assert_eq!(
        process_system_logs(v(19), &v20_logs(), &ProcessLogsParams::default()),
        Err(SystemLogError::MissingParameter { version: v(19), field: "total_pubdata_hash" })
    );
}

#[test]
fn v20_commitment_matches_the_executor_test() {
    // `createBatchCommitment(nextBatch, stateDiffHash)` of the same era-contracts test: the
    // VM 1.4.0 layout (no blobs, no EVM emulator word), which zksync-era uses for versions 18–19.
    let commitment = BatchCommitment {
        pass_through_data: PassThroughData {
            index_repeated_storage_changes: 84,
            new_state_root: b("0x9cf7bb72401a56039ca097cabed20a72221c944ed9b0e515c083c04663ab45a6"),
        },
        meta_parameters: MetaParameters {
            zkporter_is_available: false,
            bootloader_code_hash: b(
                "0x010009416e909e0819593a9806bbc841d25c5cdfed3f4a1523497c6814e5194a",
            ),
            default_aa_code_hash: b(
                "0x0100065d134a862a777e50059f5e0fbe68b583f3617a67820f7edda0d7f253a0",
            ),
            evm_emulator_code_hash: None,
            protocol_version: v(19),
        },
        auxiliary_output: AuxiliaryOutput::PostBoojum(PostBoojumAuxOutput {
            l2_l1_logs_merkle_root: B256::ZERO,
            local_root: B256::ZERO,
            aggregation_root: B256::ZERO,
            system_logs_linear_hash: system_logs_linear_hash(
                &L2ToL1Log::decode_many(&v20_logs()).expect("whole logs"),
            ),
            state_diffs_hash: b(
                "0x9a67073c2df8f53087fcfc32d82c98bba591da35df6ce1fb55a23b677d37f9fc",
            ),
            aux_commitments: AuxCommitments {
                events_queue_commitment: b(
                    "0xda42ab7994d4695a25f4ea8a9a485a592b7a31c20d5dae6363828de86d8826ea",
                ),
                bootloader_initial_content_commitment: b(
                    "0x540442e48142fa061a81822184f7790e7b69dea92153d38ef623802c6f0411c0",
                ),
            },
            blob_hashes: Vec::new(),
        }),
    };
    assert_eq!(
        commitment.hashes().commitment,
        b("0x5765f7967c60dcf0e77ba0a909980c19b5ceab56f6bc1a6e0bd308f5f8dec263")
    );
}

/// A complete, valid set of logs for `layout`, values derived from the key number.
fn full_logs(layout: SystemLogLayout, with_upgrade: bool, da: Address) -> Vec<L2ToL1Log> {
    let keys = layout.keys();
    let count = if with_upgrade { keys.len() } else { keys.len() - 1 };
    keys[..count]
        .iter()
        .enumerate()
        .map(|(n, key)| {
            let value = match key {
                SystemLogKey::UsedL2DaValidatorAddress => da.into_word(),
                SystemLogKey::PackedBatchAndL2BlockTimestamp => {
                    B256::from(U256::from(1000u64) << 128 | U256::from(1010u64))
                }
                SystemLogKey::ExpectedSystemContractUpgradeTxHash => B256::repeat_byte(0xaa),
                _ => B256::with_last_byte(n as u8 + 1),
            };
            L2ToL1Log {
                shard_id: 0,
                is_service: true,
                tx_number_in_block: 0,
                sender: key.sender(),
                key: B256::with_last_byte(n as u8),
                value,
            }
        })
        .collect()
}

fn pack(logs: &[L2ToL1Log]) -> Vec<u8> {
    logs.iter().flat_map(L2ToL1Log::to_bytes).collect()
}

const DA: Address = Address::repeat_byte(0xda);

fn gateway_params(upgrade: bool) -> ProcessLogsParams {
    ProcessLogsParams {
        expected_upgrade_tx_hash: if upgrade { B256::repeat_byte(0xaa) } else { B256::ZERO },
        l2_da_validator: Some(DA),
        total_pubdata_hash: None,
    }
}

#[test]
fn every_layout_accepts_its_full_set_in_any_order() {
    for version in [21u16, 23, 26, 29, 31] {
        let layout = SystemLogLayout::for_version(v(version)).expect("boojum");
        for upgrade in [false, true] {
            let mut logs = full_logs(layout, upgrade, DA);
            logs.reverse();
            let out = process_system_logs(v(version), &pack(&logs), &gateway_params(upgrade))
                .unwrap_or_else(|e| panic!("v{version} upgrade={upgrade}: {e}"));
            assert_eq!(out.batch_timestamp(), 1000);
            assert_eq!(out.blob_hashes.len(), layout.blob_count());
        }
    }
}

#[test]
fn gateway_checks_name_the_failed_check() {
    let version = v(27);
    let layout = SystemLogLayout::Gateway;
    let params = gateway_params(false);
    let good = full_logs(layout, false, DA);

    // Duplicate key.
    let mut logs = good.clone();
    logs.push(good[2]);
    assert_eq!(
        process_system_logs(version, &pack(&logs), &params),
        Err(SystemLogError::DuplicateKey { index: 7, key: 2 })
    );
    // A key that aliases an earlier one in its low byte is a duplicate too (uint8 bitmap index).
    let mut logs = good.clone();
    logs.push(L2ToL1Log { key: B256::from(U256::from(256 + 3)), ..good[3] });
    assert_eq!(
        process_system_logs(version, &pack(&logs), &params),
        Err(SystemLogError::DuplicateKey { index: 7, key: 3 })
    );
    // Unknown key.
    let mut logs = good.clone();
    logs.push(L2ToL1Log { key: B256::with_last_byte(9), ..good[0] });
    assert_eq!(
        process_system_logs(version, &pack(&logs), &params),
        Err(SystemLogError::UnexpectedKey { index: 7, key: U256::from(9) })
    );
    // Wrong sender: the previous batch hash (key 4) must come from SystemContext.
    let mut logs = good.clone();
    logs[4].sender = BOOTLOADER_ADDRESS;
    assert_eq!(
        process_system_logs(version, &pack(&logs), &params),
        Err(SystemLogError::WrongSender {
            index: 4,
            key: SystemLogKey::PrevBatchHash,
            expected: SYSTEM_CONTEXT_ADDRESS,
            actual: BOOTLOADER_ADDRESS,
        })
    );
    // Missing key 5 (L2 DA validator output hash).
    let mut logs = good.clone();
    logs.remove(5);
    match process_system_logs(version, &pack(&logs), &params) {
        Err(SystemLogError::MissingLogs { required, processed, missing }) => {
            assert_eq!(required, U256::from(127));
            assert_eq!(processed, U256::from(127 - 32));
            assert_eq!(missing, vec![SystemLogKey::L2DaValidatorOutputHash]);
        }
        other => panic!("expected MissingLogs, got {other:?}"),
    }
    // Upgrade log present when none is expected: its value must equal zero...
    let with_upgrade = full_logs(layout, true, DA);
    assert_eq!(
        process_system_logs(version, &pack(&with_upgrade), &params),
        Err(SystemLogError::UpgradeTxHashMismatch {
            in_logs: B256::repeat_byte(0xaa),
            expected: B256::ZERO
        })
    );
    // ...and an expected upgrade without its log is missing.
    assert!(matches!(
        process_system_logs(version, &pack(&good), &gateway_params(true)),
        Err(SystemLogError::MissingLogs { .. })
    ));
    // DA validator mismatch and missing parameter.
    let other_da = ProcessLogsParams { l2_da_validator: Some(Address::ZERO), ..params };
    assert_eq!(
        process_system_logs(version, &pack(&good), &other_da),
        Err(SystemLogError::L2DaValidatorMismatch { in_logs: DA, expected: Address::ZERO })
    );
    let no_da = ProcessLogsParams { l2_da_validator: None, ..params };
    assert_eq!(
        process_system_logs(version, &pack(&good), &no_da),
        Err(SystemLogError::MissingParameter { version, field: "l2_da_validator" })
    );
    // Length checks.
    let bytes = pack(&good);
    assert_eq!(
        process_system_logs(version, &bytes[..bytes.len() - 1], &params),
        Err(SystemLogError::InvalidLength { len: bytes.len() - 1 })
    );
    assert_eq!(
        process_system_logs(version, &vec![0u8; 88 * 513], &params),
        Err(SystemLogError::TooLong { len: 88 * 513 })
    );
    assert_eq!(process_system_logs(v(17), &bytes, &params), Err(SystemLogError::PreBoojum(v(17))));
    // Senders of the tree root are the messenger.
    assert_eq!(good[0].sender, L1_MESSENGER_ADDRESS);
}

#[test]
fn timestamp_checks() {
    let packed = U256::from(1000u64) << 128 | U256::from(1010u64);
    let at = |now| L1TimeBounds { l1_timestamp: now, not_older: 100, approximation_delta: 5 };
    assert_eq!(verify_batch_timestamp(packed, 1000, 999, at(1005)), Ok(()));
    assert_eq!(
        verify_batch_timestamp(packed, 1001, 999, at(1005)),
        Err(SystemLogError::BatchTimestampMismatch { in_logs: 1000, expected: 1001 })
    );
    assert_eq!(
        verify_batch_timestamp(packed, 1000, 1000, at(1005)),
        Err(SystemLogError::NonIncreasingTimestamp { previous: 1000, batch: 1000 })
    );
    assert_eq!(
        verify_batch_timestamp(packed, 1000, 999, at(50)),
        Err(SystemLogError::L1TimeUnderflow { l1_timestamp: 50, not_older: 100 })
    );
    assert_eq!(
        verify_batch_timestamp(packed, 1000, 999, at(1101)),
        Err(SystemLogError::BatchTooOld { batch: 1000, earliest: 1001 })
    );
    assert_eq!(verify_batch_timestamp(packed, 1000, 999, at(1100)), Ok(()));
    assert_eq!(
        verify_batch_timestamp(packed, 1000, 999, at(1004)),
        Err(SystemLogError::L2BlockTooNew { last_l2_block: 1010, latest: 1009 })
    );
    assert_eq!(L1TimeBounds::mainnet(7).not_older, 3 * 24 * 3600);
}

#[test]
fn commit_checks_in_executor_order() {
    let version = v(29);
    let logs = process_system_logs(
        version,
        &pack(&full_logs(SystemLogLayout::Interop, false, DA)),
        &gateway_params(false),
    )
    .expect("valid");
    let good = CommitExpectations {
        previous_batch_hash: B256::with_last_byte(5),
        previous_batch_timestamp: 999,
        priority_operations_hash: B256::with_last_byte(3),
        number_of_layer1_txs: U256::from_be_bytes(B256::with_last_byte(4).0),
        batch_timestamp: 1000,
        stored_precommitment: Some(DEFAULT_PRECOMMITMENT),
        time: L1TimeBounds { l1_timestamp: 1005, not_older: 100, approximation_delta: 5 },
    };
    assert_eq!(verify_commit(version, &logs, &good), Ok(()));
    let bad = CommitExpectations { previous_batch_hash: B256::ZERO, ..good };
    assert!(matches!(
        verify_commit(version, &logs, &bad),
        Err(SystemLogError::PrevBatchHashMismatch { .. })
    ));
    let bad = CommitExpectations { priority_operations_hash: B256::ZERO, ..good };
    assert!(matches!(
        verify_commit(version, &logs, &bad),
        Err(SystemLogError::PriorityOpsHashMismatch { .. })
    ));
    let bad = CommitExpectations { number_of_layer1_txs: U256::ZERO, ..good };
    assert!(matches!(
        verify_commit(version, &logs, &bad),
        Err(SystemLogError::NumberOfLayer1TxsMismatch { .. })
    ));
    let bad = CommitExpectations { stored_precommitment: Some(B256::repeat_byte(7)), ..good };
    assert!(matches!(
        verify_commit(version, &logs, &bad),
        Err(SystemLogError::PrecommitmentMismatch { .. })
    ));
    // Key 8 (L2 txs status rolling hash) was given value 9: a matching precommitment passes.
    let ok = CommitExpectations { stored_precommitment: Some(B256::with_last_byte(9)), ..good };
    assert_eq!(verify_commit(version, &logs, &ok), Ok(()));
    // Before v29 precommitments do not exist.
    assert_eq!(verify_commit(v(28), &logs, &bad), Ok(()));
    let bad = CommitExpectations { batch_timestamp: 1, ..good };
    assert!(matches!(
        verify_commit(version, &logs, &bad),
        Err(SystemLogError::BatchTimestampMismatch { .. })
    ));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(version in 0u16..=31, bytes in proptest::collection::vec(any::<u8>(), 0..1200)) {
        let params = ProcessLogsParams {
            expected_upgrade_tx_hash: B256::ZERO,
            l2_da_validator: Some(Address::ZERO),
            total_pubdata_hash: Some(B256::ZERO),
        };
        let _ = process_system_logs(v(version), &bytes, &params);
    }

    #[test]
    fn shuffled_full_sets_are_accepted(seed in any::<u64>(), version in 18u16..=31) {
        let layout = SystemLogLayout::for_version(v(version)).expect("boojum");
        let mut logs = full_logs(layout, false, DA);
        let len = logs.len();
        for i in 0..len {
            let j = (seed.rotate_left(i as u32) as usize) % len;
            logs.swap(i, j);
        }
        let mut params = gateway_params(false);
        let pubdata_key = layout.number_of(SystemLogKey::TotalL2ToL1Pubdata);
        params.total_pubdata_hash = pubdata_key.map(|n| B256::with_last_byte(n + 1));
        prop_assert!(process_system_logs(v(version), &pack(&logs), &params).is_ok());
    }
}

#[test]
fn v19_commitment_recomputed_from_commit_fields() {
    // The same era-contracts `executor_proof.spec.ts` batch, this time entered as the committed
    // batch's calldata fields: the state-diff hash is read from its system logs.
    use zkstack_l1::commitment::{CommittedBatch, commitment_from_commit};
    let logs = v20_logs();
    let batch = CommittedBatch {
        index_repeated_storage_changes: 84,
        new_state_root: b("0x9cf7bb72401a56039ca097cabed20a72221c944ed9b0e515c083c04663ab45a6"),
        system_logs: &logs,
        bootloader_heap_initial_contents_hash: b(
            "0x540442e48142fa061a81822184f7790e7b69dea92153d38ef623802c6f0411c0",
        ),
        events_queue_state_hash: b(
            "0xda42ab7994d4695a25f4ea8a9a485a592b7a31c20d5dae6363828de86d8826ea",
        ),
        da_input: &[],
    };
    let meta = MetaParameters {
        zkporter_is_available: false,
        bootloader_code_hash: b(
            "0x010009416e909e0819593a9806bbc841d25c5cdfed3f4a1523497c6814e5194a",
        ),
        default_aa_code_hash: b(
            "0x0100065d134a862a777e50059f5e0fbe68b583f3617a67820f7edda0d7f253a0",
        ),
        evm_emulator_code_hash: None,
        protocol_version: v(19),
    };
    let hashes = commitment_from_commit(batch, &meta).expect("recomputes").hashes();
    assert_eq!(
        hashes.commitment,
        b("0x5765f7967c60dcf0e77ba0a909980c19b5ceab56f6bc1a6e0bd308f5f8dec263")
    );
}
