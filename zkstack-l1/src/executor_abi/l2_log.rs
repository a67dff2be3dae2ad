//! The Solidity `L2Log` struct and the packed 88-byte [`L2ToL1Log`] are the same record.

use super::sol::L2Log;
use crate::L2ToL1Log;

impl From<L2ToL1Log> for L2Log {
    fn from(log: L2ToL1Log) -> Self {
        Self {
            l2ShardId: log.shard_id,
            isService: log.is_service,
            txNumberInBatch: log.tx_number_in_block,
            sender: log.sender,
            key: log.key,
            value: log.value,
        }
    }
}

impl From<L2Log> for L2ToL1Log {
    fn from(log: L2Log) -> Self {
        Self {
            shard_id: log.l2ShardId,
            is_service: log.isService,
            tx_number_in_block: log.txNumberInBatch,
            sender: log.sender,
            key: log.key,
            value: log.value,
        }
    }
}
