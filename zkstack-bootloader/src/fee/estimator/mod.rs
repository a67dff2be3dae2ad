//! Gas estimation as zksync-era's API server does it (`core/node/api_server/src/tx_sender/
//! gas_estimation.rs`, `TxSender::get_txs_fee_in_wei`), running the transaction through the
//! real bootloader in zkstack-vm.
//!
//! [`FeeEstimator::estimate`]:
//! 1. lowers the batch fee input to the transaction's gas-per-pubdata limit
//!    ([`adjust_pubdata_price_for_tx`]) and derives the base fee and gas per pubdata from it; the
//!    transaction's `maxFeePerGas` and `maxPriorityFeePerGas` become that base fee, an empty L2
//!    signature becomes 64 zero bytes and `27`;
//! 2. refuses an account without code that cannot pay the value it sends;
//! 3. runs the transaction once with the whole batch gas limit ([`BATCH_GAS_LIMIT`]); a revert or
//!    halt there is the answer ([`EstimateError::Reverted`], [`EstimateError::Halted`]); the
//!    run's refund, gas used and pubdata give the [`InitialGasEstimate`];
//! 4. binary searches the gas limit without overhead ([`GasSearch`]), each step running at
//!    limit + overhead; a failed run (revert or halt) raises the lower bound;
//! 5. scales the result, runs it once more (it must succeed), adds the overhead and returns the
//!    [`super::Fee`] ([`finalize_fee`]).
//!
//! Every run starts a fresh [`BatchExecutor`] in [`ExecutionMode::EstimateFee`] with the
//! storage zksync-era's sandbox sets up for an estimate: the transaction's nonce enforced and
//! `gas_limit · max_fee_per_gas` added to the payer's balance (L2), or that plus the value
//! minted (L1). The bootloader is the caller's: pass the fee-estimation build
//! (`fee_estimate.yul`) as zksync-era does.
//!
//! Not done here: zksync-era's `ensure_tx_executable` (the sealing criteria a transaction must
//! fit), state overrides, and resetting a pending L2 block's info in the system context.

mod dump;
mod error;
mod state;
mod types;

use std::cell::RefCell;
use std::rc::Rc;

use alloy_primitives::{Address, Bytes, U256};
use zkstack_vm::world::{CodeSource, Storage, StorageKey};

use super::constants::BATCH_GAS_LIMIT;
use super::estimate::{
    GasSearch, InitialGasEstimate, finalize_fee, gas_charged_for_pubdata, step_gas_limit,
};
use super::{adjust_pubdata_price_for_tx, derive_base_fee_and_gas_per_pubdata, derive_overhead};
use crate::executor::{
    BatchEnv, BatchExecutor, SystemEnvironment, TxResult, TxStatus, halt_reason,
};
use crate::l1::ProtocolVersionId;
use crate::memory::ExecutionMode;
use crate::system::{ACCOUNT_CODE_STORAGE_ADDRESS, BaseSystemContracts};

pub use dump::{DumpEstimation, dump_estimation};
pub use error::EstimateError;
use state::{RunCode, RunStorage, SharedCode, SharedStorage};
pub use types::{EstimateOptions, EstimateTx, FeeEstimate, SearchStep};

/// The protocol version the executor runs (its bootloader memory layout is v26's).
const VERSION: ProtocolVersionId = ProtocolVersionId::GATEWAY;

/// Estimates transactions' fees against one committed state (any [`Storage`] and
/// [`CodeSource`]) with one batch environment.
pub struct FeeEstimator {
    env: BatchEnv,
    system: SystemEnvironment,
    contracts: BaseSystemContracts,
    storage: SharedStorage,
    code: SharedCode,
}

impl core::fmt::Debug for FeeEstimator {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FeeEstimator").field("env", &self.env).finish_non_exhaustive()
    }
}

/// A transaction made ready for the runs of one estimate.
struct Prepared {
    env: BatchEnv,
    tx: EstimateTx,
    base_fee: u64,
    gas_per_pubdata: u64,
    overhead: u32,
}

impl FeeEstimator {
    /// An estimator for batches like `env` over `storage` and `code`, running `contracts`'
    /// bootloader (the fee-estimation one) with `system`'s limits; the execution mode is
    /// always [`ExecutionMode::EstimateFee`].
    pub fn new<S, C>(
        env: BatchEnv,
        system: SystemEnvironment,
        contracts: BaseSystemContracts,
        storage: S,
        code: C,
    ) -> Self
    where
        S: Storage + 'static,
        C: CodeSource + 'static,
    {
        FeeEstimator {
            env,
            system: SystemEnvironment { execution_mode: ExecutionMode::EstimateFee, ..system },
            contracts,
            storage: Rc::new(RefCell::new(storage)),
            code: Rc::new(RefCell::new(code)),
        }
    }

