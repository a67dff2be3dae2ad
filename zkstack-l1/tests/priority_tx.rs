//! The canonical L1→L2 transaction, its hash, the `NewPriorityRequest` event and the priority
//! rolling hash.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Address, B256, Bytes, U256, address, hex, keccak256};
use alloy_sol_types::SolEvent;
use proptest::prelude::*;
use zkstack_l1::priority::{
    L2CanonicalTransaction, NewPriorityRequest, NewPriorityRequestDecodeError,
    PRIORITY_OPERATION_L2_TX_TYPE, PriorityOperation, PriorityQueue, QueueIsEmpty, ZERO_LEAF_HASH,
    address_to_u256, priority_ops_rolling_hash,
};

/// zksync-era `etc/upgrades/1693905748-virtual-block-timestamp-fixed/stage2/transactions.json`:
/// `l1upgradeCalldata` (a real `upgrade(ProposedUpgrade)` call, ProposedUpgrade's first field being
/// the L2CanonicalTransaction) and the upgrade transaction's `data`.
const UPGRADE_CALLDATA: &str = "1ed824a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000001a000000000000000000000000000000000000000000000000000000000000005e00100089b8a2f2e6a20ba28f02c9e0ed0c13d702932364561a0ea61621f65f0a800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000060000000000000000000000000000000000000000000000000000000000000006200000000000000000000000000000000000000000000000000000000064f6e4b0000000000000000000000000000000000000000000000000000000000000000e000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000fe0000000000000000000000000000000000000000000000000000000000008007000000000000000000000000000000000000000000000000000000000000800600000000000000000000000000000000000000000000000000000000044aa2000000000000000000000000000000000000000000000000000000000000000320000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000026000000000000000000000000000000000000000000000000000000000000003c000000000000000000000000000000000000000000000000000000000000003e0000000000000000000000000000000000000000000000000000000000000040000000000000000000000000000000000000000000000000000000000000004200000000000000000000000000000000000000000000000000000000000000124e9f18c170000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000200100021f60c503126f404845b8cd748b0fa2e71cd99e14462008009e6fe1ab03000000000000000000000000000000000000000000000000000000000000800b0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
const UPGRADE_TX_DATA: &str = "e9f18c170000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000200100021f60c503126f404845b8cd748b0fa2e71cd99e14462008009e6fe1ab03000000000000000000000000000000000000000000000000000000000000800b0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a00000000000000000000000000000000000000000000000000000000000000000";

fn u(x: u64) -> U256 {
    U256::from(x)
}

/// The upgrade transaction of that file, field by field from its JSON.
fn upgrade_tx() -> L2CanonicalTransaction {
    L2CanonicalTransaction {
        txType: u(254),
        from: address_to_u256(address!("0000000000000000000000000000000000008007")),
        to: address_to_u256(address!("0000000000000000000000000000000000008006")),
        gasLimit: u(72_000_000),
        gasPerPubdataByteLimit: u(800),
        nonce: u(14),
        data: Bytes::from(hex::decode(UPGRADE_TX_DATA).unwrap()),
        ..Default::default()
    }
}

/// The struct's encoding must be the one Solidity produced inside a real upgrade call: the tuple body
/// of `abi.encode(tx)` (after its leading 0x20 offset) sits at the offset ProposedUpgrade's head
/// gives for it (`0x1a0`, relative to the struct, which starts after the selector and a 0x20 word).
#[test]
fn encoding_matches_real_upgrade_calldata() {
    let calldata = hex::decode(UPGRADE_CALLDATA).unwrap();
    let struct_start = 4 + 32;
    let tx_offset = U256::from_be_slice(&calldata[struct_start..struct_start + 32]).to::<usize>();
    assert_eq!(tx_offset, 0x1a0);
    let encoded = upgrade_tx().encode();
    assert_eq!(&encoded[..32], U256::from(32).to_be_bytes::<32>().as_slice());
    let body = &encoded[32..];
    let at = struct_start + tx_offset;
    assert_eq!(&calldata[at..at + body.len()], body);
    assert_eq!(upgrade_tx().encoded_len(), encoded.len());
    assert_eq!(upgrade_tx().canonical_hash(), keccak256(&encoded));
}

