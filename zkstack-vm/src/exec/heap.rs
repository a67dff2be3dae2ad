//! Heap, aux heap, static memory and fat-pointer accesses (zk_evm's "UMA" opcodes, with the
//! memory-growth pricing of protocol version 27).

use alloy_primitives::U256;

use super::code::{Handler, INCREMENT, Instr};
use super::vm::Vm;
use crate::memory::FatPointer;
use crate::memory::params::{MAX_OFFSET_TO_DEREF, STATIC_MEMORY_PAGE};
use crate::tracer::Tracer;
use crate::witness::{MemoryKind, Slot};

impl<T: Tracer> Vm<T> {
    /// Executes a heap instruction (pc already advanced). Returns whether it wrote `dst1`.
    #[allow(clippy::cast_possible_truncation, reason = "byte counts below 32")]
    pub(super) fn heap(
        &mut self,
        instr: &Instr,
        (src0, src0_ptr): (&U256, bool),
        src1: &U256,
    ) -> bool {
        let h = instr.handler;
        let is_ptr_read = h == Handler::FatPointerRead;
        let is_write =
            matches!(h, Handler::HeapWrite | Handler::AuxHeapWrite | Handler::StaticWrite);
        let frame = &mut self.state.current;
        let mut ptr = FatPointer::from_u256(src0);
        let mut exception = is_ptr_read && !src0_ptr;
        let mut skip = false;
        ptr.page = match h {
            Handler::HeapRead | Handler::HeapWrite => frame.heap_page(),
            Handler::AuxHeapRead | Handler::AuxHeapWrite => frame.aux_heap_page(),
            Handler::StaticRead | Handler::StaticWrite => STATIC_MEMORY_PAGE,
            _ => ptr.page,
        };
        let mut beyond_heap = false;
        let address = if is_ptr_read {
            skip = !ptr.in_bounds();
            ptr.start.wrapping_add(ptr.offset)
        } else {
            let l = src0.as_limbs();
            if l[1] != 0 || l[2] != 0 || l[3] != 0 || l[0] > u64::from(MAX_OFFSET_TO_DEREF) {
                beyond_heap = true;
                exception = true;
                skip = true;
            }
            ptr.offset
        };
        let (end, end_overflows) = ptr.offset.overflowing_add(32);
        exception |= end_overflows;
        let bound = match h {
            Handler::HeapRead | Handler::HeapWrite => Some(&mut frame.heap_bound),
            Handler::AuxHeapRead | Handler::AuxHeapWrite => Some(&mut frame.aux_heap_bound),
            _ => None,
        };
        if let Some(bound) = bound {
            let cost = if beyond_heap { u32::MAX } else { end.saturating_sub(*bound) };
            if let Some(left) = frame.ergs.checked_sub(cost) {
                frame.ergs = left;
                if end > *bound {
                    *bound = end;
                }
            } else {
                frame.ergs = 0;
                exception = true;
            }
        }
        let skip = skip || exception;
        let increment = instr.flags & INCREMENT != 0;
        let mut dst1_written = false;
        let kind = match h {
            Handler::HeapRead | Handler::HeapWrite => MemoryKind::Heap,
            Handler::AuxHeapRead | Handler::AuxHeapWrite => MemoryKind::AuxHeap,
            Handler::StaticRead | Handler::StaticWrite => MemoryKind::StaticMemory,
            _ => MemoryKind::FatPointer,
        };
        if T::WITNESS && !skip {
            self.witness_words(Slot::Read, kind, ptr.page, address, false);
        }
        if is_write {
            if !skip {
                self.memory.write_word(ptr.page, address, src1);
                if T::WITNESS {
                    self.witness_words(Slot::Write, kind, ptr.page, address, true);
                }
            }
            if exception {
                self.state.pending_exception = true;
            } else if increment {
                let mut l = *src0.as_limbs();
                l[0] = (l[0] & 0xffff_ffff_0000_0000).wrapping_add(u64::from(end));
                self.write_dst0(instr, None, U256::from_limbs(l), false);
            }
        } else {
            let mut value =
                if skip { U256::ZERO } else { self.memory.read_word(ptr.page, address) };
            if is_ptr_read {
                let beyond = match end.checked_sub(ptr.length) {
                    Some(b) if !skip => b % 32,
                    _ => 0,
                };
                let bits = beyond as usize * 8;
                value = (value >> bits) << bits;
            }
            if exception {
                self.state.pending_exception = true;
            } else {
                self.write_dst0(instr, None, value, false);
                if increment {
                    let mut l = *src0.as_limbs();
                    l[0] = (l[0] & 0xffff_ffff_0000_0000).wrapping_add(u64::from(end));
                    self.state.registers.set(instr.dst1, U256::from_limbs(l), src0_ptr);
                    dst1_written = true;
                }
            }
        }
        dst1_written
    }

    /// Reports the accesses to the words a 32-byte access at byte `address` of `page` covers
    /// (one word, two when unaligned), with the values memory holds now.
    fn witness_words(
        &mut self,
        slot: Slot,
        kind: MemoryKind,
        page: u32,
        address: u32,
        write: bool,
    ) {
        let first = address / 32;
        let words = if address.is_multiple_of(32) { 1 } else { 2 };
        for index in (0..words).map(|i| first.wrapping_add(i)) {
            let value = self.memory.read_cell(page, index);
            self.witness_memory(slot, kind, page, index, (value, false), write);
        }
    }
}
