//! Properties: every type re-encodes to the bytes it was decoded from, signing then recovering
//! gives the signer, the bootloader struct has TransactionHelper's ABI layout, and L1 transactions
//! keep zkstack-l1's canonical hash.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::SolValue;
use proptest::prelude::*;
use zkstack_bootloader::l1::mailbox::PriorityOpRequest;
use zkstack_bootloader::tx::{
    AccessListItem, BootloaderTransaction, EcdsaSignature, Eip712Tx, Eip1559Tx, Eip2930Tx, L1Tx,
    L1TxKind, LegacyTx, PaymasterParams, SigningKey, Transaction, TxType, decode_raw, sign,
    signer_address,
};

fn u256() -> impl Strategy<Value = U256> {
    prop_oneof![
        Just(U256::ZERO),
        any::<u64>().prop_map(U256::from),
        any::<[u8; 32]>().prop_map(U256::from_be_bytes),
    ]
}

fn small_u256() -> impl Strategy<Value = U256> {
    any::<u32>().prop_map(U256::from)
}

fn address() -> impl Strategy<Value = Address> {
    any::<[u8; 20]>().prop_map(Address::from)
}

fn bytes(max: usize) -> impl Strategy<Value = Bytes> {
    prop::collection::vec(any::<u8>(), 0..max).prop_map(Bytes::from)
}

fn signature() -> impl Strategy<Value = EcdsaSignature> {
    (u256(), u256(), any::<bool>()).prop_map(|(r, s, y_parity)| EcdsaSignature { r, s, y_parity })
}

fn access_list() -> impl Strategy<Value = Vec<AccessListItem>> {
    prop::collection::vec(
        (address(), prop::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 0..3))
            .prop_map(|(address, storage_keys)| AccessListItem { address, storage_keys }),
        0..3,
    )
}

/// Valid EraVM bytecodes: an odd number of 32-byte words.
fn factory_deps() -> impl Strategy<Value = Vec<Bytes>> {
    prop::collection::vec(
        (0usize..3, any::<u8>())
            .prop_map(|(half, fill)| Bytes::from(vec![fill; (2 * half + 1) * 32])),
        0..3,
    )
}

fn legacy() -> impl Strategy<Value = LegacyTx> {
    (
        (u256(), u256(), u256(), prop::option::of(address()), u256(), bytes(80)),
        (prop::option::of(0u64..(u64::MAX - 36) / 2), signature()),
    )
        .prop_map(|((nonce, gas_price, gas_limit, to, value, data), (chain_id, signature))| {
            LegacyTx { nonce, gas_price, gas_limit, to, value, data, chain_id, signature }
        })
}

fn eip2930() -> impl Strategy<Value = Eip2930Tx> {
    (
        (any::<u64>(), u256(), u256(), u256(), prop::option::of(address()), u256()),
        (bytes(80), access_list(), signature()),
    )
        .prop_map(
            |(
                (chain_id, nonce, gas_price, gas_limit, to, value),
                (data, access_list, signature),
            )| {
                Eip2930Tx {
                    chain_id,
                    nonce,
                    gas_price,
                    gas_limit,
                    to,
                    value,
                    data,
                    access_list,
                    signature,
                }
            },
        )
}

fn eip1559() -> impl Strategy<Value = Eip1559Tx> {
    (
        (any::<u64>(), u256(), u256(), u256(), u256(), prop::option::of(address())),
        (u256(), bytes(80), access_list(), signature()),
    )
        .prop_map(
            |(
                (chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit, to),
                (value, data, access_list, signature),
            )| Eip1559Tx {
                chain_id,
                nonce,
                max_priority_fee_per_gas,
                max_fee_per_gas,
                gas_limit,
                to,
                value,
                data,
                access_list,
                signature,
            },
        )
}

