//! Where system contracts keep what a wallet reads: nonces (NonceHolder, 0x8003) and base-token
//! balances (L2BaseToken, 0x800a).
//!
//! Solidity puts `mapping[k]` of a mapping declared at slot `p` at `keccak256(pad32(k) ‖ p)`.
//! NonceHolder (era-contracts `system-contracts/contracts/NonceHolder.sol`) declares
//! `rawNonces` at slot 0, `__DEPRECATED_nonceValues` at 1 and `keyedNonces` at 2; L2BaseToken
//! declares `balance` at slot 0; neither inherits storage. zksync-era `get_nonce_key` and
//! `storage_key_for_eth_balance` use the same keys.

use alloy_primitives::{Address, B256, U256, address, keccak256};
use blake2::{Blake2s256, Digest};

/// NonceHolder system contract.
pub const NONCE_HOLDER_ADDRESS: Address = address!("0000000000000000000000000000000000008003");
/// L2BaseToken system contract.
pub const L2_BASE_TOKEN_ADDRESS: Address = address!("000000000000000000000000000000000000800a");
/// NonceHolder's `DEPLOY_NONCE_MULTIPLIER`: the raw nonce is `deploymentNonce · 2^128 + minNonce`.
pub const DEPLOYMENT_NONCE_MULTIPLIER: U256 = U256::from_limbs([0, 0, 1, 0]);

const RAW_NONCES_SLOT: u64 = 0;
const KEYED_NONCES_SLOT: u64 = 2;
const BALANCE_SLOT: u64 = 0;

/// A storage slot of a contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StorageKey {
    /// The contract.
    pub address: Address,
    /// The slot.
    pub key: B256,
}

impl StorageKey {
    /// The key of the slot in the state tree: `blake2s256(pad32(address) ‖ key)` (zksync-era
    /// `StorageKey::hashed_key`), how state dumps and the tree name slots.
    pub fn hashed_key(&self) -> B256 {
        let mut hasher = Blake2s256::new();
        hasher.update(self.address.into_word());
        hasher.update(self.key);
        B256::from_slice(&hasher.finalize())
    }
}

/// `keccak256(pad32(key) ‖ slot)`: where `mapping[key]` of a mapping at `slot` lives.
pub fn mapping_key(key: B256, slot: B256) -> B256 {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(key.as_slice());
    preimage[32..].copy_from_slice(slot.as_slice());
    keccak256(preimage)
}

fn address_word(address: Address) -> B256 {
    address.into_word()
}

fn slot(n: u64) -> B256 {
    B256::from(U256::from(n))
}

/// Where NonceHolder keeps `account`'s raw nonce (`rawNonces[account]`), read as [`AccountNonce`].
pub fn nonce_storage_key(account: Address) -> StorageKey {
    StorageKey {
        address: NONCE_HOLDER_ADDRESS,
        key: mapping_key(address_word(account), slot(RAW_NONCES_SLOT)),
    }
}

/// Where NonceHolder keeps `account`'s nonce value for a nonce key (`keyedNonces[account][key]`,
/// a `uint64`); key 0 is the sequential nonce, which lives in [`nonce_storage_key`] instead.
pub fn keyed_nonce_storage_key(account: Address, nonce_key: U256) -> StorageKey {
    let inner = mapping_key(address_word(account), slot(KEYED_NONCES_SLOT));
    StorageKey { address: NONCE_HOLDER_ADDRESS, key: mapping_key(B256::from(nonce_key), inner) }
}

/// Where L2BaseToken keeps `account`'s balance (`balance[account]`).
pub fn balance_storage_key(account: Address) -> StorageKey {
    StorageKey {
        address: L2_BASE_TOKEN_ADDRESS,
        key: mapping_key(address_word(account), slot(BALANCE_SLOT)),
    }
}

/// NonceHolder's packed raw nonce: `deploymentNonce · 2^128 + minNonce`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AccountNonce {
    /// The transaction nonce (`minNonce`), what `eth_getTransactionCount` reports.
    pub min_nonce: U256,
    /// The deployment nonce that [`super::create_address`] takes.
    pub deployment_nonce: U256,
}

impl AccountNonce {
    /// Splits a raw storage value (zksync-era `decompose_full_nonce`).
    pub fn from_raw(raw: U256) -> Self {
        Self {
            min_nonce: raw % DEPLOYMENT_NONCE_MULTIPLIER,
            deployment_nonce: raw / DEPLOYMENT_NONCE_MULTIPLIER,
        }
    }

    /// Packs the two nonces (zksync-era `nonces_to_full_nonce`); `None` if either does not fit
    /// its 128 bits.
    pub fn to_raw(&self) -> Option<U256> {
        if self.min_nonce >= DEPLOYMENT_NONCE_MULTIPLIER
            || self.deployment_nonce >= DEPLOYMENT_NONCE_MULTIPLIER
        {
            return None;
        }
        Some(self.deployment_nonce * DEPLOYMENT_NONCE_MULTIPLIER + self.min_nonce)
    }
}
