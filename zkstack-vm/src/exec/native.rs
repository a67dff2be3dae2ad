//! Running a native contract in the frame a far call just entered, returning from it as a
//! bytecode callee's `ret` would, and the far calls a native makes from that frame (see
//! [`crate::world::native`]).

use std::sync::Arc;

use alloy_primitives::{Address, U256};

use super::code::{FAR_STATIC, Instr, KERNEL_ONLY, instr_at};
use super::context::address_to_u256;
use super::error::VmError;
use super::vm::{Step, Vm};
use crate::decode::DecodedInstruction;
use crate::memory::FatPointer;
use crate::memory::params::VM_MAX_STACK_DEPTH;
use crate::opcodes::{FarCallKind, Opcode, OpcodeVariant, RetKind};
use crate::state::Flags;
use crate::tracer::Tracer;
use crate::world::native::{CallerSide, FarCallFailure, NativeHost};
use crate::world::{NativeCall, NativeCallKind, NativeError, NativeFarCall, NativeOutcome, World};

/// The pc the native's frame resumes at after an ok return from its far call; a revert or panic
/// resumes at [`FAILED_PC`] (its exception handler). The frame has no code: only the difference
/// matters.
const RETURNED_PC: u16 = 0;
/// See [`RETURNED_PC`].
const FAILED_PC: u16 = 1;

