//! Instruction words: their bit layout, the typed decoded form, and decoding and encoding.

pub mod codec;
pub mod instruction;
pub mod word;

pub use codec::{EncodeError, decode, encode};
pub use instruction::DecodedInstruction;
