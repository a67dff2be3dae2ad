//! The world diff: reads through to storage, rollback to snapshots, transient clearing.

use zkstack_vm::world::{
    InMemoryStorage, LogEntry, MAX_PUBDATA_COST_PER_QUERY, StorageKey, StoragePricing, World,
    WorldDiff,
};
use zkstack_vm::{Address, U256};

fn key(k: u64) -> StorageKey {
    StorageKey { shard: 0, address: Address::repeat_byte(7), key: U256::from(k) }
}

fn entry(v: u64) -> LogEntry {
    LogEntry {
        shard_id: 0,
        address: Address::ZERO,
        key: U256::ZERO,
        value: U256::from(v),
        is_first: true,
        tx_number: 0,
    }
}

#[test]
fn rollback_takes_back_exactly_the_changes_after_the_snapshot() {
    let mut storage = InMemoryStorage::new();
    storage.insert(key(1), U256::from(10));
    let mut diff = WorldDiff::with_pricing(StoragePricing::ZkEvmReference);
    assert_eq!(diff.read_storage(&mut storage, &key(1)), (U256::from(10), 0));
    assert_eq!(
        diff.write_storage(&mut storage, &key(1), U256::from(11)),
        (0, MAX_PUBDATA_COST_PER_QUERY)
    );
    diff.write_transient(&key(2), U256::from(5));
    diff.push_event(entry(1));
    let snapshot = diff.snapshot();
    diff.write_storage(&mut storage, &key(1), U256::from(12));
    diff.write_storage(&mut storage, &key(3), U256::from(13));
    diff.write_transient(&key(2), U256::from(6));
    diff.push_event(entry(2));
    diff.push_l2_to_l1(entry(3));
    assert_eq!(diff.peek_storage(&mut storage, &key(1)), U256::from(12));
    diff.rollback(snapshot);
    assert_eq!(diff.peek_storage(&mut storage, &key(1)), U256::from(11));
    assert_eq!(diff.peek_storage(&mut storage, &key(3)), U256::ZERO);
    assert_eq!(diff.read_transient(&key(2)), U256::from(5));
    assert_eq!(diff.events(), &[entry(1)]);
    assert!(diff.l2_to_l1_logs().is_empty());
    let changes = diff.storage_changes();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].0, key(1));
    assert!(!changes[0].1.is_initial_write);
    assert_eq!(changes[0].2, U256::from(11));
}

#[test]
fn new_transaction_clears_transient_storage_for_good() {
    let mut diff = WorldDiff::new();
    let snapshot = diff.snapshot();
    diff.write_transient(&key(1), U256::from(1));
    diff.clear_transient();
    assert_eq!(diff.read_transient(&key(1)), U256::ZERO);
    diff.rollback(snapshot);
    assert!(diff.transient_slots().is_empty());
}

#[test]
fn nested_frames_roll_back_innermost_first() {
    let mut world = World::default();
    world.enter_frame();
    world.diff.push_event(entry(1));
    world.enter_frame();
    world.diff.push_event(entry(2));
    world.leave_frame(false);
    assert_eq!(world.diff.events().len(), 2);
    world.enter_frame();
    world.diff.push_event(entry(3));
    world.leave_frame(true);
    assert_eq!(world.diff.events(), &[entry(1), entry(2)]);
    world.leave_frame(true);
    assert!(world.diff.events().is_empty());
}
