//! Fixed transaction vectors from independent sources; each test names where its expected values
//! come from.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Address, B256, Bytes, U256, address, b256, hex, keccak256};
use zkstack_bootloader::tx::paymaster::{
    PaymasterFlow, approval_based_paymaster_input, general_paymaster_input,
};
use zkstack_bootloader::tx::{
    EIP712_TRANSACTION_TYPE, EcdsaSignature, Eip712Tx, LegacyTx, PaymasterParams, SigningKey,
    Transaction, TxError, TxType, decode_raw, eip712_transaction_encode_type,
    eip712_transaction_type_hash, sign, signer_address,
};

/// zksync-ethers `tests/utils.ts` `ADDRESS1` / `ADDRESS2`.
const ADDRESS1: Address = address!("36615Cf349d7F6344891B1e7CA7C72883F5dc049");
const ADDRESS2: Address = address!("a61464658AfeAf65CccaaFD3a512b69A83B77618");

fn decode_hex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("valid hex")
}

fn eip712(tx: &Transaction) -> &Eip712Tx {
    match tx {
        Transaction::Eip712(inner) => inner,
        other => panic!("expected 0x71, got {other:?}"),
    }
}

// --- Legacy: the example of EIP-155 itself (https://eips.ethereum.org/EIPS/eip-155, "Example").

const EIP155_SIGNED: &str = "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

fn eip155_unsigned() -> LegacyTx {
    LegacyTx {
        nonce: U256::from(9),
        gas_price: U256::from(20_000_000_000u64),
        gas_limit: U256::from(21_000),
        to: Some(Address::repeat_byte(0x35)),
        value: U256::from(1_000_000_000_000_000_000u64),
        data: Bytes::new(),
        chain_id: Some(1),
        signature: EcdsaSignature::default(),
    }
}

#[test]
fn eip155_example_signing_data_hash_and_signature() {
    let tx = eip155_unsigned();
    // "signing data" and "signing hash" of the EIP.
    assert_eq!(
        tx.signing_payload(),
        decode_hex(
            "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080"
        )
    );
    assert_eq!(
        tx.signed_hash(),
        b256!("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53")
    );
    // Private key 0x4646…46; RFC 6979 gives the EIP's v = 37, r, s.
    let key = SigningKey::from_slice(&[0x46; 32]).unwrap();
    let signed = sign(Transaction::Legacy(tx), &key).unwrap();
    assert_eq!(signed.encode(), decode_hex(EIP155_SIGNED));
    let Transaction::Legacy(legacy) = &signed else { unreachable!() };
    assert_eq!(legacy.v(), 37);
    assert_eq!(
        legacy.signature.r,
        U256::from_str_radix(
            "18515461264373351373200002665853028612451056578545711640558177340181847433846",
            10
        )
        .unwrap()
    );
    assert_eq!(
        legacy.signature.s,
        U256::from_str_radix(
            "46948507304638947509940763649030358759909902576025900602547168820602576006531",
            10
        )
        .unwrap()
    );
}

#[test]
fn eip155_example_decodes_with_sender_and_hash() {
    let raw = decode_hex(EIP155_SIGNED);
    let decoded = decode_raw(&raw, Some(1)).unwrap();
    assert_eq!(decoded.tx_type, TxType::Legacy);
    assert_eq!(decoded.chain_id, Some(1));
    // The address of private key 0x4646…46 (keccak of its public key), derived independently by k256.
    assert_eq!(decoded.from, signer_address(&SigningKey::from_slice(&[0x46; 32]).unwrap()));
    assert_eq!(decoded.from, address!("9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"));
    assert_eq!(decoded.hash, keccak256(&raw));
    assert_eq!(decoded.tx.encode(), raw);
    // Legacy without EIP-155 or with another chain.
    assert_eq!(
        decode_raw(&raw, Some(324)).unwrap_err(),
        TxError::WrongChainId { expected: 324, found: 1 }
    );
}

