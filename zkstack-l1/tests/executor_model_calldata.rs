//! The modelled Executor fed raw calldata (routing, payload errors in the contract's order), on a
//! Gateway, with blob and validium DA, and its commitment formula against zksync-era's vectors.
//!
//! Expected values: calldata is built with our `executor_abi` encoder (checked byte for byte
//! against real L1 calldata in `executor_abi_vectors.rs`); the decoder-failure errors and their
//! order follow era-contracts `main` `BatchDecoder.sol` and `Executor.sol` (modifiers and the
//! protocol-version check run before the payload is decoded; `_decodeProofData` indexes `data[0]`
//! unchecked); blob DA follows `RollupL1DAValidator.sol` (commitment =
//! keccak(versionedHash ‖ openingPoint ‖ claimedValue)); the relayed Gateway message follows
//! `_commitOneBatch` (`abi.encode(uint8(0), storedBatchInfo, metadataHash, auxiliaryOutputHash)`);
//! `create_batch_commitment` is compared with the hashes in zksync_types 29.13.0
//! `src/commitment/tests/*.json` (fetched from crates.io at test time, skipped loudly offline).

#![allow(clippy::unwrap_used)]

mod executor_model_fixture;
mod support;

use alloy_primitives::{Address, B256, Bytes, FixedBytes, U256, address, keccak256};
use executor_model_fixture::*;
use zkstack_l1::commitment::{BlobHash, CommitmentInput, MetaParameters, PassThroughData};
use zkstack_l1::executor_abi::{
    ExecutorCall, ExecutorGeneration, GatewayData, InteropData, PriorityOpsBatchInfo as WireOps,
    RangeCall, RevertCall,
};
use zkstack_l1::executor_model::{
    DaError, ExecutorError, ExecutorEvent, L1Context, L1DaValidatorOutput, L1Executor,
    PointEvaluationInput, PredicateVerifier, SettlementLayer, TestBlobOracle,
    ValidiumL1DaValidator, create_batch_commitment, kzg_to_versioned_hash,
};
use zkstack_l1::priority::{PriorityLeaves, SolidityPanic};
use zkstack_l1::pubdata::commit::encode_rollup_blobs_da_input;
use zkstack_l1::pubdata::{KzgOpening, RollupDaHeader};
use zkstack_l1::system_logs::SystemLogKey;

const CHAIN: Address = address!("0x00000000000000000000000000000000000c4a17");

fn range(from: u64, to: u64, data: InteropData) -> Vec<u8> {
    ExecutorCall::Interop(RangeCall {
        chain: CHAIN,
        process_from: U256::from(from),
        process_to: U256::from(to),
        data,
    })
    .encode()
}

#[test]
fn full_loop_from_calldata() {
    let mut exec = new_chain();
    let g = genesis();
    let (request, rctx) = deposit_request(address!("0x00000000000000000000000000000000000000e1"));
    let hash = exec.request_l2_transaction(&request, &rctx).unwrap().canonical_tx_hash;
    let spec = BatchSpec::next(&g, vec![hash]);
    let commit = range(
        1,
        1,
        InteropData::Commit { last_committed: g.clone(), batches: vec![spec.commit_info()] },
    );
    exec.apply_calldata(&commit, &ctx(), &accept()).unwrap();
    let stored = spec.stored(spec.server_commitment(exec.config()));
    assert_eq!(exec.stored_batch_hash(1), stored.hash());

    let prove = range(
        1,
        1,
        InteropData::Prove {
            prev: g.clone(),
            committed: vec![stored.clone()],
            proof: vec![U256::from(1u8)],
        },
    );
    let verifier = PredicateVerifier(|_: &[U256], proof: &[U256]| proof == [U256::from(1u8)]);
    exec.apply_calldata(&prove, &ctx(), &verifier).unwrap();

    let ops = PriorityLeaves::new(vec![hash]).batch_info(0, 1, 1).unwrap();
    let execute = range(
        1,
        1,
        InteropData::Execute {
            batches: vec![stored.clone()],
            priority_ops: vec![WireOps::from(ops)],
            dependency_roots: vec![vec![]],
        },
    );
    exec.apply_calldata(&execute, &ctx(), &accept()).unwrap();
    assert_eq!(exec.l2_logs_root_hash(1), stored.l2LogsTreeRoot);

    let revert =
        ExecutorCall::Revert(RevertCall::Interop { chain: CHAIN, new_last_batch: U256::ZERO })
            .encode();
    assert_rejects(&mut exec, &ExecutorError::CantRevertExecutedBatch, |e| {
        e.apply_calldata(&revert, &ctx(), &accept())
    });
}

