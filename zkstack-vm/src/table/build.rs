//! Compile-time construction of the opcode table (the layout is described in the parent module).

use crate::isa::{DstMode, OperandKind, SrcMode};
use crate::opcodes::{Flags, IsaVersion, NUM_OPCODES, Opcode, OpcodeVariant};

/// Width in bits of the opcode-table index in an instruction word.
pub const TABLE_INDEX_BITS: u32 = 11;
/// Number of entries in the opcode table (`2^11`).
pub const TABLE_LEN: usize = 1 << TABLE_INDEX_BITS;
/// Number of table indices that decode to a valid opcode in ISA version 2. Index `0` and every
/// index from `NUM_VALID_ENTRIES + 1` on decode to [`Opcode::Invalid`].
pub const NUM_VALID_ENTRIES: usize = 1103;

/// Number of keys of the reverse map: opcode × `src0` mode × `dst0` mode × flag bits.
const NUM_KEYS: usize = NUM_OPCODES * SrcMode::ALL.len() * DstMode::ALL.len() * 4;
/// Reverse-map slot of a variant that is not in the table.
pub(super) const NO_INDEX: u16 = u16::MAX;

/// The reverse-map key of a variant.
#[inline]
pub(super) const fn key(v: OpcodeVariant) -> usize {
    ((v.opcode.dense_index() * SrcMode::ALL.len() + v.src0 as usize) * DstMode::ALL.len()
        + v.dst0 as usize)
        * 4
        + v.flags.bits() as usize
}

/// The ISA version in which `opcode` first admitted `src0` addressing mode `src`.
const fn introduced_in(opcode: Opcode, src: SrcMode) -> IsaVersion {
    let immediate_heap_operand =
        matches!(opcode.operands().src0, OperandKind::RegOrImm) && matches!(src, SrcMode::Imm);
    match opcode.introduced_in() {
        IsaVersion::V0 if immediate_heap_operand => IsaVersion::V1,
        v => v,
    }
}

/// The flag combination number `k` (`0..2^num_flags`) of an opcode with `num_flags` flags.
const fn flags_for(num_flags: u8, k: u8) -> Flags {
    match num_flags {
        0 => Flags::NONE,
        1 => Flags::new(k & 1 != 0, false),
        _ => Flags::new(k & 2 != 0, k & 1 != 0),
    }
}

/// The table and its reverse map.
pub(super) struct Built {
    /// Table index → entry.
    pub table: [OpcodeVariant; TABLE_LEN],
    /// Variant key → canonical (first) table index, or [`NO_INDEX`].
    pub index: [u16; NUM_KEYS],
}

/// Lays out the ISA-version-2 opcode table.
pub(super) const fn build() -> Built {
    let mut table = [OpcodeVariant::INVALID; TABLE_LEN];
    let mut len = 0;
    let mut version = 0;
    while version < IsaVersion::ALL.len() {
        let mut o = 0;
        while o < NUM_OPCODES {
            let opcode = Opcode::ALL[o];
            let operands = opcode.operands();
            let mut s = 0;
            while s < SrcMode::ALL.len() {
                let src0 = SrcMode::ALL[s];
                let mut d = 0;
                while d < DstMode::ALL.len() {
                    let dst0 = DstMode::ALL[d];
                    if operands.src0.admits_src(src0)
                        && operands.dst0.admits_dst(dst0)
                        && introduced_in(opcode, src0) as usize == version
                    {
                        let num_flags = opcode.num_flags();
                        let mut k = 0;
                        while k < 1 << num_flags {
                            let flags = flags_for(num_flags, k);
                            table[len] = OpcodeVariant { opcode, src0, dst0, flags };
                            len += 1;
                            k += 1;
                        }
                    }
                    d += 1;
                }
                s += 1;
            }
            o += 1;
        }
        version += 1;
    }
    assert!(len == NUM_VALID_ENTRIES + 1, "ISA v2 has 1103 valid opcode-table entries");
    assert!(matches!(table[0].opcode, Opcode::Invalid));

    let mut index = [NO_INDEX; NUM_KEYS];
    let mut i = 0;
    while i < TABLE_LEN {
        let k = key(table[i]);
        if index[k] == NO_INDEX {
            index[k] = i as u16;
        }
        i += 1;
    }
    Built { table, index }
}
