//! The building blocks an instruction word is made of: the predicate, the registers and the
//! operand addressing modes.

pub mod addressing;
pub mod condition;
pub mod register;

pub use addressing::{DstMode, OperandKind, Operands, SrcMode};
pub use condition::Condition;
pub use register::Register;
