//! The EraVM assembler and disassembler, byte-identical to crates.io `zkevm-assembly` 0.153.
//!
//! [`assemble`] accepts the dialect zkevm-assembly reads — sections `.text`, `.rodata*` and
//! `.data*`, labels, every opcode with its modifiers (`.s`, `!`, conditions, `.first`, `.inc`,
//! `.to_label`, far-call `.delegate`/`.mimic`/`.static`/`.shard`, ...) and its shorthands
//! (`and`, `shl`, `ret`, `call`, `sstore`, `ld.1`, `nop stack+=[..]`, ...), every addressing
//! mode (`rN`, `#imm`, `stack-=[..]`, `stack+=[..]`, `stack-[..]`, `stack[..]`,
//! `@constant[..]`, `@label`, `stack[@global + ..]`) and `.cell`/`.zero` data — and lays the
//! bytecode out exactly as zkevm-assembly does: a globals prologue, the code, the default landing
//! pads (`DEFAULT_UNWIND`, `DEFAULT_FAR_RETURN`, `DEFAULT_FAR_REVERT`) unless defined, padding
//! with invalid instructions to whole words (always at least one), the constants, and the
//! keccak256 of the source as the last word, after a zero word if needed for an odd word count.
//!
//! Where zkevm-assembly silently changes a program — it truncates immediates above 65535, reads
//! `-1` as `1`, wraps label offsets, ignores lines it cannot parse, drops code in a section
//! without labels — this assembler returns an [`AsmError`] with the line, column and token
//! instead. On everything else its output equals zkevm-assembly's, byte for byte (tested live in
//! `oracle/tests/asm*.rs`).
//!
//! [`disassemble`] turns bytecode back into this dialect, such that
//! `assemble_with(&disassemble(x)?, Metadata::None) == x`: the metadata word of [`assemble`] is
//! the hash of the *source* text, so only the unhashed layout can round-trip.
//!
//! ```
//! use zkstack_vm::asm::{assemble_with, disassemble, Metadata};
//!
//! let src = "
//!     .text
//! main:
//!     add #42, r0, r1
//!     sstore r1, r1
//!     ret
//! ";
//! let bytecode = assemble_with(src, Metadata::None).unwrap();
//! assert_eq!(bytecode.len() % 64, 32); // an odd number of 32-byte words
//! let text = disassemble(&bytecode).unwrap();
//! assert_eq!(assemble_with(&text, Metadata::None).unwrap(), bytecode);
//! ```

mod data;
mod disasm;
mod error;
mod instruction;
mod link;
mod operand;
pub(crate) mod print;
mod source;
mod statement;

pub use disasm::disassemble;
pub use error::{AsmError, AsmErrorKind, DisasmError};

/// What the last word of the bytecode is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metadata {
    /// keccak256 of the source text, as `zkevm_assembly::Assembly::try_from(String)` does.
    SourceKeccak,
    /// A given hash, as `Assembly::from_string(source, Some(hash))`.
    Hash([u8; 32]),
    /// No hash: only a zero word if needed for an odd word count, as
    /// `Assembly::from_string(source, None)`.
    None,
}

/// How to assemble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsmOptions {
    /// The trailing metadata word.
    pub metadata: Metadata,
    /// Reproduce zkevm-assembly's silent changes instead of refusing them: immediates above
    /// 65535 keep their low 16 bits (`add 100000, r0, r1` adds 34464) and `.cell`/`.zero` lines
    /// inside `.text` are ignored. Off by default (both are errors). Only for legacy sources
    /// that rely on them, such as some of zkevm_test_harness's scenarios.
    pub compat: bool,
}

impl Default for AsmOptions {
    fn default() -> Self {
        AsmOptions { metadata: Metadata::SourceKeccak, compat: false }
    }
}

impl From<Metadata> for AsmOptions {
    fn from(metadata: Metadata) -> Self {
        AsmOptions { metadata, ..AsmOptions::default() }
    }
}

/// Assembles `src` exactly as zkevm-assembly does (`Assembly::try_from(src)` then
/// `compile_to_bytecode()`), including the keccak256 of `src` as the last word.
pub fn assemble(src: &str) -> Result<Vec<u8>, AsmError> {
    assemble_with(src, AsmOptions::default())
}

/// Assembles `src` with the given options (a [`Metadata`] converts into options).
pub fn assemble_with(src: &str, options: impl Into<AsmOptions>) -> Result<Vec<u8>, AsmError> {
    let options = options.into();
    let hash = match options.metadata {
        Metadata::SourceKeccak => Some(alloy_primitives::keccak256(src.as_bytes()).0),
        Metadata::Hash(hash) => Some(hash),
        Metadata::None => None,
    };
    let sections = source::sections(src, options.compat)?;
    let words = link::link(&sections, hash, options.compat)?;
    Ok(words.concat())
}
