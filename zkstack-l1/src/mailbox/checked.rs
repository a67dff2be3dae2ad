//! `U256` steps with Solidity 0.8 checked semantics: failures become the panic the contract raises.

use alloy_primitives::U256;

use super::MailboxError;
use crate::solidity::SolidityPanic;

/// `a + b`, `Panic(0x11)` on overflow.
pub(crate) fn add(a: U256, b: U256) -> Result<U256, MailboxError> {
    a.checked_add(b).ok_or(MailboxError::Panic(SolidityPanic::ArithmeticOverflow))
}

/// `a - b`, `Panic(0x11)` on underflow.
pub(crate) fn sub(a: U256, b: U256) -> Result<U256, MailboxError> {
    a.checked_sub(b).ok_or(MailboxError::Panic(SolidityPanic::ArithmeticOverflow))
}

/// `a * b`, `Panic(0x11)` on overflow.
pub(crate) fn mul(a: U256, b: U256) -> Result<U256, MailboxError> {
    a.checked_mul(b).ok_or(MailboxError::Panic(SolidityPanic::ArithmeticOverflow))
}

/// `a / b`, `Panic(0x12)` when `b` is zero.
pub(crate) fn div(a: U256, b: U256) -> Result<U256, MailboxError> {
    a.checked_div(b).ok_or(MailboxError::Panic(SolidityPanic::DivisionByZero))
}