#[test]
fn eip155_example_in_the_bootloader() {
    // zksync-era multivm `TransactionData::new`: reserved[0] = 1 for EIP-155 legacy, the gas price
    // is both fee fields, gas per pubdata is MAX_GAS_PER_PUBDATA_BYTE = 50 000, the signature is
    // r ‖ s ‖ (27 + yParity).
    let decoded = decode_raw(&decode_hex(EIP155_SIGNED), None).unwrap();
    let boot = decoded.tx.to_bootloader().unwrap();
    assert_eq!(boot.txType, U256::ZERO);
    assert_eq!(boot.from, U256::from_be_slice(decoded.from.as_slice()));
    assert_eq!(boot.to, U256::from_be_slice(&[0x35; 20]));
    assert_eq!(boot.gasPerPubdataByteLimit, U256::from(50_000));
    assert_eq!(boot.maxFeePerGas, U256::from(20_000_000_000u64));
    assert_eq!(boot.maxPriorityFeePerGas, U256::from(20_000_000_000u64));
    assert_eq!(boot.reserved, [U256::from(1), U256::ZERO, U256::ZERO, U256::ZERO]);
    let raw = decode_hex(EIP155_SIGNED);
    let sig = &raw[raw.len() - 66..];
    let mut packed = Vec::new();
    packed.extend_from_slice(&sig[1..33]);
    packed.extend_from_slice(&sig[34..66]);
    packed.push(27); // v = 37 = 35 + 2·1 + 0
    assert_eq!(boot.signature.as_ref(), packed.as_slice());
    assert!(boot.factoryDeps.is_empty() && boot.paymasterInput.is_empty());
}

// --- 0x71: zksync-ethers `tests/unit/utils.test.ts` (`serializeEip712`, `parseEip712`,
// `eip712TxHash`) at tag v6.21.0.

#[test]
fn zksync_ethers_serialize_unsigned_defaults() {
    // serializeEip712({chainId: 270, from: ADDRESS1}): unsigned form v = chainId, r = s = empty.
    let tx = Eip712Tx {
        chain_id: 270,
        from: ADDRESS1,
        v: 270,
        gas_per_pubdata: U256::from(50_000),
        ..Eip712Tx::default()
    };
    let expected = decode_hex(
        "71ea8080808080808082010e808082010e9436615cf349d7f6344891b1e7ca7c72883f5dc04982c350c080c0",
    );
    assert_eq!(tx.encode(), expected);
    assert_eq!(Transaction::decode(&expected).unwrap(), Transaction::Eip712(tx));
}

#[test]
fn zksync_ethers_serialize_unsigned_transfer() {
    let tx = Eip712Tx {
        chain_id: 270,
        from: ADDRESS1,
        to: Some(ADDRESS2),
        value: U256::from(1_000_000),
        v: 270,
        gas_per_pubdata: U256::from(50_000),
        ..Eip712Tx::default()
    };
    let expected = decode_hex(
        "71f8418080808094a61464658afeaf65cccaafd3a512b69a83b77618830f42408082010e808082010e9436615cf349d7f6344891b1e7ca7c72883f5dc04982c350c080c0",
    );
    assert_eq!(tx.encode(), expected);
    assert_eq!(Transaction::decode(&expected).unwrap().encode(), expected);
}

#[test]
fn zksync_ethers_serialize_with_approval_paymaster() {
    // PAYMASTER / APPROVAL_TOKEN of zksync-ethers `tests/utils.ts`; getPaymasterParams(ApprovalBased,
    // minimalAllowance 1, empty inner input).
    let input = approval_based_paymaster_input(
        address!("2dc3685cA34163952CF4A5395b0039c00DFa851D"),
        U256::from(1),
        Bytes::new(),
    );
    let tx = Eip712Tx {
        chain_id: 270,
        from: ADDRESS1,
        to: Some(ADDRESS2),
        value: U256::from(1_000_000),
        v: 270,
        gas_per_pubdata: U256::from(50_000),
        paymaster: Some(PaymasterParams {
            paymaster: address!("0EEc6f45108B4b806e27B81d9002e162BD910670"),
            paymaster_input: input,
        }),
        ..Eip712Tx::default()
    };
    let expected = decode_hex(
        "71f8dd8080808094a61464658afeaf65cccaafd3a512b69a83b77618830f42408082010e808082010e9436615cf349d7f6344891b1e7ca7c72883f5dc04982c350c080f89b940eec6f45108b4b806e27b81d9002e162bd910670b884949431dc0000000000000000000000002dc3685ca34163952cf4a5395b0039c00dfa851d000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000600000000000000000000000000000000000000000000000000000000000000000",
    );
    assert_eq!(tx.encode(), expected);
    assert_eq!(Transaction::decode(&expected).unwrap(), Transaction::Eip712(tx));
}

