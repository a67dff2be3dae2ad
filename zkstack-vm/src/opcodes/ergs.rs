//! Base ergs prices of the opcodes, charged before an instruction executes.
//!
//! The price of an opcode is a sum of the circuit costs its execution incurs (one VM cycle, some
//! RAM permutations, log-demuxer and sorter queries) plus, for storage and messaging, a price for
//! the I/O it causes. Dynamic costs (memory growth, cold/warm refunds, far-call stipends,
//! decommitment) are charged by the interpreter on top.

use super::{LogOp, Opcode};

/// Cost of one VM cycle in the main circuit.
pub const VM_CYCLE: u32 = 4;
/// Cost of one query to the RAM permutation circuit.
pub const RAM_PERMUTATION: u32 = 1;
/// Cost of one query to the log demuxer.
pub const LOG_DEMUXER: u32 = 1;
/// Cost of one query to the storage sorter.
pub const STORAGE_SORTER: u32 = 2;
/// Cost of one query to the events / L1-messages sorter.
pub const EVENTS_OR_L1_MESSAGES_SORTER: u32 = 1;
/// Cost of one query to the transient storage checker.
pub const TRANSIENT_STORE_CHECKER: u32 = 2;
/// Cost of one query to the code decommitment sorter.
pub const CODE_DECOMMITMENT_SORTER: u32 = 1;

/// Extra price for anything that creates a call-stack entry.
pub const CALL_LIKE: u32 = 20;
/// I/O price of the storage read every far call does (to find the callee's code hash).
pub const STORAGE_READ_IO: u32 = 150;
/// I/O price of an event.
pub const EVENT_IO: u32 = 25;
/// I/O price of an L2→L1 message (it is merklized).
pub const L1_MESSAGE_IO: u32 = 100;

/// Storage read, priced as cold (warm reads are refunded by the interpreter).
pub const STORAGE_COLD_READ: u32 = 2000;
/// Storage write, priced as cold. At least 2301 ergs, so that a 2300-erg `transfer` stipend can
/// never write storage (reentrancy protection).
pub const STORAGE_COLD_WRITE: u32 = 5500;
/// Transient storage read (always warm).
pub const TRANSIENT_READ: u32 = 30;
/// Transient storage write (always warm).
pub const TRANSIENT_WRITE: u32 = 60;

/// Price of an opcode that only uses registers or one stack slot each way.
pub const AVERAGE_OPCODE: u32 = VM_CYCLE + RAM_PERMUTATION;
/// Price of an opcode that may read and write its operands on the stack.
pub const RICH_ADDRESSING_OPCODE: u32 = VM_CYCLE + 2 * RAM_PERMUTATION;
/// Price of the invalid opcode: everything the frame has.
pub const INVALID_OPCODE: u32 = u32::MAX;

impl Opcode {
    /// The base ergs price of this opcode.
    pub const fn ergs_cost(self) -> u32 {
        match self {
            Opcode::Invalid => INVALID_OPCODE,
            Opcode::Nop
            | Opcode::Add
            | Opcode::Sub
            | Opcode::Mul
            | Opcode::Div
            | Opcode::Jump
            | Opcode::Bitwise(_)
            | Opcode::Shift(_)
            | Opcode::Ptr(_) => RICH_ADDRESSING_OPCODE,
            Opcode::NearCall => AVERAGE_OPCODE + CALL_LIKE,
            Opcode::Context(_) | Opcode::Ret(_) => AVERAGE_OPCODE,
            Opcode::Log(op) => log_cost(op),
            Opcode::FarCall(_) => {
                2 * VM_CYCLE
                    + RAM_PERMUTATION
                    + STORAGE_READ_IO
                    + CALL_LIKE
                    + STORAGE_SORTER
                    + CODE_DECOMMITMENT_SORTER
                    + LOG_DEMUXER
            }
            Opcode::Heap(op) => {
                if op.is_write() {
                    2 * VM_CYCLE + 5 * RAM_PERMUTATION
                } else {
                    VM_CYCLE + 3 * RAM_PERMUTATION
                }
            }
        }
    }
}

const fn log_cost(op: LogOp) -> u32 {
    let base = VM_CYCLE + RAM_PERMUTATION;
    match op {
        LogOp::StorageRead => base + LOG_DEMUXER + STORAGE_SORTER + STORAGE_COLD_READ,
        LogOp::StorageWrite => base + 2 * LOG_DEMUXER + 2 * STORAGE_SORTER + STORAGE_COLD_WRITE,
        LogOp::ToL1Message => {
            base + 2 * LOG_DEMUXER + 2 * EVENTS_OR_L1_MESSAGES_SORTER + L1_MESSAGE_IO
        }
        LogOp::Event => base + 2 * LOG_DEMUXER + 2 * EVENTS_OR_L1_MESSAGES_SORTER + EVENT_IO,
        LogOp::PrecompileCall => base + LOG_DEMUXER,
        LogOp::Decommit => base + CODE_DECOMMITMENT_SORTER,
        LogOp::TransientStorageRead => {
            base + LOG_DEMUXER + TRANSIENT_STORE_CHECKER + TRANSIENT_READ
        }
        LogOp::TransientStorageWrite => {
            base + 2 * LOG_DEMUXER + 2 * TRANSIENT_STORE_CHECKER + TRANSIENT_WRITE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opcodes::{FarCallKind, HeapOp};

    #[test]
    fn known_prices() {
        assert_eq!(Opcode::Add.ergs_cost(), 6);
        assert_eq!(Opcode::NearCall.ergs_cost(), 25);
        assert_eq!(Opcode::FarCall(FarCallKind::Normal).ergs_cost(), 183);
        assert_eq!(Opcode::Log(LogOp::StorageRead).ergs_cost(), 2008);
        assert_eq!(Opcode::Log(LogOp::StorageWrite).ergs_cost(), 5511);
        assert_eq!(Opcode::Log(LogOp::TransientStorageWrite).ergs_cost(), 71);
        assert_eq!(Opcode::Heap(HeapOp::HeapWrite).ergs_cost(), 13);
        assert_eq!(Opcode::Heap(HeapOp::FatPointerRead).ergs_cost(), 7);
        assert_eq!(Opcode::Invalid.ergs_cost(), u32::MAX);
    }
}
