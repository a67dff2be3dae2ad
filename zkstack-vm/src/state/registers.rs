//! The register file: `r0` (always zero) and fifteen general-purpose registers, each with a
//! pointer tag.

#![allow(clippy::inline_always, reason = "the interpreter's per-cycle hot path")]

use alloy_primitives::U256;

/// Sixteen 256-bit registers and their pointer tags. Slot 0 stays zero and untagged: writes to
/// it are dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Registers {
    values: [U256; 16],
    /// Bit `i` tags register `i`. A full word, so that the read-modify-write of one instruction
    /// and the read of the next have the same width: a wider load over a narrower store cannot
    /// be forwarded and stalls the loop (a `u16` here cost ~15% of the add/sub/jump loop).
    pointer_tags: u64,
}

impl Registers {
    /// All registers zero, none tagged.
    pub const fn new() -> Self {
        Registers { values: [U256::ZERO; 16], pointer_tags: 0 }
    }

    /// The value of register `index` (`0..16`; higher bits ignored).
    #[inline(always)]
    pub fn get(&self, index: u8) -> &U256 {
        &self.values[usize::from(index & 15)]
    }

    /// Whether register `index` holds a pointer.
    #[inline(always)]
    pub fn is_pointer(&self, index: u8) -> bool {
        self.pointer_tags >> (index & 15) & 1 != 0
    }

    /// Whether any register of the bit set `registers` (bit `i` for register `i`) holds a
    /// pointer.
    #[inline(always)]
    pub const fn any_pointer(&self, registers: u16) -> bool {
        self.pointer_tags & registers as u64 != 0
    }

    /// Sets register `index`; writes to `r0` are ignored.
    #[inline(always)]
    pub fn set(&mut self, index: u8, value: U256, is_pointer: bool) {
        let i = index & 15;
        if i != 0 {
            self.values[usize::from(i)] = value;
            let bit = 1u64 << i;
            self.pointer_tags = (self.pointer_tags & !bit) | (u64::from(is_pointer) << i);
        }
    }

    /// Lets `f` write register `index` in place, untagged (writes to `r0` are undone), and
    /// returns what `f` returns. The interpreter's arithmetic stores its result limbs straight
    /// into the register file this way: a copy through a temporary costs a store-forwarding stall.
    #[inline(always)]
    pub fn write_with<R>(&mut self, index: u8, f: impl FnOnce(&mut U256) -> R) -> R {
        let i = index & 15;
        let out = f(&mut self.values[usize::from(i)]);
        self.values[0] = U256::ZERO;
        self.pointer_tags &= !(1u64 << i);
        out
    }

    /// The limbs of register `index` (`0..16`; higher bits ignored), least significant first.
    #[inline(always)]
    pub fn limbs(&self, index: u8) -> [u64; 4] {
        *self.values[usize::from(index & 15)].as_limbs()
    }

    /// Sets register `index` to `limbs`, untagged; writes to `r0` are undone. The limbs are
    /// stored one by one, as the next read loads them (see [`Registers::write_with`]).
    #[inline(always)]
    pub fn set_limbs(&mut self, index: u8, limbs: [u64; 4]) {
        let i = index & 15;
        self.values[usize::from(i)] = U256::from_limbs(limbs);
        self.values[0] = U256::ZERO;
        self.pointer_tags &= !(1u64 << i);
    }

    /// The pointer tags as a bit set (bit `i` for register `i`).
    #[inline]
    #[allow(clippy::cast_possible_truncation, reason = "only the low 16 bits are ever set")]
    pub const fn pointer_tags(&self) -> u16 {
        self.pointer_tags as u16
    }
}
