//! A contract's code page, decoded once.

pub mod code_page;
pub mod error;

pub use code_page::{
    BYTES_PER_WORD, INSTRUCTIONS_PER_WORD, MAX_CODE_WORDS, MAX_INSTRUCTIONS, instruction_word,
    split_pc,
};
pub use error::ProgramError;

use std::sync::Arc;

use alloy_primitives::U256;

use crate::decode::{DecodedInstruction, decode};

/// EraVM bytecode with every instruction decoded up front, so the interpreter never decodes
/// in its loop. Cloning is cheap (the contents are shared).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    code_page: Arc<[U256]>,
    instructions: Arc<[DecodedInstruction]>,
}

impl Program {
    /// Decodes `bytecode`: 32-byte big-endian words, four instructions each.
    ///
    /// Only the first [`MAX_INSTRUCTIONS`] instructions are reachable by the 16-bit program
    /// counter and get decoded; later words can still be read as data through code-page
    /// addressing. The bytecode-hash rule that the number of words is odd is not checked here:
    /// that is a deployment rule, not a decoding one.
    pub fn from_bytecode(bytecode: &[u8]) -> Result<Self, ProgramError> {
        if !bytecode.len().is_multiple_of(BYTES_PER_WORD) {
            return Err(ProgramError::UnalignedLength { len: bytecode.len() });
        }
        let words = bytecode.len() / BYTES_PER_WORD;
        if words > MAX_CODE_WORDS {
            return Err(ProgramError::TooLong { words });
        }
        let code_page: Arc<[U256]> =
            bytecode.chunks_exact(BYTES_PER_WORD).map(|chunk| U256::from_be_slice(chunk)).collect();
        let instructions: Arc<[DecodedInstruction]> = bytecode
            .chunks_exact(8)
            .take(MAX_INSTRUCTIONS)
            .map(|chunk| {
                let mut be = [0u8; 8];
                be.copy_from_slice(chunk);
                decode(u64::from_be_bytes(be))
            })
            .collect();
        Ok(Program { code_page, instructions })
    }

    /// The code page: the bytecode as 256-bit words, what code-page addressing reads.
    #[inline]
    pub fn code_page(&self) -> &[U256] {
        &self.code_page
    }

    /// The decoded instructions, indexed by program counter.
    #[inline]
    pub fn instructions(&self) -> &[DecodedInstruction] {
        &self.instructions
    }

    /// The instruction at `pc`. Past the end of the code the page reads as zeros, so this is the
    /// decoding of the all-zero word: the invalid opcode.
    #[inline]
    pub fn instruction(&self, pc: u16) -> DecodedInstruction {
        match self.instructions.get(usize::from(pc)) {
            Some(i) => *i,
            None => decode(0),
        }
    }

    /// The code-page word at `index` (zero past the end of the code).
    #[inline]
    pub fn code_word(&self, index: u16) -> U256 {
        self.code_page.get(usize::from(index)).copied().unwrap_or(U256::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::word::opcode_index;
    use crate::opcodes::Opcode;

    fn page(words: &[u64]) -> Vec<u8> {
        words.iter().flat_map(|w| w.to_be_bytes()).collect()
    }

    #[test]
    fn rejects_unaligned_bytecode() {
        assert_eq!(
            Program::from_bytecode(&[0; 33]),
            Err(ProgramError::UnalignedLength { len: 33 })
        );
        assert_eq!(Program::from_bytecode(&[0; 8]), Err(ProgramError::UnalignedLength { len: 8 }));
    }

    #[test]
    fn length_limit_is_65535_words() {
        let max = vec![0u8; MAX_CODE_WORDS * BYTES_PER_WORD];
        let program = Program::from_bytecode(&max).expect("the longest page loads");
        assert_eq!(program.code_page().len(), MAX_CODE_WORDS);
        // Only what the 16-bit pc reaches is decoded.
        assert_eq!(program.instructions().len(), MAX_INSTRUCTIONS);
        let over = vec![0u8; (MAX_CODE_WORDS + 1) * BYTES_PER_WORD];
        assert_eq!(
            Program::from_bytecode(&over),
            Err(ProgramError::TooLong { words: MAX_CODE_WORDS + 1 })
        );
    }

    #[test]
    fn empty_bytecode_reads_as_invalid() {
        let program = Program::from_bytecode(&[]).expect("empty is aligned");
        assert_eq!(program.instruction(0).opcode(), Opcode::Invalid);
        assert_eq!(program.code_word(0), U256::ZERO);
    }

    #[test]
    fn four_instructions_per_word_most_significant_first() {
        let words = [
            crate::NOP_WORD,
            crate::PANIC_WORD,
            0x0000_002a_0000_0039,
            0x0003_0002_0000_0001,
            crate::PANIC_WORD,
        ];
        let mut bytes = page(&words);
        bytes.resize(64, 0);
        let program = Program::from_bytecode(&bytes).expect("two words");
        for (pc, w) in words.iter().enumerate() {
            assert_eq!(program.instruction(pc as u16), decode(*w), "pc {pc}");
            let (index, quarter) = split_pc(pc as u16);
            let word = program.code_word(index);
            assert_eq!(instruction_word(&word, quarter), *w);
        }
        assert_eq!(opcode_index(instruction_word(&program.code_word(0), 2)), 0x39);
        // Past the code: the all-zero word.
        assert_eq!(program.instruction(8), decode(0));
        assert_eq!(program.instruction(u16::MAX), decode(0));
    }
}
