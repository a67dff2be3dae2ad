//! `far_call`, `far_call.delegate`, `far_call.mimic`: entering another contract, exactly as
//! zk_evm 0.153 prices and checks it.
//!
//! The callee's code hash is read from the deployer's storage (shard of the code); a missing
//! hash or one still in construction runs the default account instead (for user addresses), a
//! valid EVM blob hash runs the EVM emulator. Calldata is a slice of the caller's heap or aux
//! heap (which grows, paid by the caller) or a forwarded fat pointer. The caller pays memory
//! growth, the system-call extra cost and, on first use of the code, its decommitment; of the
//! rest it passes at most 63/64. Any failed check still enters the callee (with no code and a
//! pending exception), so that the callee panics at once back to the caller's handler.

use alloy_primitives::{Address, U256};

use super::code::{FAR_SHARD, FAR_STATIC, Instr};
use super::context::address_to_u256;
use super::error::VmError;
use super::vm::Vm;
use crate::frame::{Frame, is_kernel_address};
use crate::memory::params::{
    NEW_EVM_FRAME_MEMORY_STIPEND, NEW_FRAME_MEMORY_STIPEND, NEW_KERNEL_FRAME_MEMORY_STIPEND,
    NEW_MEMORY_PAGES_PER_FAR_CALL, UNMAPPED_PAGE,
};
use crate::memory::{FatPointer, Stack};
use crate::opcodes::FarCallKind;
use crate::state::Flags;
use crate::tracer::Tracer;
use crate::witness::WitnessEvent;
use crate::witness::query::STORAGE_AUX_BYTE;
use crate::world::code::{BYTECODE_VERSION, EVM_BLOB_VERSION};
use crate::world::{StorageKey, VersionedHash};

/// The contract whose storage maps addresses to code hashes.
pub const DEPLOYER_ADDRESS: u16 = 0x8002;
/// The system contract that simulates `msg.value`: a system call to it costs extra.
pub const MSG_VALUE_SIMULATOR_ADDRESS: u16 = 0x8009;
/// What a system call to the `msg.value` simulator costs the caller on top (passed to the callee).
pub const MSG_VALUE_SIMULATOR_ADDITIVE_COST: u32 = 14_500 + 4 * 100_000 / 32;
/// Ergs per 32-byte word of code decommitted on first use.
pub const ERGS_PER_CODE_WORD_DECOMMITMENT: u32 = 4;

/// How the calldata pointer is formed (byte 24 of the ABI word).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Forward {
    Heap,
    Pointer,
    AuxHeap,
}

/// The far-call ABI word read apart.
#[derive(Clone, Copy, Debug)]
struct Abi {
    ptr: FatPointer,
    ergs: u32,
    forward: Forward,
    shard: u8,
    constructor: bool,
    system: bool,
}

impl Abi {
    #[allow(clippy::cast_possible_truncation, reason = "byte fields of the high limb")]
    fn read(word: &U256) -> Self {
        let high = word.as_limbs()[3];
        let extra = (high >> 32) as u32;
        let [forward, shard, constructor, system] = extra.to_le_bytes();
        Abi {
            ptr: FatPointer::from_u256(word),
            ergs: high as u32,
            forward: match forward {
                1 => Forward::Pointer,
                2 => Forward::AuxHeap,
                _ => Forward::Heap,
            },
            shard,
            constructor: constructor != 0,
            system: system != 0,
        }
    }
}

/// Which code a far call runs.
enum Callee {
    /// The hash names code to run as it is (or the fallback that replaced it).
    Code(VersionedHash),
    /// No code can run: the call panics.
    Fails,
    /// A native contract runs instead of code.
    Native,
}

fn u256_to_address(value: &U256) -> Address {
    Address::from_slice(&value.to_be_bytes::<32>()[12..])
}

