//! Calldata as compiled Solidity reads it: the dispatcher's checks, the ABI decoder's bounds
//! checks on dynamic parameters (each failure reverts with no data), checked slices and index
//! accesses, and the unchecked `calldataload` reads of `UnsafeBytesCalldata` (zero past the end).

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolError;

use super::errors::Panic;

/// How a call into a contract ends early: a revert with these bytes, or a panic (no data, all
/// changes of the frame taken back).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `revert(data)`.
    Revert(Vec<u8>),
    /// An EraVM panic (out of ergs, a state change in a static call, `burnGas`).
    Panic,
}

impl From<zkstack_vm::world::NativeError> for Exit {
    fn from(_: zkstack_vm::world::NativeError) -> Self {
        Exit::Panic
    }
}

/// A step of a native's run.
pub type Step<T> = Result<T, Exit>;

/// `revert(0, 0)`.
pub fn revert_empty<T>() -> Step<T> {
    Err(Exit::Revert(Vec::new()))
}

/// Reverts with a custom error.
pub fn revert_with<T>(error: &impl SolError) -> Step<T> {
    Err(Exit::Revert(error.abi_encode()))
}

/// Solidity's checked-arithmetic and bounds panics (`Panic(uint256)`).
pub fn panic_code<T>(code: u8) -> Step<T> {
    Err(Exit::Revert(Panic { code: U256::from(code) }.abi_encode()))
}

/// `Panic(0x11)`: arithmetic overflow.
pub const PANIC_OVERFLOW: u8 = 0x11;
/// `Panic(0x32)`: index out of bounds.
pub const PANIC_INDEX: u8 = 0x32;

/// The whole calldata of one call.
#[derive(Clone, Copy, Debug)]
pub struct Calldata<'a> {
    bytes: &'a [u8],
}

/// A `bytes calldata` value: its absolute offset in the calldata and its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    /// Absolute offset of the first byte.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
}

impl<'a> Calldata<'a> {
    /// The calldata `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Calldata { bytes }
    }

    /// The calldata size.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the calldata is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The selector, when there are at least 4 bytes.
    pub fn selector(&self) -> Option<[u8; 4]> {
        self.bytes.get(..4).and_then(|s| s.try_into().ok())
    }

    /// `calldataload(offset)`: 32 bytes, zero past the end.
    pub fn load(&self, offset: usize) -> [u8; 32] {
        let mut word = [0u8; 32];
        if let Some(rest) = self.bytes.get(offset..) {
            let n = rest.len().min(32);
            word[..n].copy_from_slice(&rest[..n]);
        }
        word
    }

    /// `calldataload(offset)` as a number.
    pub fn load_u256(&self, offset: usize) -> U256 {
        U256::from_be_bytes(self.load(offset))
    }

    /// The top `n` (≤ 32) bytes at `offset` as a big-endian number (an unchecked
    /// `readUintN`).
    pub fn load_uint(&self, offset: usize, n: usize) -> U256 {
        let word = self.load(offset);
        let n = n.min(32);
        if n == 0 { U256::ZERO } else { U256::from_be_bytes(word) >> (256 - 8 * n) }
    }

    /// The bytes of a slice (only for slices the decoder or a checked slice produced).
    pub fn bytes(&self, slice: Slice) -> &'a [u8] {
        self.bytes.get(slice.offset..slice.offset.saturating_add(slice.len)).unwrap_or_default()
    }

    /// The dispatcher's and decoder's head check: at least `words` words after the selector.
    pub fn require_head(&self, words: usize) -> Step<()> {
        if self.bytes.len().saturating_sub(4) < words * 32 { revert_empty() } else { Ok(()) }
    }

    /// Head word `index` (after the selector) as a number.
    pub fn arg(&self, index: usize) -> U256 {
        self.load_u256(4 + 32 * index)
    }

    /// Head word `index` as `bytes32`.
    pub fn arg_b256(&self, index: usize) -> B256 {
        B256::from(self.load(4 + 32 * index))
    }

    /// Head word `index` as `bool` (the decoder reverts on anything but 0 or 1).
    pub fn arg_bool(&self, index: usize) -> Step<bool> {
        match self.arg(index) {
            v if v.is_zero() => Ok(false),
            v if v == U256::from(1) => Ok(true),
            _ => revert_empty(),
        }
    }

    /// Head word `index` as `address` (the decoder reverts on dirty high bits).
    pub fn arg_address(&self, index: usize) -> Step<Address> {
        let word = self.load(4 + 32 * index);
        if word[..12].iter().any(|b| *b != 0) {
            return revert_empty();
        }
        Ok(Address::from_slice(&word[12..]))
    }

    /// Head word `index` as a dynamic array of `element` bytes per item (`bytes`: 1,
    /// `bytes32[]`: 32), with the decoder's checks against the calldata end.
    pub fn arg_dynamic(&self, index: usize, element: usize) -> Step<Slice> {
        let limit = U256::from(u64::MAX);
        let offset = self.arg(index);
        if offset > limit {
            return revert_empty();
        }
        let size = self.bytes.len();
        // `offset` is relative to the head start (byte 4) and below 2^64.
        let at = usize::try_from(offset).unwrap_or(usize::MAX).saturating_add(4);
        // Solidity: `slt(add(offset, 0x1f), end)` must hold.
        if at.saturating_add(0x1f) >= size {
            return revert_empty();
        }
        let length = self.load_u256(at);
        if length > limit {
            return revert_empty();
        }
        let len = usize::try_from(length).unwrap_or(usize::MAX);
        let start = at + 32;
        if start.saturating_add(len.saturating_mul(element)) > size {
            return revert_empty();
        }
        Ok(Slice { offset: start, len })
    }
}

