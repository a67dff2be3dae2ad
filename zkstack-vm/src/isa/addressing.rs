//! Operand addressing modes and the operand signature of an opcode.
//!
//! The first source (`src0`) and the first destination (`dst0`) of an instruction may live
//! elsewhere than in a register, depending on the opcode's [`OperandKind`]; `src1` and `dst1`
//! are always registers. The mode is part of the opcode-table entry, not a separate field of the
//! instruction word.

/// Where the first source operand (`src0`) is read from.
///
/// Stack and code-page addresses are the low 16 bits of the register `src0` plus `imm0`.
///
/// The discriminants are the mode numbers of the reference opcode table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum SrcMode {
    /// The register `src0`.
    #[default]
    Reg = 0,
    /// Pop from the stack: read at `sp - (src0 + imm0)` and move `sp` down by that amount.
    StackPop = 1,
    /// Read the stack at `sp - (src0 + imm0)`, leaving `sp` unchanged.
    StackOffset = 2,
    /// Read the stack at the absolute address `src0 + imm0`.
    StackAbsolute = 3,
    /// The 16-bit immediate `imm0`, zero-extended.
    Imm = 4,
    /// Read the 32-byte word `src0 + imm0` of the current code page.
    CodePage = 5,
}

impl SrcMode {
    /// All source modes, in the order the opcode table enumerates them.
    pub const ALL: [SrcMode; 6] = [
        SrcMode::Reg,
        SrcMode::StackPop,
        SrcMode::StackOffset,
        SrcMode::StackAbsolute,
        SrcMode::Imm,
        SrcMode::CodePage,
    ];

    /// Whether reading this operand touches memory (stack or code page).
    #[inline]
    pub const fn uses_memory(self) -> bool {
        !matches!(self, SrcMode::Reg | SrcMode::Imm)
    }

    /// Whether this mode is also a valid destination mode.
    #[inline]
    pub const fn as_dst(self) -> Option<DstMode> {
        match self {
            SrcMode::Reg => Some(DstMode::Reg),
            SrcMode::StackPop => Some(DstMode::StackPush),
            SrcMode::StackOffset => Some(DstMode::StackOffset),
            SrcMode::StackAbsolute => Some(DstMode::StackAbsolute),
            SrcMode::Imm | SrcMode::CodePage => None,
        }
    }
}

/// Where the first destination operand (`dst0`) is written to.
///
/// Immediates and the code page are not writable, so there are four modes; the discriminants are
/// the mode numbers of the reference opcode table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum DstMode {
    /// The register `dst0`.
    #[default]
    Reg = 0,
    /// Push to the stack: write at the current `sp`, then move `sp` up by `dst0 + imm1`.
    StackPush = 1,
    /// Write the stack at `sp - (dst0 + imm1)`, leaving `sp` unchanged.
    StackOffset = 2,
    /// Write the stack at the absolute address `dst0 + imm1`.
    StackAbsolute = 3,
}

impl DstMode {
    /// All destination modes, in the order the opcode table enumerates them.
    pub const ALL: [DstMode; 4] =
        [DstMode::Reg, DstMode::StackPush, DstMode::StackOffset, DstMode::StackAbsolute];

    /// Whether writing this operand touches memory (the stack).
    #[inline]
    pub const fn uses_memory(self) -> bool {
        !matches!(self, DstMode::Reg)
    }
}

/// Which addressing modes an opcode admits for `src0` or `dst0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperandKind {
    /// The operand is not used.
    None,
    /// Register only.
    Reg,
    /// Register or 16-bit immediate (heap reads and writes since ISA version 1).
    RegOrImm,
    /// Every mode: all six [`SrcMode`]s as a source, all four [`DstMode`]s as a destination.
    Full,
}

impl OperandKind {
    /// Whether `mode` is admitted for a source operand of this kind. An unused operand is
    /// represented by [`SrcMode::Reg`].
    #[inline]
    pub const fn admits_src(self, mode: SrcMode) -> bool {
        match self {
            OperandKind::None | OperandKind::Reg => matches!(mode, SrcMode::Reg),
            OperandKind::RegOrImm => matches!(mode, SrcMode::Reg | SrcMode::Imm),
            OperandKind::Full => true,
        }
    }

    /// Whether `mode` is admitted for a destination operand of this kind. An unused operand is
    /// represented by [`DstMode::Reg`].
    #[inline]
    pub const fn admits_dst(self, mode: DstMode) -> bool {
        match self {
            OperandKind::None | OperandKind::Reg | OperandKind::RegOrImm => {
                matches!(mode, DstMode::Reg)
            }
            OperandKind::Full => true,
        }
    }
}

/// The operand signature of an opcode: which of `src0`, `src1`, `dst0`, `dst1` it uses, and
/// which addressing modes `src0`/`dst0` admit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operands {
    /// The first source.
    pub src0: OperandKind,
    /// Whether the second source register `src1` is read.
    pub src1: bool,
    /// The first destination.
    pub dst0: OperandKind,
    /// Whether the second destination register `dst1` is written (for heap reads and
    /// `FatPointerRead` only with the increment flag set).
    pub dst1: bool,
}
