//! Bytes as the VM holds them: 32-byte big-endian words.

use alloy_primitives::U256;

/// The 32-byte big-endian words of `bytes`, the last one padded with zero bytes on the right —
/// how code pages, heaps and the bootloader's memory hold a byte string.
///
/// ```
/// use zkstack_vm::memory::words_of;
/// use zkstack_vm::U256;
///
/// let words = words_of(&[0xab; 33]);
/// assert_eq!(words.len(), 2);
/// assert_eq!(words[1], U256::from(0xabu8) << 248);
/// ```
pub fn words_of(bytes: &[u8]) -> Vec<U256> {
    bytes.chunks(32).map(word_of).collect()
}

/// One word of up to 32 bytes, padded with zero bytes on the right.
pub fn word_of(chunk: &[u8]) -> U256 {
    let mut word = [0u8; 32];
    let len = chunk.len().min(32);
    word[..len].copy_from_slice(&chunk[..len]);
    U256::from_be_bytes(word)
}
