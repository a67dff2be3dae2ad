//! The demo's L2 batch, run through the real v26 bootloader
//! ([`zkstack_bootloader::executor::BatchExecutor`]) from a chain start built of zksync-era's VM
//! dumps ([`zkstack_bootloader::genesis::ChainStart`]; see there for what is real bytecode,
//! what is native and how the state deviates from a real chain).
//!
//! The batch: L2 block 1 holds the deposit — the L1 model's canonical priority transaction,
//! byte for byte — then transfers between funded accounts; L2 block 2 holds more transfers and
//! [`chain::ACCOUNT`]'s `L2BaseToken.withdraw` of [`chain::withdrawal_amount`] back to itself
//! on L1, paid from the deposit. The batch is sealed (fictive block, pubdata through the
//! rollup DA validator, `publishPubdataAndClearState`) and its writes go into the state tree.
//!
//! Extra start slots (values no transaction wrote, beyond [`ChainStart`]'s own deviations):
//! the funded accounts' balances, L2BaseToken's `totalSupply` covering them, and SystemContext's
//! current batch number set to 0 (its timestamp kept) so that this batch is batch 1, the one
//! L1 expects after its genesis.

use zkstack_bootloader::address::balance_storage_key;
use zkstack_bootloader::executor::{
    BatchEnv, BatchExecutor, FinishedBatch, SystemEnvironment, TxStatus,
};
use zkstack_bootloader::genesis::ChainStart;
use zkstack_bootloader::l2_block::{BlockInfo, L2BlockEnv, SYSTEM_CONTEXT_ADDRESS, slots};
use zkstack_bootloader::memory::ExecutionMode;
use zkstack_bootloader::natives::{NativeConfig, register_missing_natives};
use zkstack_bootloader::pubdata_builder::PubdataBuilder;
use zkstack_bootloader::sealed::SealedBatch;
use zkstack_bootloader::system::{BaseSystemContracts, contracts_low_address};
use zkstack_bootloader::tx::{
    BootloaderTransaction, Eip1559Tx, SigningKey, Transaction, sign, signer_address,
};
use zkstack_l1::commitment::AuxCommitments;
use zkstack_l1::{Address, B256, Bytes, U256};
use zkstack_prover::aux_commitments::batch_aux_commitments;

use super::DemoError;
use super::artifacts::VmDumps;
use super::chain;

/// The batch timestamp: after the dump's last L2 block (1 738 785 220).
pub const BATCH_TIMESTAMP: u64 = 1_738_785_300;
/// L1's clock for the deposit and for commit / prove / execute: ten minutes after the batch
/// (L1 refuses batches older than its window or from its future).
pub const L1_NOW: u64 = BATCH_TIMESTAMP + 600;
/// [`chain::ACCOUNT`]'s private key: zksync-era's first local "rich wallet", a published test
/// key. Used only to sign the withdrawal on this in-memory chain.
pub const ACCOUNT_KEY: [u8; 32] = [
    0x77, 0x26, 0x82, 0x7c, 0xaa, 0xc9, 0x4a, 0x7f, 0x9e, 0x1b, 0x16, 0x0f, 0x7e, 0xa8, 0x19, 0xf1,
    0x72, 0xf7, 0xb6, 0xf9, 0xd2, 0xa9, 0x7f, 0x99, 0x2c, 0x38, 0xed, 0xea, 0xb8, 0x2d, 0x41, 0x10,
];
/// How many funded accounts send transfers.
pub const SENDERS: u8 = 3;
/// Transfers per L2 block.
pub const TRANSFERS_PER_BLOCK: usize = 3;
/// Each transfer's value: 0.001 ETH.
pub const TRANSFER_VALUE_WEI: u64 = 1_000_000_000_000_000;
/// Each funded account's balance: 10 ETH.
const FUNDS_WEI: u64 = 10_000_000_000_000_000_000;
/// Max fee per gas of the L2 transactions: 2.5 × the dump's base fee of 0.1 gwei.
const MAX_FEE: u64 = 250_000_000;
/// Gas limit of a transfer or the withdrawal.
const TX_GAS: u64 = 2_000_000;
/// L2BaseToken.
const L2_BASE_TOKEN: Address = contracts_low_address(0x800a);

/// A funded sender's key: bytes `0xd0 + i` repeated.
fn sender_key(i: u8) -> Result<SigningKey, DemoError> {
    SigningKey::from_slice(&[0xd0 + i; 32]).map_err(DemoError::at("l2_transactions.key"))
}

