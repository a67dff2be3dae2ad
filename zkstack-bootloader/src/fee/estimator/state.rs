//! The committed state every estimation run starts from: the embedder's storage and code,
//! shared read-only by all runs, with the slots zksync-era's sandbox overrides for a gas
//! estimate (`VmSandbox::setup_storage` in `core/lib/vm_executor/src/oneshot/mod.rs`).
//!
//! Each run builds a fresh [`crate::executor::BatchExecutor`], whose VM keeps every change in
//! its own diff; the storage behind it is only read, so no state leaks from one run to the next.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use alloy_primitives::{Address, U256};
use zkstack_vm::world::{CodePreimage, CodeSource, Storage, StorageKey, StorageSlot};

use crate::address::{self, AccountNonce};

/// The VM's key of a slot named by [`crate::address`].
fn vm_key(key: address::StorageKey) -> StorageKey {
    StorageKey { shard: 0, address: key.address, key: U256::from_be_bytes(key.key.0) }
}

/// Storage shared by the runs of one estimation.
pub(super) type SharedStorage = Rc<RefCell<dyn Storage>>;

/// Code shared by the runs of one estimation.
pub(super) type SharedCode = Rc<RefCell<dyn CodeSource>>;

/// One run's view of the shared storage: overridden values where set; whether a write is
/// initial and the enumeration index always come from the storage below, as zksync-era's
/// `StorageWithOverrides` reports them.
pub(super) struct RunStorage {
    inner: SharedStorage,
    overrides: HashMap<StorageKey, U256>,
}

impl RunStorage {
    /// A view of `inner` with no override yet.
    pub(super) fn new(inner: SharedStorage) -> Self {
        RunStorage { inner, overrides: HashMap::new() }
    }

    /// The value of `key` in this view.
    pub(super) fn value(&mut self, key: &StorageKey) -> U256 {
        self.read(key).value
    }

    /// Sets `account`'s transaction nonce to `nonce`, keeping its deployment nonce (zksync-era
    /// `enforced_nonce`). `None` when the packed nonce does not fit.
    pub(super) fn enforce_nonce(&mut self, account: Address, nonce: U256) -> Option<()> {
        let key = vm_key(address::nonce_storage_key(account));
        let current = AccountNonce::from_raw(self.value(&key));
        let raw = AccountNonce { min_nonce: nonce, ..current }.to_raw()?;
        self.overrides.insert(key, raw);
        Some(())
    }

    /// `account`'s base-token balance in this view.
    pub(super) fn balance(&mut self, account: Address) -> U256 {
        self.value(&vm_key(address::balance_storage_key(account)))
    }

    /// Adds `amount` to `account`'s balance (zksync-era `added_balance`, which wraps on
    /// overflow as `U256 +=` does in release builds; here it saturates).
    pub(super) fn add_balance(&mut self, account: Address, amount: U256) {
        let key = vm_key(address::balance_storage_key(account));
        let balance = self.value(&key).saturating_add(amount);
        self.overrides.insert(key, balance);
    }
}

impl Storage for RunStorage {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        let slot = self.inner.borrow_mut().read(key);
        match self.overrides.get(key) {
            Some(value) => StorageSlot { value: *value, ..slot },
            None => slot,
        }
    }

    fn is_free(&self, key: &StorageKey) -> bool {
        self.inner.borrow().is_free(key)
    }
}

/// One run's handle on the shared code.
pub(super) struct RunCode(pub(super) SharedCode);

impl CodeSource for RunCode {
    fn code(&mut self, preimage: &CodePreimage) -> Option<Vec<U256>> {
        self.0.borrow_mut().code(preimage)
    }
}
