//! The 3-bit predicate every instruction carries.

/// The condition under which an instruction executes, checked against the VM's flags
/// (`gt`, `lt`/overflow, `eq`) before execution. When it does not hold, the instruction is
/// turned into a no-op (but still paid for).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Condition {
    /// Always execute (encoding `0`).
    Always = 0,
    /// Execute when the greater-than flag is set.
    Gt = 1,
    /// Execute when the less-than (overflow) flag is set.
    Lt = 2,
    /// Execute when the equality flag is set.
    Eq = 3,
    /// Execute when greater-than or equality is set.
    Ge = 4,
    /// Execute when less-than or equality is set.
    Le = 5,
    /// Execute when the equality flag is clear.
    Ne = 6,
    /// Execute when greater-than or less-than is set.
    GtOrLt = 7,
}

impl Condition {
    /// All eight conditions, in encoding order.
    pub const ALL: [Condition; 8] = [
        Condition::Always,
        Condition::Gt,
        Condition::Lt,
        Condition::Eq,
        Condition::Ge,
        Condition::Le,
        Condition::Ne,
        Condition::GtOrLt,
    ];

    /// The condition encoded by the low three bits of `bits` (higher bits are ignored).
    #[inline]
    pub const fn from_bits(bits: u8) -> Self {
        Self::ALL[(bits & 0b111) as usize]
    }

    /// The 3-bit encoding of this condition.
    #[inline]
    pub const fn bits(self) -> u8 {
        self as u8
    }

    /// Whether the condition holds for the given VM flags.
    #[inline]
    pub const fn holds(self, gt: bool, lt: bool, eq: bool) -> bool {
        match self {
            Condition::Always => true,
            Condition::Gt => gt,
            Condition::Lt => lt,
            Condition::Eq => eq,
            Condition::Ge => gt | eq,
            Condition::Le => lt | eq,
            Condition::Ne => !eq,
            Condition::GtOrLt => gt | lt,
        }
    }
}
