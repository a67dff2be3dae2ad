//! Pieces of the executor against the zksync-era multivm code they follow.

use zkstack_bootloader::executor::refund::{RefundInputs, compute_refund};
use zkstack_bootloader::executor::{halt_reason, merge_events};
use zkstack_bootloader::vm::world::LogEntry;
use zkstack_bootloader::vm::{Address, U256};

/// multivm `compute_refund`, worked by hand: limit 100 000, bootloader refund 40 000, 10 000
/// gas on pubdata → 50 000 computational gas at 0.1 gwei fair price; 200 bytes of pubdata at
/// min(base fee · 50, fair pubdata price) = min(12.5 gwei, 1 gwei); prepaid 100 000 · 0.25 gwei.
/// refund = (2.5e13 − (5e12 + 2e11)) wei / 2.5e8 wei per gas = 79 200 gas.
#[test]
fn refund_follows_multivm() {
    let inputs = RefundInputs {
        base_fee: 250_000_000,
        fair_l2_gas_price: 100_000_000,
        fair_pubdata_price: 1_000_000_000,
        bootloader_refund: 40_000,
        gas_spent_on_pubdata: 10_000,
        tx_gas_limit: 100_000,
        gas_per_pubdata_byte: 50,
        pubdata_published: 200,
    };
    assert_eq!(compute_refund(&inputs), 79_200);
    // Rounded up: 50 000 wei more of fair fee leave 79 199.9998 gas, refunded as 79 200.
    let odd = RefundInputs { fair_l2_gas_price: 100_000_001, ..inputs };
    assert_eq!(compute_refund(&odd), 79_200);
    // The fair fee above what was prepaid refunds nothing (the reference logs and uses zero).
    let over = RefundInputs { fair_l2_gas_price: 1_000_000_000, ..inputs };
    assert_eq!(compute_refund(&over), 0);
}

fn entry(first: bool, key: U256, value: U256) -> LogEntry {
    LogEntry { shard_id: 0, address: Address::ZERO, key, value, is_first: first, tx_number: 3 }
}

/// multivm `merge_events`: the first word's key carries (topics, data length), its value the
/// emitter; then two words per entry; an event cut short by the next first word is dropped.
#[test]
fn events_merge_like_multivm() {
    let emitter = U256::from(0x1234);
    let (t1, t2, d) = (U256::from(1), U256::from(2), U256::from(0xaa) << 248);
    // 3 "topics" (emitter + 2) and 1 data byte.
    let header = U256::from(3u64 | (1u64 << 32));
    let cut = entry(true, U256::from(2), emitter);
    let entries =
        [cut, entry(true, header, emitter), entry(false, t1, t2), entry(false, d, U256::ZERO)];
    let events = merge_events(&entries);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.address, Address::from_slice(&emitter.to_be_bytes::<32>()[12..]));
    let topics: Vec<U256> = e.topics.iter().map(|t| U256::from_be_bytes(t.0)).collect();
    assert_eq!(topics, [t1, t2]);
    assert_eq!(e.data.as_ref(), [0xaa]);
    assert_eq!(e.tx_number_in_block, 3);
}

/// bootloader.yul: `FAILED_TO_SET_L2_BLOCK` is 25, `TX_VALIDATION_OUT_OF_GAS` 19.
#[test]
fn halt_reasons() {
    assert_eq!(halt_reason(&[25, 0xdf]), Some("FAILED_TO_SET_L2_BLOCK"));
    assert_eq!(halt_reason(&[19]), Some("TX_VALIDATION_OUT_OF_GAS"));
    assert_eq!(halt_reason(&[]), None);
    assert_eq!(halt_reason(&[200]), None);
}

/// The L1Messenger event topics the pubdata collection filters on, against zksync-era's
/// constants in `zksync_vm_interface` (`VmEvent::L1_MESSENGER_BYTECODE_PUBLICATION_EVENT_SIGNATURE`
/// = 0x480d3c9f…, `VmEvent::L1_MESSAGE_EVENT_SIGNATURE` = 0x3a36e472…, written there as byte
/// arrays). (`L2ToL1LogSent` has no such constant: multivm hashes the ABI signature at run time.)
#[test]
fn l1_messenger_event_topics() {
    use alloy_primitives::b256;
    use zkstack_bootloader::executor::pubdata::{
        bytecode_publication_topic, l1_message_sent_topic,
    };
    let bytecode = b256!("0x480d3c9f727b5e5c1203d4c61fb185d37f08e6b2dc5e9bbf98591b1a7addf57c");
    let message = b256!("0x3a36e47291f4201faf137fab081d92295bce2d53be2c6ca68ba82c7faa9ce241");
    assert_eq!(bytecode_publication_topic(), bytecode);
    assert_eq!(l1_message_sent_topic(), message);
}