#[test]
fn routing_and_payload_errors() {
    let mut exec = new_chain();
    let g = genesis();
    let spec = BatchSpec::next(&g, vec![]);
    let data = InteropData::Commit { last_committed: g.clone(), batches: vec![spec.commit_info()] };

    // processTo does not match the payload.
    let wrong_bounds = range(1, 2, data.clone());
    assert_rejects(
        &mut exec,
        &ExecutorError::IncorrectBatchBounds {
            process_from: U256::from(1u8),
            process_to: U256::from(2u8),
            first: 1,
            last: 1,
        },
        |e| e.apply_calldata(&wrong_bounds, &ctx(), &accept()),
    );

    // The v26–v28 commit selector does not exist on a v29 diamond.
    let gateway = ExecutorCall::Gateway(RangeCall {
        chain: U256::from(CHAIN_ID),
        process_from: U256::from(1u8),
        process_to: U256::from(1u8),
        data: GatewayData::Commit { last_committed: g.to_legacy(), batches: vec![] },
    })
    .encode();
    assert_rejects(
        &mut exec,
        &ExecutorError::WrongGeneration {
            function: "commitBatchesSharedBridge",
            found: ExecutorGeneration::Gateway,
            version: 29,
        },
        |e| e.apply_calldata(&gateway, &ctx(), &accept()),
    );
    assert_rejects(
        &mut exec,
        &ExecutorError::UnknownSelector(Bytes::from(vec![1, 2, 3, 4])),
        |e| e.apply_calldata(&[1, 2, 3, 4, 5], &ctx(), &accept()),
    );

    // Version byte 2 (offset 4 + 5 words: after selector, address, from, to, offset, length).
    let mut bad_version = range(1, 1, data.clone());
    bad_version[4 + 5 * 32] = 2;
    assert_rejects(&mut exec, &ExecutorError::UnsupportedCommitBatchEncoding(2), |e| {
        e.apply_calldata(&bad_version, &ctx(), &accept())
    });
    let mut bad_proof = range(
        1,
        1,
        InteropData::Prove { prev: g.clone(), committed: vec![g.clone()], proof: vec![] },
    );
    bad_proof[4 + 5 * 32] = 0;
    assert_rejects(&mut exec, &ExecutorError::UnsupportedProofBatchEncoding(0), |e| {
        e.apply_calldata(&bad_proof, &ctx(), &accept())
    });

    // An empty `bytes` payload: EmptyData for commit, an out-of-bounds read for prove.
    let empty_payload = |selector: &[u8]| {
        let mut out = selector.to_vec();
        for word in [
            U256::from_be_slice(CHAIN.as_slice()),
            U256::from(1),
            U256::from(1),
            U256::from(0x80),
            U256::ZERO,
        ] {
            out.extend_from_slice(&word.to_be_bytes::<32>());
        }
        out
    };
    let commit_empty = empty_payload(&range(1, 1, data.clone())[..4]);
    assert_rejects(&mut exec, &ExecutorError::EmptyData, |e| {
        e.apply_calldata(&commit_empty, &ctx(), &accept())
    });
    let prove_empty = empty_payload(&bad_proof[..4]);
    assert_rejects(&mut exec, &ExecutorError::Panic(SolidityPanic::ArrayOutOfBounds), |e| {
        e.apply_calldata(&prove_empty, &ctx(), &accept())
    });
    // The protocol-version check runs before the payload is decoded.
    exec.set_protocol_version_active(false);
    assert_rejects(&mut exec, &ExecutorError::InvalidProtocolVersion, |e| {
        e.apply_calldata(&commit_empty, &ctx(), &accept())
    });
    // Garbage after the version byte.
    exec.set_protocol_version_active(true);
    let mut garbage = range(1, 1, data);
    garbage[4 + 5 * 32 + 10] = 0xff;
    assert!(matches!(
        exec.clone().apply_calldata(&garbage, &ctx(), &accept()),
        Err(ExecutorError::MalformedPayload { .. })
    ));
}

