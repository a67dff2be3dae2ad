//! Asset ids of the asset router (era-contracts `common/libraries/DataEncoding.sol`).
//!
//! An asset id is `keccak256(abi.encode(originChainId, deploymentTracker, assetData))`. For the
//! native token vault the tracker is the L2 NTV address `0x10004` on every chain and the asset
//! data is the token's address on its origin chain; ether is the token `address(1)` of L1.

use alloy_primitives::{Address, B256, U256, keccak256};

use crate::addresses::{ETH_TOKEN_ADDRESS, L2_NATIVE_TOKEN_VAULT_ADDRESS};

/// `encodeAssetId(chainId, assetData, sender)`: any deployment tracker, any asset data word.
pub fn asset_id(origin_chain_id: U256, deployment_tracker: Address, asset_data: B256) -> B256 {
    let mut buf = [0u8; 96];
    buf[..32].copy_from_slice(&origin_chain_id.to_be_bytes::<32>());
    buf[32..64].copy_from_slice(deployment_tracker.into_word().as_slice());
    buf[64..].copy_from_slice(asset_data.as_slice());
    keccak256(buf)
}

/// `encodeNTVAssetId(chainId, tokenAddress)`: a token of the native token vault.
pub fn ntv_asset_id(origin_chain_id: U256, token: Address) -> B256 {
    asset_id(origin_chain_id, L2_NATIVE_TOKEN_VAULT_ADDRESS, token.into_word())
}

/// The asset id of ether, native to the L1 `l1_chain_id` (`ETH_TOKEN_ASSET_ID`).
pub fn eth_asset_id(l1_chain_id: U256) -> B256 {
    ntv_asset_id(l1_chain_id, ETH_TOKEN_ADDRESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::address;
    use alloy_sol_types::SolValue;

    /// Cross-check with an independent ABI encoder (alloy's `abi_encode` of the tuple).
    #[test]
    fn matches_abi_encode_of_the_tuple() {
        let token = address!("0x58d9e3d9303750dc90bb2931ac1abbb99d203bc5");
        let chain = U256::from(9u8);
        let expected = keccak256((chain, L2_NATIVE_TOKEN_VAULT_ADDRESS, token).abi_encode());
        assert_eq!(ntv_asset_id(chain, token), expected);
        assert_eq!(
            eth_asset_id(U256::from(1u8)),
            keccak256(
                (U256::from(1u8), L2_NATIVE_TOKEN_VAULT_ADDRESS, ETH_TOKEN_ADDRESS).abi_encode()
            )
        );
    }
}
