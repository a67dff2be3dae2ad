//! Events and L2→L1 messages as the VM emits them.

use alloy_primitives::{Address, U256};

/// One `log.event` or `log.to_l1`: the fields zk_evm puts in its log query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LogEntry {
    /// Shard of the emitting contract.
    pub shard_id: u8,
    /// The emitting contract (`this` of the frame).
    pub address: Address,
    /// `src0`: the topic or key.
    pub key: U256,
    /// `src1`: the value.
    pub value: U256,
    /// The instruction's first flag (`.first`: the first word of an event; `is_service` of an
    /// L2→L1 message).
    pub is_first: bool,
    /// The transaction number in the block when it was emitted.
    pub tx_number: u16,
}
