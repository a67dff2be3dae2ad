//! The environments a batch runs in.

use crate::dump::{DumpError, VmDump};
use crate::fee::FeeError;
use crate::l2_block::L2BlockEnv;
use crate::memory::{BatchEnvWords, ExecutionMode};

/// The batch: number, time, fees, and its first L2 block (the same type SystemContext's rules
/// check, [`crate::l2_block::BatchEnv`]).
pub use crate::l2_block::BatchEnv;

/// How the bootloader runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemEnvironment {
    /// Ergs the bootloader starts with.
    pub bootloader_gas_limit: u32,
    /// Validate-and-execute, estimate or `eth_call`.
    pub execution_mode: ExecutionMode,
    /// Computational gas account validation may use in the whole run.
    pub default_validation_computational_gas_limit: u32,
    /// L2 chain id.
    pub chain_id: u64,
}

impl BatchEnv {
    /// The base fee the bootloader expects: the enforced one, else the derived one (multivm
    /// `get_batch_base_fee`, protocol version 26).
    ///
    /// # Errors
    /// [`FeeError`] on an out-of-range fee input.
    pub fn base_fee(&self) -> Result<u64, FeeError> {
        crate::fee::batch_base_fee(
            self.fee_input,
            self.enforced_base_fee,
            crate::l1::ProtocolVersionId::GATEWAY,
        )
    }

    /// The eight words of bootloader memory this environment fills.
    ///
    /// # Errors
    /// [`FeeError`] on an out-of-range fee input.
    pub fn words(&self) -> Result<BatchEnvWords, FeeError> {
        Ok(BatchEnvWords {
            operator: self.fee_account,
            previous_batch_hash: self.previous_batch_hash,
            timestamp: self.timestamp,
            number: u64::from(self.number),
            fair_pubdata_price: self.fee_input.fair_pubdata_price()?,
            fair_l2_gas_price: self.fee_input.fair_l2_gas_price(),
            expected_base_fee: self.base_fee()?,
        })
    }

    /// The batch environment of a dump.
    pub fn from_dump(dump: &VmDump) -> Self {
        let e = &dump.l1_batch_env;
        let b = &e.first_l2_block;
        BatchEnv {
            previous_batch_hash: e.previous_batch_hash,
            number: e.number,
            timestamp: e.timestamp,
            fee_input: e.fee_input,
            fee_account: e.fee_account,
            enforced_base_fee: e.enforced_base_fee,
            first_l2_block: L2BlockEnv {
                number: b.number,
                timestamp: b.timestamp,
                prev_block_hash: b.prev_block_hash,
                max_virtual_blocks_to_create: b.max_virtual_blocks_to_create,
            },
        }
    }
}

impl SystemEnvironment {
    /// The system environment of a dump.
    ///
    /// # Errors
    /// [`DumpError::UnsupportedVersion`] unless the dump is protocol version 26.
    pub fn from_dump(dump: &VmDump) -> Result<Self, DumpError> {
        let s = &dump.system_env;
        if s.version != "Version26" {
            return Err(DumpError::UnsupportedVersion(s.version.clone()));
        }
        Ok(SystemEnvironment {
            bootloader_gas_limit: s.bootloader_gas_limit,
            execution_mode: s.execution_mode,
            default_validation_computational_gas_limit: s
                .default_validation_computational_gas_limit,
            chain_id: s.chain_id,
        })
    }
}
