//! Properties of the batch commitment over generated inputs: typed errors for inputs that do not
//! fit their version, the commitment formula, JSON round trips and no panics on arbitrary JSON.
//! (Byte-exact values are checked in `commitment_vectors.rs` and `commitment_system_logs.rs`.)

#![cfg(feature = "serde")]

use alloy_primitives::keccak256;
use proptest::prelude::*;
use zkstack_l1::commitment::{
    AuxCommitments, BatchCommitment, BlobHash, CommitmentCommonInput, CommitmentError,
    CommitmentInput, StateDiffRecord, blobs_in_commitment,
};
use zkstack_l1::{Address, B256, L2ToL1Log, ProtocolVersionId, U256};

fn common(version: u16, logs: usize) -> CommitmentCommonInput {
    CommitmentCommonInput {
        l2_to_l1_logs: vec![L2ToL1Log { is_service: true, ..L2ToL1Log::default() }; logs],
        rollup_last_leaf_index: 5,
        rollup_root_hash: B256::repeat_byte(1),
        bootloader_code_hash: B256::repeat_byte(2),
        default_aa_code_hash: B256::repeat_byte(3),
        evm_emulator_code_hash: None,
        protocol_version: ProtocolVersionId::new(version).expect("supported"),
    }
}

fn post(version: u16, blobs: usize, diffs: usize) -> CommitmentInput {
    CommitmentInput::PostBoojum {
        common: common(version, 2),
        system_logs: vec![L2ToL1Log::default(); 3],
        state_diffs: vec![
            StateDiffRecord {
                address: Address::repeat_byte(9),
                key: U256::from(7),
                ..StateDiffRecord::default()
            };
            diffs
        ],
        aux_commitments: AuxCommitments::default(),
        blob_hashes: vec![BlobHash::default(); blobs],
        aggregation_root: B256::repeat_byte(4),
    }
}

#[test]
fn input_must_fit_its_version() {
    let v = |n| ProtocolVersionId::new(n).expect("supported");
    let pre = CommitmentInput::PreBoojum {
        common: common(20, 0),
        initial_writes: vec![],
        repeated_writes: vec![],
    };
    assert_eq!(
        BatchCommitment::new(&pre),
        Err(CommitmentError::WrongInputKind { kind: "pre-Boojum", version: v(20) })
    );
    assert_eq!(
        BatchCommitment::new(&post(17, 0, 0)),
        Err(CommitmentError::WrongInputKind { kind: "post-Boojum", version: v(17) })
    );
    assert_eq!(
        BatchCommitment::new(&post(23, 2, 0)),
        Err(CommitmentError::BlobCountMismatch { version: v(23), expected: 16, actual: 2 })
    );
    assert_eq!(blobs_in_commitment(v(19)), 0);
    assert!(BatchCommitment::new(&post(19, 0, 1)).is_ok());
}

#[test]
fn gateway_root_combines_local_and_aggregation_roots() {
    use zkstack_l1::commitment::AuxiliaryOutput;
    let BatchCommitment { auxiliary_output: AuxiliaryOutput::PostBoojum(out), .. } =
        BatchCommitment::new(&post(26, 16, 0)).expect("ok")
    else {
        panic!("post-Boojum output expected");
    };
    let expected = keccak256([out.local_root, out.aggregation_root].concat());
    assert_eq!(out.l2_l1_logs_merkle_root, expected);
    let BatchCommitment { auxiliary_output: AuxiliaryOutput::PostBoojum(pre), .. } =
        BatchCommitment::new(&post(25, 16, 0)).expect("ok")
    else {
        panic!("post-Boojum output expected");
    };
    assert_eq!(pre.l2_l1_logs_merkle_root, pre.local_root);
}

proptest! {
    #[test]
    fn commitment_is_keccak_of_the_three_hashes(version in 18u16..=31, diffs in 0usize..4) {
        let v = ProtocolVersionId::new(version).expect("supported");
        let input = post(version, blobs_in_commitment(v), diffs);
        let commitment = BatchCommitment::new(&input).expect("fits");
        let hashes = commitment.hashes();
        let preimage = [hashes.pass_through_data, hashes.meta_parameters, hashes.aux_output].concat();
        prop_assert_eq!(hashes.commitment, keccak256(preimage));
        prop_assert_eq!(commitment.meta_parameters.to_bytes().len(), if version >= 23 { 97 } else { 65 });
        prop_assert_eq!(
            commitment.auxiliary_output.to_bytes().len(),
            32 * (4 + 2 * blobs_in_commitment(v))
        );
        let json = serde_json::to_string(&input).expect("serialises");
        let back: CommitmentInput = serde_json::from_str(&json).expect("reads back");
        prop_assert_eq!(back, input);
    }

    #[test]
    fn arbitrary_json_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(input) = serde_json::from_slice::<CommitmentInput>(&bytes) {
            let _ = BatchCommitment::new(&input);
        }
    }

    #[test]
    fn version_spellings_agree(minor in 0u16..=31) {
        let v = ProtocolVersionId::new(minor).expect("supported");
        let mut spelled = serde_json::to_value(post(31, 16, 0)).expect("value");
        spelled["PostBoojum"]["common"]["protocol_version"] = serde_json::json!(format!("Version{minor}"));
        let mut numeric = spelled.clone();
        numeric["PostBoojum"]["common"]["protocol_version"] = serde_json::json!(minor);
        let a: CommitmentInput = serde_json::from_value(spelled).expect("VersionN");
        let b: CommitmentInput = serde_json::from_value(numeric).expect("N");
        prop_assert_eq!(a.common().protocol_version, v);
        prop_assert_eq!(a, b);
    }
}
