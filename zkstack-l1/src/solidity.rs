//! What Solidity 0.8 itself reverts with, independent of any contract.

/// A Solidity 0.8 panic (`Panic(uint256)`): what checked arithmetic or array access reverts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum SolidityPanic {
    /// `Panic(0x11)`: checked arithmetic overflowed or underflowed.
    #[error("Panic(0x11): arithmetic overflow or underflow")]
    ArithmeticOverflow,
    /// `Panic(0x12)`: division or modulo by zero.
    #[error("Panic(0x12): division or modulo by zero")]
    DivisionByZero,
    /// `Panic(0x32)`: array index out of bounds.
    #[error("Panic(0x32): array index out of bounds")]
    ArrayOutOfBounds,
}

impl SolidityPanic {
    /// The panic code Solidity puts in `Panic(uint256)`.
    pub const fn code(self) -> u8 {
        match self {
            Self::ArithmeticOverflow => 0x11,
            Self::DivisionByZero => 0x12,
            Self::ArrayOutOfBounds => 0x32,
        }
    }
}
