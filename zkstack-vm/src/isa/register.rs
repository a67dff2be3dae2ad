//! Register indices as they appear in an instruction word.

/// One of the sixteen register slots an instruction can name: `r0` (which always reads zero and
/// ignores writes) and the fifteen general-purpose registers `r1`..`r15`.
///
/// Each index occupies a 4-bit nibble of the instruction word, so every value of this type is
/// encodable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Register(u8);

impl Register {
    /// The zero register `r0`.
    pub const R0: Register = Register(0);

    /// The number of register slots an instruction can name (`r0`..`r15`).
    pub const COUNT: usize = 16;

    /// The register with `index`, or `None` when `index > 15`.
    #[inline]
    pub const fn new(index: u8) -> Option<Self> {
        if index < Self::COUNT as u8 { Some(Register(index)) } else { None }
    }

    /// The register named by the low four bits of `nibble` (higher bits are ignored).
    #[inline]
    pub const fn from_nibble(nibble: u8) -> Self {
        Register(nibble & 0x0f)
    }

    /// The index `0..=15` of this register.
    #[inline]
    pub const fn index(self) -> u8 {
        self.0
    }

    /// Whether this is the zero register `r0`.
    #[inline]
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl core::fmt::Display for Register {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "r{}", self.0)
    }
}
