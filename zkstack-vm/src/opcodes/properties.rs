//! Static properties of each opcode: operand signature, flag count, privilege and static-context
//! restrictions, and the ISA version that introduced it.

use super::{ContextOp, FarCallKind, HeapOp, LogOp, Opcode, RetKind};
use crate::isa::{OperandKind, Operands};

/// A version of the EraVM instruction set. Every version only appends entries to the opcode
/// table, so a word valid in one version decodes the same in every later one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum IsaVersion {
    /// The original instruction set.
    V0 = 0,
    /// Adds immediate addressing for the heap and auxiliary-heap reads and writes.
    V1 = 1,
    /// Adds `log.decommit`, transient storage and the kernel's static memory page. This is the
    /// version the VM implements.
    V2 = 2,
}

impl IsaVersion {
    /// All versions, oldest first.
    pub const ALL: [IsaVersion; 3] = [IsaVersion::V0, IsaVersion::V1, IsaVersion::V2];
    /// The version this crate decodes.
    pub const CURRENT: IsaVersion = IsaVersion::V2;
}

const fn sig(src0: OperandKind, src1: bool, dst0: OperandKind, dst1: bool) -> Operands {
    Operands { src0, src1, dst0, dst1 }
}

impl Opcode {
    /// The operand signature of this opcode in ISA version 2.
    #[allow(clippy::match_same_arms, reason = "one arm per family reads as a table")]
    pub const fn operands(self) -> Operands {
        use OperandKind::{Full, None, Reg, RegOrImm};
        match self {
            Opcode::Invalid => sig(None, false, None, false),
            Opcode::Nop => sig(Full, false, Full, false),
            Opcode::Add | Opcode::Sub | Opcode::Bitwise(_) | Opcode::Shift(_) | Opcode::Ptr(_) => {
                sig(Full, true, Full, false)
            }
            Opcode::Mul | Opcode::Div => sig(Full, true, Full, true),
            Opcode::Jump => sig(Full, false, Reg, false),
            Opcode::NearCall => sig(Reg, false, None, false),
            Opcode::Context(op) => match op {
                ContextOp::SetContextU128 | ContextOp::AuxMutating0 => sig(Reg, false, None, false),
                ContextOp::IncrementTxNumber => sig(None, false, None, false),
                _ => sig(None, false, Reg, false),
            },
            Opcode::Log(op) => match op {
                LogOp::StorageRead | LogOp::TransientStorageRead => sig(Reg, false, Reg, false),
                LogOp::StorageWrite
                | LogOp::TransientStorageWrite
                | LogOp::ToL1Message
                | LogOp::Event => sig(Reg, true, None, false),
                LogOp::PrecompileCall | LogOp::Decommit => sig(Reg, true, Reg, false),
            },
            Opcode::FarCall(_) => sig(Reg, true, None, false),
            Opcode::Ret(RetKind::Ok | RetKind::Revert) => sig(Reg, false, None, false),
            Opcode::Ret(RetKind::Panic) => sig(None, false, None, false),
            Opcode::Heap(op) => match op {
                HeapOp::HeapRead | HeapOp::AuxHeapRead | HeapOp::StaticMemoryRead => {
                    sig(RegOrImm, false, Reg, true)
                }
                HeapOp::HeapWrite | HeapOp::AuxHeapWrite | HeapOp::StaticMemoryWrite => {
                    sig(RegOrImm, true, Reg, false)
                }
                HeapOp::FatPointerRead => sig(Reg, false, Reg, true),
            },
        }
    }

    /// How many non-exclusive flag bits the opcode-table entries of this opcode carry
    /// (each combination is a separate table entry). See [`crate::Flags`] for their meaning.
    pub const fn num_flags(self) -> u8 {
        match self {
            Opcode::Invalid
            | Opcode::Nop
            | Opcode::Jump
            | Opcode::NearCall
            | Opcode::Context(_) => 0,
            Opcode::Add
            | Opcode::Mul
            | Opcode::Bitwise(_)
            | Opcode::Ptr(_)
            | Opcode::Ret(_)
            | Opcode::Heap(_) => 1,
            Opcode::Sub | Opcode::Div | Opcode::Shift(_) | Opcode::FarCall(_) => 2,
            Opcode::Log(op) => match op {
                LogOp::ToL1Message | LogOp::Event => 1,
                _ => 0,
            },
        }
    }

    /// Whether executing this opcode outside kernel mode (a system contract address) panics.
    pub const fn requires_kernel_mode(self) -> bool {
        matches!(
            self,
            Opcode::Context(
                ContextOp::SetContextU128 | ContextOp::AuxMutating0 | ContextOp::IncrementTxNumber
            ) | Opcode::Log(
                LogOp::ToL1Message | LogOp::Event | LogOp::PrecompileCall | LogOp::Decommit
            ) | Opcode::FarCall(FarCallKind::Mimic)
                | Opcode::Heap(HeapOp::StaticMemoryRead | HeapOp::StaticMemoryWrite)
        )
    }

    /// Whether this opcode may execute in a static (read-only) frame; executing it in one
    /// panics otherwise.
    pub const fn allowed_in_static_context(self) -> bool {
        !matches!(
            self,
            Opcode::Context(
                ContextOp::SetContextU128 | ContextOp::AuxMutating0 | ContextOp::IncrementTxNumber
            ) | Opcode::Log(
                LogOp::StorageWrite
                    | LogOp::TransientStorageWrite
                    | LogOp::ToL1Message
                    | LogOp::Event
            )
        )
    }

    /// Whether `src0` may carry a fat pointer that the opcode consumes as one (pointer
    /// arithmetic, far calls, returns and memory access); for every other opcode the pointer tag
    /// of `src0` is ignored.
    pub const fn src0_may_be_pointer(self) -> bool {
        matches!(self, Opcode::Ptr(_) | Opcode::FarCall(_) | Opcode::Ret(_) | Opcode::Heap(_))
    }

    /// Whether this is the invalid opcode, which burns all ergs and panics.
    #[inline]
    pub const fn is_invalid(self) -> bool {
        matches!(self, Opcode::Invalid)
    }

    /// The ISA version whose opcode table first contained this opcode.
    pub const fn introduced_in(self) -> IsaVersion {
        match self {
            Opcode::Log(
                LogOp::Decommit | LogOp::TransientStorageRead | LogOp::TransientStorageWrite,
            )
            | Opcode::Heap(HeapOp::StaticMemoryRead | HeapOp::StaticMemoryWrite) => IsaVersion::V2,
            _ => IsaVersion::V0,
        }
    }
}
