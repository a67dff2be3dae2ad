//! The batch and system environments of a dump (zksync-era `L1BatchEnv`, `L2BlockEnv`,
//! `SystemEnv`, `SystemContractCode`, `L2BlockExecutionData`).

use alloy_primitives::{Address, B256, U256};
use serde::Deserialize;

use super::tx::DumpTransaction;
use crate::fee::BatchFeeInput;
use crate::memory::ExecutionMode;

/// The batch being executed.
#[derive(Clone, Debug, Deserialize)]
pub struct L1BatchEnv {
    /// Hash of the previous batch; absent in oneshot dumps (then the bootloader does not start
    /// a new batch in the system context).
    #[serde(default)]
    pub previous_batch_hash: Option<B256>,
    /// Batch number.
    pub number: u32,
    /// Batch timestamp.
    pub timestamp: u64,
    /// Fee input.
    pub fee_input: BatchFeeInput,
    /// Where fees go.
    pub fee_account: Address,
    /// A base fee that overrides the derived one (fee estimation, `eth_call`).
    #[serde(default)]
    pub enforced_base_fee: Option<u64>,
    /// The batch's first L2 block.
    pub first_l2_block: L2BlockEnv,
}

/// An L2 block as the batch environment names it.
#[derive(Clone, Debug, Deserialize)]
pub struct L2BlockEnv {
    /// Block number.
    pub number: u32,
    /// Block timestamp.
    pub timestamp: u64,
    /// Hash of the previous block.
    pub prev_block_hash: B256,
    /// Virtual blocks to create with it.
    pub max_virtual_blocks_to_create: u32,
}

/// An L2 block to execute, with its transactions.
#[derive(Clone, Debug, Deserialize)]
pub struct L2BlockExecution {
    /// Block number.
    pub number: u32,
    /// Block timestamp.
    pub timestamp: u64,
    /// Hash of the previous block.
    pub prev_block_hash: B256,
    /// Virtual blocks to create with it.
    pub virtual_blocks: u32,
    /// The transactions, in order.
    pub txs: Vec<DumpTransaction>,
}

/// Code of a base system contract: 32-byte words and its versioned hash.
#[derive(Clone, Debug, Deserialize)]
pub struct SystemContractCode {
    /// The code, one word each.
    pub code: Vec<U256>,
    /// Its versioned bytecode hash.
    pub hash: B256,
}

/// The base system contracts the dump names.
#[derive(Clone, Debug, Deserialize)]
pub struct SystemContractsJson {
    /// The bootloader.
    pub bootloader: SystemContractCode,
    /// The default account.
    pub default_aa: SystemContractCode,
    /// The EVM emulator, if the chain has one.
    #[serde(default)]
    pub evm_emulator: Option<SystemContractCode>,
}

/// The system environment.
#[derive(Clone, Debug, Deserialize)]
pub struct SystemEnv {
    /// Protocol version, as zksync-era names it (`"Version26"`).
    pub version: String,
    /// Bootloader, default account, EVM emulator.
    pub base_system_smart_contracts: SystemContractsJson,
    /// Ergs the bootloader starts with.
    pub bootloader_gas_limit: u32,
    /// How transactions are run.
    pub execution_mode: ExecutionMode,
    /// The computational gas account validation may use.
    pub default_validation_computational_gas_limit: u32,
    /// The L2 chain id.
    pub chain_id: u64,
}