fn eip712() -> impl Strategy<Value = Eip712Tx> {
    (
        (any::<u64>(), u256(), u256(), u256(), u256(), prop::option::of(address()), u256()),
        (bytes(80), any::<u64>(), u256(), u256(), address(), u256()),
        (factory_deps(), bytes(70), prop::option::of((address(), bytes(40))), any::<bool>()),
    )
        .prop_map(
            |(
                (chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit, to, value),
                (data, v, r, s, from, gas_per_pubdata),
                (factory_deps, custom_signature, paymaster, empty_string),
            )| Eip712Tx {
                chain_id,
                nonce,
                max_priority_fee_per_gas,
                max_fee_per_gas,
                gas_limit,
                to,
                value,
                data,
                v,
                r,
                s,
                from,
                gas_per_pubdata,
                factory_deps,
                custom_signature,
                no_paymaster_as_empty_string: paymaster.is_none() && empty_string,
                paymaster: paymaster.map(|(paymaster, paymaster_input)| PaymasterParams {
                    paymaster,
                    paymaster_input,
                }),
            },
        )
}

fn l1_tx() -> impl Strategy<Value = L1Tx> {
    (
        (address(), address(), u256(), u256(), bytes(80), small_u256()),
        (prop::collection::vec(u256(), 0..3), address(), small_u256(), small_u256()),
    )
        .prop_map(
            |(
                (sender, contract_l2, mint_value, l2_value, calldata, gas_limit),
                (factory_dep_hashes, refund_recipient, tx_id, gas_price),
            )| {
                let request = PriorityOpRequest {
                    sender,
                    contract_l2,
                    mint_value,
                    l2_value,
                    l2_calldata: calldata,
                    l2_gas_limit: gas_limit,
                    l2_gas_per_pubdata_byte_limit: U256::from(800),
                    factory_dep_hashes,
                    refund_recipient,
                };
                L1Tx::from_request(&request, tx_id, gas_price)
            },
        )
}

fn any_transaction() -> impl Strategy<Value = Transaction> {
    prop_oneof![
        legacy().prop_map(Transaction::Legacy),
        eip2930().prop_map(Transaction::Eip2930),
        eip1559().prop_map(Transaction::Eip1559),
        eip712().prop_map(Transaction::Eip712),
        l1_tx().prop_map(Transaction::L1),
    ]
}

fn signing_key() -> impl Strategy<Value = SigningKey> {
    any::<[u8; 32]>().prop_filter_map("valid scalar", |b| SigningKey::from_slice(&b).ok())
}

