//! How instructions sit in a code page.
//!
//! A code page is a sequence of 256-bit words. Each word holds four 64-bit instructions in
//! big-endian order: program counter `pc` selects word `pc / 4`, and within it the quarter
//! `pc % 4`, where quarter `0` is the most significant 64 bits (the first 8 bytes of the word in
//! the bytecode).

use alloy_primitives::U256;

/// Bytes in a code-page word.
pub const BYTES_PER_WORD: usize = 32;
/// Instructions in a code-page word.
pub const INSTRUCTIONS_PER_WORD: usize = 4;
/// The most words a code page can hold: a bytecode hash stores the length in words as a 16-bit
/// number (`2^16 - 1`, which is also odd as the hash requires).
pub const MAX_CODE_WORDS: usize = (1 << 16) - 1;
/// The most instructions a program counter can address (it is 16 bits wide).
pub const MAX_INSTRUCTIONS: usize = 1 << 16;

/// The code-page word index and the quarter within it that `pc` selects.
#[inline]
pub const fn split_pc(pc: u16) -> (u16, u8) {
    (pc >> 2, (pc & 0b11) as u8)
}

/// The instruction in quarter `quarter` (`0..4`, higher bits ignored) of a code-page word.
#[inline]
pub fn instruction_word(word: &U256, quarter: u8) -> u64 {
    // `as_limbs` is little-endian: limb 3 holds the most significant 64 bits, quarter 0.
    word.as_limbs()[3 - usize::from(quarter & 0b11)]
}