/// The chain start the batch runs from: the dumps, plus the funded senders' balances, the
/// matching `totalSupply` and SystemContext's batch number set to 0.
///
/// # Errors
/// [`DemoError`] when a key or the state tree fails.
pub fn chain_start(dumps: &VmDumps) -> Result<ChainStart, DemoError> {
    let funds = U256::from(FUNDS_WEI);
    let mut writes = Vec::new();
    for i in 0..SENDERS {
        let key = balance_storage_key(signer_address(&sender_key(i)?));
        writes.push((key.address, U256::from_be_bytes(key.key.0), funds));
    }
    writes.push((L2_BASE_TOKEN, U256::from(1u8), funds * U256::from(SENDERS)));
    let batch_slot = U256::from(slots::CURRENT_BATCH_INFO);
    let current = dumps
        .main
        .storage
        .slot(&SYSTEM_CONTEXT_ADDRESS, &batch_slot)
        .map(|s| BlockInfo::unpack(s.value))
        .unwrap_or_default();
    let batch_zero = BlockInfo { number: 0, timestamp: current.timestamp };
    writes.push((SYSTEM_CONTEXT_ADDRESS, batch_slot, batch_zero.pack()));
    ChainStart::from_dumps(&dumps.main, &dumps.extra, &writes)
        .map_err(DemoError::at("l2_transactions.genesis"))
}

/// What running and sealing the batch produced.
pub struct L2Batch {
    /// The sealed batch.
    pub sealed: SealedBatch,
    /// Transactions executed.
    pub tx_count: usize,
    /// L2 blocks (the fictive block not counted).
    pub l2_blocks: usize,
    /// Bootloader gas spent by the transactions (sum of `gas_used`).
    pub gas_used: u64,
    /// EraVM cycles the transactions took.
    pub cycles: u64,
    /// The withdrawal's index in the batch (its message's `txNumberInBatch`).
    pub withdrawal_tx_number: u16,
    /// The L2 batch number SystemContext opened.
    pub number: u32,
    /// `L2MessageRoot.getAggregatedRoot()` during the batch, hashed into the logs root.
    pub aggregated_root: B256,
    /// The timestamp of the batch's last (fictive) L2 block.
    pub last_l2_block_timestamp: u64,
    /// The events-queue and bootloader-heap commitments of the batch
    /// ([`zkstack_prover::aux_commitments::batch_aux_commitments`]).
    pub aux: AuxCommitments,
    /// What the executor's end of the batch produced (the sealed batch's source).
    pub finished: FinishedBatch,
}

struct Tx {
    boot: BootloaderTransaction,
    is_l1: bool,
}

fn l2_call(
    key: &SigningKey,
    nonce: u64,
    chain_id: u64,
    to: Address,
    value: U256,
    data: Bytes,
) -> Result<Tx, DemoError> {
    let tx = Eip1559Tx {
        chain_id,
        nonce: U256::from(nonce),
        max_fee_per_gas: U256::from(MAX_FEE),
        gas_limit: U256::from(TX_GAS),
        to: Some(to),
        value,
        data,
        ..Eip1559Tx::default()
    };
    let signed =
        sign(Transaction::Eip1559(tx), key).map_err(DemoError::at("l2_transactions.sign"))?;
    let boot = signed.to_bootloader().map_err(DemoError::at("l2_transactions.encode"))?;
    Ok(Tx { boot, is_l1: false })
}

/// The batch's transactions per L2 block.
fn plan(deposit: &BootloaderTransaction, chain_id: u64) -> Result<Vec<Vec<Tx>>, DemoError> {
    let account_key =
        SigningKey::from_slice(&ACCOUNT_KEY).map_err(DemoError::at("l2_transactions.key"))?;
    if signer_address(&account_key) != chain::ACCOUNT {
        return Err(DemoError {
            step: "l2_transactions.key",
            reason: "key is not ACCOUNT's".into(),
        });
    }
    let keys = (0..SENDERS).map(sender_key).collect::<Result<Vec<_>, _>>()?;
    let mut nonces = vec![0u64; keys.len()];
    let mut blocks = vec![vec![Tx { boot: deposit.clone(), is_l1: true }], Vec::new()];
    for (b, block) in blocks.iter_mut().enumerate() {
        for i in 0..TRANSFERS_PER_BLOCK {
            let s = (i + b) % keys.len();
            let (Some(key), Some(nonce)) = (keys.get(s), nonces.get_mut(s)) else { continue };
            let to = Address::repeat_byte(0x50 + u8::try_from(i).unwrap_or(0));
            block.push(l2_call(
                key,
                *nonce,
                chain_id,
                to,
                U256::from(TRANSFER_VALUE_WEI),
                Bytes::new(),
            )?);
            *nonce += 1;
        }
    }
    // withdraw(address) = 0x51cff8d9, the receiver on L1 padded to a word.
    let mut data = vec![0x51, 0xcf, 0xf8, 0xd9];
    data.extend_from_slice(&[0u8; 12]);
    data.extend_from_slice(chain::ACCOUNT.as_slice());
    let withdrawal =
        l2_call(&account_key, 0, chain_id, L2_BASE_TOKEN, chain::withdrawal_amount(), data.into())?;
    if let Some(last) = blocks.last_mut() {
        last.push(withdrawal);
    }
    Ok(blocks)
}

