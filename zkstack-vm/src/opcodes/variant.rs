//! One entry of the opcode table: an opcode with its addressing modes and flags.

use super::{LogOp, Opcode};
use crate::isa::{DstMode, SrcMode};

/// The two non-exclusive flag bits of an opcode-table entry.
///
/// Their meaning depends on the opcode; use the accessors of [`OpcodeVariant`]
/// (`set_flags`, `swap_operands`, `to_label`, ...) rather than the raw bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Flags(u8);

impl Flags {
    /// No flag set.
    pub const NONE: Flags = Flags(0);

    /// Flags from the first and second bit.
    #[inline]
    pub const fn new(first: bool, second: bool) -> Self {
        Flags(first as u8 | (second as u8) << 1)
    }

    /// Flags from a 2-bit number (`first` is bit 0); higher bits are ignored.
    #[inline]
    pub const fn from_bits(bits: u8) -> Self {
        Flags(bits & 0b11)
    }

    /// The flags as a 2-bit number (`first` is bit 0).
    #[inline]
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The first flag bit.
    #[inline]
    pub const fn first(self) -> bool {
        self.0 & 1 != 0
    }

    /// The second flag bit.
    #[inline]
    pub const fn second(self) -> bool {
        self.0 & 2 != 0
    }
}

/// An opcode-table entry: what the 11-bit opcode field of an instruction word selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpcodeVariant {
    /// The opcode and its sub-variant.
    pub opcode: Opcode,
    /// Addressing mode of `src0` ([`SrcMode::Reg`] when the opcode has no memory source).
    pub src0: SrcMode,
    /// Addressing mode of `dst0` ([`DstMode::Reg`] when the opcode has no memory destination).
    pub dst0: DstMode,
    /// The flag bits; only the first [`Opcode::num_flags`] of them may be set.
    pub flags: Flags,
}

impl OpcodeVariant {
    /// The entry every invalid table index decodes to.
    pub const INVALID: OpcodeVariant = OpcodeVariant::new(Opcode::Invalid);

    /// `opcode` with register addressing and no flags.
    #[inline]
    pub const fn new(opcode: Opcode) -> Self {
        OpcodeVariant { opcode, src0: SrcMode::Reg, dst0: DstMode::Reg, flags: Flags::NONE }
    }

    /// Base ergs price (see [`Opcode::ergs_cost`]).
    #[inline]
    pub const fn ergs_cost(&self) -> u32 {
        self.opcode.ergs_cost()
    }

    /// Whether executing this outside kernel mode panics.
    #[inline]
    pub const fn requires_kernel_mode(&self) -> bool {
        self.opcode.requires_kernel_mode()
    }

    /// Whether this may execute in a static frame.
    #[inline]
    pub const fn allowed_in_static_context(&self) -> bool {
        self.opcode.allowed_in_static_context()
    }

    /// Arithmetic, bitwise and shift opcodes: whether the result updates the `lt`/`eq`/`gt` flags
    /// (the `!` suffix in assembly).
    #[inline]
    pub const fn set_flags(&self) -> bool {
        matches!(
            self.opcode,
            Opcode::Add
                | Opcode::Sub
                | Opcode::Mul
                | Opcode::Div
                | Opcode::Bitwise(_)
                | Opcode::Shift(_)
        ) && self.flags.first()
    }

    /// Non-commutative opcodes (`sub`, `div`, shifts, pointer ops): whether `src0` and `src1`
    /// are swapped before the operation (the `.s` suffix).
    #[inline]
    pub const fn swap_operands(&self) -> bool {
        match self.opcode {
            Opcode::Sub | Opcode::Div | Opcode::Shift(_) => self.flags.second(),
            Opcode::Ptr(_) => self.flags.first(),
            _ => false,
        }
    }

    /// `ret`/`revert`/`panic`: whether it returns to the label `imm0` in the same frame
    /// (a near return to a label) instead of the caller's continuation.
    #[inline]
    pub const fn to_label(&self) -> bool {
        matches!(self.opcode, Opcode::Ret(_)) && self.flags.first()
    }

    /// Far calls: whether the callee runs in a static (read-only) context.
    #[inline]
    pub const fn is_static_call(&self) -> bool {
        matches!(self.opcode, Opcode::FarCall(_)) && self.flags.first()
    }

    /// Far calls: whether the callee's code is taken from the shard named in the far-call ABI
    /// rather than the caller's shard.
    #[inline]
    pub const fn is_shard_call(&self) -> bool {
        matches!(self.opcode, Opcode::FarCall(_)) && self.flags.second()
    }

    /// Events and L2→L1 messages: the "first"/"initial" marker of a multi-part log.
    #[inline]
    pub const fn is_first(&self) -> bool {
        matches!(self.opcode, Opcode::Log(LogOp::Event | LogOp::ToL1Message)) && self.flags.first()
    }

    /// Heap, fat-pointer and static memory access: whether the incremented address (or pointer)
    /// is written out (the `.inc` suffix): to `dst1` for reads, to `dst0` for writes.
    #[inline]
    pub const fn increment(&self) -> bool {
        matches!(self.opcode, Opcode::Heap(_)) && self.flags.first()
    }

    /// Whether the mode and flags are ones the opcode admits (every table entry is
    /// well-formed; [`crate::encode`] accepts exactly the well-formed variants).
    pub const fn is_well_formed(&self) -> bool {
        let ops = self.opcode.operands();
        ops.src0.admits_src(self.src0)
            && ops.dst0.admits_dst(self.dst0)
            && (self.flags.bits() >> self.opcode.num_flags()) == 0
    }
}
