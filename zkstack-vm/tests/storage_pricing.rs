//! Storage priced as a batch prices it: warm/cold refunds and write pubdata, step by step.
//!
//! Expected numbers come from the rules cited in `zkstack_vm::world::pricing`: zksync_vm2 0.5
//! `WorldDiff::read_storage`/`write_storage` (refund choice, prepaid pubdata), zksync-era
//! vm_fast `cost_of_writing_storage` (32/4-byte key + compressed value) and
//! zkevm_opcode_defs 0.153 costs (cold 2000/5500, warm 30/60).

use zkstack_vm::world::pricing::{BOOTLOADER_BALANCE_KEY, cost_of_writing_storage};
use zkstack_vm::world::{InMemoryStorage, StorageKey, StorageSlot, World, WorldDiff};
use zkstack_vm::{Address, U256};

const WARM_READ: u32 = 2000 - 30;
const WARM_WRITE: u32 = 5500 - 60;
const COLD_WRITE_AFTER_READ: u32 = 2000;

fn key(k: u64) -> StorageKey {
    StorageKey { shard: 0, address: Address::repeat_byte(7), key: U256::from(k) }
}

fn system_key(low: u16, k: U256) -> StorageKey {
    let mut b = [0u8; 20];
    b[18..].copy_from_slice(&low.to_be_bytes());
    StorageKey { shard: 0, address: Address::from(b), key: k }
}

#[test]
fn first_access_is_cold_later_ones_warm() {
    let mut storage = InMemoryStorage::new();
    storage.insert(key(1), U256::from(10));
    let mut diff = WorldDiff::new();
    assert_eq!(diff.read_storage(&mut storage, &key(1)), (U256::from(10), 0));
    assert_eq!(diff.read_storage(&mut storage, &key(1)), (U256::from(10), WARM_READ));
    // A cold write to a slot already read: only the write part is paid.
    // Pubdata: repeated write (4-byte index) of 10 -> 11: add 1, 1 byte + metadata = 6.
    assert_eq!(
        diff.write_storage(&mut storage, &key(1), U256::from(11)),
        (COLD_WRITE_AFTER_READ, 6)
    );
    // Warm write; the slot's pubdata is re-priced from the initial value, minus the 6 paid:
    // 10 -> 12 costs 6 as well.
    assert_eq!(diff.write_storage(&mut storage, &key(1), U256::from(12)), (WARM_WRITE, 0));
    // Back to the initial value: costs 0, gives back the 6 paid.
    assert_eq!(diff.write_storage(&mut storage, &key(1), U256::from(10)), (WARM_WRITE, -6));
    // A cold write to a slot never touched: no refund; initial write of 0x1234 over 0 is
    // 32 + 1 + 2 = 35 bytes.
    assert_eq!(diff.write_storage(&mut storage, &key(2), U256::from(0x1234)), (0, 35));
    // Reading a slot that was written is warm.
    assert_eq!(diff.read_storage(&mut storage, &key(2)), (U256::from(0x1234), WARM_READ));
}

#[test]
fn warmth_survives_a_rollback_but_prepaid_pubdata_does_not() {
    let mut storage = InMemoryStorage::new();
    let mut diff = WorldDiff::new();
    let snapshot = diff.snapshot();
    // Initial write 0 -> 1: 32 + 1 + 1 = 34.
    assert_eq!(diff.write_storage(&mut storage, &key(5), U256::from(1)), (0, 34));
    diff.rollback(snapshot);
    assert_eq!(diff.peek_storage(&mut storage, &key(5)), U256::ZERO);
    // Warm now (vm2 keeps written slots across frame rollbacks), and nothing prepaid: the
    // same write charges the full 34 again.
    assert_eq!(diff.write_storage(&mut storage, &key(5), U256::from(1)), (WARM_WRITE, 34));
}

#[test]
fn free_slots_cost_no_cold_ergs_and_no_pubdata() {
    let mut storage = InMemoryStorage::new();
    let mut diff = WorldDiff::new();
    let context = system_key(0x800b, U256::from(3));
    assert_eq!(diff.read_storage(&mut storage, &context), (U256::ZERO, WARM_READ));
    assert_eq!(diff.write_storage(&mut storage, &context, U256::MAX), (WARM_WRITE, 0));
    let balance = system_key(0x800a, BOOTLOADER_BALANCE_KEY);
    assert_eq!(diff.write_storage(&mut storage, &balance, U256::from(5)), (WARM_WRITE, 0));
    let other_balance = system_key(0x800a, U256::from(1));
    assert_eq!(diff.write_storage(&mut storage, &other_balance, U256::from(5)), (0, 34));
}

#[test]
fn far_call_code_hash_reads_warm_the_slot_without_refund() {
    let mut storage = InMemoryStorage::new();
    let mut diff = WorldDiff::new();
    assert_eq!(diff.read_storage_without_refund(&mut storage, &key(9)), U256::ZERO);
    assert_eq!(diff.read_storage(&mut storage, &key(9)), (U256::ZERO, WARM_READ));
}

#[test]
fn in_memory_storage_numbers_slots_in_insertion_order() {
    let mut storage = InMemoryStorage::new();
    storage.insert(key(3), U256::from(1));
    storage.insert(key(1), U256::from(2));
    storage.insert(key(3), U256::from(4));
    let mut world = World::new(Box::new(storage), Box::new(zkstack_vm::world::InMemoryCode::new()));
    let slot = |world: &mut World, k| {
        let World { storage, .. } = world;
        storage.read(&key(k))
    };
    assert_eq!(
        slot(&mut world, 3),
        StorageSlot { value: U256::from(4), is_initial_write: false, enumeration_index: Some(1) }
    );
    assert_eq!(slot(&mut world, 1).enumeration_index, Some(2));
    assert_eq!(slot(&mut world, 2), StorageSlot::default_initial());
    // storage_changes reports the committed slot with its index, for the pubdata.
    world.diff.write_storage(world.storage.as_mut(), &key(1), U256::from(9));
    let changes = world.diff.storage_changes();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].1.enumeration_index, Some(2));
    assert_eq!(cost_of_writing_storage(&changes[0].1, &changes[0].2), 4 + 2);
}