/// serializeEip712(…, signature 0x73a2…b42a): the 64-byte EIP-2098 form of `ethers.Signature`,
/// so yParity = 1 (top bit of the second word) and s = 0x2f87…b42a.
const ZKSYNC_ETHERS_SIGNED: &str = "71f87f8080808094a61464658afeaf65cccaafd3a512b69a83b77618830f42408001a073a20167b8d23b610b058c05368174495adf7da3a4ed4a57eb6dbdeb1fafc24aa02f87530d663a0d061f69bb564d2c6fb46ae5ae776bbd4bd2a2a4478b9cd1b42a82010e9436615cf349d7f6344891b1e7ca7c72883f5dc04982c350c080c0";

#[test]
fn zksync_ethers_signed_serialization_and_hashes() {
    let r = b256!("73a20167b8d23b610b058c05368174495adf7da3a4ed4a57eb6dbdeb1fafc24a");
    let s = b256!("2f87530d663a0d061f69bb564d2c6fb46ae5ae776bbd4bd2a2a4478b9cd1b42a");
    let mut tx = Eip712Tx {
        chain_id: 270,
        from: ADDRESS1,
        to: Some(ADDRESS2),
        value: U256::from(1_000_000),
        gas_per_pubdata: U256::from(50_000),
        ..Eip712Tx::default()
    };
    tx.set_vrs_signature(&EcdsaSignature { r: r.into(), s: s.into(), y_parity: true });
    let raw = decode_hex(ZKSYNC_ETHERS_SIGNED);
    assert_eq!(tx.encode(), raw);

    let decoded = decode_raw(&raw, Some(270)).unwrap();
    assert_eq!(decoded.tx, Transaction::Eip712(tx.clone()));
    assert_eq!(decoded.from, ADDRESS1);
    // eip712TxHash(tx, ethers.Signature(…)): the signature hashed is r ‖ s ‖ 28, as zksync-era's
    // `PackedEthSignature::serialize_packed` forms it.
    assert_eq!(
        decoded.hash,
        b256!("8efdc7ce5f5a75ab945976c3e2b0c2a45e9f8e15ff940d05625ac5545cd9f870")
    );
    // parseEip712 of the same bytes reports 0x9ed4…31ee: it finds `customSignature: '0x'` truthy
    // and hashes the empty signature. Reproducing that from our signed hash checks the EIP-712
    // digest independently of `hash`.
    let signed = decoded.signed_hash.unwrap();
    let mut preimage = signed.to_vec();
    preimage.extend_from_slice(keccak256([]).as_slice());
    assert_eq!(
        keccak256(&preimage),
        b256!("9ed410ce33179ac1ff6b721060605afc72d64febfe0c08cacab5a246602131ee")
    );
}

