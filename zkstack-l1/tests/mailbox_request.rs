//! From a user request to a priority operation: aliasing, serialisation, validation, queueing.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use alloy_primitives::{Address, Bytes, U256, address};
use zkstack_l1::ProtocolVersionId;
use zkstack_l1::mailbox::{
    BaseTokenMultiplier, FeeParams, L1_TO_L2_ALIAS_OFFSET, PriorityOpRequest, PubdataPricingMode,
    actual_refund_recipient, apply_l1_to_l2_alias, check_request, constants, undo_l1_to_l2_alias,
    validate_l1_to_l2_transaction,
};
use zkstack_l1::priority::{
    NewPriorityRequest, PRIORITY_OPERATION_L2_TX_TYPE, PriorityLeaves, PriorityTree,
    priority_ops_rolling_hash,
};

/// `AddressAliasHelper`: `+ 0x1111000000000000000000000000000000001111` modulo 2^160 (unchecked).
#[test]
fn aliasing() {
    assert_eq!(apply_l1_to_l2_alias(Address::ZERO), L1_TO_L2_ALIAS_OFFSET);
    let max = address!("ffffffffffffffffffffffffffffffffffffffff");
    assert_eq!(apply_l1_to_l2_alias(max), address!("1111000000000000000000000000000000001110"));
    // 0xbeef + 0x1111 = 0xd000.
    let a = address!("00000000000000000000000000000000deadbeef");
    assert_eq!(apply_l1_to_l2_alias(a), address!("11110000000000000000000000000000deadd000"));
    assert_eq!(undo_l1_to_l2_alias(apply_l1_to_l2_alias(max)), max);
    assert_eq!(
        undo_l1_to_l2_alias(Address::ZERO),
        address!("eeeeffffffffffffffffffffffffffffffffeeef")
    );
}

/// `AddressAliasHelper.actualRefundRecipient`, branch by branch.
#[test]
fn refund_recipient() {
    let caller = address!("00000000000000000000000000000000000000aa");
    let recipient = address!("00000000000000000000000000000000000000bb");
    assert_eq!(actual_refund_recipient(Address::ZERO, caller, true, false), caller);
    assert_eq!(
        actual_refund_recipient(Address::ZERO, caller, false, false),
        apply_l1_to_l2_alias(caller)
    );
    assert_eq!(
        actual_refund_recipient(recipient, caller, false, true),
        apply_l1_to_l2_alias(recipient)
    );
    assert_eq!(actual_refund_recipient(recipient, caller, false, false), recipient);
}

/// A deposit end to end, each step as the Mailbox does it: checks and gas price, serialisation
/// with the priority id as nonce, validation, the priority tree leaf and the event.
#[test]
fn deposit_end_to_end() {
    let params = FeeParams {
        pubdata_pricing_mode: PubdataPricingMode::Rollup,
        batch_overhead_l1_gas: 800_000,
        max_pubdata_per_batch: 120_000,
        max_l2_gas_per_batch: 80_000_000,
        priority_tx_max_pubdata: 99_000,
        minimal_l2_gas_price: 250_000_000,
    };
    let gas_price = U256::from(20_000_000_000u64);
    let l2_gas_limit = U256::from(300_000u64);
    let gpp = U256::from(constants::REQUIRED_L2_GAS_PRICE_PER_PUBDATA);
    let l2_value = U256::from(10u64).pow(U256::from(18u64));
    let version = ProtocolVersionId::LATEST;

    let price = check_request(
        version,
        gas_price,
        l2_gas_limit,
        gpp,
        0,
        U256::MAX,
        l2_value,
        &params,
        BaseTokenMultiplier::ETH,
    )
    .unwrap();
    let mint_value = price * l2_gas_limit + l2_value;
    assert_eq!(
        check_request(
            version,
            gas_price,
            l2_gas_limit,
            gpp,
            0,
            mint_value,
            l2_value,
            &params,
            BaseTokenMultiplier::ETH
        ),
        Ok(price)
    );

    let caller = address!("00000000000000000000000000000000000000aa");
    let request = PriorityOpRequest {
        sender: caller,
        contract_l2: address!("00000000000000000000000000000000000000cc"),
        mint_value,
        l2_value,
        l2_calldata: Bytes::new(),
        l2_gas_limit,
        l2_gas_per_pubdata_byte_limit: gpp,
        factory_dep_hashes: vec![],
        refund_recipient: actual_refund_recipient(Address::ZERO, caller, true, false),
    };
    let mut tree = PriorityTree::new(0);
    let tx_id = U256::from(tree.total_priority_txs());
    let tx = request.to_canonical_transaction(tx_id, price);
    assert_eq!(tx.txType, U256::from(PRIORITY_OPERATION_L2_TX_TYPE));
    assert_eq!(tx.maxFeePerGas, price);
    assert_eq!(tx.reserved[0], mint_value);
    assert_eq!(tx.reserved[1], U256::from(0xaau64));
    validate_l1_to_l2_transaction(
        &tx,
        U256::from(constants::PRIORITY_TX_MAX_GAS_LIMIT),
        U256::from(99_000u64),
    )
    .unwrap();

    let event = NewPriorityRequest::for_transaction(tx.clone(), 0, vec![]);
    event.check_consistency().unwrap();
    tree.push(event.txHash).unwrap();
    assert_eq!(tree.root(), tx.canonical_hash());

    let leaves = PriorityLeaves::new(vec![event.txHash]);
    let info = leaves.batch_info(0, 1, 1).unwrap();
    assert_eq!(info.rolling_hash(), priority_ops_rolling_hash(&[tx.canonical_hash()]));
    tree.process_batch(&info).unwrap();
    assert_eq!(tree.first_unprocessed_priority_tx(), 1);
}
