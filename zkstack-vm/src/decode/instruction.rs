//! The typed form of one instruction word.

use crate::isa::{Condition, Register};
use crate::opcodes::{Opcode, OpcodeVariant};

/// A decoded instruction: the opcode-table entry plus the fields of the word.
///
/// Every value whose [`OpcodeVariant`] is in the table is encodable; `decode` is total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DecodedInstruction {
    /// The opcode with its addressing modes and flags.
    pub variant: OpcodeVariant,
    /// When the instruction executes.
    pub condition: Condition,
    /// First source register (also the base register of a memory `src0`).
    pub src0: Register,
    /// Second source register.
    pub src1: Register,
    /// First destination register (also the base register of a memory `dst0`).
    pub dst0: Register,
    /// Second destination register.
    pub dst1: Register,
    /// First immediate: the `src0` immediate/offset, a jump or call target, a label, ...
    pub imm0: u16,
    /// Second immediate: the `dst0` offset, or the exception handler of `near_call`.
    pub imm1: u16,
}

impl DecodedInstruction {
    /// `variant` executed unconditionally, with every register `r0` and zero immediates.
    #[inline]
    pub const fn new(variant: OpcodeVariant) -> Self {
        DecodedInstruction {
            variant,
            condition: Condition::Always,
            src0: Register::R0,
            src1: Register::R0,
            dst0: Register::R0,
            dst1: Register::R0,
            imm0: 0,
            imm1: 0,
        }
    }

    /// The opcode.
    #[inline]
    pub const fn opcode(&self) -> Opcode {
        self.variant.opcode
    }

    /// Base ergs price.
    #[inline]
    pub const fn ergs_cost(&self) -> u32 {
        self.variant.ergs_cost()
    }

    /// Whether executing this outside kernel mode panics.
    #[inline]
    pub const fn requires_kernel_mode(&self) -> bool {
        self.variant.requires_kernel_mode()
    }

    /// Whether this may execute in a static frame.
    #[inline]
    pub const fn allowed_in_static_context(&self) -> bool {
        self.variant.allowed_in_static_context()
    }
}
