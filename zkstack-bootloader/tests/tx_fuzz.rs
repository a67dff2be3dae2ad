//! Arbitrary bytes into every decoder: a typed error or a value that re-encodes to the input, never
//! a panic; mutations of valid transactions likewise.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Bytes, U256};
use proptest::prelude::*;
use zkstack_bootloader::tx::paymaster::PaymasterFlow;
use zkstack_bootloader::tx::{
    DecodeError, EIP_712_TX_TYPE, EIP_1559_TX_TYPE, EIP_2930_TX_TYPE, Eip712Tx, L1Tx, LegacyTx,
    Transaction, TxError, decode_raw,
};

fn check(bytes: &[u8]) {
    if let Ok(tx) = Transaction::decode(bytes) {
        assert_eq!(tx.encode(), bytes, "whatever decodes re-encodes to itself");
    }
    let _ = decode_raw(bytes, Some(270));
    let _ = PaymasterFlow::decode(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check(&bytes);
    }

    #[test]
    fn arbitrary_typed_payloads(
        ty in prop::sample::select(vec![0u8, EIP_2930_TX_TYPE, EIP_1559_TX_TYPE, EIP_712_TX_TYPE, 0xc0, 0xf8, 0xf9]),
        body in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let mut bytes = vec![ty];
        bytes.extend(body);
        check(&bytes);
    }

    #[test]
    fn mutated_valid_transactions(position in any::<prop::sample::Index>(), value in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let tx = Eip712Tx {
            chain_id: 270,
            to: Some(alloy_primitives::Address::repeat_byte(2)),
            gas_per_pubdata: U256::from(50_000),
            factory_deps: vec![Bytes::from(vec![1u8; 96])],
            custom_signature: Bytes::from(vec![9u8; 65]),
            ..Eip712Tx::default()
        };
        for raw in [tx.encode(), LegacyTx::default().encode(), L1Tx::default().encode()] {
            let mut mutated = raw.clone();
            let i = position.index(mutated.len());
            mutated[i] = value;
            check(&mutated);
            check(&raw[..cut.index(raw.len())]);
        }
    }
}

#[test]
fn specific_errors() {
    assert_eq!(Transaction::decode(&[]), Err(DecodeError::Empty));
    assert_eq!(Transaction::decode(&[0x05]), Err(DecodeError::UnknownType(0x05)));
    // A list header claiming 2^56 bytes: refused before anything is allocated.
    let huge = [0xff, 0x01, 0, 0, 0, 0, 0, 0, 0];
    assert!(Transaction::decode(&huge).is_err());
    // Trailing bytes after a valid legacy transaction.
    let mut raw = LegacyTx::default().encode();
    raw.push(0);
    assert_eq!(Transaction::decode(&raw), Err(DecodeError::TrailingBytes(1)));
    // A legacy v of 30 is neither 27/28 nor EIP-155 (zksync-era `unpack_v`).
    let mut bad_v = LegacyTx::default().encode();
    let v_at = bad_v.len() - 3; // …, v, r = 0x80, s = 0x80
    bad_v[v_at] = 30;
    assert_eq!(Transaction::decode(&bad_v), Err(DecodeError::LegacyV(30)));
    // An invalid factory dependency (two words: even) is refused as zksync-era does.
    let tx = Eip712Tx { factory_deps: vec![Bytes::from(vec![0u8; 64])], ..Eip712Tx::default() };
    assert!(matches!(Transaction::decode(&tx.encode()), Err(DecodeError::FactoryDep(_))));
    // Non-canonical integer (leading zero) in the nonce.
    let mut lead = Eip712Tx::default().encode();
    // 0x71, list header (1 byte for short lists), nonce 0x80 → replace by 0x81 0x00.
    assert_eq!(lead[2], 0x80);
    lead.splice(2..3, [0x81, 0x00]);
    lead[1] += 1;
    assert!(Transaction::decode(&lead).is_err());
    assert!(matches!(decode_raw(&[0x71, 0xc0], None), Err(TxError::Decode(_))));
}
