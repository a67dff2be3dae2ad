//! Why an operator cannot build the commit data of a batch.

use alloy_primitives::B256;

use crate::ProtocolVersionId;
use crate::executor_model::ExecutorError;
use crate::log_tree::LogTreeError;
use crate::pubdata::PubdataError;
use crate::system_logs::SystemLogKey;

/// Why [`BatchOutputs::commit_data`](super::BatchOutputs::commit_data) failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OperatorError {
    /// Only the Gateway (26–28) and Interop (29 on) system-log layouts are built.
    #[error("protocol version {0} is not supported by the operator (26 or later is)")]
    UnsupportedProtocolVersion(ProtocolVersionId),
    /// The batch gives a nonzero value for a system log its protocol version does not have.
    #[error("protocol version {version} has no {key:?} system log, but the batch gives it {value}")]
    ValueWithoutLog {
        /// The key.
        key: SystemLogKey,
        /// The batch's protocol version.
        version: ProtocolVersionId,
        /// The value given.
        value: B256,
    },
    /// Calldata DA carries one blob's worth of pubdata at most (`PubdataLengthTooBig` on L1).
    #[error("pubdata of {len} bytes does not fit calldata DA (at most {max} bytes)")]
    CalldataPubdataTooLong {
        /// Length of the pubdata.
        len: usize,
        /// The one-blob limit.
        max: usize,
    },
    /// The pubdata cannot be encoded.
    #[error(transparent)]
    Pubdata(#[from] PubdataError),
    /// The user logs do not fit the log tree.
    #[error(transparent)]
    LogTree(#[from] LogTreeError),
    /// The Executor's commitment computation refused the batch.
    #[error(transparent)]
    Commitment(#[from] ExecutorError),
}
