//! Estimating the first transaction of a VM dump against its snapshot.
//!
//! A dump recorded during a gas estimate (`execution_mode` `EstimateFee`) holds the storage as
//! zksync-era's sandbox presented it, with `gas_limit · max_fee_per_gas` of that step already
//! added to the payer's balance (`StorageWithOverrides` in `VmSandbox::setup_storage`; the dump
//! records the values it read). [`dump_estimation`] takes that amount off again, so that every
//! run of the estimate adds its own as zksync-era does.
//!
//! A snapshot only holds what the recorded run read. Runs with more gas may go further (a
//! step that failed early never called what a passing one calls); such slots read as zero and
//! are listed in [`DumpEstimation::missing`]. `fill_ins` deploys system contracts the snapshot
//! lacks.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use alloy_primitives::{Address, U256};
use zkstack_vm::world::{Storage, StorageKey, StorageSlot};

use super::{EstimateTx, FeeEstimator, word_address};
use crate::address::balance_storage_key;
use crate::dump::{DumpError, SnapshotCode, SnapshotStorage, VmDump};
use crate::executor::{BatchEnv, SystemEnvironment};
use crate::memory::ExecutionMode;
use crate::system::{ACCOUNT_CODE_STORAGE_ADDRESS, BaseSystemContracts, ContractCode};

/// A dump made ready for estimation.
#[derive(Debug)]
pub struct DumpEstimation {
    /// An estimator over the dump's environments, base system contracts and snapshot.
    pub estimator: FeeEstimator,
    /// The dump's first transaction.
    pub tx: EstimateTx,
    /// Slots the runs read that the snapshot lacks (a snapshot that does not cover the run).
    pub missing: Rc<RefCell<Vec<StorageKey>>>,
    /// What was taken off the payer's balance (the recorded step's added balance; zero unless
    /// the dump was recorded in `EstimateFee` mode).
    pub undone_balance: U256,
}

/// The snapshot with some values replaced.
struct DumpStorage {
    snapshot: SnapshotStorage,
    /// Value replaced, the rest of the slot from the snapshot.
    values: HashMap<StorageKey, U256>,
    /// Whole slots the snapshot lacks (fill-ins), not read from it.
    pinned: HashMap<StorageKey, StorageSlot>,
}

impl Storage for DumpStorage {
    fn read(&mut self, key: &StorageKey) -> StorageSlot {
        if let Some(slot) = self.pinned.get(key) {
            return *slot;
        }
        let slot = self.snapshot.read(key);
        self.values.get(key).map_or(slot, |value| StorageSlot { value: *value, ..slot })
    }
}

/// An estimator for the first transaction of `dump`, over its snapshot, with `fill_ins`
/// (address, bytecode) deployed where the snapshot holds no code hash for the address.
///
/// # Errors
/// [`DumpError`] when the dump is not protocol version 26, has no transaction, its first
/// transaction cannot be converted, a fill-in is not valid bytecode, or the payer's recorded
/// balance is below the amount the recording step added.
pub fn dump_estimation(
    dump: &VmDump,
    fill_ins: &[(Address, Vec<u8>)],
) -> Result<DumpEstimation, DumpError> {
    let first = dump
        .l2_blocks
        .iter()
        .flat_map(|block| &block.txs)
        .next()
        .ok_or_else(|| DumpError::Transaction("the dump holds no transaction".into()))?;
    let tx = EstimateTx {
        tx: first.to_bootloader()?,
        factory_deps: first.factory_deps().to_vec(),
        is_l1: first.is_l1(),
    };
    let system = SystemEnvironment::from_dump(dump)?;
    let mut contracts = BaseSystemContracts::from_dump(dump);
    let snapshot = SnapshotStorage::new(Rc::new(dump.storage.clone()));
    let missing = snapshot.missing();
    let mut storage = DumpStorage { snapshot, values: HashMap::new(), pinned: HashMap::new() };

    let mut undone_balance = U256::ZERO;
    if system.execution_mode == ExecutionMode::EstimateFee && !tx.is_l1 {
        let paymaster = word_address(tx.tx.paymaster);
        let payer = if paymaster == Address::ZERO { word_address(tx.tx.from) } else { paymaster };
        let key = balance_storage_key(payer);
        let key =
            StorageKey { shard: 0, address: key.address, key: U256::from_be_bytes(key.key.0) };
        undone_balance = tx.tx.gasLimit.saturating_mul(tx.tx.maxFeePerGas);
        let recorded = storage.read(&key).value;
        let original = recorded.checked_sub(undone_balance).ok_or_else(|| {
            DumpError::Transaction(format!(
                "payer balance {recorded} is below the {undone_balance} the recorded step added"
            ))
        })?;
        storage.values.insert(key, original);
    }

    for (address, bytes) in fill_ins {
        let key = U256::from_be_slice(address.as_slice());
        let deployed = dump
            .storage
            .slot(&ACCOUNT_CODE_STORAGE_ADDRESS, &key)
            .is_some_and(|slot| !slot.value.is_zero());
        if deployed {
            continue;
        }
        let code = ContractCode::from_bytes(&address.to_string(), bytes)
            .map_err(|e| DumpError::Transaction(e.to_string()))?;
        storage.pinned.insert(
            StorageKey { shard: 0, address: ACCOUNT_CODE_STORAGE_ADDRESS, key },
            StorageSlot {
                value: U256::from_be_bytes(code.hash.0),
                is_initial_write: false,
                enumeration_index: None,
            },
        );
        contracts.system.insert(*address, code);
    }

    let mut code = SnapshotCode::default();
    for (hash, bytes) in &dump.storage.factory_deps {
        code.insert_bytes(hash, bytes);
    }
    let estimator = FeeEstimator::new(BatchEnv::from_dump(dump), system, contracts, storage, code);
    Ok(DumpEstimation { estimator, tx, missing, undone_balance })
}
