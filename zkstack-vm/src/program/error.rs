//! Why bytecode cannot be loaded.

use super::code_page::MAX_CODE_WORDS;

/// Bytecode that is not a valid code page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProgramError {
    /// The length is not a whole number of 32-byte words.
    #[error("bytecode length {len} is not a multiple of 32 bytes")]
    UnalignedLength {
        /// The length in bytes.
        len: usize,
    },
    /// Longer than the 16-bit word count of a bytecode hash allows.
    #[error("bytecode has {words} words, more than the maximum of {MAX_CODE_WORDS}")]
    TooLong {
        /// The length in 32-byte words.
        words: usize,
    },
}
