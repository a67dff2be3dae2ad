//! Deployments over any storage: the deployer's address → code-hash slots a far call reads.

use std::collections::HashMap;

use alloy_primitives::{Address, U256};

use crate::exec::far_call::DEPLOYER_ADDRESS;
use crate::world::{Storage, StorageKey, StorageSlot};

/// The deployer's storage slot that holds the code hash of `address` (shard 0).
pub fn deployer_slot(address: &Address) -> StorageKey {
    let mut deployer = [0u8; 20];
    deployer[18..].copy_from_slice(&DEPLOYER_ADDRESS.to_be_bytes());
    StorageKey {
        shard: 0,
        address: Address::from(deployer),
        key: U256::from_be_slice(address.as_slice()),
    }
}

/// A storage whose deployer slots for some addresses are set (committed, as if deployed before
/// the run); every other slot and every pricing decision is the inner storage's.
pub(crate) struct WithDeployments {
    pub(crate) inner: Box<dyn Storage>,
    pub(crate) hashes: HashMap<StorageKey, U256>,
}

impl Storage for WithDeployments {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        match self.hashes.get(key) {
            // Deployed before the run: committed, so a write to it is repeated; its place in the
            // tree is not modelled by the one-contract setup.
            Some(hash) => {
                StorageSlot { value: *hash, is_initial_write: false, enumeration_index: None }
            }
            None => self.inner.read(key),
        }
    }

    fn is_free(&self, key: &StorageKey) -> bool {
        self.inner.is_free(key)
    }
}