alloy_sol_types::sol! {
    /// era-contracts `system-contracts/contracts/libraries/TransactionHelper.sol` `Transaction`,
    /// transcribed here only to compare layouts with the type we use.
    #[derive(Debug)]
    struct HelperTransaction {
        uint256 txType;
        uint256 from;
        uint256 to;
        uint256 gasLimit;
        uint256 gasPerPubdataByteLimit;
        uint256 maxFeePerGas;
        uint256 maxPriorityFeePerGas;
        uint256 paymaster;
        uint256 nonce;
        uint256 value;
        uint256[4] reserved;
        bytes data;
        bytes signature;
        bytes32[] factoryDeps;
        bytes paymasterInput;
        bytes reservedDynamic;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn encode_decode_encode_is_identity(tx in any_transaction()) {
        let bytes = tx.encode();
        let decoded = Transaction::decode(&bytes).unwrap();
        prop_assert_eq!(&decoded, &tx);
        prop_assert_eq!(decoded.encode(), bytes);
    }

    #[test]
    fn sign_then_recover_gives_the_signer(tx in any_transaction(), key in signing_key()) {
        prop_assume!(!matches!(tx, Transaction::L1(_)));
        let tx = match tx {
            // Signing puts the signature into v, r, s; a custom signature would override it.
            Transaction::Eip712(mut inner) => {
                inner.custom_signature = Bytes::new();
                Transaction::Eip712(inner)
            }
            other => other,
        };
        let signed = sign(tx, &key).unwrap();
        let signer = signer_address(&key);
        prop_assert_eq!(signed.recover_signer().unwrap(), signer);
        let raw = signed.encode();
        let decoded = decode_raw(&raw, signed.chain_id()).unwrap();
        prop_assert_eq!(decoded.signer, Some(signer));
        if decoded.tx_type.is_ethereum() {
            prop_assert_eq!(decoded.from, signer);
        }
        prop_assert_eq!(decoded.tx, signed);
    }

    #[test]
    fn bootloader_struct_has_transaction_helper_layout(tx in any_transaction(), key in signing_key()) {
        // Make the transaction admissible: small fees and nonce, a `to`, no access list.
        let tx = match tx {
            Transaction::Legacy(mut t) => { t.gas_price = U256::from(7); t.nonce = U256::from(1); Transaction::Legacy(t) }
            Transaction::Eip2930(mut t) => { t.gas_price = U256::from(7); t.nonce = U256::from(1); t.access_list.clear(); Transaction::Eip2930(t) }
            Transaction::Eip1559(mut t) => {
                t.max_fee_per_gas = U256::from(7); t.max_priority_fee_per_gas = U256::from(1);
                t.nonce = U256::from(1); t.access_list.clear(); Transaction::Eip1559(t)
            }
            Transaction::Eip712(mut t) => {
                t.max_fee_per_gas = U256::from(7); t.max_priority_fee_per_gas = U256::from(1);
                t.nonce = U256::from(1); t.gas_per_pubdata = U256::from(800);
                t.to = Some(t.to.unwrap_or(Address::repeat_byte(1))); t.custom_signature = Bytes::new();
                Transaction::Eip712(t)
            }
            l1 @ Transaction::L1(_) => l1,
        };
        let tx = if matches!(tx, Transaction::L1(_)) { tx } else { sign(tx, &key).unwrap() };
        let boot: BootloaderTransaction = tx.to_bootloader().unwrap();
        let helper = HelperTransaction {
            txType: boot.txType, from: boot.from, to: boot.to, gasLimit: boot.gasLimit,
            gasPerPubdataByteLimit: boot.gasPerPubdataByteLimit, maxFeePerGas: boot.maxFeePerGas,
            maxPriorityFeePerGas: boot.maxPriorityFeePerGas, paymaster: boot.paymaster,
            nonce: boot.nonce, value: boot.value, reserved: boot.reserved, data: boot.data.clone(),
            signature: boot.signature.clone(),
            factoryDeps: boot.factoryDeps.iter().map(|w| B256::from(*w)).collect(),
            paymasterInput: boot.paymasterInput.clone(), reservedDynamic: boot.reservedDynamic.clone(),
        };
        prop_assert_eq!(helper.abi_encode(), boot.encode());
        // Per-type values of multivm `TransactionData::new`.
        prop_assert_eq!(boot.txType, U256::from(tx.tx_type().as_u8()));
        prop_assert_eq!(boot.from, U256::from_be_slice(tx.sender().unwrap().as_slice()));
        match &tx {
            Transaction::L1(l1) => {
                prop_assert_eq!(boot.canonical_hash(), l1.hash());
                prop_assert_eq!(boot.reserved[0], l1.mint_value());
            }
            Transaction::Eip712(t) => {
                prop_assert_eq!(boot.gasPerPubdataByteLimit, t.gas_per_pubdata);
                prop_assert_eq!(boot.factoryDeps.len(), t.factory_deps.len());
                prop_assert_eq!(boot.signature.len(), 65);
            }
            _ => {
                prop_assert_eq!(boot.gasPerPubdataByteLimit, U256::from(50_000));
                prop_assert_eq!(boot.signature.len(), 65);
                prop_assert_eq!(boot.reserved[1], U256::from(u8::from(tx.to().is_none())));
            }
        }
    }

    #[test]
    fn l1_transactions_keep_the_canonical_hash(tx in l1_tx()) {
        let raw = tx.encode();
        let decoded = decode_raw(&raw, Some(324)).unwrap();
        prop_assert_eq!(decoded.tx_type, TxType::Priority);
        prop_assert_eq!(decoded.hash, tx.canonical().canonical_hash());
        prop_assert_eq!(decoded.from, tx.sender());
        prop_assert_eq!(decoded.signed_hash, None);
        prop_assert_eq!(tx.kind(), L1TxKind::Priority);
        prop_assert_eq!(tx.mint_value(), tx.canonical().reserved[0]);
        prop_assert_eq!(
            U256::from_be_slice(tx.refund_recipient().as_slice()),
            tx.canonical().reserved[1]
        );
    }
}
