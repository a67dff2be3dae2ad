//! The admission rules of zksync-era `L2Tx::from_request` / `TransactionRequest::from_bytes`, as its
//! own tests in `core/lib/types/src/transaction_request.rs` state them, and the L1 kinds.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Address, Bytes, U256, address};
use zkstack_bootloader::l1::L2CanonicalTransaction;
use zkstack_bootloader::tx::{
    AccessListItem, ConversionError, Eip712Tx, Eip1559Tx, L1Tx, LegacyTx, SigningKey, Transaction,
    TxError, TxType, decode_raw, sign,
};

fn key() -> SigningKey {
    SigningKey::from_slice(&[0x42; 32]).unwrap()
}

fn legacy_with(nonce: U256, gas_price: U256) -> Transaction {
    let tx = LegacyTx {
        nonce,
        gas_price,
        to: Some(Address::repeat_byte(1)),
        chain_id: Some(270),
        ..LegacyTx::default()
    };
    sign(Transaction::Legacy(tx), &key()).unwrap()
}

fn conversion_error(tx: &Transaction) -> ConversionError {
    match tx.to_bootloader() {
        Err(TxError::Conversion(e)) => e,
        other => panic!("expected a conversion error, got {other:?}"),
    }
}

#[test]
fn nonce_must_fit_u32() {
    // `check_transaction_request_big_nonce`: u32::MAX passes, u32::MAX + 1 is TooBigNonce.
    assert!(legacy_with(U256::from(u32::MAX), U256::ZERO).to_bootloader().is_ok());
    let big = legacy_with(U256::from(u64::from(u32::MAX) + 1), U256::ZERO);
    assert_eq!(conversion_error(&big), ConversionError::TooBigNonce);
}

#[test]
fn fees_must_fit_u64() {
    // `transaction_request_with_big_gas`.
    let big_fee = legacy_with(U256::ZERO, U256::MAX);
    assert_eq!(conversion_error(&big_fee), ConversionError::MaxFeePerGasNotU64);
    let tx = Eip1559Tx {
        chain_id: 270,
        max_priority_fee_per_gas: U256::MAX,
        to: Some(Address::repeat_byte(1)),
        ..Eip1559Tx::default()
    };
    let tx = sign(Transaction::Eip1559(tx), &key()).unwrap();
    assert_eq!(conversion_error(&tx), ConversionError::MaxPriorityFeePerGasNotU64);
    let tx = Eip712Tx {
        chain_id: 270,
        to: Some(Address::repeat_byte(1)),
        gas_per_pubdata: U256::MAX,
        ..Eip712Tx::default()
    };
    let tx = sign(Transaction::Eip712(tx), &key()).unwrap();
    assert_eq!(conversion_error(&tx), ConversionError::GasPerPubdataNotU64);
}

#[test]
fn eip712_needs_to_and_gas_per_pubdata() {
    // `test_eip712_without_field_to` (ToAddressIsNull) and `get_fee_data_checked`
    // (GasPerPubDataLimitZero).
    let tx = Eip712Tx { chain_id: 270, gas_per_pubdata: U256::from(1), ..Eip712Tx::default() };
    let tx = sign(Transaction::Eip712(tx), &key()).unwrap();
    assert_eq!(conversion_error(&tx), ConversionError::ToAddressIsNull);
    let tx = Eip712Tx { chain_id: 270, to: Some(Address::repeat_byte(1)), ..Eip712Tx::default() };
    let tx = sign(Transaction::Eip712(tx), &key()).unwrap();
    assert_eq!(conversion_error(&tx), ConversionError::GasPerPubdataZero);
}

#[test]
fn access_lists_are_refused() {
    // `check_decode_eip1559_with_access_list`.
    let tx = Eip1559Tx {
        chain_id: 270,
        access_list: vec![AccessListItem::default()],
        ..Eip1559Tx::default()
    };
    let tx = sign(Transaction::Eip1559(tx), &key()).unwrap();
    assert_eq!(conversion_error(&tx), ConversionError::AccessListsNotSupported);
}

#[test]
fn wrong_chain_id() {
    // `check_recovered_public_key_eip712_with_wrong_chain_id` and the 1559 twin.
    let tx = Eip712Tx {
        chain_id: 270,
        from: Address::repeat_byte(3),
        to: Some(Address::repeat_byte(1)),
        gas_per_pubdata: U256::from(4),
        factory_deps: vec![Bytes::from(vec![2u8; 32])],
        custom_signature: Bytes::from(vec![1, 2, 3]),
        ..Eip712Tx::default()
    };
    let raw = tx.encode();
    assert_eq!(
        decode_raw(&raw, Some(272)).unwrap_err(),
        TxError::WrongChainId { expected: 272, found: 270 }
    );
    assert!(decode_raw(&raw, Some(270)).is_ok());
    let tx =
        sign(Transaction::Eip1559(Eip1559Tx { chain_id: 272, ..Eip1559Tx::default() }), &key())
            .unwrap();
    assert_eq!(
        decode_raw(&tx.encode(), Some(270)).unwrap_err(),
        TxError::WrongChainId { expected: 270, found: 272 }
    );
}

#[test]
fn evm_deployment_sets_reserved_1() {
    // multivm `TransactionData::new`: reserved[1] = 1 without `contract_address`.
    let tx = LegacyTx { chain_id: None, ..LegacyTx::default() };
    let tx = sign(Transaction::Legacy(tx), &key()).unwrap();
    let boot = tx.to_bootloader().unwrap();
    assert_eq!(boot.reserved, [U256::ZERO, U256::from(1), U256::ZERO, U256::ZERO]);
}

#[test]
fn l1_kinds() {
    let upgrade = L2CanonicalTransaction {
        txType: U256::from(254),
        from: U256::from(0x8007),
        to: U256::from(0x8006),
        nonce: U256::from(26),
        ..L2CanonicalTransaction::default()
    };
    let decoded = decode_raw(&upgrade.encode(), None).unwrap();
    assert_eq!(decoded.tx_type, TxType::Upgrade);
    assert_eq!(decoded.hash, upgrade.canonical_hash());
    assert_eq!(decoded.from, address!("0000000000000000000000000000000000008007"));
    let wrong_type = L2CanonicalTransaction { txType: U256::from(113), ..upgrade.clone() };
    assert!(L1Tx::decode(&wrong_type.encode()).is_err());
    let wide_from = L2CanonicalTransaction { from: U256::MAX, ..upgrade };
    assert!(L1Tx::decode(&wide_from.encode()).is_err());
}