    /// The fee to send `tx` with (see the module documentation for the steps).
    ///
    /// # Errors
    /// [`EstimateError::Reverted`] / [`EstimateError::Halted`] when the transaction fails with
    /// the whole batch gas limit or at the final estimate; [`EstimateError::InsufficientBalance`];
    /// [`EstimateError::Fee`] (including "exceeds block gas limit"); [`EstimateError::Executor`]
    /// when the VM cannot run it.
    pub fn estimate(
        &self,
        tx: &EstimateTx,
        options: &EstimateOptions,
    ) -> Result<FeeEstimate, EstimateError> {
        let prepared = self.prepare(tx)?;
        self.ensure_sufficient_balance(&prepared.tx)?;
        let initial = self.initialize(&prepared)?;
        let mut search =
            GasSearch::new(options.search, &initial, options.acceptable_overestimation)?;
        let mut steps = Vec::new();
        while let Some(pivot) = search.next_pivot() {
            let gas_limit = step_gas_limit(pivot, prepared.overhead, BATCH_GAS_LIMIT);
            let failed = self.run(&prepared, gas_limit)?.status != TxStatus::Success;
            search.record(pivot, failed);
            steps.push(SearchStep { pivot, gas_limit, failed });
        }
        let unscaled_gas_limit = search.result();
        let suggested_gas_limit = super::scale_u64(unscaled_gas_limit, options.scale_factor);
        let last = step_gas_limit(suggested_gas_limit, prepared.overhead, BATCH_GAS_LIMIT);
        api_call_result(&self.run(&prepared, last)?)?;
        let fees = super::BaseFeeAndGasPerPubdata {
            base_fee: prepared.base_fee,
            gas_per_pubdata: prepared.gas_per_pubdata,
        };
        let (_, fee) = finalize_fee(
            unscaled_gas_limit,
            options.scale_factor,
            |_| Ok(prepared.overhead),
            fees,
            prepared.tx.tx.gasPerPubdataByteLimit,
            BATCH_GAS_LIMIT,
        )?;
        Ok(FeeEstimate {
            fee,
            base_fee: prepared.base_fee,
            gas_per_pubdata: prepared.gas_per_pubdata,
            overhead: prepared.overhead,
            initial,
            unscaled_gas_limit,
            suggested_gas_limit,
            steps,
        })
    }

    /// Runs `tx` once, prepared as for an estimate, with exactly `gas_limit` (overhead
    /// included): what one search step does (zksync-era `unadjusted_step`).
    ///
    /// # Errors
    /// [`EstimateError::Fee`], [`EstimateError::Executor`], [`EstimateError::MintedAmountOverflow`].
    pub fn run_with_gas_limit(
        &self,
        tx: &EstimateTx,
        gas_limit: u64,
    ) -> Result<TxResult, EstimateError> {
        self.run(&self.prepare(tx)?, gas_limit)
    }

    /// zksync-era `GasEstimator::new` and `adjust_transaction_fee`.
    fn prepare(&self, tx: &EstimateTx) -> Result<Prepared, EstimateError> {
        let fee_input = adjust_pubdata_price_for_tx(
            self.env.fee_input,
            tx.tx.gasPerPubdataByteLimit,
            None,
            VERSION,
        )?;
        let fees = derive_base_fee_and_gas_per_pubdata(fee_input, VERSION)?;
        let env = BatchEnv { fee_input, enforced_base_fee: Some(fees.base_fee), ..self.env };
        let mut tx = tx.clone();
        let base_fee = U256::from(fees.base_fee);
        tx.tx.maxFeePerGas = base_fee;
        if !tx.is_l1 {
            tx.tx.maxPriorityFeePerGas = base_fee;
            if tx.tx.signature.is_empty() {
                // zksync-era `PackedEthSignature::default().serialize_packed()`: r = s = 0, v = 27.
                let mut signature = vec![0u8; 65];
                signature[64] = 27;
                tx.tx.signature = Bytes::from(signature);
            }
        }
        let len = |b: &Bytes| b.len() as u64;
        let words = super::encoding_len_words(
            len(&tx.tx.data),
            len(&tx.tx.signature),
            tx.tx.factoryDeps.len() as u64,
            len(&tx.tx.paymasterInput),
            len(&tx.tx.reservedDynamic),
        )?;
        let overhead = derive_overhead(words, VERSION)?;
        Ok(Prepared {
            env,
            tx,
            base_fee: fees.base_fee,
            gas_per_pubdata: fees.gas_per_pubdata,
            overhead,
        })
    }

