//! Tree keys: where a storage slot sits among the 2^256 leaves.

use alloy_primitives::{Address, B256, U256};

use crate::address::StorageKey;

/// A leaf position. zksync-era reads the slot's derived key `blake2s(pad32(address) ‖ slot)` as a
/// **little-endian** 256-bit number (`StorageKey::hashed_key_u256`); the root splits on its most
/// significant bit, the leaves' parents on its least significant one.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct TreeKey(pub U256);

impl TreeKey {
    /// The position of the slot whose derived key (as state diffs carry it) is `derived_key`.
    pub fn from_derived_key(derived_key: B256) -> Self {
        Self(U256::from_le_bytes(derived_key.0))
    }

    /// The position of `slot` of `address`.
    pub fn for_slot(address: Address, slot: B256) -> Self {
        Self::from_derived_key(StorageKey { address, key: slot }.hashed_key())
    }

    /// The derived key (the bytes state diffs carry) back from a position.
    pub fn derived_key(self) -> B256 {
        B256::from(self.0.to_le_bytes::<32>())
    }

    /// The branch direction at `depth` (0 = the root's split): `true` means right.
    pub fn bit_at_depth(self, depth: usize) -> bool {
        debug_assert!(depth < super::TREE_DEPTH);
        self.0.bit(super::TREE_DEPTH - 1 - depth)
    }

    /// The key with every bit below the first `depth` (counted from the root) cleared.
    #[must_use]
    pub fn prefix(self, depth: usize) -> Self {
        let drop = super::TREE_DEPTH.saturating_sub(depth);
        if drop >= super::TREE_DEPTH { Self(U256::ZERO) } else { Self((self.0 >> drop) << drop) }
    }

    /// How many leading bits (from the root) `self` and `other` share.
    pub fn common_prefix_len(self, other: Self) -> usize {
        (self.0 ^ other.0).leading_zeros()
    }
}

impl From<U256> for TreeKey {
    fn from(value: U256) -> Self {
        Self(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_bits() {
        let key = TreeKey(U256::MAX);
        assert_eq!(key.prefix(0), TreeKey(U256::ZERO));
        assert_eq!(key.prefix(256), key);
        assert_eq!(key.prefix(1), TreeKey(U256::from(1u8) << 255));
        let low = TreeKey(U256::from(1u8));
        assert!(low.bit_at_depth(255) && !low.bit_at_depth(0));
        assert_eq!(low.common_prefix_len(TreeKey(U256::ZERO)), 255);
        assert_eq!(key.common_prefix_len(key), 256);
        let derived = B256::repeat_byte(7);
        assert_eq!(TreeKey::from_derived_key(derived).derived_key(), derived);
    }
}
