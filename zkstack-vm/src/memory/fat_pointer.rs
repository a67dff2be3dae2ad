//! Fat pointers: slices of a memory page, packed into the low 128 bits of a word.

use alloy_primitives::U256;

/// A fat pointer as packed in a register: `offset` (bits 0..32), `page` (32..64), `start`
/// (64..96) and `length` (96..128). The high 128 bits of the register are not part of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FatPointer {
    /// Offset of the cursor relative to `start`.
    pub offset: u32,
    /// The memory page the slice lives in.
    pub page: u32,
    /// Absolute start of the slice in the page.
    pub start: u32,
    /// Length of the slice in bytes.
    pub length: u32,
}

impl FatPointer {
    /// The pointer packed in the low 128 bits of `value`.
    #[inline]
    #[allow(clippy::cast_possible_truncation, reason = "unpacking 32-bit fields")]
    pub const fn from_u256(value: &U256) -> Self {
        let limbs = value.as_limbs();
        FatPointer {
            offset: limbs[0] as u32,
            page: (limbs[0] >> 32) as u32,
            start: limbs[1] as u32,
            length: (limbs[1] >> 32) as u32,
        }
    }

    /// The two low limbs of the packed form.
    #[inline]
    pub const fn to_low_limbs(self) -> [u64; 2] {
        [
            self.offset as u64 | (self.page as u64) << 32,
            self.start as u64 | (self.length as u64) << 32,
        ]
    }

    /// The packed form with zero high 128 bits.
    #[inline]
    pub const fn to_u256(self) -> U256 {
        let [a, b] = self.to_low_limbs();
        U256::from_limbs([a, b, 0, 0])
    }

    /// The packed form in the low 128 bits and `high`'s high 128 bits.
    #[inline]
    pub const fn with_high_of(self, high: &U256) -> U256 {
        let [a, b] = self.to_low_limbs();
        let h = high.as_limbs();
        U256::from_limbs([a, b, h[2], h[3]])
    }

    /// Whether the cursor points inside the slice (`offset < length`).
    #[inline]
    pub const fn in_bounds(&self) -> bool {
        self.offset < self.length
    }

    /// Whether `start + length` overflows 32 bits.
    #[inline]
    pub const fn end_overflows(&self) -> bool {
        self.start.checked_add(self.length).is_none()
    }
}

/// Clears what user code may not see of a pointer it uses as an integer: the page and the start
/// (bits 32..96), keeping the offset, the length and the high 128 bits.
#[inline]
pub fn erase_metadata(value: &mut U256) {
    let mut limbs = *value.as_limbs();
    limbs[0] &= 0x0000_0000_ffff_ffff;
    limbs[1] &= 0xffff_ffff_0000_0000;
    *value = U256::from_limbs(limbs);
}