#[test]
fn zksync_ethers_custom_signature_and_paymaster() {
    // parseEip712 "should parse a transaction a custom signature and paymaster" and eip712TxHash
    // "should create a hash by using custom signature in the transaction".
    let raw = decode_hex(concat!(
        "71f901628080808094a61464658afeaf65cccaafd3a512b69a83b77618830f42408082010e808082010e9436615cf349d7f6344891b1e7ca7c72883f5dc04982c350c0b884",
        "307837373262396162343735386435636630386637643732303161646332653534383933616532376263666562323162396337643666643430393766346464653063303166376630353332323866346636643838653662663334333436343931343135363761633930363632306661653832633239333339393062353563613336363162",
        "f89b94a222f0c183afa73a8bc1afb48d34c88c9bf7a174b884949431dc000000000000000000000000841c43fa5d8fffdb9efe3358906f7578d8700dd4000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000600000000000000000000000000000000000000000000000000000000000000000"
    ));
    let decoded = decode_raw(&raw, Some(270)).unwrap();
    let tx = eip712(&decoded.tx);
    assert_eq!(tx.custom_signature.len(), 132);
    assert_eq!(tx.v, 270);
    let paymaster = tx.paymaster.as_ref().unwrap();
    assert_eq!(paymaster.paymaster, address!("a222f0c183AFA73a8Bc1AFb48D34C88c9Bf7A174"));
    assert_eq!(
        PaymasterFlow::decode(&paymaster.paymaster_input).unwrap(),
        PaymasterFlow::ApprovalBased {
            token: address!("841c43fa5d8fffdb9efe3358906f7578d8700dd4"),
            min_allowance: U256::from(1),
            inner_input: Bytes::new(),
        }
    );
    assert_eq!(
        decoded.hash,
        b256!("c0ba55587423e1ef281b06a9d684b481365897f37a6ad611d7619b1b7e0bc908")
    );
    assert_eq!(decoded.signature, tx.custom_signature);
    // The custom signature is not ECDSA: no signer, but the declared sender stands.
    assert_eq!(decoded.signer, None);
    assert_eq!(decoded.from, ADDRESS1);
    assert_eq!(decoded.tx.encode(), raw);
}

#[test]
fn unsigned_eip712_has_no_hash() {
    // zksync-era `from_bytes_unverified` fails on the unsigned form too: with v = chainId (270)
    // and no custom signature there is no signature to hash.
    let raw = decode_hex(
        "71f83e8080808094a61464658afeaf65cccaafd3a512b69a83b77618808082010e808082010e9436615cf349d7f6344891b1e7ca7c72883f5dc04982c350c080c0",
    );
    assert!(Transaction::decode(&raw).is_ok());
    assert!(matches!(decode_raw(&raw, None), Err(TxError::Signature(_))));
}

// --- 0x71: alloy-zksync `src/network/unsigned_tx/eip712/mod.rs` tests (commit f2ca6732).

#[test]
fn alloy_zksync_decode_with_custom_signature() {
    // `decode_eip712_tx`; the vector has no type byte.
    let mut raw = vec![0x71];
    raw.extend(decode_hex("f8b701800b0c940754b07d1ea3071c3ec9bd86b2aa6f1a59a514980a8301020380a0635f9ee3a1523de15fc8b72a0eea12f5247c6b6e2369ed158274587af6496599a030f7c66d1ed24fca92527e6974b85b07ec30fdd5c2d41eae46966224add965f982010e9409a6aa96b9a17d7f7ba3e3b19811c082aba9f1e304e1a0020202020202020202020202020202020202020202020202020202020202020283010203d694000000000000000000000000000000000000000080"));
    let tx = Transaction::decode(&raw).unwrap();
    let inner = eip712(&tx);
    assert_eq!(inner.chain_id, 270);
    assert_eq!(inner.nonce, U256::from(1));
    assert_eq!(inner.gas_limit, U256::from(12));
    assert_eq!(inner.max_fee_per_gas, U256::from(11));
    assert_eq!(inner.max_priority_fee_per_gas, U256::ZERO);
    assert_eq!(inner.to, Some(address!("0754b07d1ea3071c3ec9bd86b2aa6f1a59a51498")));
    assert_eq!(inner.from, address!("09a6aa96b9a17d7f7ba3e3b19811c082aba9f1e3"));
    assert_eq!(inner.value, U256::from(10));
    assert_eq!(inner.data.as_ref(), &[1, 2, 3]);
    assert_eq!(inner.gas_per_pubdata, U256::from(4));
    assert_eq!(inner.factory_deps, vec![Bytes::from(vec![2u8; 32])]);
    assert_eq!(inner.custom_signature.as_ref(), &[1, 2, 3]);
    assert_eq!(
        inner.paymaster,
        Some(PaymasterParams { paymaster: Address::ZERO, paymaster_input: Bytes::new() })
    );
    assert_eq!(tx.encode(), raw);
}

