//! The real v26 bootloader on zkstack-vm and on zksync_vm2 0.5, side by side.
//!
//! Both VMs run the bootloader, heap and storage of each zksync_multivm 29.13.0 VM dump
//! (fetched at test time, never committed): zkstack-vm inside `BatchExecutor` (its start, its
//! `memory` writer), vm2 started as zksync-era's `vm_fast::Vm::custom` starts it (bootloader
//! `Program` in kernel mode at 0x8001, sp 0, heaps bounded at 2^32 − 1, exception handler
//! `u16::MAX`, hook address = the VM-hook slot's byte) with the bootloader heap copied word for
//! word from the one our executor wrote. They run in lock step from hook to hook; at each hook
//! the hook number, the bootloader's ergs, the pubdata counter and the three hook parameters must
//! be equal, and each VM then gets the same operator answer (`tests/bootloader/mod.rs`, written
//! from `vm_fast::Vm::run`: the validation gas split, the suggested refund written to the
//! operator-refund slot, `PostResult`'s return data). At the end: the outcome (status and return
//! data), ergs left, pubdata, the whole bootloader heap word by word, every storage change (before, after, initial flag), every raw
//! event and L2→L1 log must be equal.
//!
//! The executor's own run (`replay_dump`, its hook handling) is then held to the same record:
//! status, output, gas used, refunds, storage writes, merged events and L2→L1 logs.
//!
//! Differences found while building this: none (both dumps agree at every hook). vm2's storage
//! prices come from zkstack-vm's `world::pricing` (vm2 leaves them to its host); that
//! transcription is checked separately (`tests/storage_vm2.rs`, zkstack-vm's unit tests).

#[path = "../../../zkstack-l1/tests/support/mod.rs"]
mod support;

mod bootloader;

use std::collections::BTreeMap;

use bootloader::{BootVm, FEE, HookSeen, MULTIVM, Operator, Outcome, Prepared, Stop, VALIDATION};
use primitive_types::U256 as TheirU256;
use zkstack_bootloader::executor::{ReplayOptions, TxStatus, merge_events, replay_dump};
use zkstack_bootloader::memory::layout::MAX_MEM_SIZE_BYTES;
use zkstack_vm::{Address, U256};
use zksync_vm2::interface::StateInterface;

fn ours_u256(v: &TheirU256) -> U256 {
    U256::from_limbs(v.0)
}

/// (contract, key, before, after, initial) of every changed slot, in order.
type Changes = Vec<(Address, U256, U256, U256, bool)>;
/// (shard, key, value, first/service flag, tx number) of a raw event or L2→L1 log.
type Raw = (u8, U256, U256, bool, u16);

/// The page field of a fat pointer (bits 32..64).
const PAGE: u32 = 32;

/// Compares what both VMs showed at a hook. A hook parameter may differ in one way only: as a
/// fat pointer whose page differs. vm2 numbers heaps in allocation order (`HeapId`), zk_evm and
/// zkstack-vm by the far-call page counter (base page + 8 per far call, + 2 for the heap), so
/// the raw pointer words the bootloader hands to `PostResult` and logs with `DebugLog` differ
/// (page 2314 vs 68 in the fee dump). Such pages must correspond one to one (`pages`, ours to
/// vm2's) all run long; the data the pointers name is compared separately.
fn same_hook(a: &HookSeen, b: &HookSeen, pages: &mut BTreeMap<u32, u32>) -> bool {
    if (a.hook, a.ergs, a.pubdata) != (b.hook, b.ergs, b.pubdata) {
        return false;
    }
    a.params.iter().zip(&b.params).all(|(x, y)| {
        if x == y {
            return true;
        }
        let mask = U256::from(u32::MAX) << PAGE as usize;
        let small = |v: &U256| *v < (U256::from(1) << 128usize);
        if !small(x) || !small(y) || (x & !mask) != (y & !mask) {
            return false;
        }
        let page =
            |v: &U256| u32::try_from((*v >> PAGE as usize) & U256::from(u32::MAX)).unwrap_or(0);
        let (ours, theirs) = (page(x), page(y));
        *pages.entry(ours).or_insert(theirs) == theirs
            && pages.iter().all(|(o, t)| *o == ours || *t != theirs)
    })
}

/// A blank hook record (to compare single words with [`same_hook`]).
fn sa0() -> HookSeen {
    HookSeen { hook: 0, ergs: 0, pubdata: 0, params: [U256::ZERO; 3] }
}

