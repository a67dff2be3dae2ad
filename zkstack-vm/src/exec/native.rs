//! Running a native contract in the frame a far call just entered, and returning from it as
//! a bytecode callee's `ret` would (see [`crate::world::native`]).

use alloy_primitives::Address;

use super::vm::Vm;
use crate::memory::FatPointer;
use crate::opcodes::RetKind;
use crate::tracer::Tracer;
use crate::world::{NativeCall, NativeOutcome};

impl<T: Tracer> Vm<T> {
    /// Runs the native at `target` in the current (just entered) frame, whose calldata is
    /// `calldata`, then returns to the caller.
    pub(super) fn run_native(
        &mut self,
        target: &Address,
        calldata: FatPointer,
        is_system_call: bool,
        is_constructor: bool,
    ) {
        let Some(mut native) = self.world.take_native(target) else {
            // Not there (it cannot be: it was checked before the frame was entered).
            self.state.pending_exception = true;
            return;
        };
        let frame = &self.state.current;
        let bytes = self.memory.page(calldata.page).map_or_else(
            || vec![0; calldata.length as usize],
            |page| {
                let start = calldata.start as usize;
                (start..start + calldata.length as usize).map(|at| page.byte(at)).collect()
            },
        );
        let mut call = NativeCall {
            caller: frame.caller,
            this_address: frame.this_address,
            code_address: frame.code_address,
            context_u128: frame.context_u128,
            is_static: frame.is_static,
            is_system_call,
            is_constructor,
            shard: frame.this_shard_id,
            tx_number: self.state.tx_number,
            calldata: bytes,
            ergs: frame.ergs,
            pubdata: 0,
            refused: false,
            diff: &mut self.world.diff,
            storage: self.world.storage.as_mut(),
            code: self.world.code.as_mut(),
        };
        let outcome = native.call(&mut call);
        let (ergs, pubdata, refused) = (call.ergs, call.pubdata, call.refused);
        self.world.return_native(*target, native);
        self.state.current.ergs = ergs;
        self.add_pubdata(pubdata);

        let (mut kind, data) = match outcome {
            _ if refused => (RetKind::Panic, Vec::new()),
            NativeOutcome::Ok(data) => (RetKind::Ok, data),
            NativeOutcome::Revert(data) => (RetKind::Revert, data),
            NativeOutcome::Panic => (RetKind::Panic, Vec::new()),
        };
        let length = u32::try_from(data.len()).unwrap_or_else(|_| {
            kind = RetKind::Panic;
            0
        });
        let length = if kind == RetKind::Panic { 0 } else { length };
        let frame = &mut self.state.current;
        let heap = frame.heap_page();
        // The return bytes are already in the heap: no growth to pay.
        frame.heap_bound = frame.heap_bound.max(length);
        let mut offset = 0u32;
        for chunk in data.chunks(32).take(length.div_ceil(32) as usize) {
            self.memory.write_word(heap, offset, &crate::memory::word_of(chunk));
            offset = offset.wrapping_add(32);
        }
        // `ret` with a heap slice {start 0, length}: forwarding mode 0.
        let returned = FatPointer { offset: 0, page: 0, start: 0, length }.to_u256();
        self.far_ret(kind, &returned, false);
    }
}
