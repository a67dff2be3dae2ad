//! `log.*` on the world: storage and transient storage, events, L2→L1 messages.

use alloy_primitives::U256;

use super::code::{FIRST_MESSAGE, Handler, Instr};
use super::vm::Vm;
use crate::tracer::Tracer;
use crate::witness::query::{
    EVENT_AUX_BYTE, L1_MESSAGE_AUX_BYTE, STORAGE_AUX_BYTE, TRANSIENT_STORAGE_AUX_BYTE,
};
use crate::witness::{LogQuery, WitnessEvent};
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
                if T::WITNESS {
                    self.witness_storage(instr, &key, (value, value), refund, 0);
                }
                self.write_dst0(instr, dst0, value, false);
                self.refund(refund);
            }
            Handler::StorageWrite => {
                let before = if T::WITNESS {
                    world.diff.peek_storage(world.storage.as_mut(), &key)
                } else {
                    U256::ZERO
                };
                let (refund, pubdata) =
                    world.diff.write_storage(world.storage.as_mut(), &key, *src1);
                if T::WITNESS {
                    self.witness_storage(instr, &key, (before, *src1), refund, pubdata);
                }
                self.refund(refund);
                self.add_pubdata(pubdata);
            }
            Handler::TransientRead => {
                let value = world.diff.read_transient(&key);
                if T::WITNESS {
                    self.witness_storage(instr, &key, (value, value), 0, 0);
                }
                self.write_dst0(instr, dst0, value, false);
            }
            Handler::TransientWrite => {
                if T::WITNESS {
                    let before = world.diff.read_transient(&key);
                    self.witness_storage(instr, &key, (before, *src1), 0, 0);
                }
                self.world.diff.write_transient(&key, *src1);
            }
            Handler::Event | Handler::ToL1 => {
                let entry = LogEntry {
                    shard_id: key.shard,
                    address: key.address,
                    key: key.key,
                    value: *src1,
                    is_first: instr.flags & FIRST_MESSAGE != 0,
                    tx_number: self.state.tx_number,
                };
                if T::WITNESS {
                    let aux = if instr.handler == Handler::Event {
                        EVENT_AUX_BYTE
                    } else {
                        L1_MESSAGE_AUX_BYTE
                    };
                    let q = self.log_query(
                        aux,
                        (key.shard, key.address),
                        key.key,
                        (U256::ZERO, *src1),
                        true,
                        entry.is_first,
                    );
                    self.tracer.witness(WitnessEvent::Log(q));
                }
                let world = &mut self.world;
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

    /// The query a storage or transient access forms (`values`: read and written).
    fn storage_query(&self, instr: &Instr, key: &StorageKey, values: (U256, U256)) -> LogQuery {
        let (aux, rw) = match instr.handler {
            Handler::StorageRead => (STORAGE_AUX_BYTE, false),
            Handler::StorageWrite => (STORAGE_AUX_BYTE, true),
            Handler::TransientRead => (TRANSIENT_STORAGE_AUX_BYTE, false),
            _ => (TRANSIENT_STORAGE_AUX_BYTE, true),
        };
        let first = instr.flags & FIRST_MESSAGE != 0;
        self.log_query(aux, (key.shard, key.address), key.key, values, rw, first)
    }

    /// Reports a storage or transient access as zk_evm does: for persistent storage first its
    /// refund (with the query as the opcode formed it, nothing read yet), then the query, then
    /// for persistent storage its pubdata.
    fn witness_storage(
        &mut self,
        instr: &Instr,
        key: &StorageKey,
        values: (U256, U256),
        refund: u32,
        pubdata: i32,
    ) {
        let query = self.storage_query(instr, key, values);
        let persistent = query.aux_byte == STORAGE_AUX_BYTE;
        if persistent {
            let written = if query.rw_flag { values.1 } else { U256::ZERO };
            let partial = self.storage_query(instr, key, (U256::ZERO, written));
            self.tracer.witness(WitnessEvent::StorageRefund(partial, refund));
        }
        self.tracer.witness(WitnessEvent::Log(query));
        if persistent {
            self.tracer.witness(WitnessEvent::StoragePubdata(query, pubdata));
        }
    }
}