#[test]
fn alloy_zksync_decode_unsigned_with_paymaster() {
    // `decode_eip712_tx_with_paymaster`: an AA request with a paymaster and no signature.
    let mut raw = vec![0x71];
    raw.extend(decode_hex(concat!(
        "f9036580843b9aca00843b9aca0083989680949c1a3d7c98dbf89c7f5d167f2219c29c2fe775a780b903045abef77a00",
        "000000000000000000000000000000000000000000000000000000000000400000000000000000000000000000000000",
        "0000000000000000000000000002e0000000000000000000000000000000000000000000000000000000000000008000",
        "000000000000000000000051ef809ffd89cf8056d4c17f0aff1b6f8257eb600000000000000000000000000000000000",
        "0000000000000000000000000001f4000000000000000000000000000000000000000000000000000000000000000500",
        "000000000000000000000000000000000000000000000000000000000001e10100000000000000000000000000000000",
        "000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000040",
        "000000000000000000000000000000000000000000000000000000000000010f00000000000000000000000000000000",
        "000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000020",
        "00000000000000000000000078cad996530109838eb016619f5931a03250489a000000000000000000000000aaf5f437",
        "fb0524492886fba64d703df15bf619ae000000000000000000000000000000000000000000000000000000000000010f",
        "00000000000000000000000000000000000000000000000000000000000000a000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000064",
        "a41368620000000000000000000000000000000000000000000000000000000000000020000000000000000000000000",
        "000000000000000000000000000000000000000568656c6c6f0000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080",
        "808082010f94b2a6e81272904caf680008078feb36336d9376b482c350c080d89499e12239cbf8112fbb3f7fd473d055",
        "8031abcbb5821234",
    )));
    let tx = Transaction::decode(&raw).unwrap();
    let inner = eip712(&tx);
    assert_eq!(inner.chain_id, 271);
    assert_eq!(inner.gas_limit, U256::from(10_000_000));
    assert_eq!(inner.max_fee_per_gas, U256::from(1_000_000_000));
    assert_eq!(inner.to, Some(address!("9c1a3d7c98dbf89c7f5d167f2219c29c2fe775a7")));
    assert_eq!(inner.from, address!("b2a6e81272904caf680008078feb36336d9376b4"));
    assert_eq!(inner.gas_per_pubdata, U256::from(50_000));
    assert!(inner.custom_signature.is_empty());
    assert_eq!((inner.v, inner.r, inner.s), (0, U256::ZERO, U256::ZERO));
    assert_eq!(
        inner.paymaster,
        Some(PaymasterParams {
            paymaster: address!("99E12239CBf8112fBB3f7Fd473d0558031abcbb5"),
            paymaster_input: Bytes::from(vec![0x12, 0x34]),
        })
    );
    assert_eq!(tx.encode(), raw);
}

#[test]
fn alloy_zksync_signed_hash_recovery_and_tx_hash() {
    // `test_eip712_tx`: signature hash 0xfc76…75fe, the signature 0x3faf…3b1c recovers to `from`,
    // and the transaction hash is 0xb856…bbf4.
    let mut tx = Eip712Tx {
        chain_id: 270,
        from: address!("e30f4fb40666753a7596d315f2f1f1d140d1508b"),
        to: Some(address!("82112600a140ceaa9d7da373bb65453f7d99af4b")),
        nonce: U256::from(1),
        value: U256::from(10),
        gas_limit: U256::from(12),
        max_fee_per_gas: U256::from(11),
        max_priority_fee_per_gas: U256::ZERO,
        data: Bytes::from(vec![1, 2, 3]),
        gas_per_pubdata: U256::from(4),
        factory_deps: vec![Bytes::from(vec![2u8; 32])],
        ..Eip712Tx::default()
    };
    let signed = tx.signed_hash().unwrap();
    assert_eq!(signed, b256!("fc76820a67d9b1b351f2ac661e6d2bcca1c67508ae4930e036f540fa135875fe"));
    let sig = EcdsaSignature::from_packed(&decode_hex("3faf83b5451ad3001f96f577b0bb5dfcaa7769ab11908f281dc6b15c45a3986f0325197832aac9a7ab2f5a83873834d457e0d22c1e72377d45364c6968f8ac3b1c")).unwrap();
    tx.set_vrs_signature(&sig);
    assert_eq!(tx.recover_signer(&signed).unwrap(), tx.from);
    let raw = tx.encode();
    let decoded = decode_raw(&raw, Some(270)).unwrap();
    assert_eq!(
        decoded.hash,
        b256!("b85668399db249d62d06bbc59eace82e01364602fb7159e161ca810ff6ddbbf4")
    );
    assert_eq!(decoded.signer, Some(tx.from));
    assert_eq!(decoded.tx, Transaction::Eip712(tx));
}

