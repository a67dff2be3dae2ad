//! Bridge encodings checked against values taken from era-contracts (commit 5e7d0b40):
//! the real withdrawal message of `L2MessageVerification.t.sol::test_ProveL2MessageInclusion`,
//! the aggregated root of `MessageRoot.t.sol::test_updateFullTree`, and the selectors written out
//! in `l1-contracts/test/unit_tests/l1_shared_bridge_test.spec.ts`.

mod common;

use alloy_primitives::{Address, B256, Bytes, U256, address, b256, keccak256};
use alloy_sol_types::SolCall;
use common::message_data;
use zkstack_bridge::addresses::L2_ASSET_ROUTER_ADDRESS;
use zkstack_bridge::asset::ntv_asset_id;
use zkstack_bridge::deposit::{BridgeMintData, IAssetRouterBase, TokenData};
use zkstack_bridge::interop::{MessageRoot, batch_leaf_hash, chain_id_leaf_hash};
use zkstack_bridge::withdrawal::{IL1ERC20Bridge, IMailbox, WithdrawalMessage, message_sender};

const TOKEN: Address = address!("0x58d9e3d9303750dc90bb2931ac1abbb99d203bc5");
const HOLDER: Address = address!("0x2e713618476e60a4ad8308a946c69de987242c82");
const ASSET: B256 = b256!("0x8e58414f1aa746a046df579572bd20b7a2caf396302d57c93c6e49dfdadc47f9");

#[test]
fn selectors_match_the_contracts() {
    // 0x9c884fd1 heads the real asset-router message; the other two are spelled out in
    // l1_shared_bridge_test.spec.ts (`mailboxFunctionSignature`, `ERC20functionSignature`).
    assert_eq!(IAssetRouterBase::finalizeDepositCall::SELECTOR, [0x9c, 0x88, 0x4f, 0xd1]);
    assert_eq!(IMailbox::finalizeEthWithdrawalCall::SELECTOR, [0x6c, 0x09, 0x60, 0xf9]);
    assert_eq!(IL1ERC20Bridge::finalizeWithdrawalCall::SELECTOR, [0x11, 0xa2, 0xcc, 0xc1]);
}

/// The integration-test withdrawal of a token native to the local L1 (chain 9) from chain 271.
#[test]
fn real_asset_router_withdrawal_parses_and_round_trips() {
    let data = message_data();
    let parsed = WithdrawalMessage::parse(&data).expect("real message");
    assert_eq!(parsed.encode(), data);
    let WithdrawalMessage::AssetRouter { chain_id, asset_id, transfer_data } = &parsed else {
        panic!("asset router message expected, got {parsed:?}");
    };
    assert_eq!(*chain_id, U256::from(271u32));
    assert_eq!(*asset_id, ASSET);
    // The asset is the NTV asset of the token on its origin chain 9.
    assert_eq!(ntv_asset_id(U256::from(9u8), TOKEN), ASSET);
    let mint = BridgeMintData::decode(transfer_data).expect("NTV mint data");
    assert_eq!(
        (mint.original_caller, mint.receiver, mint.origin_token, mint.amount),
        (HOLDER, HOLDER, TOKEN, U256::from(1u8))
    );
    assert_eq!(mint.encode(), transfer_data.to_vec());
    let metadata = TokenData::decode(&mint.erc20_metadata).expect("token data");
    assert_eq!(metadata.origin_chain_id, Some(U256::from(9u8)));
    assert_eq!(metadata.encode(), mint.erc20_metadata.to_vec());
    let expected = TokenData::from_values(U256::from(9u8), "WBTC", "WBTC", metadata.decimals[31]);
    assert_eq!(metadata, expected);
    // On L1 the finalization uses the message's asset and transfer data as they are.
    assert_eq!(
        parsed.asset_and_transfer_data(U256::from(9u8), B256::ZERO),
        (ASSET, transfer_data.clone())
    );
    assert_eq!(
        message_sender(ASSET, B256::repeat_byte(1), L2_ASSET_ROUTER_ADDRESS),
        L2_ASSET_ROUTER_ADDRESS
    );
}

/// forge-std `makeAddr(name)`: the address of the private key `keccak256(name)`.
fn make_addr(name: &str) -> Address {
    let key = k256::ecdsa::SigningKey::from_bytes(&keccak256(name).0.into()).expect("valid key");
    let point = key.verifying_key().to_encoded_point(false);
    Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..])
}

#[test]
fn message_root_matches_foundry() {
    let own = U256::from(31337u32); // forge's default block.chainid
    let mut root = MessageRoot::new(own);
    // test_init
    assert_eq!(root.aggregated_root(), chain_id_leaf_hash(B256::ZERO, own));
    // test_updateFullTree
    let alpha = U256::from_be_slice(make_addr("alphaChainId").as_slice());
    root.add_chain(alpha).expect("new chain");
    assert_eq!(root.chain_root(alpha), Ok(B256::ZERO));
    let new_root =
        root.add_chain_batch_root(alpha, U256::from(1u8), B256::from(alpha)).expect("registered");
    assert_eq!(
        new_root,
        b256!("0x0ef1ac67d77f177a33449c47a8f05f0283300a81adca6f063c92c774beed140c")
    );
    assert_eq!(root.chain_root(alpha), Ok(batch_leaf_hash(B256::from(alpha), U256::from(1u8))));
    assert!(root.add_chain(alpha).is_err());
}

#[test]
fn ether_metadata_is_what_bridge_helper_encodes() {
    let eth = TokenData::ether(U256::from(1u8));
    // abi.encode("Ether"): offset 0x20, length 5, "Ether" padded.
    let mut name = vec![0u8; 96];
    name[31] = 0x20;
    name[63] = 5;
    name[64..69].copy_from_slice(b"Ether");
    assert_eq!(eth.name, Bytes::from(name));
    assert_eq!(eth.decimals, Bytes::from(B256::with_last_byte(18).to_vec()));
    assert_eq!(eth.encode()[0], 1);
}
