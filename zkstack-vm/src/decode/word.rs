//! The bit layout of a 64-bit EraVM instruction word.
//!
//! | bits    | field                                                        |
//! |---------|--------------------------------------------------------------|
//! | 0..11   | opcode-table index ([`crate::table::OPCODE_TABLE`])          |
//! | 11..13  | reserved, zero in canonical words ([`RESERVED_MASK`])        |
//! | 13..16  | condition ([`crate::Condition`])                             |
//! | 16..20  | `src0` register, 20..24 `src1` register                      |
//! | 24..28  | `dst0` register, 28..32 `dst1` register                      |
//! | 32..48  | `imm0`                                                       |
//! | 48..64  | `imm1`                                                       |
//!
//! The VM ignores the reserved bits: `zk_evm` never checks them (its `is_canonical_encoding` is
//! not called on the execution path), so a word with them set executes exactly like the same
//! word with them cleared. [`crate::decode()`] does the same, and [`is_canonical`] tells the two
//! apart.

use crate::table::{NUM_VALID_ENTRIES, TABLE_INDEX_BITS};

/// Mask of the opcode-table index.
pub const OPCODE_MASK: u64 = (1 << TABLE_INDEX_BITS) - 1;
/// Mask of the two reserved bits between the opcode index and the condition.
pub const RESERVED_MASK: u64 = 0b11 << TABLE_INDEX_BITS;
/// Position of the 3-bit condition.
pub const CONDITION_SHIFT: u32 = 13;
/// Position of the `src0`/`src1` register byte (`src0` in the low nibble).
pub const SRC_REGS_SHIFT: u32 = 16;
/// Position of the `dst0`/`dst1` register byte (`dst0` in the low nibble).
pub const DST_REGS_SHIFT: u32 = 24;
/// Position of `imm0`.
pub const IMM0_SHIFT: u32 = 32;
/// Position of `imm1`.
pub const IMM1_SHIFT: u32 = 48;

/// The opcode-table index of `word`.
#[inline]
pub const fn opcode_index(word: u64) -> u16 {
    (word & OPCODE_MASK) as u16
}

/// Whether `word` is the one encoding of what it decodes to, so that
/// `encode(&decode(word)) == Ok(word)`: its reserved bits are clear and its opcode index is the
/// canonical index of its entry (every invalid index but `0` is a non-canonical spelling of the
/// invalid opcode).
#[inline]
pub const fn is_canonical(word: u64) -> bool {
    word & RESERVED_MASK == 0 && opcode_index(word) as usize <= NUM_VALID_ENTRIES
}

/// Whether the reserved bits of `word` are clear (what the reference calls a canonical
/// encoding; it does not look at the opcode index).
#[inline]
pub const fn reserved_bits_clear(word: u64) -> bool {
    word & RESERVED_MASK == 0
}