/// Hand layout of `abi.encode(tx)` from the ABI spec: a 0x20 offset, 10 static words, 4 reserved
/// words, 5 offsets (relative to the tuple start), then the tails of `data`, `signature`,
/// `factoryDeps`, `paymasterInput`, `reservedDynamic` in field order (Messaging.sol).
#[test]
fn encoding_matches_hand_layout() {
    let tx = L2CanonicalTransaction {
        txType: u(1),
        from: u(2),
        to: u(3),
        gasLimit: u(4),
        gasPerPubdataByteLimit: u(5),
        maxFeePerGas: u(6),
        maxPriorityFeePerGas: u(7),
        paymaster: u(8),
        nonce: u(9),
        value: u(10),
        reserved: [u(11), u(12), u(13), u(14)],
        data: Bytes::from(vec![0xaa; 33]),
        signature: Bytes::from(vec![0xbb; 1]),
        factoryDeps: vec![u(15), u(16)],
        paymasterInput: Bytes::new(),
        reservedDynamic: Bytes::from(vec![0xcc; 32]),
    };
    let word = |x: u64| U256::from(x).to_be_bytes::<32>().to_vec();
    let padded = |b: &[u8]| {
        let mut v = b.to_vec();
        v.resize(b.len().div_ceil(32) * 32, 0);
        v
    };
    let mut want = word(0x20);
    for i in 1..=14 {
        want.extend(word(i));
    }
    // Heads: 19 words = 0x260. Tails: data 32+64, signature 32+32, deps 32+64, input 32, dyn 32+32.
    let offsets = [0x260u64, 0x260 + 96, 0x260 + 160, 0x260 + 256, 0x260 + 288];
    for o in offsets {
        want.extend(word(o));
    }
    want.extend(word(33));
    want.extend(padded(&[0xaa; 33]));
    want.extend(word(1));
    want.extend(padded(&[0xbb]));
    want.extend(word(2));
    want.extend(word(15));
    want.extend(word(16));
    want.extend(word(0));
    want.extend(word(32));
    want.extend(padded(&[0xcc; 32]));
    assert_eq!(tx.encode(), want);
    assert_eq!(L2CanonicalTransaction::decode(&want).unwrap(), tx);
}

/// The minimal transaction of era-contracts `TransactionValidator` foundry tests
/// (`createTestTransaction`) encodes to 800 bytes: 0x20 + 19 head words + 5 empty tails; the
/// `PubdataGreaterThanLimit(100000, 490000)` vector there (overhead 10 000 = max(10 000, 10·800))
/// depends on it.
#[test]
fn foundry_test_transaction_length() {
    let tx = L2CanonicalTransaction {
        from: u(1_000_000_000),
        gasLimit: u(500_000),
        gasPerPubdataByteLimit: u(800),
        ..Default::default()
    };
    assert_eq!(tx.encoded_len(), 800);
}

/// The event's signature is the one zksync-era's `zkstack` tooling hashes
/// (`zkstack_cli/.../track_priority_txs.rs`), and logs round-trip.
#[test]
fn new_priority_request_event() {
    let signature = "NewPriorityRequest(uint256,bytes32,uint64,(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes),bytes[])";
    assert_eq!(NewPriorityRequest::SIGNATURE, signature);
    assert_eq!(NewPriorityRequest::SIGNATURE_HASH, keccak256(signature));

    let mut tx = upgrade_tx();
    tx.txType = U256::from(PRIORITY_OPERATION_L2_TX_TYPE);
    tx.nonce = u(77);
    tx.factoryDeps = vec![u(0x0100_0000)];
    let event = NewPriorityRequest::for_transaction(
        tx.clone(),
        1_700_000_000,
        vec![Bytes::from(vec![1u8; 64])],
    );
    assert_eq!(event.txId, u(77));
    assert_eq!(event.txHash, tx.canonical_hash());
    event.check_consistency().unwrap();

    let data = event.log_data();
    let topics = [NewPriorityRequest::SIGNATURE_HASH];
    let decoded = NewPriorityRequest::decode_log(&topics, &data).unwrap();
    assert_eq!(decoded, event);
    // The data is abi.encode of the five fields; its head is txId, txHash, expirationTimestamp.
    assert_eq!(&data[..32], u(77).to_be_bytes::<32>().as_slice());
    assert_eq!(&data[32..64], tx.canonical_hash().as_slice());
    assert_eq!(&data[64..96], u(1_700_000_000).to_be_bytes::<32>().as_slice());

    assert!(matches!(
        NewPriorityRequest::decode_log(&[B256::ZERO], &data),
        Err(NewPriorityRequestDecodeError::Abi(_))
    ));
    let mut forged = event.clone();
    forged.txHash = B256::ZERO;
    assert!(matches!(
        forged.check_consistency(),
        Err(NewPriorityRequestDecodeError::HashMismatch { .. })
    ));
    let mut forged = event;
    forged.txId = u(78);
    assert!(matches!(
        forged.check_consistency(),
        Err(NewPriorityRequestDecodeError::IdMismatch { .. })
    ));
}

