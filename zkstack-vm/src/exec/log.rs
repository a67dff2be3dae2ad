//! `log.*` on the world: storage and transient storage, events, L2→L1 messages.

use alloy_primitives::U256;

use super::code::{FIRST_MESSAGE, Handler, Instr};
use super::vm::Vm;
use crate::tracer::Tracer;
use crate::world::{LogEntry, StorageKey};

impl<T: Tracer> Vm<T> {
    /// Executes a `log.*` opcode other than `precompile` and `decommit` (pc already advanced).
    ///
    /// As in zk_evm, a storage access gets ergs back when it is warm and a write charges
    /// pubdata (priced by the world diff's [`crate::world::StoragePricing`]); the pubdata goes
    /// to the frame and the revert counter.
    pub(super) fn log(&mut self, instr: &Instr, dst0: Option<u16>, src0: &U256, src1: &U256) {
        let frame = &self.state.current;
        let key =
            StorageKey { shard: frame.this_shard_id, address: frame.this_address, key: *src0 };
        let world = &mut self.world;
        match instr.handler {
            Handler::StorageRead => {
                let (value, refund) = world.diff.read_storage(world.storage.as_mut(), &key);
                self.write_dst0(instr, dst0, value, false);
                self.refund(refund);
            }
            Handler::StorageWrite => {
                let (refund, pubdata) =
                    world.diff.write_storage(world.storage.as_mut(), &key, *src1);
                self.refund(refund);
                self.add_pubdata(pubdata);
            }
            Handler::TransientRead => {
                let value = world.diff.read_transient(&key);
                self.write_dst0(instr, dst0, value, false);
            }
            Handler::TransientWrite => world.diff.write_transient(&key, *src1),
            Handler::Event | Handler::ToL1 => {
                let entry = LogEntry {
                    shard_id: key.shard,
                    address: key.address,
                    key: key.key,
                    value: *src1,
                    is_first: instr.flags & FIRST_MESSAGE != 0,
                    tx_number: self.state.tx_number,
                };
                if instr.handler == Handler::Event {
                    world.diff.push_event(entry);
                } else {
                    world.diff.push_l2_to_l1(entry);
                }
            }
            _ => {}
        }
    }

    /// Gives ergs back to the running frame.
    #[inline]
    fn refund(&mut self, ergs: u32) {
        let frame = &mut self.state.current;
        frame.ergs = frame.ergs.wrapping_add(ergs);
    }

    /// Charges pubdata to the running frame and to the revert counter.
    #[inline]
    pub(super) fn add_pubdata(&mut self, pubdata: i32) {
        self.state.current.pubdata_spent = self.state.current.pubdata_spent.wrapping_add(pubdata);
        self.state.pubdata_revert_counter = self.state.pubdata_revert_counter.wrapping_add(pubdata);
    }
}
