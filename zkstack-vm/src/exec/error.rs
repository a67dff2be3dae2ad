//! How execution ends, and what the interpreter cannot do.

use crate::memory::FatPointer;
use crate::opcodes::RetKind;

/// The outermost frame returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExecutionEnd {
    /// `ok`, `revert` or `panic`.
    pub kind: RetKind,
    /// The returndata slice (empty on panic).
    pub returndata: FatPointer,
    /// Ergs left to the outermost frame.
    pub ergs_left: u32,
}

/// An instruction the interpreter refused to execute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VmError {
    /// A far call needs code its code source does not know (or cannot compile).
    #[error("no code known for hash {0:#x}")]
    UnknownCode(alloy_primitives::U256),
    /// The code known for a hash is longer than a code page can hold.
    #[error("code for hash {0:#x} exceeds the 2^16 - 1 words of a code page")]
    CodeTooLong(alloy_primitives::U256),
    /// A hook fired inside a far call made by a native contract, where the VM cannot suspend
    /// (the native's Rust call is on the stack). It cannot happen with the bootloader's hooks:
    /// only the bootloader's own frame stores to its heap.
    #[error("hook {0} fired inside a native contract's far call")]
    HookInNativeCall(u32),
}
