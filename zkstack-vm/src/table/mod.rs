//! The opcode table of ISA version 2: the 2048 entries the 11-bit opcode field of an instruction
//! word selects from, built at compile time.
//!
//! The table is laid out in ISA-version generations: first every entry of version 0, then the
//! entries version 1 added, then those of version 2, so that words written for an older version
//! keep their meaning. Within a generation the order is opcode (as in
//! [`Opcode::ALL`](crate::Opcode::ALL)), then `src0` mode, then `dst0` mode (both in mode-number
//! order, skipping modes the opcode does not admit), then the flag bits counted with the first
//! flag as the most significant one. Version 1 changed the heap accesses' `src0` from
//! register-only to register-or-immediate: their register forms keep their version-0 places and
//! only the immediate forms are appended. Index `0` is the invalid opcode, and so is every index
//! after the last valid one.

mod build;

pub use build::{NUM_VALID_ENTRIES, TABLE_INDEX_BITS, TABLE_LEN};

use crate::opcodes::OpcodeVariant;

const BUILT: build::Built = build::build();

/// The opcode table: `OPCODE_TABLE[i]` is what opcode-field value `i` means.
pub static OPCODE_TABLE: [OpcodeVariant; TABLE_LEN] = BUILT.table;

static INDEX: [u16; BUILT.index.len()] = BUILT.index;

/// The entry selected by the low 11 bits of `index`.
#[inline]
pub fn variant_at(index: u16) -> OpcodeVariant {
    OPCODE_TABLE[usize::from(index) & (TABLE_LEN - 1)]
}

/// The canonical table index of `variant`: its first occurrence (`0` for
/// [`OpcodeVariant::INVALID`]), or `None` when the table does not contain it.
#[inline]
pub fn index_of(variant: OpcodeVariant) -> Option<u16> {
    match INDEX.get(build::key(variant)) {
        Some(&i) if i != build::NO_INDEX => Some(i),
        _ => None,
    }
}

/// [`index_of`] for constant contexts (a linear search of the table).
pub const fn const_index_of(variant: OpcodeVariant) -> Option<u16> {
    let wanted = build::key(variant);
    let mut i = 0;
    while i < TABLE_LEN {
        if build::key(BUILT.table[i]) == wanted {
            return Some(i as u16);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opcodes::Opcode;

    #[test]
    fn counts() {
        let valid = OPCODE_TABLE.iter().filter(|v| v.opcode != Opcode::Invalid).count();
        assert_eq!(valid, NUM_VALID_ENTRIES);
        assert!(OPCODE_TABLE[NUM_VALID_ENTRIES + 1..].iter().all(|v| *v == OpcodeVariant::INVALID));
    }

    #[test]
    fn reverse_map_inverts_the_table() {
        for (i, v) in OPCODE_TABLE.iter().enumerate() {
            let canonical = index_of(*v).map(usize::from);
            if v.opcode == Opcode::Invalid {
                assert_eq!(canonical, Some(0));
            } else {
                assert_eq!(canonical, Some(i));
                assert!(v.is_well_formed(), "{v:?}");
            }
        }
    }
}