// --- The EIP-712 type and domain (era-contracts TransactionHelper.sol).

#[test]
fn eip712_type_string_matches_transaction_helper() {
    assert_eq!(eip712_transaction_encode_type(), EIP712_TRANSACTION_TYPE);
    assert_eq!(eip712_transaction_type_hash(), keccak256(EIP712_TRANSACTION_TYPE));
    // EIP712_DOMAIN_TYPEHASH, keccak256("zkSync"), keccak256("2"), chainId: the domain separator
    // TransactionHelper builds, here for chain 270.
    let mut preimage =
        keccak256("EIP712Domain(string name,string version,uint256 chainId)").to_vec();
    preimage.extend_from_slice(keccak256("zkSync").as_slice());
    preimage.extend_from_slice(keccak256("2").as_slice());
    preimage.extend_from_slice(&U256::from(270).to_be_bytes::<32>());
    assert_eq!(zkstack_bootloader::tx::eip712_domain(270).separator(), keccak256(preimage));
}

// --- Paymaster inputs: zksync-ethers `tests/unit/paymaster.test.ts`.

#[test]
fn zksync_ethers_paymaster_inputs() {
    let general = general_paymaster_input(Bytes::new());
    assert_eq!(
        general.as_ref(),
        decode_hex(
            "8c5a344500000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000"
        )
    );
    let approval = approval_based_paymaster_input(
        address!("65C899B5fb8Eb9ae4da51D67E1fc417c7CB7e964"),
        U256::from(1),
        Bytes::new(),
    );
    assert_eq!(
        approval.as_ref(),
        decode_hex(
            "949431dc00000000000000000000000065c899b5fb8eb9ae4da51d67e1fc417c7cb7e964000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000600000000000000000000000000000000000000000000000000000000000000000"
        )
    );
    assert_eq!(
        PaymasterFlow::decode(&general).unwrap(),
        PaymasterFlow::General { input: Bytes::new() }
    );
    assert_eq!(PaymasterFlow::decode(&approval).unwrap().encode(), approval);
    assert!(PaymasterFlow::decode(&[0x8c, 0x5a]).is_err());
    assert!(PaymasterFlow::decode(&[0, 0, 0, 0]).is_err());
}

#[test]
fn high_s_and_bad_v_are_typed_errors() {
    // DefaultAccount `_isValidSignature`: v ∉ {27, 28} and s > secp256k1n/2 revert.
    let key = SigningKey::from_slice(&[0x46; 32]).unwrap();
    let hash = B256::repeat_byte(7);
    let sig = EcdsaSignature::sign(&key, &hash).unwrap();
    assert!(sig.s <= zkstack_bootloader::tx::SECP256K1_HALF_ORDER);
    assert_eq!(sig.recover(&hash).unwrap(), signer_address(&key));
    let n = U256::from_str_radix(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
        16,
    )
    .unwrap();
    let high = EcdsaSignature { s: n - sig.s, y_parity: !sig.y_parity, ..sig };
    assert_eq!(high.recover(&hash), Err(zkstack_bootloader::tx::SignatureError::HighS));
    let mut packed = sig.to_packed();
    packed[64] = 1;
    assert_eq!(
        EcdsaSignature::from_packed(&packed),
        Err(zkstack_bootloader::tx::SignatureError::PackedV(1))
    );
    assert_eq!(
        EcdsaSignature::from_packed(&packed[..64]),
        Err(zkstack_bootloader::tx::SignatureError::Length(64))
    );
    let zero = EcdsaSignature { r: U256::ZERO, ..sig };
    assert_eq!(zero.recover(&hash), Err(zkstack_bootloader::tx::SignatureError::OutOfRange));
}
