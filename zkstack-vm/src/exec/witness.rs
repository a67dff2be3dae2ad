//! Reporting the witness stream ([`crate::witness`]): the helpers the handlers call when the
//! tracer asks for it ([`Tracer::WITNESS`]).

use alloy_primitives::{Address, U256};

use super::code::{Handler, Instr};
use super::vm::Vm;
use crate::isa::SrcMode;
use crate::tracer::Tracer;
use crate::witness::{
    ContextStart, DecommitQuery, LogQuery, MemoryKind, MemoryQuery, Slot, WitnessEvent,
};

impl<T: Tracer> Vm<T> {
    /// Reports a memory access of the running cycle.
    #[inline]
    #[allow(clippy::too_many_arguments, reason = "the fields of one query")]
    pub(super) fn witness_memory(
        &mut self,
        slot: Slot,
        kind: MemoryKind,
        page: u32,
        index: u32,
        (value, is_pointer): (U256, bool),
        is_write: bool,
    ) {
        let query =
            MemoryQuery { timestamp: slot as u32, kind, page, index, value, is_pointer, is_write };
        self.tracer.witness(WitnessEvent::Memory(query));
    }

    /// Reports the `src0` read of `instr` from the stack or the code page, `sp` being the
    /// stack pointer before operands were resolved (nothing for other modes and for `nop`).
    #[allow(clippy::cast_possible_truncation, reason = "addresses are the low 16 bits")]
    pub(super) fn witness_src0(&mut self, instr: &Instr, sp: u16) {
        if matches!(instr.handler, Handler::Nop) {
            return;
        }
        let base = self.state.registers.get(instr.src0).as_limbs()[0] as u16;
        let addr = base.wrapping_add(instr.imm0);
        let frame = &self.state.current;
        let (kind, page, index, value) = match instr.src0_mode {
            SrcMode::Reg | SrcMode::Imm => return,
            SrcMode::StackPop | SrcMode::StackOffset => {
                let slot = sp.wrapping_sub(addr);
                (MemoryKind::Stack, frame.stack_page(), slot, frame.stack.get(slot))
            }
            SrcMode::StackAbsolute => {
                (MemoryKind::Stack, frame.stack_page(), addr, frame.stack.get(addr))
            }
            SrcMode::CodePage => {
                (MemoryKind::Code, frame.code_page, addr, (frame.code.word(addr), false))
            }
        };
        self.witness_memory(Slot::Read, kind, page, u32::from(index), value, false);
    }

    /// Reports the `dst0` write of `value` to stack slot `slot`.
    pub(super) fn witness_stack_write(&mut self, slot: u16, value: U256, is_pointer: bool) {
        let page = self.state.current.stack_page();
        self.witness_memory(
            Slot::Write,
            MemoryKind::Stack,
            page,
            u32::from(slot),
            (value, is_pointer),
            true,
        );
    }

    /// A log query of the running frame at [`Slot::Log`].
    pub(super) fn log_query(
        &self,
        aux_byte: u8,
        (shard_id, address): (u8, Address),
        key: U256,
        (read_value, written_value): (U256, U256),
        rw_flag: bool,
        is_service: bool,
    ) -> LogQuery {
        LogQuery {
            timestamp: Slot::Log as u32,
            tx_number: self.state.tx_number,
            aux_byte,
            shard_id,
            address,
            key,
            read_value,
            written_value,
            rw_flag,
            rollback: false,
            is_service,
        }
    }

    /// Reports a decommitment looked up, and carried out unless `performed` is `None` (the
    /// words written for a fresh one).
    pub(super) fn witness_decommit(
        &mut self,
        hash: &[u8; 32],
        page: u32,
        length_in_words: u16,
        is_fresh: bool,
        performed: Option<Vec<U256>>,
    ) {
        let mut header = [0u8; 4];
        header.copy_from_slice(&hash[..4]);
        let mut normalized_preimage = [0u8; 28];
        normalized_preimage.copy_from_slice(&hash[4..]);
        let query = DecommitQuery {
            timestamp: Slot::Log as u32,
            header,
            normalized_preimage,
            page,
            length_in_words,
            is_fresh,
        };
        self.tracer.witness(WitnessEvent::PrepareDecommit(query));
        if let Some(words) = performed {
            self.tracer.witness(WitnessEvent::ExecuteDecommit(query, words));
        }
    }

    /// Reports the frame now running as just started.
    pub(super) fn witness_start(&mut self, is_local: bool) {
        let f = &self.state.current;
        let exception_handler = match f.near_calls.last() {
            Some(near) if is_local => near.exception_handler,
            _ => f.exception_handler,
        };
        let start = ContextStart {
            is_local,
            this_address: f.this_address,
            caller: f.caller,
            code_address: f.code_address,
            base_page: f.base_page,
            code_page: f.code_page,
            pc: f.pc,
            sp: f.sp,
            ergs: f.ergs,
            exception_handler,
            is_static: f.is_static,
            heap_bound: f.heap_bound,
            aux_heap_bound: f.aux_heap_bound,
        };
        self.tracer.witness(WitnessEvent::StartContext(start));
    }

    /// The length in words of code decommitted before (0 if it was not).
    pub(super) fn decommitted_words(&self, preimage: &crate::world::CodePreimage) -> u16 {
        self.world
            .decommitted
            .get(preimage)
            .map_or(0, |d| u16::try_from(d.code.page().len()).unwrap_or(u16::MAX))
    }
}
