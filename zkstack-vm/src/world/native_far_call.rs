//! What a native contract asks for when it far-calls another contract
//! ([`NativeCall::far_call`](super::NativeCall::far_call)).
//!
//! The request carries what a bytecode caller puts in the far-call ABI word and registers: the
//! kind of call, the target, the calldata (written to the native's heap and passed as a heap
//! slice), the ergs asked for, the static / system / constructor flags, the context value
//! (`msg.value` when calling through the `msg.value` simulator) and the extra ABI registers
//! r3–r10 of a system call.

use alloy_primitives::{Address, U256};

/// How the callee's context is formed, as the three `far_call` opcodes form it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NativeCallKind {
    /// `far_call`: the callee runs in its own context; `msg.sender` is the native's address.
    Normal,
    /// `far_call.delegate`: the callee's code runs in the native's context (its storage
    /// address, `msg.sender` and context value).
    Delegate,
    /// `far_call.mimic` (kernel frames only): as `Normal`, but `msg.sender` is this address.
    Mimic(Address),
}

/// One far call made by a native.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NativeFarCall<'d> {
    /// The kind of call.
    pub kind: NativeCallKind,
    /// The contract called (its code, or the native registered there, runs).
    pub address: Address,
    /// The calldata.
    pub calldata: &'d [u8],
    /// The ergs asked for: the callee gets at most 63/64 of what the native has left after the
    /// call's own costs.
    pub ergs: u32,
    /// `far_call.static`: the callee may not change state.
    pub is_static: bool,
    /// The ABI's system-call flag (kept only for kernel targets).
    pub is_system: bool,
    /// The ABI's constructor flag (kept only when the native runs in a kernel frame).
    pub is_constructor: bool,
    /// The context value the callee sees (`msg.value` through the `msg.value` simulator);
    /// ignored by a delegate call, which keeps the native's.
    pub value: u128,
    /// r3–r12 handed to the callee by a system call (zeroed for other calls).
    pub extra_abi: [U256; 10],
}

impl<'d> NativeFarCall<'d> {
    /// A plain call: not static, no system or constructor flag, no value, no extra registers.
    pub const fn new(
        kind: NativeCallKind,
        address: Address,
        calldata: &'d [u8],
        ergs: u32,
    ) -> Self {
        NativeFarCall {
            kind,
            address,
            calldata,
            ergs,
            is_static: false,
            is_system: false,
            is_constructor: false,
            value: 0,
            extra_abi: [U256::ZERO; 10],
        }
    }
}