impl<T: Tracer> Vm<T> {
    /// Runs the native at `target` in the current (just entered) frame, whose calldata is
    /// `calldata`, then returns to the caller.
    ///
    /// # Errors
    /// A [`VmError`] raised inside a far call the native made: the VM cannot go on.
    pub(super) fn run_native(
        &mut self,
        target: &Address,
        calldata: FatPointer,
        is_system_call: bool,
        is_constructor: bool,
    ) -> Result<(), VmError> {
        let Some(mut native) = self.world.take_native(target) else {
            // Taken out: its call is still running further down the call stack (a re-entrant
            // call from a callee of its own far call). The callee panics.
            self.state.pending_exception = true;
            return Ok(());
        };
        let bytes = self.read_bytes(calldata);
        let frame = &self.state.current;
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
            stopped: None,
            host: self,
        };
        let outcome = native.call(&mut call);
        let (ergs, pubdata, refused, stopped) =
            (call.ergs, call.pubdata, call.refused, call.stopped);
        self.world.return_native(*target, native);
        if let Some(error) = stopped {
            return Err(error);
        }
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
        self.write_bytes(heap, data.get(..length as usize).unwrap_or_default());
        // `ret` with a heap slice {start 0, length}: forwarding mode 0; `ret` clears the flags
        // first (a far call the native made may have set them).
        let returned = FatPointer { offset: 0, page: 0, start: 0, length }.to_u256();
        self.state.flags = Flags::default();
        self.far_ret(kind, &returned, false);
        Ok(())
    }

    /// The bytes of the slice `ptr` names (zeros where its page was never written).
    fn read_bytes(&self, ptr: FatPointer) -> Vec<u8> {
        let start = ptr.start.wrapping_add(ptr.offset) as usize;
        let length = ptr.length.saturating_sub(ptr.offset) as usize;
        self.memory.page(ptr.page).map_or_else(
            || vec![0; length],
            |page| (start..start + length).map(|at| page.byte(at)).collect(),
        )
    }

    /// Writes `data` from byte 0 of `page`, a word at a time (the last word padded with zeros).
    fn write_bytes(&mut self, page: u32, data: &[u8]) {
        let mut offset = 0u32;
        for chunk in data.chunks(32) {
            self.memory.write_word(page, offset, &crate::memory::word_of(chunk));
            offset = offset.wrapping_add(32);
        }
    }

    /// A far call made by the native running in the current frame: the `far_call` instruction's
    /// price and checks, then [`Vm::far_call`] with the calldata as a heap slice, then the VM
    /// runs until the callee returns to the native's frame.
    fn native_far_call(
        &mut self,
        request: &NativeFarCall<'_>,
        side: &mut CallerSide,
    ) -> Result<NativeOutcome, FarCallFailure> {
        let kind = match request.kind {
            NativeCallKind::Normal => FarCallKind::Normal,
            NativeCallKind::Delegate => FarCallKind::Delegate,
            NativeCallKind::Mimic(_) => FarCallKind::Mimic,
        };
        let mut instr =
            Instr::new(&DecodedInstruction::new(OpcodeVariant::new(Opcode::FarCall(kind))));
        if request.is_static {
            instr.flags |= FAR_STATIC;
        }
        instr.imm0 = FAILED_PC;

        // The cycle's checks, in its order: the base price, then the exceptions that keep the
        // ergs left after it.
        let Some(left) = side.ergs.checked_sub(instr.ergs) else {
            side.ergs = 0;
            return Err(FarCallFailure::Refused(NativeError::OutOfErgs));
        };
        side.ergs = left;
        if instr.checks & KERNEL_ONLY != 0 && !self.state.current.is_kernel {
            return Err(FarCallFailure::Refused(NativeError::KernelOnly));
        }
        if self.state.depth >= VM_MAX_STACK_DEPTH {
            return Err(FarCallFailure::Refused(NativeError::CallStackFull));
        }
        let Ok(length) = u32::try_from(request.calldata.len()) else {
            side.ergs = 0;
            return Err(FarCallFailure::Refused(NativeError::OutOfErgs));
        };

        // Hand the native's view of its frame to the frame.
        let frame = &mut self.state.current;
        let own_address = core::mem::replace(&mut frame.this_address, side.this_address);
        frame.ergs = side.ergs;
        self.add_pubdata(side.pubdata);
        side.pubdata = 0;

        // The ABI word: a heap slice {start 0, length} of the native's heap, the ergs asked for,
        // forwarding mode 0 (heap), shard 0, the constructor and system bytes.
        let heap = self.state.current.heap_page();
        self.write_bytes(heap, request.calldata);
        let pointer = FatPointer { offset: 0, page: 0, start: 0, length };
        let high = u64::from(request.ergs)
            | u64::from(request.is_constructor) << 48
            | u64::from(request.is_system) << 56;
        let [low0, low1] = pointer.to_low_limbs();
        let abi = U256::from_limbs([low0, low1, 0, high]);
        let regs = &mut self.state.registers;
        for (r, value) in (3..13).zip(request.extra_abi) {
            regs.set(r, value, false);
        }
        if let NativeCallKind::Mimic(caller) = request.kind {
            regs.set(15, address_to_u256(&caller), false);
        }
        self.state.context_u128 = request.value;

        let depth = self.state.previous.len();
        let ended = self
            .far_call(kind, &instr, (&abi, false), &address_to_u256(&request.address), RETURNED_PC)
            .and_then(|()| self.run_to_depth(depth));

        // Take the frame's view back.
        let frame = &mut self.state.current;
        frame.this_address = own_address;
        side.ergs = frame.ergs;
        side.tx_number = self.state.tx_number;
        ended.map_err(FarCallFailure::Stopped)?;

        let failed = frame.pc == FAILED_PC;
        let panicked = self.state.flags.lt;
        let returned = FatPointer::from_u256(self.state.registers.get(1));
        Ok(match (failed, panicked) {
            (false, _) => NativeOutcome::Ok(self.read_bytes(returned)),
            (true, false) => NativeOutcome::Revert(self.read_bytes(returned)),
            (true, true) => NativeOutcome::Panic,
        })
    }

    /// Runs until the far frames above the first `depth` have all returned (a native's callee
    /// returned to the native's frame).
    fn run_to_depth(&mut self, depth: usize) -> Result<(), VmError> {
        let mut instrs = Arc::clone(self.state.current.code.instrs());
        while self.state.previous.len() > depth {
            self.refresh_code(&mut instrs);
            if self.try_fast(instr_at(&instrs, self.state.current.pc)) {
                continue;
            }
            match self.step_in(&instrs)? {
                Step::Continue | Step::Finished(_) => {}
                Step::Hook(hook) => return Err(VmError::HookInNativeCall(hook)),
            }
        }
        Ok(())
    }
}

impl<T: Tracer> NativeHost for Vm<T> {
    fn world(&mut self) -> &mut World {
        &mut self.world
    }

    fn far_call(
        &mut self,
        request: &NativeFarCall<'_>,
        side: &mut CallerSide,
    ) -> Result<NativeOutcome, FarCallFailure> {
        self.native_far_call(request, side)
    }
}