/// Rolling hash by hand: `keccak256("")` for no operations, then `keccak256(prev ‖ hash)`
/// (Executor `_rollingHash`; zksync-era `L1BatchHeader::priority_ops_onchain_data_hash`).
#[test]
fn rolling_hash_by_hand() {
    assert_eq!(priority_ops_rolling_hash(&[]), keccak256([]));
    let (a, b) = (B256::repeat_byte(1), B256::repeat_byte(2));
    let step1 = keccak256([keccak256([]).as_slice(), a.as_slice()].concat());
    let step2 = keccak256([step1.as_slice(), b.as_slice()].concat());
    assert_eq!(priority_ops_rolling_hash(&[a]), step1);
    assert_eq!(priority_ops_rolling_hash(&[a, b]), step2);
}

/// The legacy queue pops in FIFO order and hashes like `_collectOperationsFromPriorityQueue`.
#[test]
fn legacy_queue() {
    let hashes: Vec<B256> = (1u8..=5).map(B256::repeat_byte).collect();
    let mut queue = PriorityQueue::starting_at(100);
    for h in &hashes {
        queue.push_back(PriorityOperation { canonical_tx_hash: *h, ..Default::default() });
    }
    assert_eq!((queue.first_unprocessed(), queue.total(), queue.len()), (100, 105, 5));
    assert_eq!(queue.collect_operations(0).unwrap(), ZERO_LEAF_HASH);
    assert_eq!(queue.collect_operations(2).unwrap(), priority_ops_rolling_hash(&hashes[..2]));
    assert_eq!(queue.front().unwrap().canonical_tx_hash, hashes[2]);
    assert_eq!(queue.collect_operations(4), Err(QueueIsEmpty));
    assert_eq!(queue.len(), 3);
    assert_eq!(queue.collect_operations(3).unwrap(), priority_ops_rolling_hash(&hashes[2..]));
    assert_eq!((queue.first_unprocessed(), queue.total()), (105, 105));
    assert!(queue.is_empty());
    assert_eq!(queue.front(), Err(QueueIsEmpty));
}

#[test]
fn address_widening() {
    let a = address!("ffffffffffffffffffffffffffffffffffffffff");
    assert_eq!(address_to_u256(a), (U256::from(1) << 160) - U256::from(1));
    assert_eq!(address_to_u256(Address::ZERO), U256::ZERO);
}

fn arb_u256() -> impl Strategy<Value = U256> {
    any::<[u8; 32]>().prop_map(U256::from_be_bytes)
}

fn arb_bytes() -> impl Strategy<Value = Bytes> {
    proptest::collection::vec(any::<u8>(), 0..100).prop_map(Bytes::from)
}

prop_compose! {
    fn arb_tx()(
        words in proptest::collection::vec(arb_u256(), 14),
        data in arb_bytes(),
        signature in arb_bytes(),
        deps in proptest::collection::vec(arb_u256(), 0..5),
        input in arb_bytes(),
        reserved_dynamic in arb_bytes(),
    ) -> L2CanonicalTransaction {
        L2CanonicalTransaction {
            txType: words[0], from: words[1], to: words[2], gasLimit: words[3],
            gasPerPubdataByteLimit: words[4], maxFeePerGas: words[5], maxPriorityFeePerGas: words[6],
            paymaster: words[7], nonce: words[8], value: words[9],
            reserved: [words[10], words[11], words[12], words[13]],
            data, signature, factoryDeps: deps, paymasterInput: input, reservedDynamic: reserved_dynamic,
        }
    }
}

proptest! {
    /// Encoding round-trips, its length is predicted, and the hash is keccak of it.
    #[test]
    fn canonical_tx_round_trip(tx in arb_tx()) {
        let bytes = tx.encode();
        prop_assert_eq!(bytes.len(), tx.encoded_len());
        prop_assert_eq!(L2CanonicalTransaction::decode(&bytes).unwrap(), tx.clone());
        prop_assert_eq!(tx.canonical_hash(), keccak256(&bytes));
    }

    /// Arbitrary bytes never panic the decoders.
    #[test]
    fn decoders_never_panic(junk in proptest::collection::vec(any::<u8>(), 0..2048), topic in any::<[u8; 32]>()) {
        let _ = L2CanonicalTransaction::decode(&junk);
        let _ = NewPriorityRequest::decode_log(&[NewPriorityRequest::SIGNATURE_HASH], &junk);
        let _ = NewPriorityRequest::decode_log(&[B256::from(topic)], &junk);
    }

    /// Dropping the last word or more of a valid encoding is an error, not a panic (the last word
    /// always holds a length or a payload byte; a cut inside trailing zero padding may still decode).
    #[test]
    fn truncated_encoding_fails(tx in arb_tx(), cut in any::<prop::sample::Index>()) {
        let bytes = tx.encode();
        let at = cut.index(bytes.len() - 31);
        prop_assert!(L2CanonicalTransaction::decode(&bytes[..at]).is_err());
    }
}
