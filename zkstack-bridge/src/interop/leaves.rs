//! Leaves of the message-root trees (era-contracts `MessageHashing.sol`).
//!
//! A settlement layer keeps, per chain, a tree of *batch leaves*
//! `keccak256(BATCH_LEAF_PADDING ‖ batch root ‖ batch number)`, and a shared tree of *chain-id
//! leaves* `keccak256(CHAIN_ID_LEAF_PADDING ‖ chain tree root ‖ chain id)`. Both preimages are
//! 96 bytes, three 32-byte words.

use alloy_primitives::{B256, U256, b256, keccak256};
use zkstack_l1::ProtocolVersionId;

/// `keccak256("zkSync:BatchLeaf")`.
pub const BATCH_LEAF_PADDING: B256 =
    b256!("0xd82fec4a37cbdc47f1e5cc4ad64deacf34a48e6f7c61fa5b68fd58e543259cf4");

/// `keccak256("zkSync:ChainIdLeaf")`.
pub const CHAIN_ID_LEAF_PADDING: B256 =
    b256!("0x39bc69363bb9e26cf14240de4e22569e95cf175cfbcf1ade1a47a253b4bf7f61");

/// The empty entry of the chain trees and of the shared tree: `keccak256` of 96 zero bytes
/// (era-contracts `CHAIN_TREE_EMPTY_ENTRY_HASH` = `SHARED_ROOT_TREE_EMPTY_HASH`).
pub const EMPTY_LEAF_HASH: B256 =
    b256!("0x46700b4d40ac5c35af2c22dda2787a91eb567b06c924a8fb8ae9a05b20c08c21");

fn hash_three_words(a: &B256, b: &B256, c: &B256) -> B256 {
    let mut buf = [0u8; 96];
    buf[..32].copy_from_slice(a.as_slice());
    buf[32..64].copy_from_slice(b.as_slice());
    buf[64..].copy_from_slice(c.as_slice());
    keccak256(buf)
}

/// The leaf of a chain's batch in its settlement layer's chain tree (`MessageHashing.batchLeafHash`).
pub fn batch_leaf_hash(batch_root: B256, batch_number: U256) -> B256 {
    hash_three_words(&BATCH_LEAF_PADDING, &batch_root, &B256::from(batch_number))
}

/// The leaf of a chain in the shared tree (`MessageHashing.chainIdLeafHash`).
pub fn chain_id_leaf_hash(chain_tree_root: B256, chain_id: U256) -> B256 {
    hash_three_words(&CHAIN_ID_LEAF_PADDING, &chain_tree_root, &B256::from(chain_id))
}

/// A chain's batch root from protocol version 26 (Gateway) on: `keccak256(local logs root ‖
/// message root)`, where the message root is the aggregated root of the chain's own MessageRoot
/// contract. Before Gateway the batch root is the local logs root alone.
pub fn chain_batch_root(
    version: ProtocolVersionId,
    local_logs_root: B256,
    message_root: B256,
) -> B256 {
    zkstack_l1::log_tree::batch_logs_root(version, local_logs_root, message_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constants are what their definitions say (era-contracts MessageHashing.sol/MessageRoot.sol,
    /// zksync-era `l2_to_l1_log.rs::check_padding_constants`).
    #[test]
    fn constants_are_their_preimages() {
        assert_eq!(BATCH_LEAF_PADDING, keccak256("zkSync:BatchLeaf"));
        assert_eq!(CHAIN_ID_LEAF_PADDING, keccak256("zkSync:ChainIdLeaf"));
        assert_eq!(EMPTY_LEAF_HASH, keccak256([0u8; 96]));
    }

    #[test]
    fn leaves_hash_their_96_byte_preimage() {
        let root = B256::repeat_byte(0xab);
        let mut pre = Vec::new();
        pre.extend_from_slice(BATCH_LEAF_PADDING.as_slice());
        pre.extend_from_slice(root.as_slice());
        pre.extend_from_slice(&U256::from(66u8).to_be_bytes::<32>());
        assert_eq!(batch_leaf_hash(root, U256::from(66u8)), keccak256(&pre));
        pre[..32].copy_from_slice(CHAIN_ID_LEAF_PADDING.as_slice());
        assert_eq!(chain_id_leaf_hash(root, U256::from(66u8)), keccak256(&pre));
    }

    #[test]
    fn batch_root_aggregates_from_gateway_on() {
        let (local, msg) = (B256::repeat_byte(1), B256::repeat_byte(2));
        assert_eq!(chain_batch_root(ProtocolVersionId::SHARED_BRIDGE, local, msg), local);
        assert_eq!(
            chain_batch_root(ProtocolVersionId::GATEWAY, local, msg),
            keccak256([local.as_slice(), msg.as_slice()].concat())
        );
    }
}
