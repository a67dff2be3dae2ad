//! Interop roots: the message roots of other chains that a chain imports, and the rolling hash
//! of those it processed (era-contracts `Messaging.sol` `InteropRoot`, bootloader
//! `callL2InteropRootStorage`, `Executor._verifyDependencyInteropRoots`).
//!
//! Rolling hash: starting from zero, `h = keccak256(h ‖ chainId ‖ blockOrBatchNumber ‖ sides…)`.

use alloy_primitives::{B256, U256, keccak256};

use crate::proof::BatchRoots;

/// The message root of a chain at a block or batch, as the bootloader imports it (the
/// Executor ABI's `InteropRoot`).
pub use zkstack_l1::executor_abi::InteropRoot;

/// One step of the rolling hash over processed interop roots.
pub fn roll_interop_root(previous: B256, root: &InteropRoot) -> B256 {
    let mut buf = Vec::with_capacity(96 + 32 * root.sides.len());
    buf.extend_from_slice(previous.as_slice());
    buf.extend_from_slice(&root.chainId.to_be_bytes::<32>());
    buf.extend_from_slice(&root.blockOrBatchNumber.to_be_bytes::<32>());
    for side in &root.sides {
        buf.extend_from_slice(side.as_slice());
    }
    keccak256(buf)
}

/// The rolling hash of `roots` in order, from zero.
pub fn interop_roots_rolling_hash(roots: &[InteropRoot]) -> B256 {
    roots.iter().fold(B256::ZERO, roll_interop_root)
}

/// As `L2InteropRootStorage.interopRoots`: the root stored for `(chain, block)` if exactly one
/// side was given and it is nonzero.
impl BatchRoots for [InteropRoot] {
    fn batch_root(&self, chain_id: U256, batch_number: U256) -> Option<B256> {
        self.iter()
            .find(|r| {
                r.chainId == chain_id && r.blockOrBatchNumber == batch_number && r.sides.len() == 1
            })
            .map(|r| r.sides[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_hash_is_the_packed_fold() {
        let a = InteropRoot::single(U256::from(506u32), U256::from(243u32), B256::repeat_byte(1));
        let b = InteropRoot {
            chainId: U256::from(1u8),
            blockOrBatchNumber: U256::from(2u8),
            sides: vec![B256::repeat_byte(2), B256::repeat_byte(3)],
        };
        assert_eq!(interop_roots_rolling_hash(&[]), B256::ZERO);
        let mut pre = vec![0u8; 32];
        pre.extend_from_slice(&U256::from(506u32).to_be_bytes::<32>());
        pre.extend_from_slice(&U256::from(243u32).to_be_bytes::<32>());
        pre.extend_from_slice(&[1u8; 32]);
        let first = keccak256(&pre);
        assert_eq!(interop_roots_rolling_hash(std::slice::from_ref(&a)), first);
        let mut pre = first.to_vec();
        pre.extend_from_slice(&U256::from(1u8).to_be_bytes::<32>());
        pre.extend_from_slice(&U256::from(2u8).to_be_bytes::<32>());
        pre.extend_from_slice(&[2u8; 32]);
        pre.extend_from_slice(&[3u8; 32]);
        assert_eq!(interop_roots_rolling_hash(&[a.clone(), b.clone()]), keccak256(&pre));
        let roots = [a, b];
        assert_eq!(
            roots.batch_root(U256::from(506u32), U256::from(243u32)),
            Some(B256::repeat_byte(1))
        );
        assert_eq!(
            roots.batch_root(U256::from(1u8), U256::from(2u8)),
            None,
            "two sides are never stored"
        );
    }
}