#[test]
fn gateway_relays_commit_and_appends_batch_roots() {
    let gateway_id = U256::from(506u16);
    let config = config(SettlementLayer::Gateway { chain_id: gateway_id });
    let mut exec = L1Executor::new(
        config.clone(),
        &genesis(),
        zkstack_l1::executor_model::RollupL1DaValidator::new(),
    )
    .unwrap();
    let g = genesis();
    let spec = BatchSpec::next(&g, vec![]);
    let events = exec.commit(&g, &[spec.commit_info()], &ctx()).unwrap();
    let commitment = spec.server_commitment(&config);
    let stored = spec.stored(commitment);
    let ExecutorEvent::RelayedBatchToL1 { batch_number: 1, message } = &events[0] else {
        panic!("expected the relayed message first, got {events:?}");
    };
    assert_eq!(message.len(), 12 * 32);
    assert_eq!(message[..32], [0u8; 32]);
    assert_eq!(message[32..32 * 10], alloy_sol_types::SolValue::abi_encode(&stored)[..]);
    let meta_hash = B256::from_slice(&message[32 * 10..32 * 11]);
    let aux_hash = B256::from_slice(&message[32 * 11..]);
    assert_eq!(meta_hash, config.meta_parameters().hash());
    let pass = PassThroughData {
        index_repeated_storage_changes: spec.index_repeated_storage_changes,
        new_state_root: spec.new_state_root,
    };
    assert_eq!(keccak256([pass.hash(), meta_hash, aux_hash].concat()), commitment);
    assert!(matches!(events[1], ExecutorEvent::BlockCommit { batch_number: 1, .. }));

    exec.prove(&g, std::slice::from_ref(&stored), &[], &accept()).unwrap();
    let events = exec.execute(std::slice::from_ref(&stored), &[no_ops()], &[vec![]]).unwrap();
    assert_eq!(
        events[0],
        ExecutorEvent::ChainBatchRootAdded {
            chain_id: U256::from(CHAIN_ID),
            batch_number: 1,
            root: stored.l2LogsTreeRoot
        }
    );
}

fn blob_opening(tag: u8) -> KzgOpening {
    KzgOpening {
        opening_point: FixedBytes::repeat_byte(tag),
        claimed_value: B256::repeat_byte(tag.wrapping_add(1)),
        commitment: FixedBytes::repeat_byte(tag.wrapping_add(2)),
        proof: FixedBytes::repeat_byte(tag.wrapping_add(3)),
    }
}