    /// zksync-era `ensure_sufficient_balance`: an L2 sender without code must hold the value.
    fn ensure_sufficient_balance(&self, tx: &EstimateTx) -> Result<(), EstimateError> {
        if tx.is_l1 {
            return Ok(());
        }
        let sender = word_address(tx.tx.from);
        let mut storage = RunStorage::new(Rc::clone(&self.storage));
        let code_key = StorageKey {
            shard: 0,
            address: ACCOUNT_CODE_STORAGE_ADDRESS,
            key: U256::from_be_slice(sender.as_slice()),
        };
        if !storage.value(&code_key).is_zero() {
            return Ok(());
        }
        let balance = storage.balance(sender);
        if tx.tx.value > balance {
            return Err(EstimateError::InsufficientBalance { balance, value: tx.tx.value });
        }
        Ok(())
    }

    /// zksync-era `GasEstimator::initialize`.
    fn initialize(&self, prepared: &Prepared) -> Result<InitialGasEstimate, EstimateError> {
        let operator_overhead = u64::from(prepared.overhead);
        if prepared.tx.is_l1 {
            return Ok(InitialGasEstimate {
                total_gas_charged: None,
                computational_gas_used: None,
                operator_overhead,
                gas_charged_for_pubdata: 0,
            });
        }
        let result = self.run(prepared, BATCH_GAS_LIMIT)?;
        api_call_result(&result)?;
        Ok(InitialGasEstimate {
            total_gas_charged: BATCH_GAS_LIMIT.checked_sub(result.refund),
            computational_gas_used: Some(u64::from(result.gas_used)),
            operator_overhead,
            gas_charged_for_pubdata: gas_charged_for_pubdata(
                result.pubdata_published,
                prepared.gas_per_pubdata,
            )?,
        })
    }

    /// One run at `gas_limit` on a fresh executor (zksync-era `unadjusted_step` with
    /// `TxExecutionArgs::for_gas_estimate`).
    fn run(&self, prepared: &Prepared, gas_limit: u64) -> Result<TxResult, EstimateError> {
        let mut tx = prepared.tx.tx.clone();
        tx.gasLimit = U256::from(gas_limit);
        let mut storage = RunStorage::new(Rc::clone(&self.storage));
        let from = word_address(tx.from);
        if prepared.tx.is_l1 {
            tx.reserved[0] = tx
                .gasLimit
                .checked_mul(tx.maxFeePerGas)
                .and_then(|fee| fee.checked_add(tx.value))
                .ok_or(EstimateError::MintedAmountOverflow)?;
        } else {
            storage.enforce_nonce(from, tx.nonce).ok_or(EstimateError::NonceTooBig(tx.nonce))?;
            let paymaster = word_address(tx.paymaster);
            let payer = if paymaster == Address::ZERO { from } else { paymaster };
            storage.add_balance(payer, tx.gasLimit.saturating_mul(tx.maxFeePerGas));
        }
        let mut executor = BatchExecutor::new(
            prepared.env,
            self.system,
            &self.contracts,
            Box::new(storage),
            Box::new(RunCode(Rc::clone(&self.code))),
        )?;
        executor.push_transaction(&tx, &prepared.tx.factory_deps, prepared.tx.is_l1)?;
        Ok(executor.execute_next()?)
    }
}

/// The address in the low 20 bytes of a bootloader word.
fn word_address(word: U256) -> Address {
    Address::from_word(word.to_be_bytes::<32>().into())
}

/// zksync-era `check_api_call_result`: a failed run is the estimator's error.
fn api_call_result(result: &TxResult) -> Result<(), EstimateError> {
    let data = result.output.clone();
    match result.status {
        TxStatus::Success => Ok(()),
        TxStatus::Revert => {
            let reason = if data.is_empty() {
                "no revert data".to_owned()
            } else {
                alloy_sol_types::decode_revert_reason(&data)
                    .unwrap_or_else(|| format!("0x{}", alloy_primitives::hex::encode(&data)))
            };
            Err(EstimateError::Reverted { reason, data })
        }
        TxStatus::Halt => {
            let reason = halt_reason(&data).map_or_else(
                || format!("0x{}", alloy_primitives::hex::encode(&data)),
                str::to_owned,
            );
            Err(EstimateError::Halted { reason, data })
        }
    }
}
