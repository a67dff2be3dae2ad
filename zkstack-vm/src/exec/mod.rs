//! The interpreter: compiled code, the cycle, and the instruction handlers.

#![allow(clippy::inline_always, reason = "the interpreter's per-cycle hot path")]

pub mod arith;
pub mod call;
pub mod code;
pub mod context;
pub mod decommit;
pub mod error;
pub mod far_call;
pub mod fast;
pub mod heap;
pub mod hook;
pub mod log;
pub mod native;
pub mod operands;
pub mod precompile;
pub mod ptr;
pub mod vm;
mod witness;

pub use code::{Code, Handler, Instr};
pub use error::{ExecutionEnd, VmError};
pub use hook::HookPoint;
pub use vm::{Step, Vm};
