//! EraVM opcodes: the families, their sub-variants, prices and static properties.

pub mod ergs;
pub mod kinds;
pub mod properties;
pub mod variant;

pub use kinds::{BitwiseOp, ContextOp, FarCallKind, HeapOp, LogOp, PtrOp, RetKind, ShiftOp};
pub use properties::IsaVersion;
pub use variant::{Flags, OpcodeVariant};

/// An EraVM opcode together with its sub-variant, without addressing modes or flags.
///
/// The declaration order of the families is the order in which the opcode table enumerates
/// them (which is not the order of the circuit's opcode bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Opcode {
    /// The invalid opcode: it costs every erg the frame has and then panics. Table index `0`
    /// and every unused table index decode to it.
    Invalid,
    /// `nop`: does nothing, but its stack addressing modes may move the stack pointer.
    Nop,
    /// `add`
    Add,
    /// `sub`
    Sub,
    /// `mul`: writes the low half of the product to `dst0` and the high half to `dst1`.
    Mul,
    /// `div`: writes the quotient to `dst0` and the remainder to `dst1`.
    Div,
    /// `jump`: jump to the low 16 bits of `src0`, writing the address of the next instruction
    /// to the register `dst0`.
    Jump,
    /// `xor`, `and`, `or`
    Bitwise(BitwiseOp),
    /// `shl`, `shr`, `rol`, `ror`
    Shift(ShiftOp),
    /// `ptr.add`, `ptr.sub`, `ptr.pack`, `ptr.shrink`
    Ptr(PtrOp),
    /// `near_call`: call `imm0` within the same frame, with `imm1` as the exception handler.
    NearCall,
    /// `context.*`
    Context(ContextOp),
    /// `log.*`: storage, transient storage, events, L2→L1 messages, precompiles, decommit.
    Log(LogOp),
    /// `far_call`, `far_call.delegate`, `far_call.mimic`
    FarCall(FarCallKind),
    /// `ret`, `revert`, `panic`
    Ret(RetKind),
    /// Heap, auxiliary heap, fat-pointer and static memory reads and writes.
    Heap(HeapOp),
}

/// The number of distinct [`Opcode`] values.
pub const NUM_OPCODES: usize = 50;

const fn build_all_opcodes() -> [Opcode; NUM_OPCODES] {
    let mut out = [Opcode::Invalid; NUM_OPCODES];
    let mut n = 0;
    macro_rules! push {
        ($op:expr) => {{
            out[n] = $op;
            n += 1;
        }};
    }
    macro_rules! push_all {
        ($family:path, $kinds:expr) => {{
            let kinds = $kinds;
            let mut i = 0;
            while i < kinds.len() {
                push!($family(kinds[i]));
                i += 1;
            }
        }};
    }
    push!(Opcode::Invalid);
    push!(Opcode::Nop);
    push!(Opcode::Add);
    push!(Opcode::Sub);
    push!(Opcode::Mul);
    push!(Opcode::Div);
    push!(Opcode::Jump);
    push_all!(Opcode::Bitwise, BitwiseOp::ALL);
    push_all!(Opcode::Shift, ShiftOp::ALL);
    push_all!(Opcode::Ptr, PtrOp::ALL);
    push!(Opcode::NearCall);
    push_all!(Opcode::Context, ContextOp::ALL);
    push_all!(Opcode::Log, LogOp::ALL);
    push_all!(Opcode::FarCall, FarCallKind::ALL);
    push_all!(Opcode::Ret, RetKind::ALL);
    push_all!(Opcode::Heap, HeapOp::ALL);
    assert!(n == NUM_OPCODES);
    out
}

impl Opcode {
    /// Every opcode, families in table order and sub-variants in variant-number order.
    pub const ALL: [Opcode; NUM_OPCODES] = build_all_opcodes();

    /// The position of this opcode in [`Opcode::ALL`] (`0..NUM_OPCODES`).
    #[inline]
    pub const fn dense_index(self) -> usize {
        match self {
            Opcode::Invalid => 0,
            Opcode::Nop => 1,
            Opcode::Add => 2,
            Opcode::Sub => 3,
            Opcode::Mul => 4,
            Opcode::Div => 5,
            Opcode::Jump => 6,
            Opcode::Bitwise(k) => 7 + k as usize,
            Opcode::Shift(k) => 10 + k as usize,
            Opcode::Ptr(k) => 14 + k as usize,
            Opcode::NearCall => 18,
            Opcode::Context(k) => 19 + k as usize,
            Opcode::Log(k) => 29 + k as usize,
            Opcode::FarCall(k) => 37 + k as usize,
            Opcode::Ret(k) => 40 + k as usize,
            Opcode::Heap(k) => 43 + k as usize,
        }
    }

    /// The sub-variant number within the family (`0` for single-member families).
    #[inline]
    pub const fn variant_number(self) -> u8 {
        match self {
            Opcode::Invalid
            | Opcode::Nop
            | Opcode::Add
            | Opcode::Sub
            | Opcode::Mul
            | Opcode::Div
            | Opcode::Jump
            | Opcode::NearCall => 0,
            Opcode::Bitwise(k) => k as u8,
            Opcode::Shift(k) => k as u8,
            Opcode::Ptr(k) => k as u8,
            Opcode::Context(k) => k as u8,
            Opcode::Log(k) => k as u8,
            Opcode::FarCall(k) => k as u8,
            Opcode::Ret(k) => k as u8,
            Opcode::Heap(k) => k as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_index_matches_position_in_all() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(op.dense_index(), i, "{op:?}");
        }
    }
}
