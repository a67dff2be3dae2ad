//! L2→L1 logs: the 88-byte records a batch sends to L1 (user messages and system logs alike).

use alloy_primitives::{Address, B256, keccak256};

/// One L2→L1 log, as the L1Messenger and the bootloader emit it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct L2ToL1Log {
    /// Shard of the log (always 0 today).
    pub shard_id: u8,
    /// Whether the log was emitted by a system contract (true for every log sent to L1 so far).
    pub is_service: bool,
    /// Index of the emitting transaction within the batch.
    pub tx_number_in_block: u16,
    /// The L2 address that sent the log.
    pub sender: Address,
    /// First payload word (for user messages: the sender address left-padded).
    pub key: B256,
    /// Second payload word (for user messages: the keccak of the message).
    pub value: B256,
}

/// Input that does not hold a whole number of 88-byte logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("L2→L1 log data of {len} bytes is not a multiple of {size}", size = L2ToL1Log::SERIALIZED_SIZE)]
pub struct LogLengthError {
    /// Length of the rejected input.
    pub len: usize,
}

impl L2ToL1Log {
    /// Size of the packed encoding: `shard_id ‖ is_service ‖ tx_number (u16 BE) ‖ sender ‖ key ‖ value`.
    pub const SERIALIZED_SIZE: usize = 88;

    /// The packed 88-byte encoding used in pubdata, in the log Merkle tree and in the system logs.
    pub fn to_bytes(&self) -> [u8; Self::SERIALIZED_SIZE] {
        let mut out = [0u8; Self::SERIALIZED_SIZE];
        out[0] = self.shard_id;
        out[1] = u8::from(self.is_service);
        out[2..4].copy_from_slice(&self.tx_number_in_block.to_be_bytes());
        out[4..24].copy_from_slice(self.sender.as_slice());
        out[24..56].copy_from_slice(self.key.as_slice());
        out[56..88].copy_from_slice(self.value.as_slice());
        out
    }

    /// Decodes the packed encoding. Any nonzero `is_service` byte reads as true, as L1 does.
    pub fn from_bytes(bytes: &[u8; Self::SERIALIZED_SIZE]) -> Self {
        Self {
            shard_id: bytes[0],
            is_service: bytes[1] != 0,
            tx_number_in_block: u16::from_be_bytes([bytes[2], bytes[3]]),
            sender: Address::from_slice(&bytes[4..24]),
            key: B256::from_slice(&bytes[24..56]),
            value: B256::from_slice(&bytes[56..88]),
        }
    }

    /// Decodes a concatenation of packed logs.
    pub fn decode_many(bytes: &[u8]) -> Result<Vec<Self>, LogLengthError> {
        let chunks = bytes.chunks_exact(Self::SERIALIZED_SIZE);
        if !chunks.remainder().is_empty() {
            return Err(LogLengthError { len: bytes.len() });
        }
        Ok(chunks
            .map(|chunk| {
                let mut buf = [0u8; Self::SERIALIZED_SIZE];
                buf.copy_from_slice(chunk);
                Self::from_bytes(&buf)
            })
            .collect())
    }

    /// keccak256 of the packed encoding: the leaf of the L2→L1 log Merkle tree.
    pub fn hash(&self) -> B256 {
        keccak256(self.to_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn packed_encoding_round_trips(shard in any::<u8>(), service in any::<bool>(), tx in any::<u16>(),
                                       sender in any::<[u8; 20]>(), key in any::<[u8; 32]>(), value in any::<[u8; 32]>()) {
            let log = L2ToL1Log { shard_id: shard, is_service: service, tx_number_in_block: tx,
                                  sender: Address::from(sender), key: B256::from(key), value: B256::from(value) };
            let bytes = log.to_bytes();
            prop_assert_eq!(L2ToL1Log::from_bytes(&bytes), log);
            prop_assert_eq!(L2ToL1Log::decode_many(&[bytes, bytes].concat()).expect("two logs"), vec![log, log]);
        }
    }

    #[test]
    fn layout_is_big_endian_and_packed() {
        let log = L2ToL1Log {
            shard_id: 0,
            is_service: true,
            tx_number_in_block: 0x0102,
            sender: Address::repeat_byte(0xaa),
            key: B256::repeat_byte(0xbb),
            value: B256::repeat_byte(0xcc),
        };
        let bytes = log.to_bytes();
        assert_eq!(&bytes[..4], &[0, 1, 1, 2]);
        assert_eq!(&bytes[4..24], &[0xaa; 20]);
        assert_eq!(&bytes[24..56], &[0xbb; 32]);
        assert_eq!(&bytes[56..], &[0xcc; 32]);
        assert_eq!(L2ToL1Log::decode_many(&bytes[..87]), Err(LogLengthError { len: 87 }));
    }
}
