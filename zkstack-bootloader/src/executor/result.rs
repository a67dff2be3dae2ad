//! What executing a transaction and a batch produces.

use alloy_primitives::{Address, Bytes, U256};

use super::events::Event;

/// How a transaction ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxStatus {
    /// Executed and its execution succeeded.
    Success,
    /// Included, but its execution reverted (or validation failed in a mode that reports it
    /// as a revert).
    Revert,
    /// Not includable: the bootloader itself stopped (validation failed, out of gas, ...).
    Halt,
}

impl TxStatus {
    /// `"success"`, `"revert"` or `"halt"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Revert => "revert",
            Self::Halt => "halt",
        }
    }
}

/// One storage slot a transaction changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StorageWrite {
    /// Contract.
    pub address: Address,
    /// Slot.
    pub key: U256,
    /// Value before the transaction.
    pub previous: U256,
    /// Value after it.
    pub value: U256,
    /// First write to the slot ever (an initial write in the state diff).
    pub is_initial: bool,
}

/// A system L2→L1 log (`log.tol1`), as zk_evm emits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct L2ToL1Log {
    /// Shard.
    pub shard_id: u8,
    /// The service flag.
    pub is_service: bool,
    /// Transaction number in the batch.
    pub tx_number_in_block: u16,
    /// Emitter.
    pub sender: Address,
    /// Key.
    pub key: U256,
    /// Value.
    pub value: U256,
}

/// A `DebugLog` hook: the bootloader's message and value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DebugLog {
    /// The message (param 0 as text, trailing zero bytes cut).
    pub message: String,
    /// The value (param 1).
    pub value: U256,
}

/// The result of one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxResult {
    /// How it ended.
    pub status: TxStatus,
    /// Return data on success, revert data on revert, the bootloader's revert data on halt.
    pub output: Bytes,
    /// Bootloader ergs spent while it ran (zksync-era `statistics.gas_used`).
    pub gas_used: u32,
    /// Gas refunded to the payer (`NotifyAboutRefund`).
    pub refund: u64,
    /// The refund the operator suggested (`AskOperatorForRefund`).
    pub operator_suggested_refund: u64,
    /// Pubdata published by it (as `vm_fast` counts it for refunds).
    pub pubdata_published: u32,
    /// Storage it changed, in key order.
    pub storage_writes: Vec<StorageWrite>,
    /// Events it emitted.
    pub events: Vec<Event>,
    /// System L2→L1 logs it emitted.
    pub l2_to_l1_logs: Vec<L2ToL1Log>,
    /// Bytecodes it published (compressed bytecodes placed for it).
    pub published_bytecodes: Vec<Bytes>,
    /// The bootloader's debug logs while it ran.
    pub debug_logs: Vec<DebugLog>,
    /// EraVM cycles it took.
    pub cycles: u64,
}

/// What the batch has produced so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchOutputs {
    /// Every changed slot, in key order.
    pub storage_writes: Vec<StorageWrite>,
    /// Every event.
    pub events: Vec<Event>,
    /// Every system L2→L1 log.
    pub l2_to_l1_logs: Vec<L2ToL1Log>,
    /// Bootloader ergs spent.
    pub ergs_used: u32,
    /// EraVM cycles run.
    pub cycles: u64,
    /// Net pubdata spent.
    pub pubdata: i32,
}
