//! The bootloader's memory, protocol version 26: its layout ([`layout`]) and a typed writer
//! ([`BootloaderMemory`]) for what the operator puts there.

pub mod layout;
mod tx_meta;
mod writer;

pub use tx_meta::{ExecutionMode, tx_meta};
pub use writer::{BatchEnvWords, BootloaderMemory};