impl Slice {
    /// `s[from:to]`: a checked slice (reverts with no data when out of order or past the end).
    pub fn sub(self, from: usize, to: usize) -> Step<Slice> {
        if from > to || to > self.len {
            return revert_empty();
        }
        Ok(Slice { offset: self.offset + from, len: to - from })
    }

    /// `s[from:]`.
    pub fn from(self, from: usize) -> Step<Slice> {
        self.sub(from, self.len)
    }

    /// `s[index]` as a byte: a checked index access (`Panic(0x32)` past the end).
    pub fn byte(self, data: &Calldata<'_>, index: usize) -> Step<u8> {
        if index >= self.len {
            return panic_code(PANIC_INDEX);
        }
        Ok(data.load(self.offset + index)[0])
    }

    /// `bytesN(s[from:from + n])`: a checked slice read as the top `n` bytes of a number.
    pub fn read_checked(self, data: &Calldata<'_>, from: usize, n: usize) -> Step<U256> {
        let s = self.sub(from, from.saturating_add(n))?;
        Ok(data.load_uint(s.offset, n))
    }

    /// `uint256(bytes32(s)) >> (256 - 8 * s.length)`: the slice (≤ 32 bytes) as a number.
    pub fn as_uint(self, data: &Calldata<'_>) -> U256 {
        data.load_uint(self.offset, self.len)
    }

    /// An unchecked `readUintN(at)` of `UnsafeBytesCalldata` (reads past the slice).
    pub fn read_unchecked(self, data: &Calldata<'_>, at: usize, n: usize) -> U256 {
        data.load_uint(self.offset.saturating_add(at), n)
    }
}

/// The ABI encoding of a word.
pub fn word(value: U256) -> Vec<u8> {
    value.to_be_bytes::<32>().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(bytes)` with `data`, encoded as Solidity's encoder does.
    fn encoded(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0xaa, 0xbb, 0xcc, 0xdd];
        out.extend_from_slice(&word(U256::from(0x20)));
        out.extend_from_slice(&word(U256::from(data.len())));
        out.extend_from_slice(data);
        out.resize(4 + (out.len() - 4).div_ceil(32) * 32, 0);
        out
    }

    #[test]
    fn decoder_bounds_follow_solidity() {
        // Well formed: the slice is the bytes.
        let good = encoded(b"hello");
        let cd = Calldata::new(&good);
        let s = cd.arg_dynamic(0, 1).unwrap_or(Slice { offset: 0, len: 0 });
        assert_eq!(cd.bytes(s), b"hello");
        // A length running past the end reverts with no data.
        let mut long = good.clone();
        long[4 + 63] = 200;
        assert_eq!(Calldata::new(&long).arg_dynamic(0, 1), Err(Exit::Revert(vec![])));
        // An offset of 2^64 reverts.
        let mut far = good.clone();
        far[4 + 23] = 1;
        assert_eq!(Calldata::new(&far).arg_dynamic(0, 1), Err(Exit::Revert(vec![])));
        // Short heads revert.
        assert_eq!(Calldata::new(&good[..30]).require_head(1), Err(Exit::Revert(vec![])));
    }

    #[test]
    fn unchecked_reads_see_zero_past_the_end_and_checked_ones_revert() {
        let data = [1u8, 2, 3];
        let cd = Calldata::new(&data);
        assert_eq!(cd.load_uint(1, 4), U256::from(0x0203_0000u32));
        let all = Slice { offset: 0, len: 3 };
        assert_eq!(all.byte(&cd, 3), panic_code(PANIC_INDEX));
        assert_eq!(all.sub(2, 4), Err(Exit::Revert(vec![])));
        assert_eq!(all.read_checked(&cd, 1, 2), Ok(U256::from(0x0203)));
    }
}
