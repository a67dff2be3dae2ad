//! Property tests: proofs built like a node builds them verify (and every single-bit change is
//! rejected), encodings round-trip, and arbitrary bytes never panic a parser.

use alloy_primitives::{Address, B256, Bytes, U256};
use proptest::prelude::*;
use zkstack_bridge::cli::{VerifyProofArgs, verify_proof};
use zkstack_bridge::deposit::{BridgeBurnData, BridgeMintData, SecondBridgeCalldata, TokenData};
use zkstack_bridge::interop::{InteropRoot, MessageRoot, verify_interop_message};
use zkstack_bridge::l1::{L2ToL1Log, ProtocolVersionId};
use zkstack_bridge::message::{L2Message, TxStatus, tx_status_log};
use zkstack_bridge::proof::{
    LogProof, ProofFormat, SettlementLink, SettlementRoot, TxStatusQuery,
    chain_id_leaf_final_proof, nested_proof, process_proof, verify_message_inclusion,
    verify_tx_status,
};
use zkstack_bridge::withdrawal::WithdrawalMessage;

const CHAIN: u64 = 270;
const GATEWAY: u64 = 506;

/// A chain settling on Gateway: its batch's logs, the message at `index`, and the proof words
/// and expected root assembled the way zksync-era's `BatchRootProcessor` and `unstable` API do.
fn gateway_scenario(
    filler: usize,
    index_seed: usize,
    earlier_batches: usize,
    other_chains: usize,
) -> (L2Message, U256, Vec<B256>, SettlementRoot) {
    let version = ProtocolVersionId::LATEST;
    let message = L2Message {
        tx_number_in_batch: 3,
        sender: Address::repeat_byte(0x42),
        data: Bytes::from_static(b"withdraw"),
    };
    let mut logs: Vec<L2ToL1Log> = (0..filler)
        .map(|i| tx_status_log(B256::repeat_byte(i as u8), TxStatus::Success, i as u16))
        .collect();
    let index = index_seed % (filler + 1);
    logs.insert(index, message.to_log());
    let log_proof = LogProof::new(&logs, version, index).expect("in range");
    let chain_message_root = B256::repeat_byte(0x77); // the chain's own (empty-ish) aggregation root
    let log_leaf_path = log_proof.log_leaf_path(chain_message_root);
    let batch_root = zkstack_bridge::interop::chain_batch_root(
        version,
        log_proof.local_root,
        chain_message_root,
    );

    let batch_number = U256::from(earlier_batches as u64 + 1);
    let mut gw = MessageRoot::new(U256::from(GATEWAY));
    for c in 0..other_chains {
        gw.add_chain(U256::from(1000 + c as u64)).expect("new chain");
        gw.add_chain_batch_root(
            U256::from(1000 + c as u64),
            U256::from(1u8),
            B256::repeat_byte(c as u8),
        )
        .expect("registered");
    }
    gw.add_chain(U256::from(CHAIN)).expect("new chain");
    for b in 0..earlier_batches {
        gw.add_chain_batch_root(
            U256::from(CHAIN),
            U256::from(b as u64 + 1),
            B256::repeat_byte(0xee),
        )
        .expect("registered");
    }
    gw.add_chain_batch_root(U256::from(CHAIN), batch_number, batch_root).expect("registered");
    let leaf_index = gw.batch_count(U256::from(CHAIN)).expect("registered") - 1;
    let batch_leaf_path = gw.batch_leaf_proof(U256::from(CHAIN), leaf_index).expect("in range");
    let (chain_index, shared_path) = gw.chain_id_leaf_proof(U256::from(CHAIN)).expect("registered");
    let gw_local_root = B256::repeat_byte(0x99);
    let (mask, settlement_proof) =
        chain_id_leaf_final_proof(chain_index as u64, &shared_path, gw_local_root)
            .expect("short path");
    let gw_batch_root =
        zkstack_bridge::interop::chain_batch_root(version, gw_local_root, gw.aggregated_root());
    let sl_batch = U256::from(12345u32);
    let link = SettlementLink {
        batch_leaf_index: U256::from(leaf_index),
        batch_leaf_path,
        settlement_batch_number: sl_batch,
        chain_id_leaf_mask: mask,
        settlement_chain_id: U256::from(GATEWAY),
        settlement_proof,
    };
    let words = nested_proof(&log_leaf_path, &link).expect("fits");
    (
        message,
        U256::from(index),
        words,
        SettlementRoot {
            chain_id: U256::from(GATEWAY),
            batch_number: sl_batch,
            root: gw_batch_root,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn built_gateway_proofs_verify_and_reject_every_bit_flip(
        filler in 0usize..40, index_seed in any::<usize>(), earlier in 0usize..9, others in 0usize..4,
    ) {
        let (message, index, words, expected) = gateway_scenario(filler, index_seed, earlier, others);
        let chain = U256::from(CHAIN);
        let batch = U256::from(earlier as u64 + 1);
        let out = verify_message_inclusion(chain, batch, index, &message, &words, &expected);
        prop_assert!(out.is_ok(), "{:?}", out);
        prop_assert_eq!(out.expect("checked").hops.len(), 2);
        for w in 0..words.len() {
            let final_meta = matches!(ProofFormat::from_first_word(&words[w]), Ok(ProofFormat::V1(m)) if m.final_proof_node)
                && words[w][4..].iter().all(|b| *b == 0) && words[w][0] == 1;
            for bit in 0..256 {
                let mut changed = words.clone();
                changed[w][bit / 8] ^= 0x80 >> (bit % 8);
                let dont_care = final_meta && bit / 8 == 3 && bit % 8 != 7;
                prop_assert_eq!(verify_message_inclusion(chain, batch, index, &message, &changed, &expected).is_err(), !dont_care,
                    "word {} bit {}", w, bit);
            }
        }
        for bit in 0..256 {
            let mut root = expected;
            root.root.0[bit / 8] ^= 0x80 >> (bit % 8);
            prop_assert!(verify_message_inclusion(chain, batch, index, &message, &words, &root).is_err());
        }
        // The same proof, against the interop root a receiving chain imported from Gateway.
        let imported = [InteropRoot::single(expected.chain_id, expected.batch_number, expected.root)];
        prop_assert!(verify_interop_message(chain, batch, index, &message, &words, &imported).is_ok());
        // And through the CLI entry point.
        let report = verify_proof(&VerifyProofArgs {
            chain_id: chain, batch_number: batch, index, tx_number_in_batch: message.tx_number_in_batch,
            sender: message.sender, data: message.data.to_vec(), proof: words.clone(), expected_root: expected.root,
            settlement: Some((expected.chain_id, expected.batch_number)),
        });
        prop_assert!(report.valid, "{}", report.reason);
        let report = verify_proof(&VerifyProofArgs {
            chain_id: chain, batch_number: batch, index, tx_number_in_batch: message.tx_number_in_batch,
            sender: message.sender, data: b"other".to_vec(), proof: words, expected_root: expected.root, settlement: None,
        });
        prop_assert!(!report.valid && report.reason.contains("proof gives root"), "{}", report.reason);
    }

    #[test]
    fn pre_gateway_and_l1_settled_proofs_verify(filler in 0usize..30, index_seed in any::<usize>(), minor in 18u16..=31) {
        let version = ProtocolVersionId::new(minor).expect("supported");
        let tx_hash = B256::repeat_byte(0xab);
        let log = tx_status_log(tx_hash, TxStatus::Failure, 7);
        let mut logs: Vec<L2ToL1Log> = (0..filler).map(|i| tx_status_log(B256::repeat_byte(i as u8), TxStatus::Success, i as u16)).collect();
        let index = index_seed % (filler + 1);
        logs.insert(index, log);
        let (words, root) = LogProof::new(&logs, version, index).expect("in range")
            .settled_on_l1(version, Some(B256::repeat_byte(5))).expect("built");
        prop_assert_eq!(words.len(), zkstack_l1_tree_depth(version) + usize::from(!version.is_pre_gateway()) * 2);
        let query = TxStatusQuery { chain_id: U256::from(CHAIN), tx_hash, batch_number: U256::from(9u8),
            message_index: U256::from(index), tx_number_in_batch: 7, status: TxStatus::Failure };
        let expected = SettlementRoot { chain_id: U256::from(CHAIN), batch_number: U256::from(9u8), root };
        prop_assert!(verify_tx_status(&query, &words, &expected).is_ok());
        let wrong = TxStatusQuery { status: TxStatus::Success, ..query };
        prop_assert!(verify_tx_status(&wrong, &words, &expected).is_err());
    }

    #[test]
    fn withdrawal_messages_round_trip(receiver in any::<[u8; 20]>(), token in any::<[u8; 20]>(), amount in any::<[u8; 32]>(),
                                      extra in proptest::collection::vec(any::<u8>(), 0..100), chain in any::<u64>()) {
        let amount = U256::from_be_bytes(amount);
        for m in [
            WithdrawalMessage::BaseToken { receiver: receiver.into(), amount, extra: extra.clone().into() },
            WithdrawalMessage::base_token_with_message(receiver.into(), amount, token.into(), &extra),
            WithdrawalMessage::LegacyErc20 { receiver: receiver.into(), token: token.into(), amount },
            WithdrawalMessage::AssetRouter { chain_id: U256::from(chain), asset_id: B256::from(amount), transfer_data: extra.clone().into() },
        ] {
            prop_assert_eq!(WithdrawalMessage::parse(&m.encode()), Ok(m));
        }
    }

    #[test]
    fn deposit_encodings_round_trip(a in any::<[u8; 20]>(), b in any::<[u8; 20]>(), amount in any::<[u8; 32]>(),
                                    data in proptest::collection::vec(any::<u8>(), 0..200), chain in any::<u64>()) {
        let amount = U256::from_be_bytes(amount);
        for c in [
            SecondBridgeCalldata::Legacy { token: a.into(), amount, l2_receiver: b.into() },
            SecondBridgeCalldata::New { asset_id: B256::from(amount), transfer_data: data.clone().into() },
            SecondBridgeCalldata::SetAssetHandlerCounterpart { asset_id: B256::from(amount), handler: a.into() },
        ] {
            prop_assert_eq!(SecondBridgeCalldata::decode(&c.encode()), Ok(c));
        }
        let burn = BridgeBurnData { amount, receiver: a.into(), maybe_token: b.into() };
        prop_assert_eq!(BridgeBurnData::decode(&burn.encode()), Ok(burn));
        let mint = BridgeMintData { original_caller: a.into(), receiver: b.into(), origin_token: a.into(), amount, erc20_metadata: data.clone().into() };
        prop_assert_eq!(BridgeMintData::decode(&mint.encode()), Ok(mint));
        let td = TokenData { origin_chain_id: Some(U256::from(chain)), name: data.clone().into(), symbol: Bytes::new(), decimals: data.into() };
        prop_assert_eq!(TokenData::decode(&td.encode()), Ok(td));
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..400),
                                   words in proptest::collection::vec(any::<[u8; 32]>(), 0..40), mask in any::<[u8; 32]>()) {
        let _ = WithdrawalMessage::parse(&data);
        let _ = SecondBridgeCalldata::decode(&data);
        let _ = TokenData::decode(&data);
        let _ = BridgeBurnData::decode(&data);
        let _ = BridgeMintData::decode(&data);
        let words: Vec<B256> = words.into_iter().map(B256::from).collect();
        let _ = process_proof(U256::from(1u8), U256::from(1u8), U256::from_be_bytes(mask), B256::repeat_byte(1), &words);
        let _ = process_proof(U256::from(1u8), U256::from(1u8), U256::from(data.len()), B256::repeat_byte(1), &words);
    }

    /// Proofs made of mostly-valid metadata words (short lengths) exercise the nested walk on junk.
    #[test]
    fn junk_nested_proofs_never_panic(lens in proptest::collection::vec((0u8..4, 0u8..4, any::<bool>()), 1..6),
                                      fill in proptest::collection::vec(any::<[u8; 32]>(), 0..30)) {
        let mut words = Vec::new();
        let mut fill = fill.into_iter().map(B256::from);
        for (l, b, f) in lens {
            let mut meta = B256::ZERO;
            meta[0] = 1; meta[1] = l; meta[2] = b; meta[3] = u8::from(f);
            words.push(meta);
            words.extend(fill.by_ref().take(usize::from(l + b) + 3));
        }
        let _ = process_proof(U256::from(1u8), U256::from(1u8), U256::ZERO, B256::repeat_byte(1), &words);
    }
}

fn zkstack_l1_tree_depth(version: ProtocolVersionId) -> usize {
    zkstack_bridge::l1::log_tree::tree_size(version).trailing_zeros() as usize
}

#[test]
fn legacy_deposit_data_uses_msg_value_for_ether() {
    use zkstack_bridge::addresses::ETH_TOKEN_ADDRESS;
    let call = SecondBridgeCalldata::Legacy {
        token: ETH_TOKEN_ADDRESS,
        amount: U256::ZERO,
        l2_receiver: Address::repeat_byte(2),
    };
    let (asset, data) =
        call.asset_and_transfer_data(U256::from(1u8), U256::from(77u8)).expect("deposit form");
    assert_eq!(asset, zkstack_bridge::asset::eth_asset_id(U256::from(1u8)));
    assert_eq!(BridgeBurnData::decode(&data).expect("burn data").amount, U256::from(77u8));
    assert_eq!(call.encode()[0], 0, "legacy data starts with a zero byte");
}