impl<T: Tracer> Vm<T> {
    /// Executes a far call (price paid, condition holds).
    ///
    /// # Errors
    /// [`VmError::UnknownCode`] when the callee's code is not known; any error raised inside a
    /// native callee's own far calls.
    #[allow(clippy::too_many_lines, reason = "one pass in zk_evm's order of checks")]
    pub(super) fn far_call(
        &mut self,
        kind: FarCallKind,
        instr: &Instr,
        (src0, src0_ptr): (&U256, bool),
        src1: &U256,
        new_pc: u16,
    ) -> Result<(), VmError> {
        self.state.flags = Flags::default();
        let kernel = self.state.current.is_kernel;
        let target = u256_to_address(src1);
        let dst_is_kernel = is_kernel_address(&target);
        let mut abi = Abi::read(src0);
        abi.constructor &= kernel;
        abi.system &= dst_is_kernel;

        let caller = &self.state.current;
        let caller_shard = caller.this_shard_id;
        let code_shard = if instr.flags & FAR_SHARD != 0 { abi.shard } else { caller_shard };
        let this_shard = if kind == FarCallKind::Delegate { caller_shard } else { code_shard };
        let remaining = caller.ergs;
        let new_base = self.world.next_base_page;

        // The code hash, and whether it can run (a native contract has none: it runs).
        let native = self.world.has_native(&target);
        let (code_to_run, mut failed, evm, version) = if native {
            (Callee::Native, false, false, 0)
        } else {
            self.callee_code(&target, code_shard, abi.constructor, dst_is_kernel)
        };

        // The calldata pointer.
        if (abi.forward == Forward::Pointer) != src0_ptr {
            failed = true;
        }
        let beyond_heap = abi.ptr.end_overflows();
        if (abi.forward != Forward::Pointer && abi.ptr.offset != 0)
            || beyond_heap
            || abi.ptr.offset > abi.ptr.length
        {
            failed = true;
        }
        let caller = &mut self.state.current;
        match abi.forward {
            Forward::Pointer => {
                abi.ptr.start = abi.ptr.start.wrapping_add(abi.ptr.offset);
                abi.ptr.length = abi.ptr.length.wrapping_sub(abi.ptr.offset);
                abi.ptr.offset = 0;
            }
            Forward::Heap => abi.ptr.page = caller.heap_page(),
            Forward::AuxHeap => abi.ptr.page = caller.aux_heap_page(),
        }
        if failed {
            abi.ptr = FatPointer::default();
        }
        let after_growth = match abi.forward {
            Forward::Pointer => remaining,
            Forward::Heap | Forward::AuxHeap => {
                let upper =
                    if beyond_heap { u32::MAX } else { abi.ptr.start.wrapping_add(abi.ptr.length) };
                let bound = if abi.forward == Forward::Heap {
                    &mut caller.heap_bound
                } else {
                    &mut caller.aux_heap_bound
                };
                let cost = upper.saturating_sub(*bound);
                if remaining >= cost {
                    *bound = (*bound).max(upper);
                    remaining - cost
                } else {
                    failed = true;
                    0
                }
            }
        };
        let mut extra = if abi.system && target == low_address(MSG_VALUE_SIMULATOR_ADDRESS) {
            MSG_VALUE_SIMULATOR_ADDITIVE_COST
        } else {
            0
        };
        let after_extra = if after_growth >= extra {
            after_growth - extra
        } else {
            failed = true;
            extra = 0;
            0
        };

        // Decommitment: free when the code was decommitted before.
        let mut left = after_extra;
        let mut code = None;
        if let (false, Callee::Code(hash)) = (failed, &code_to_run) {
            let preimage = hash.preimage();
            if let Some(known) = self.world.decommitted.get(&preimage) {
                code = Some((known.code.clone(), known.page));
                if T::WITNESS {
                    let (page, words) = (known.page, self.decommitted_words(&preimage));
                    self.witness_decommit(&hash.0, page, words, false, Some(Vec::new()));
                }
            } else {
                let cost = ERGS_PER_CODE_WORD_DECOMMITMENT * u32::from(hash.length_in_words());
                if left >= cost {
                    let hash_word = U256::from_be_bytes(hash.0);
                    let Some(words) = self.world.code.code(&preimage) else {
                        return Err(VmError::UnknownCode(hash_word));
                    };
                    if T::WITNESS {
                        let length = u16::try_from(words.len()).unwrap_or(u16::MAX);
                        self.witness_decommit(&hash.0, new_base, length, true, Some(words.clone()));
                    }
                    let entry = self
                        .world
                        .decommitted
                        .insert(preimage, &hash_word, &words, new_base, false)?;
                    code = Some((entry.code.clone(), new_base));
                    left -= cost;
                } else {
                    if T::WITNESS {
                        // zk_evm looks the code up (for its length) before it checks the ergs.
                        let length = self
                            .world
                            .code
                            .code(&preimage)
                            .map_or(0, |w| u16::try_from(w.len()).unwrap_or(u16::MAX));
                        self.witness_decommit(&hash.0, new_base, length, true, None);
                    }
                    failed = true;
                }
            }
        }
        let (code, code_page) = match code {
            Some(c) if !failed => c,
            None if native && !failed => (self.world.empty_code(), UNMAPPED_PAGE),
            _ => {
                self.state.pending_exception = true;
                (self.world.empty_code(), UNMAPPED_PAGE)
            }
        };

        // 63/64 of what is left at most.
        let max_passable = (left / 64) * 63;
        let leftover = left - max_passable;
        let asked = abi.ergs;
        let (passed, kept) = match max_passable.checked_sub(asked) {
            Some(rest) => (asked, leftover + rest),
            None => (max_passable, leftover),
        };
        let passed = passed.wrapping_add(extra);

        let caller = &mut self.state.current;
        caller.ergs = kept;
        caller.pc = new_pc;
        let is_static = !evm && (caller.is_static || instr.flags & FAR_STATIC != 0);
        let new_static_bit = caller.is_static || instr.flags & FAR_STATIC != 0;
        let implicit = u256_to_address(self.state.registers.get(15));
        let (this_address, msg_sender, context_u128) = match kind {
            FarCallKind::Normal => (target, caller.this_address, self.state.context_u128),
            FarCallKind::Delegate => (caller.this_address, caller.caller, caller.context_u128),
            FarCallKind::Mimic => (target, implicit, self.state.context_u128),
        };
        let memory_stipend = if is_kernel_address(&this_address) {
            NEW_KERNEL_FRAME_MEMORY_STIPEND
        } else if version == EVM_BLOB_VERSION {
            NEW_EVM_FRAME_MEMORY_STIPEND
        } else {
            NEW_FRAME_MEMORY_STIPEND
        };
        let new_frame = Frame {
            this_address,
            caller: msg_sender,
            code_address: target,
            is_kernel: is_kernel_address(&this_address),
            is_static,
            code,
            code_page,
            base_page: new_base,
            pc: 0,
            sp: 0,
            ergs: passed,
            exception_handler: instr.imm0,
            this_shard_id: this_shard,
            caller_shard_id: caller_shard,
            code_shard_id: code_shard,
            context_u128,
            heap_bound: memory_stipend,
            aux_heap_bound: memory_stipend,
            stipend: 0,
            pubdata_spent: 0,
            stack: Stack::new(),
            near_calls: Vec::new(),
        };
        self.world.next_base_page = new_base.wrapping_add(NEW_MEMORY_PAGES_PER_FAR_CALL);
        self.state.context_u128 = 0;
        let caller = core::mem::replace(&mut self.state.current, new_frame);
        self.state.previous.push(caller);
        self.state.depth += 1;
        self.world.enter_frame();
        if T::WITNESS {
            self.witness_start(false);
        }

        let regs = &mut self.state.registers;
        regs.set(1, abi.ptr.to_u256(), true);
        let marker = u64::from(abi.constructor)
            | u64::from(abi.system) << 1
            | if evm { u64::from(new_static_bit) << 2 } else { 0 };
        regs.set(2, U256::from(marker), false);
        for r in 3..13 {
            if abi.system {
                let value = *regs.get(r);
                regs.set(r, value, false);
            } else {
                regs.set(r, U256::ZERO, false);
            }
        }
        for r in 13..16 {
            regs.set(r, U256::ZERO, false);
        }
        if native && !failed {
            self.run_native(&target, abi.ptr, abi.system, abi.constructor)?;
        }
        Ok(())
    }
    /// The code a far call to `target` runs: the hash in the deployer's storage (on the code
    /// shard), or the fallback that replaces it; whether the call fails; whether the code is
    /// EVM bytecode (run by the emulator); the hash's version byte.
    fn callee_code(
        &mut self,
        target: &Address,
        code_shard: u8,
        constructor: bool,
        dst_is_kernel: bool,
    ) -> (Callee, bool, bool, u8) {
        let mut failed = false;
        let hash_word = if code_shard == 0 {
            let key = StorageKey {
                shard: code_shard,
                address: deployer_address(),
                key: address_to_u256(target),
            };
            let hash =
                self.world.diff.read_storage_without_refund(self.world.storage.as_mut(), &key);
            if T::WITNESS {
                let q = self.log_query(
                    STORAGE_AUX_BYTE,
                    (key.shard, key.address),
                    key.key,
                    (hash, hash),
                    false,
                    false,
                );
                self.tracer.witness(WitnessEvent::Log(q));
                self.tracer.witness(WitnessEvent::StoragePubdata(q, 0));
            }
            hash
        } else {
            failed = true;
            U256::ZERO
        };
        let hash = VersionedHash::from_word(&hash_word);
        let version = hash.0[0];
        let callable = |h: &VersionedHash| {
            (!constructor && h.is_at_rest()) || (constructor && h.is_in_construction())
        };
        let mut evm = false;
        let mut masked = false;
        let mut runs_as_is = false;
        if hash.is_valid_as(BYTECODE_VERSION) {
            if callable(&hash) {
                runs_as_is = true;
            } else if dst_is_kernel {
                failed = true;
            } else {
                masked = true;
            }
        }
        if hash.is_valid_as(EVM_BLOB_VERSION) {
            if callable(&hash) {
                evm = true;
            } else if dst_is_kernel {
                failed = true;
            } else {
                masked = true;
            }
        }
        if hash_word.is_zero() {
            if dst_is_kernel {
                failed = true;
            } else {
                masked = true;
            }
        }
        if !masked && !evm && !runs_as_is {
            failed = true;
        }
        let code_to_run = if failed {
            Callee::Fails
        } else if runs_as_is {
            Callee::Code(hash)
        } else if evm {
            Callee::Code(VersionedHash::from_word(&self.world.evm_emulator_code_hash))
        } else {
            Callee::Code(VersionedHash::from_word(&self.world.default_aa_code_hash))
        };

        (code_to_run, failed, evm, version)
    }
}

fn low_address(low: u16) -> Address {
    let mut bytes = [0u8; 20];
    bytes[18..].copy_from_slice(&low.to_be_bytes());
    Address::from(bytes)
}

fn deployer_address() -> Address {
    low_address(DEPLOYER_ADDRESS)
}
