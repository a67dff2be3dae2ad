//! The versioned hash a bytecode is deployed under.

use sha2::{Digest as _, Sha256};

use super::RunError;
use crate::program::code_page::{BYTES_PER_WORD, MAX_CODE_WORDS};
use crate::world::VersionedHash;
use crate::world::code::{BYTECODE_VERSION, CODE_AT_REST};

/// The EraVM bytecode hash of `bytecode`: sha256 of the bytes with its first four bytes replaced
/// by the version (1), the "at rest" marker (0) and the length in words (big-endian u16).
///
/// The bytecode must be a whole, odd number of 32-byte words, at most 2^16 − 1 of them.
///
/// ```
/// use zkstack_vm::run::bytecode_hash;
///
/// let hash = bytecode_hash(&[0u8; 32]).unwrap();
/// assert_eq!(hash.0[..4], [1, 0, 0, 1]);
/// assert_eq!(hash.length_in_words(), 1);
/// ```
pub fn bytecode_hash(bytecode: &[u8]) -> Result<VersionedHash, RunError> {
    let words = check_bytecode(bytecode)?;
    let mut hash: [u8; 32] = Sha256::digest(bytecode).into();
    let [hi, lo] = words.to_be_bytes();
    hash[..4].copy_from_slice(&[BYTECODE_VERSION, CODE_AT_REST, hi, lo]);
    Ok(VersionedHash(hash))
}

/// The word count of a deployable bytecode: non-empty, word-aligned, odd, not too long.
pub(crate) fn check_bytecode(bytecode: &[u8]) -> Result<u16, RunError> {
    if bytecode.is_empty() {
        return Err(RunError::Empty);
    }
    if !bytecode.len().is_multiple_of(BYTES_PER_WORD) {
        return Err(crate::ProgramError::UnalignedLength { len: bytecode.len() }.into());
    }
    let words = bytecode.len() / BYTES_PER_WORD;
    if words > MAX_CODE_WORDS {
        return Err(crate::ProgramError::TooLong { words }.into());
    }
    if words.is_multiple_of(2) {
        return Err(RunError::EvenWordCount(words));
    }
    u16::try_from(words).map_err(|_| crate::ProgramError::TooLong { words }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash of the 32-byte zero word: sha256 of 32 zero bytes is
    /// 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925 (FIPS 180-4, any
    /// sha256 tool); the header replaces its first four bytes.
    #[test]
    fn header_replaces_the_digest_prefix() {
        let hash = bytecode_hash(&[0u8; 32]).unwrap_or_else(|e| panic!("{e}"));
        let digest = "01000001f862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925";
        assert_eq!(alloy_primitives::hex::encode(hash.0), digest);
    }

    #[test]
    fn refuses_what_cannot_be_deployed() {
        assert_eq!(bytecode_hash(&[]), Err(RunError::Empty));
        assert_eq!(bytecode_hash(&[0u8; 64]), Err(RunError::EvenWordCount(2)));
        assert!(matches!(bytecode_hash(&[0u8; 33]), Err(RunError::Program(_))));
    }
}
