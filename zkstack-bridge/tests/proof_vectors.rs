//! Message proofs checked against the real proofs of era-contracts `L2MessageVerification.t.sol`
//! (see `common/mod.rs` for their origin), plus the rejection of every single-bit change.

mod common;

use alloy_primitives::{B256, Bytes, U256};
use common::*;
use zkstack_bridge::interop::chain_id_leaf_hash;
use zkstack_bridge::l1::L2ToL1Log;
use zkstack_bridge::message::L2Message;
use zkstack_bridge::proof::{
    InclusionError, ProofFormat, SettlementRoot, process_proof, verify_log_inclusion,
    verify_message_inclusion,
};

fn u(v: u64) -> U256 {
    U256::from(v)
}

#[test]
fn single_hop_proof_reaches_the_mocked_interop_root() {
    let expected = SettlementRoot {
        chain_id: u(SINGLE_CHAIN),
        batch_number: u(SINGLE_BATCH),
        root: SINGLE_ROOT,
    };
    let out = verify_log_inclusion(
        u(SINGLE_CHAIN),
        u(SINGLE_BATCH),
        u(SINGLE_INDEX),
        &single_log(),
        &SINGLE_PROOF,
        &expected,
    )
    .expect("the contract test accepts this proof");
    assert_eq!(out.hops.len(), 1);
    assert_eq!(out.unused_words, 0);
}

/// The old format is the same path without the metadata word (the contracts tell them apart by
/// the first word's last 28 bytes): it must lead to the same root.
#[test]
fn old_format_is_the_bare_path() {
    let out = process_proof(
        u(SINGLE_CHAIN),
        u(SINGLE_BATCH),
        u(SINGLE_INDEX),
        single_log().hash(),
        &SINGLE_PROOF[1..],
    )
    .expect("valid path");
    assert_eq!(out.hops[0].format, ProofFormat::Legacy);
    assert_eq!(out.settlement.root, SINGLE_ROOT);
}

#[test]
fn gateway_proof_recurses_into_the_settlement_layer() {
    // 0xf3 = 243: settlement batch (block) number; 0x1fa = 506: the settlement chain id.
    let expected = SettlementRoot { chain_id: u(506), batch_number: u(0xf3), root: DOUBLE_ROOT };
    let out = verify_log_inclusion(
        u(SINGLE_CHAIN),
        u(SINGLE_BATCH),
        u(SINGLE_INDEX),
        &single_log(),
        &DOUBLE_PROOF,
        &expected,
    )
    .expect("the contract test accepts this proof");
    assert_eq!(out.hops.len(), 2);
    assert_eq!(out.hops[1].leaf_mask, u(1));
    assert_eq!(out.hops[1].leaf, out.hops[0].chain_id_leaf.expect("non-final hop"));
}

#[test]
fn withdrawal_message_proof_from_the_integration_tests() {
    let message = L2Message {
        tx_number_in_batch: MESSAGE_TX_NUMBER,
        sender: MESSAGE_SENDER,
        data: Bytes::from(message_data()),
    };
    let expected = SettlementRoot { chain_id: u(506), batch_number: u(0x57), root: MESSAGE_ROOT };
    let out = verify_message_inclusion(
        u(MESSAGE_CHAIN),
        u(MESSAGE_BATCH),
        u(MESSAGE_INDEX),
        &message,
        &MESSAGE_PROOF,
        &expected,
    )
    .expect("the contract test accepts this proof");
    assert_eq!(out.hops.len(), 2);
}

/// Derived: the last sibling of the double proof is the leaf of the settlement layer itself
/// (index 0 of its shared tree, an empty chain tree, so root 0): `chainIdLeafHash(0, 506)`.
#[test]
fn settlement_layers_own_chain_leaf_appears_in_real_proofs() {
    assert_eq!(chain_id_leaf_hash(B256::ZERO, u(506)), DOUBLE_PROOF[26]);
}

