//! The `txMeta` word of a transaction description.
//!
//! bootloader.yul (`BootloaderTxDescription`): byte 0 (least significant) says whether to run
//! the transaction; byte 31 (most significant) is the server-side execution mode. zksync-era
//! multivm `assemble_tx_meta` writes 0x00 for `VerifyExecute` and `EstimateFee`, 0x02 for
//! `EthCall` (execute without validating).

use alloy_primitives::U256;
use serde::{Deserialize, Serialize};

/// How the operator runs transactions (zksync-era `TxExecutionMode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExecutionMode {
    /// Validate and execute, as in a sealed batch.
    #[default]
    VerifyExecute,
    /// The fee-estimation bootloader: validate and execute.
    EstimateFee,
    /// `eth_call`: execute without validation.
    EthCall,
}

impl ExecutionMode {
    /// The mode byte of `txMeta`.
    pub const fn meta_byte(self) -> u8 {
        match self {
            Self::VerifyExecute | Self::EstimateFee => 0x00,
            Self::EthCall => 0x02,
        }
    }
}

/// The `txMeta` word: `execute` in the lowest byte, the mode in the highest.
pub fn tx_meta(mode: ExecutionMode, execute: bool) -> U256 {
    let mut bytes = [0u8; 32];
    bytes[0] = mode.meta_byte();
    bytes[31] = u8::from(execute);
    U256::from_be_bytes(bytes)
}