#[test]
fn blob_da() {
    let g = genesis();
    let opening = blob_opening(0x10);
    let versioned = kzg_to_versioned_hash(&opening.commitment);
    let mut spec = BatchSpec::next(&g, vec![]);
    spec.blob_commitment = opening.blob_commitment(versioned);
    let da =
        encode_rollup_blobs_da_input(spec.state_diff_hash(), &spec.pubdata(), &[opening]).unwrap();
    let mut info = spec.commit_info();
    info.operatorDAInput = da.clone().into();

    let accepts_opening = |input: &PointEvaluationInput| {
        input.z[16..] == opening.opening_point[..]
            && input.z[..16] == [0u8; 16]
            && input.y == opening.claimed_value
    };
    let oracle = TestBlobOracle::new(vec![versioned], accepts_opening);
    let with = |blobs| L1Context { timestamp: L1_NOW, block_number: 100, blobs };

    let run = |ctx: &L1Context<'_>,
               info: &zkstack_l1::executor_abi::CommitBatchInfo,
               expected: DaError| {
        let mut exec = new_chain();
        assert_rejects(&mut exec, &ExecutorError::Da(expected), |e| {
            e.commit(&genesis(), std::slice::from_ref(info), ctx)
        });
    };
    run(&ctx(), &info, DaError::EmptyBlobVersionHash(0));
    let two = TestBlobOracle::new(vec![versioned, B256::repeat_byte(1)], accepts_opening);
    run(&with(&two), &info, DaError::NonEmptyBlobVersionHash(1));
    let refusing = TestBlobOracle::new(vec![versioned], |_: &PointEvaluationInput| false);
    let mut z = B256::ZERO;
    z[16..].copy_from_slice(opening.opening_point.as_slice());
    let input = PointEvaluationInput {
        versioned_hash: versioned,
        z,
        y: opening.claimed_value,
        commitment: opening.commitment,
        proof: opening.proof,
    };
    run(
        &with(&refusing),
        &info,
        DaError::PointEvalCallFailed(Bytes::copy_from_slice(&input.to_bytes())),
    );
    let mut short = info.clone();
    short.operatorDAInput = da[..da.len() - 1].to_vec().into();
    run(&with(&oracle), &short, DaError::InvalidPubdataCommitmentsSize);

    // Accepted: the stored commitment is the server's with blob 0's opening commitment.
    let mut exec = new_chain();
    exec.commit(&g, std::slice::from_ref(&info), &with(&oracle)).unwrap();
    assert_eq!(
        exec.stored_batch_hash(1),
        spec.stored(spec.server_commitment(exec.config())).hash()
    );

    // Prepublished: published at block 100, usable until 100 + 65536, then expired.
    let mut exec = new_chain();
    let published =
        exec.da_validator_mut().publish_blobs(&opening.to_bytes(), 100, &oracle).unwrap();
    assert_eq!(published, vec![spec.blob_commitment]);
    let header_len = spec.da_header().encode().unwrap().len();
    let mut pre = da.clone();
    pre[header_len + 1..header_len + 1 + 144].fill(0);
    pre[header_len + 1 + 144..].copy_from_slice(spec.blob_commitment.as_slice());
    let mut pre_info = info.clone();
    pre_info.operatorDAInput = pre.into();
    let expired = L1Context {
        timestamp: L1_NOW,
        block_number: 100 + 65_537,
        blobs: &zkstack_l1::executor_model::NoBlobs,
    };
    assert_rejects(&mut exec, &ExecutorError::Da(DaError::BlobCommitmentNotPublished), |e| {
        e.commit(&g, std::slice::from_ref(&pre_info), &expired)
    });
    let in_time = L1Context { block_number: 100 + 65_536, ..expired };
    exec.commit(&g, std::slice::from_ref(&pre_info), &in_time).unwrap();
}

#[test]
fn calldata_da_header_limits() {
    let g = genesis();
    let spec = BatchSpec::next(&g, vec![]);
    let run = |header: RollupDaHeader, tail: Vec<u8>, expected: DaError| {
        let mut s = spec.clone();
        s.overrides = vec![(SystemLogKey::L2DaValidatorOutputHash, header.output_hash().unwrap())];
        let mut info = s.commit_info();
        info.operatorDAInput = [header.encode().unwrap(), tail].concat().into();
        let mut exec = new_chain();
        assert_rejects(&mut exec, &ExecutorError::Da(expected), |e| {
            e.commit(&genesis(), std::slice::from_ref(&info), &ctx())
        });
    };
    let mut two = spec.da_header();
    two.blob_linear_hashes.push(B256::repeat_byte(2));
    run(two, vec![0; 40], DaError::OnlyOneBlobWithCalldataAllowed);
    let mut many = spec.da_header();
    many.blob_linear_hashes = vec![B256::repeat_byte(2); 17];
    run(many, vec![0; 40], DaError::InvalidNumberOfBlobs { provided: 17, max: 16 });
    let big = vec![7u8; 126_977];
    let header = RollupDaHeader::for_pubdata(spec.state_diff_hash(), &big);
    let mut one_hash = header.clone();
    one_hash.blob_linear_hashes.truncate(1);
    run(
        one_hash,
        [vec![0], big, vec![1; 32]].concat(),
        DaError::PubdataLengthTooBig { len: 126_977, max: 126_976 },
    );
}

#[test]
fn validium_commits_the_state_diff_hash_only() {
    let config = config(SettlementLayer::L1);
    let mut exec = L1Executor::new(config.clone(), &genesis(), ValidiumL1DaValidator).unwrap();
    let spec = BatchSpec::next(&genesis(), vec![]);
    let mut info = spec.commit_info();
    info.operatorDAInput = spec.state_diff_hash().to_vec().into();
    exec.commit(&genesis(), std::slice::from_ref(&info), &ctx()).unwrap();
    let expected = spec.server_commitment_with(&config, vec![BlobHash::default(); 16]);
    assert_eq!(exec.stored_batch_hash(1), spec.stored(expected).hash());

    let mut exec = L1Executor::new(config, &genesis(), ValidiumL1DaValidator).unwrap();
    info.operatorDAInput = vec![0u8; 33].into();
    assert_rejects(
        &mut exec,
        &ExecutorError::Da(DaError::ValidiumWrongInputLength { len: 33, expected: 32 }),
        |e| e.commit(&genesis(), std::slice::from_ref(&info), &ctx()),
    );
}