/// Flips each bit of `words` and hands the changed proof to `check`, except the seven
/// don't-care bits of a final flag byte (the contracts read that byte as `!= 0`, so those
/// flips are *accepted*, and `accepted` is asked to confirm it).
fn flip_every_bit(words: &[B256], mut rejected: impl FnMut(&[B256]) -> bool) {
    for w in 0..words.len() {
        let is_final_metadata = matches!(ProofFormat::from_first_word(&words[w]), Ok(ProofFormat::V1(m)) if m.final_proof_node)
            && (w == 0 || words[w][0] == 1 && words[w][4..].iter().all(|b| *b == 0));
        for bit in 0..256 {
            let mut changed = words.to_vec();
            changed[w][bit / 8] ^= 0x80 >> (bit % 8);
            let dont_care = is_final_metadata && bit / 8 == 3 && bit % 8 != 7;
            assert_eq!(
                rejected(&changed),
                !dont_care,
                "word {w} bit {bit} (don't-care: {dont_care})"
            );
        }
    }
}

#[test]
fn every_single_bit_change_of_real_proofs_is_rejected() {
    let log = single_log();
    let single = SettlementRoot {
        chain_id: u(SINGLE_CHAIN),
        batch_number: u(SINGLE_BATCH),
        root: SINGLE_ROOT,
    };
    flip_every_bit(&SINGLE_PROOF, |p| {
        verify_log_inclusion(u(SINGLE_CHAIN), u(SINGLE_BATCH), u(SINGLE_INDEX), &log, p, &single)
            .is_err()
    });
    let double = SettlementRoot { chain_id: u(506), batch_number: u(0xf3), root: DOUBLE_ROOT };
    flip_every_bit(&DOUBLE_PROOF, |p| {
        verify_log_inclusion(u(SINGLE_CHAIN), u(SINGLE_BATCH), u(SINGLE_INDEX), &log, p, &double)
            .is_err()
    });
}

#[test]
fn every_single_bit_change_of_root_leaf_and_query_is_rejected() {
    let log = single_log();
    let good = SettlementRoot { chain_id: u(506), batch_number: u(0xf3), root: DOUBLE_ROOT };
    let verify =
        |chain: U256, batch: U256, index: U256, log: &L2ToL1Log, expected: &SettlementRoot| {
            verify_log_inclusion(chain, batch, index, log, &DOUBLE_PROOF, expected)
        };
    assert!(verify(u(SINGLE_CHAIN), u(SINGLE_BATCH), u(SINGLE_INDEX), &log, &good).is_ok());
    for bit in 0..256 {
        let mut root = good;
        root.root.0[bit / 8] ^= 0x80 >> (bit % 8);
        assert!(matches!(
            verify(u(SINGLE_CHAIN), u(SINGLE_BATCH), u(SINGLE_INDEX), &log, &root),
            Err(InclusionError::RootMismatch { .. })
        ));
        let flip = U256::from(1u8) << bit;
        assert!(
            verify(u(SINGLE_CHAIN) ^ flip, u(SINGLE_BATCH), u(SINGLE_INDEX), &log, &good).is_err(),
            "chain bit {bit}"
        );
        assert!(
            verify(u(SINGLE_CHAIN), u(SINGLE_BATCH) ^ flip, u(SINGLE_INDEX), &log, &good).is_err(),
            "batch bit {bit}"
        );
        assert!(
            verify(u(SINGLE_CHAIN), u(SINGLE_BATCH), u(SINGLE_INDEX) ^ flip, &log, &good).is_err(),
            "index bit {bit}"
        );
    }
    let bytes = log.to_bytes();
    for bit in 0..bytes.len() * 8 {
        let mut changed = bytes;
        changed[bit / 8] ^= 0x80 >> (bit % 8);
        let changed = L2ToL1Log::from_bytes(&changed);
        // `is_service` is a bool: only its lowest bit survives decoding, other flips are the same log.
        if changed == log {
            continue;
        }
        assert!(
            verify(u(SINGLE_CHAIN), u(SINGLE_BATCH), u(SINGLE_INDEX), &changed, &good).is_err(),
            "log bit {bit}"
        );
    }
}
