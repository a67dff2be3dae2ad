//! Decoding and encoding of instruction words.

use super::instruction::DecodedInstruction;
use super::word::{
    CONDITION_SHIFT, DST_REGS_SHIFT, IMM0_SHIFT, IMM1_SHIFT, SRC_REGS_SHIFT, opcode_index,
};
use crate::isa::{Condition, Register};
use crate::opcodes::{Opcode, OpcodeVariant, RetKind};
use crate::table::{self, OPCODE_TABLE, TABLE_LEN};

/// Decodes one instruction word. Total: every 64-bit value decodes (unused table indices to the
/// invalid opcode, the reserved bits are ignored), exactly as the VM reads it.
#[inline]
pub fn decode(word: u64) -> DecodedInstruction {
    DecodedInstruction {
        variant: OPCODE_TABLE[opcode_index(word) as usize & (TABLE_LEN - 1)],
        condition: Condition::from_bits((word >> CONDITION_SHIFT) as u8),
        src0: Register::from_nibble((word >> SRC_REGS_SHIFT) as u8),
        src1: Register::from_nibble((word >> (SRC_REGS_SHIFT + 4)) as u8),
        dst0: Register::from_nibble((word >> DST_REGS_SHIFT) as u8),
        dst1: Register::from_nibble((word >> (DST_REGS_SHIFT + 4)) as u8),
        imm0: (word >> IMM0_SHIFT) as u16,
        imm1: (word >> IMM1_SHIFT) as u16,
    }
}

/// Why an instruction cannot be encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// The opcode does not admit these addressing modes or flags, so the table has no entry for
    /// the combination.
    #[error("no opcode-table entry for {0:?}")]
    NotInOpcodeTable(OpcodeVariant),
}

/// Encodes an instruction as its canonical word (reserved bits clear, the first table index of
/// its variant). `decode(encode(i)?) == i` for every encodable `i`.
pub fn encode(instruction: &DecodedInstruction) -> Result<u64, EncodeError> {
    let index = table::index_of(instruction.variant)
        .ok_or(EncodeError::NotInOpcodeTable(instruction.variant))?;
    Ok(assemble(index, instruction))
}

const fn assemble(index: u16, i: &DecodedInstruction) -> u64 {
    index as u64
        | (i.condition.bits() as u64) << CONDITION_SHIFT
        | (i.src0.index() as u64) << SRC_REGS_SHIFT
        | (i.src1.index() as u64) << (SRC_REGS_SHIFT + 4)
        | (i.dst0.index() as u64) << DST_REGS_SHIFT
        | (i.dst1.index() as u64) << (DST_REGS_SHIFT + 4)
        | (i.imm0 as u64) << IMM0_SHIFT
        | (i.imm1 as u64) << IMM1_SHIFT
}

const fn canonical_word_of(variant: OpcodeVariant) -> u64 {
    match table::const_index_of(variant) {
        Some(index) => assemble(index, &DecodedInstruction::new(variant)),
        None => panic!("variant is not in the opcode table"),
    }
}

/// The word the VM executes while it idles after the end of execution: an unconditional
/// register-to-register `nop` with every field zero.
pub const NOP_WORD: u64 = canonical_word_of(OpcodeVariant::new(Opcode::Nop));

/// The word the VM substitutes for an instruction that raised an exception before executing
/// (invalid opcode, out of ergs, privilege or static violation, full call stack): an
/// unconditional `panic` with every field zero.
pub const PANIC_WORD: u64 = canonical_word_of(OpcodeVariant::new(Opcode::Ret(RetKind::Panic)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::word::is_canonical;

    #[test]
    fn invalid_indices_decode_to_invalid() {
        assert_eq!(decode(0).variant, OpcodeVariant::INVALID);
        assert_eq!(decode(0x7ff).variant, OpcodeVariant::INVALID);
        assert_eq!(decode(0x7ff).ergs_cost(), u32::MAX);
    }

    #[test]
    fn reserved_bits_are_ignored() {
        let w = 0x0001_0002_3456_2003_u64;
        let dirty = w | 0b11 << 11;
        assert_eq!(decode(w), decode(dirty));
        assert!(is_canonical(w));
        assert!(!is_canonical(dirty));
        assert_eq!(encode(&decode(dirty)), Ok(w));
    }

    #[test]
    fn nop_and_panic_words() {
        assert_eq!(decode(NOP_WORD).opcode(), Opcode::Nop);
        assert_eq!(decode(PANIC_WORD).opcode(), Opcode::Ret(RetKind::Panic));
    }

    #[test]
    fn unencodable_variant() {
        let mut v = OpcodeVariant::new(Opcode::NearCall);
        v.src0 = crate::isa::SrcMode::Imm;
        assert_eq!(encode(&DecodedInstruction::new(v)), Err(EncodeError::NotInOpcodeTable(v)));
    }
}