#[test]
fn genesis_checks_like_diamond_init() {
    let mut config = config(SettlementLayer::L1);
    config.l2_evm_emulator_bytecode_hash = B256::ZERO;
    assert_eq!(
        L1Executor::new(config.clone(), &genesis(), ValidiumL1DaValidator),
        Err(ExecutorError::EmptyBytes32("l2EvmEmulatorBytecodeHash"))
    );
    config.l2_evm_emulator_bytecode_hash = B256::repeat_byte(1);
    config.priority_tx_max_gas_limit = U256::from(80_000_001u64);
    assert_eq!(
        L1Executor::new(config.clone(), &genesis(), ValidiumL1DaValidator),
        Err(ExecutorError::PriorityTxMaxGasLimitTooBig(U256::from(80_000_001u64)))
    );
    config.priority_tx_max_gas_limit = U256::from(72_000_000u64);
    config.protocol_version = zkstack_l1::ProtocolVersionId::new(28).unwrap();
    assert!(matches!(
        L1Executor::new(config, &genesis(), ValidiumL1DaValidator),
        Err(ExecutorError::UnsupportedProtocolVersion(_))
    ));
    // `storedBatchZero` of ChainTypeManager: the nine-field hash of batch 0.
    let g = genesis();
    assert_eq!(g.priorityOperationsHash, keccak256([]));
    assert_eq!((g.batchNumber, g.timestamp, g.l2LogsTreeRoot), (0, U256::ZERO, B256::ZERO));
}

/// `_createBatchCommitment` against zksync-era's own batch commitment vectors of the 16-blob layout.
#[test]
fn create_batch_commitment_matches_zksync_era_vectors() {
    let Some(dir) = support::commitment_vectors_dir() else { return };
    for name in ["post_boojum_1_5_0_test", "post_boojum_1_5_0_test_with_evm", "post_gateway_test"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let vector: serde_json::Value = serde_json::from_str(&text).unwrap();
        let input: CommitmentInput = serde_json::from_value(vector["input"].clone()).unwrap();
        let CommitmentInput::PostBoojum {
            common,
            system_logs,
            state_diffs,
            aux_commitments,
            blob_hashes,
            ..
        } = &input
        else {
            panic!("{name}: post-Boojum input expected");
        };
        let batch = zkstack_l1::executor_abi::CommitBatchInfo {
            indexRepeatedStorageChanges: common.rollup_last_leaf_index,
            newStateRoot: common.rollup_root_hash,
            bootloaderHeapInitialContentsHash: aux_commitments
                .bootloader_initial_content_commitment,
            eventsQueueStateHash: aux_commitments.events_queue_commitment,
            systemLogs: system_logs
                .iter()
                .flat_map(zkstack_l1::L2ToL1Log::to_bytes)
                .collect::<Vec<_>>()
                .into(),
            ..Default::default()
        };
        let da = L1DaValidatorOutput {
            state_diff_hash: zkstack_l1::commitment::state_diffs_hash(state_diffs),
            blobs_linear_hashes: blob_hashes.iter().map(|b| b.linear_hash).collect(),
            blobs_opening_commitments: blob_hashes.iter().map(|b| b.commitment).collect(),
        };
        let meta = MetaParameters {
            zkporter_is_available: false,
            bootloader_code_hash: common.bootloader_code_hash,
            default_aa_code_hash: common.default_aa_code_hash,
            evm_emulator_code_hash: common.evm_emulator_code_hash,
            protocol_version: common.protocol_version,
        };
        let hashes = create_batch_commitment(&batch, &da, &meta).unwrap();
        let expected = &vector["hashes"];
        let b = |key: &str| -> B256 { serde_json::from_value(expected[key].clone()).unwrap() };
        assert_eq!(hashes.pass_through_data, b("pass_through_data"), "{name}");
        assert_eq!(hashes.meta_parameters, b("meta_parameters"), "{name}");
        assert_eq!(hashes.aux_output, b("aux_output"), "{name}");
        assert_eq!(hashes.commitment, b("commitment"), "{name}");
    }
}