fn side_by_side(name: &str) {
    let Some(dir) = support::registry_crate(MULTIVM) else { return };
    let p = Prepared::load(&dir, name);
    let mut ours = p.ours();
    let mut theirs = p.theirs(&ours);
    let (mut op_ours, mut op_theirs) = (p.operator(), p.operator());
    let mut pages = BTreeMap::new();
    let outcome = loop {
        let n = op_ours.seen.len();
        let (a, b) = (ours.resume(), theirs.resume());
        assert_eq!(a, b, "{name}: after hook #{n} ({:?})", op_ours.seen.last());
        let Stop::Hook(hook) = a else { break Outcome::Finished(a) };
        let (sa, sb) = (Operator::observe(&mut ours, hook), Operator::observe(&mut theirs, hook));
        if hook == 10 {
            let (da, db) = (ours.pointed(&sa.params[1]), theirs.pointed(&sb.params[1]));
            assert_eq!(da, db, "{name}: hook #{n}: the returned data");
        }
        assert!(
            same_hook(&sa, &sb, &mut pages),
            "{name}: hook #{n}: zkstack-vm {sa:?}, vm2 {sb:?} (pages so far {pages:?})"
        );
        let (oa, ob) = (op_ours.answer(&mut ours, sa), op_theirs.answer(&mut theirs, sb));
        assert_eq!(oa, ob, "{name}: hook #{n}");
        if let Some(o) = oa {
            break o;
        }
    };
    assert!(theirs.host.missing.is_empty(), "{name}: vm2 read slots the snapshot lacks");
    assert_eq!(ours.ergs(), theirs.ergs(), "{name}: ergs left");
    assert_eq!(ours.pubdata(), theirs.pubdata(), "{name}: pubdata");
    assert_eq!(op_ours.refund, op_theirs.refund);
    assert_eq!(op_ours.suggested, op_theirs.suggested);

    // The whole bootloader heap (up to the bootloader's memory size), word by word; a word may
    // differ only as a fat pointer to corresponding pages.
    let mut heap_diffs = 0;
    for slot in 0..MAX_MEM_SIZE_BYTES / 32 {
        let (a, b) = (ours.slot(slot), theirs.slot(slot));
        if a != b {
            let (x, y) =
                (HookSeen { params: [a; 3], ..sa0() }, HookSeen { params: [b; 3], ..sa0() });
            assert!(
                same_hook(&x, &y, &mut pages),
                "{name}: heap slot {slot}: ours {a:#x}, vm2 {b:#x}"
            );
            heap_diffs += 1;
        }
    }

    let diff = &ours.vm().world.diff;
    let our_changes: Changes = diff
        .storage_changes()
        .into_iter()
        .filter(|(_, initial, value)| initial.value != *value)
        .map(|(k, initial, value)| {
            (k.address, k.key, initial.value, value, initial.is_initial_write)
        })
        .collect();
    let mut their_changes: Changes = theirs
        .vm
        .world_diff()
        .get_storage_changes()
        .map(|((a, k), c)| {
            let addr = Address::from_slice(a.as_bytes());
            (addr, ours_u256(&k), ours_u256(&c.before), ours_u256(&c.after), c.is_initial)
        })
        .collect();
    their_changes.sort();
    let mut sorted = our_changes.clone();
    sorted.sort();
    assert_eq!(sorted, their_changes, "{name}: storage changes");
    assert!(!sorted.is_empty(), "{name}: the run changes storage");

    let our_events: Vec<Raw> = diff
        .events()
        .iter()
        .map(|e| (e.shard_id, e.key, e.value, e.is_first, e.tx_number))
        .collect();
    let their_events: Vec<Raw> = theirs
        .vm
        .events()
        .map(|e| (e.shard_id, ours_u256(&e.key), ours_u256(&e.value), e.is_first, e.tx_number))
        .collect();
    assert_eq!(our_events, their_events, "{name}: events");
    let our_logs: Vec<(Raw, Address)> = diff
        .l2_to_l1_logs()
        .iter()
        .map(|e| ((e.shard_id, e.key, e.value, e.is_first, e.tx_number), e.address))
        .collect();
    let their_logs: Vec<(Raw, Address)> = theirs
        .vm
        .l2_to_l1_logs()
        .map(|l| {
            let raw =
                (l.shard_id, ours_u256(&l.key), ours_u256(&l.value), l.is_service, l.tx_number);
            (raw, Address::from_slice(l.address.as_bytes()))
        })
        .collect();
    assert_eq!(our_logs, their_logs, "{name}: L2→L1 logs");

    // The executor's own hook handling gives the same record.
    let options = ReplayOptions { stop_after_validation: p.stop_after_validation };
    let replay = replay_dump(&p.dump, options).expect("replay starts");
    assert!(replay.error.is_none(), "{name}: {:?}", replay.error);
    let tx = &replay.txs[0];
    let (status, output) = match &outcome {
        Outcome::Success(d) => (TxStatus::Success, d.clone()),
        Outcome::Revert(d) => (TxStatus::Revert, d.clone()),
        Outcome::Finished(end) => panic!("{name}: the bootloader ended: {end:?}"),
    };
    assert_eq!(tx.status, status, "{name}");
    assert_eq!(tx.output.as_ref(), output.as_slice(), "{name}");
    assert_eq!(tx.gas_used, p.system.bootloader_gas_limit - theirs.ergs(), "{name}: gas used");
    assert_eq!(tx.refund, op_theirs.refund, "{name}");
    assert_eq!(tx.operator_suggested_refund, op_theirs.suggested, "{name}");
    let writes: Changes = tx
        .storage_writes
        .iter()
        .map(|w| (w.address, w.key, w.previous, w.value, w.is_initial))
        .collect();
    assert_eq!(writes, our_changes, "{name}: executor storage writes");
    assert_eq!(tx.events, merge_events(diff.events()), "{name}: executor events");
    let logs: Vec<Raw> = tx
        .l2_to_l1_logs
        .iter()
        .map(|l| (l.shard_id, l.key, l.value, l.is_service, l.tx_number_in_block))
        .collect();
    let raw: Vec<Raw> = our_logs.iter().map(|(r, _)| *r).collect();
    assert_eq!(logs, raw, "{name}: executor L2→L1 logs");
    eprintln!(
        "{name}: {} hooks agree (pointer pages ours→vm2 {pages:?}, {heap_diffs} heap words are \
         such pointers); {:?}; {} storage changes, {} events, {} L2→L1 logs",
        op_ours.seen.len(),
        tx.status,
        sorted.len(),
        our_events.len(),
        raw.len()
    );
}

/// zksync-era (`test_transfer_to_self_with_low_gas_limit`) expects a revert with empty output.
#[test]
fn fee_estimate_dump_matches_vm2() {
    side_by_side(FEE);
}

/// zksync-era (`adjacent_storage_slots_are_allowed`) stops after validation, not failed.
#[test]
fn validation_dump_matches_vm2() {
    side_by_side(VALIDATION);
}
