//! The L2→L1 logs that messages and priority-transaction statuses leave in a batch.
//!
//! A user message sent through the L1Messenger (`0x8008`) appears in the batch's log tree as the
//! log `{shard 0, service, tx_number_in_batch, sender 0x8008, key = sender left-padded,
//! value = keccak256(message)}` (era-contracts `MessageVerification._l2MessageToLog`). After each
//! priority transaction the bootloader emits `{sender 0x8001, key = canonical tx hash,
//! value = status}` (`Mailbox.proveL1ToL2TransactionStatus`).

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use zkstack_l1::L2ToL1Log;

use crate::addresses::{L2_BOOTLOADER_ADDRESS, L2_TO_L1_MESSENGER_ADDRESS};

/// An arbitrary-length message an L2 contract sent to L1 (era-contracts `L2Message`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct L2Message {
    /// Index of the sending transaction within its batch.
    pub tx_number_in_batch: u16,
    /// The L2 contract that called `sendToL1`.
    pub sender: Address,
    /// The message bytes.
    pub data: Bytes,
}

impl L2Message {
    /// The log the L1Messenger emitted for this message.
    pub fn to_log(&self) -> L2ToL1Log {
        L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: self.tx_number_in_batch,
            sender: L2_TO_L1_MESSENGER_ADDRESS,
            key: self.sender.into_word(),
            value: keccak256(&self.data),
        }
    }

    /// The leaf of the log tree for this message: `keccak256` of the packed log.
    pub fn leaf_hash(&self) -> B256 {
        self.to_log().hash()
    }
}

/// Outcome of a priority (L1→L2) transaction, as the bootloader logs it (era-contracts `TxStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxStatus {
    /// The transaction reverted (log value 0).
    Failure,
    /// The transaction succeeded (log value 1).
    Success,
}

impl TxStatus {
    /// The log value word: 0 for failure, 1 for success.
    pub fn to_word(self) -> B256 {
        B256::from(U256::from(u8::from(self == Self::Success)))
    }
}

/// The log the bootloader emits after processing the priority transaction `tx_hash`.
pub fn tx_status_log(tx_hash: B256, status: TxStatus, tx_number_in_batch: u16) -> L2ToL1Log {
    L2ToL1Log {
        shard_id: 0,
        is_service: true,
        tx_number_in_block: tx_number_in_batch,
        sender: L2_BOOTLOADER_ADDRESS,
        key: tx_hash,
        value: status.to_word(),
    }
}

/// Position in the batch's log list (the tree index) of the `nth` log equal to `log`, if present.
pub fn log_index(logs: &[L2ToL1Log], log: &L2ToL1Log, nth: usize) -> Option<usize> {
    logs.iter().enumerate().filter(|(_, l)| *l == log).map(|(i, _)| i).nth(nth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{address, b256};

    /// Layout per era-contracts `MessageVerification._l2MessageToLog`: key = sender left-padded,
    /// value = keccak256(data), sender = L1Messenger, service flag set.
    #[test]
    fn message_log_layout_matches_contracts() {
        let message = L2Message {
            tx_number_in_batch: 14,
            sender: address!("0x0000000000000000000000000000000000010003"),
            data: Bytes::from_static(b"hello"),
        };
        let log = message.to_log();
        assert_eq!(log.sender, L2_TO_L1_MESSENGER_ADDRESS);
        assert_eq!(
            log.key,
            b256!("0x0000000000000000000000000000000000000000000000000000000000010003")
        );
        assert_eq!(log.value, keccak256(b"hello"));
        let bytes = log.to_bytes();
        assert_eq!(&bytes[..4], &[0, 1, 0, 14]);
        assert_eq!(message.leaf_hash(), keccak256(bytes));
    }

    #[test]
    fn status_log_values() {
        assert_eq!(TxStatus::Success.to_word(), B256::with_last_byte(1));
        assert_eq!(TxStatus::Failure.to_word(), B256::ZERO);
        let log = tx_status_log(B256::repeat_byte(9), TxStatus::Success, 3);
        assert_eq!(log.sender, L2_BOOTLOADER_ADDRESS);
        assert_eq!(log.key, B256::repeat_byte(9));
        let logs = [log, L2ToL1Log::default(), log];
        assert_eq!(log_index(&logs, &log, 0), Some(0));
        assert_eq!(log_index(&logs, &log, 1), Some(2));
        assert_eq!(log_index(&logs, &log, 2), None);
    }
}