/// Runs the batch from `start` (whose tree it advances) with `deposit` as its L1 transaction
/// and `previous_batch_hash` (L1's genesis `batchHash`, the start's state root) given to
/// `setNewBatch`, and seals it through the rollup DA validator at `da_validator`.
///
/// # Errors
/// [`DemoError`] when a transaction fails or the executor refuses a step.
#[allow(clippy::too_many_lines, reason = "one batch, written out")]
pub fn run_batch(
    dumps: &VmDumps,
    start: ChainStart,
    contracts: &BaseSystemContracts,
    deposit: &BootloaderTransaction,
    previous_batch_hash: B256,
    da_validator: Address,
) -> Result<L2Batch, DemoError> {
    let ctx = start.system_context();
    let ChainStart { storage, code, mut tree, .. } = start;
    let last = ctx.last_l2_block().ok_or_else(|| DemoError {
        step: "l2_transactions.start",
        reason: "SystemContext holds no L2 block".into(),
    })?;
    let number =
        u32::try_from(ctx.batch.number + 1).map_err(DemoError::at("l2_transactions.start"))?;
    let mut env = BatchEnv::from_dump(&dumps.main);
    env.previous_batch_hash = Some(previous_batch_hash);
    env.number = number;
    env.timestamp = BATCH_TIMESTAMP;
    env.enforced_base_fee = None;
    env.first_l2_block = L2BlockEnv {
        number: u32::try_from(last.number + 1).map_err(DemoError::at("l2_transactions.start"))?,
        timestamp: BATCH_TIMESTAMP,
        prev_block_hash: last.hash,
        max_virtual_blocks_to_create: 1,
    };
    let mut system =
        SystemEnvironment::from_dump(&dumps.main).map_err(DemoError::at("l2_transactions"))?;
    system.execution_mode = ExecutionMode::VerifyExecute;
    let chain_id = system.chain_id;
    let mut executor =
        BatchExecutor::new(env, system, contracts, Box::new(storage), Box::new(code))
            .map_err(DemoError::at("l2_transactions.executor"))?;
    let natives =
        NativeConfig { rollup_da_validator: Some(da_validator), ..NativeConfig::default() };
    register_missing_natives(&mut executor.vm_mut().world, &natives);
    executor.check_batch_start().map_err(DemoError::at("l2_transactions.batch_start"))?;

    let blocks = plan(deposit, chain_id)?;
    let (mut tx_count, mut gas_used, mut cycles, mut withdrawal_tx_number) =
        (0usize, 0u64, 0u64, 0u16);
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            let last = executor.last_l2_block().ok_or_else(|| DemoError {
                step: "l2_transactions.block",
                reason: "no last L2 block".into(),
            })?;
            let next = L2BlockEnv {
                number: u32::try_from(last.number + 1)
                    .map_err(DemoError::at("l2_transactions.block"))?,
                timestamp: u64::try_from(last.timestamp + 1)
                    .map_err(DemoError::at("l2_transactions.block"))?,
                prev_block_hash: last.hash,
                max_virtual_blocks_to_create: 1,
            };
            executor.open_l2_block(&next).map_err(DemoError::at("l2_transactions.block"))?;
        }
        for tx in block {
            executor
                .push_transaction(&tx.boot, &[], tx.is_l1)
                .map_err(DemoError::at("l2_transactions.push"))?;
            let result =
                executor.execute_next().map_err(DemoError::at("l2_transactions.execute"))?;
            if result.status != TxStatus::Success {
                return Err(DemoError {
                    step: "l2_transactions.execute",
                    reason: format!(
                        "transaction {tx_count} ended {:?}: {}; the bootloader's last debug logs: {:?}",
                        result.status,
                        result.output,
                        result.debug_logs.iter().rev().take(30).collect::<Vec<_>>()
                    ),
                });
            }
            withdrawal_tx_number =
                u16::try_from(tx_count).map_err(DemoError::at("l2_transactions"))?;
            tx_count += 1;
            gas_used += u64::from(result.gas_used);
            cycles += result.cycles;
        }
    }
    let finished = executor
        .finish_batch(&PubdataBuilder::rollup(da_validator))
        .map_err(DemoError::at("batch.finish"))?;
    let sealed =
        SealedBatch::seal(&finished, &mut tree, contracts).map_err(DemoError::at("batch.seal"))?;
    let aux = batch_aux_commitments(&finished).map_err(DemoError::at("batch.aux_commitments"))?;
    Ok(L2Batch {
        sealed,
        tx_count,
        l2_blocks: blocks.len(),
        gas_used,
        cycles,
        withdrawal_tx_number,
        number,
        aggregated_root: natives.aggregated_root,
        last_l2_block_timestamp: finished.fictive_block.timestamp,
        aux,
        finished,
    })
}
