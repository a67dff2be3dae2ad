//! System logs: the L2→L1 logs the bootloader and system contracts send to the Executor so that it
//! can check a committed batch, and the Executor's checks on them.
//!
//! Key numbering per protocol version follows the `SystemLogKey` enum of era-contracts
//! (`l1-contracts/contracts/.../IExecutor.sol`) through its history:
//!
//! | versions | keys |
//! |---|---|
//! | 18–20 (VM 1.4.0/1.4.1) | tree root, total pubdata, state-diff hash, timestamps, previous batch hash, priority hash, L1 tx count, upgrade tx hash |
//! | 21–22 (VM 1.4.2) | as above with blobs 1–2 (keys 7–8) before the upgrade tx hash |
//! | 23–25 (VM 1.5.0) | as above with blobs 1–6 (keys 7–12) |
//! | 26–28 (Gateway) | tree root, timestamps, priority hash, L1 tx count, previous batch hash, L2 DA validator output hash, L2 DA validator address, upgrade tx hash |
//! | 29– (interop, precommits) | Gateway keys with message-root rolling hash and L2 txs status rolling hash before the upgrade tx hash |
//!
//! Sources: tag `release-v20-1.4.1-short-term-fee-model-2dfbc6b` (18–20; unchanged since the
//! contracts merge of 2023-12), commits `132822697` (v0 shared bridge), `4f660af79` (1.5.0),
//! `93c4a32b6` (v26.1 in v27) and `ca978c967` (v29) of era-contracts. [`process_system_logs`] is
//! Executor.sol `_processL2Logs`, [`verify_commit`] the remaining `_commitOneBatch` checks and
//! [`verify_batch_timestamp`] `_verifyBatchTimestamp`, with L1's clock as a parameter.

use alloy_primitives::{Address, B256, U256, address};

use crate::{L2ToL1Log, ProtocolVersionId};

/// The bootloader's formal address.
pub const BOOTLOADER_ADDRESS: Address = address!("0x0000000000000000000000000000000000008001");
/// The L1Messenger system contract.
pub const L1_MESSENGER_ADDRESS: Address = address!("0x0000000000000000000000000000000000008008");
/// The SystemContext system contract.
pub const SYSTEM_CONTEXT_ADDRESS: Address = address!("0x000000000000000000000000000000000000800b");
/// The PubdataChunkPublisher system contract (blob hashes, 1.4.2 to 1.5.0).
pub const PUBDATA_CHUNK_PUBLISHER_ADDRESS: Address =
    address!("0x0000000000000000000000000000000000008011");

/// Executor.sol `MAX_L2_TO_L1_LOGS_COMMITMENT_BYTES`: the most system-log bytes a batch may carry.
pub const MAX_SYSTEM_LOGS_BYTES: usize = 4 + L2ToL1Log::SERIALIZED_SIZE * 512;
/// Executor.sol `COMMIT_TIMESTAMP_APPROXIMATION_DELTA`: how far the last L2 block may run ahead.
pub const COMMIT_TIMESTAMP_APPROXIMATION_DELTA: u64 = 3600;
/// `COMMIT_TIMESTAMP_NOT_OLDER` on mainnet (and on every chain before v29): 3 days.
pub const MAINNET_COMMIT_TIMESTAMP_NOT_OLDER: u64 = 3 * 24 * 3600;
/// `COMMIT_TIMESTAMP_NOT_OLDER` on testnets from v29: 30 days.
pub const TESTNET_COMMIT_TIMESTAMP_NOT_OLDER: u64 = 30 * 24 * 3600;

/// What a system log reports; its number depends on the protocol version ([`SystemLogLayout`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SystemLogKey {
    /// Root of the batch's L2→L1 log tree (L1Messenger).
    L2ToL1LogsTreeRoot,
    /// keccak of the batch's total pubdata (L1Messenger; pre-Gateway).
    TotalL2ToL1Pubdata,
    /// Hash of the state diffs (L1Messenger; pre-Gateway).
    StateDiffHash,
    /// `batchTimestamp << 128 | lastL2BlockTimestamp` (SystemContext).
    PackedBatchAndL2BlockTimestamp,
    /// Hash of the previous batch (SystemContext).
    PrevBatchHash,
    /// Rolling hash of the priority transactions executed (bootloader).
    ChainedPriorityTxnHash,
    /// Number of priority (L1) transactions executed (bootloader).
    NumberOfLayer1Txs,
    /// Linear hash of blob `n` (0-based; PubdataChunkPublisher; 1.4.2 to 1.5.0).
    BlobHash(u8),
    /// Output hash of the L2 DA validator (L1Messenger; Gateway on).
    L2DaValidatorOutputHash,
    /// Address of the L2 DA validator used (L1Messenger; Gateway on).
    UsedL2DaValidatorAddress,
    /// Rolling hash of the interop message roots the batch depends on (bootloader; v29 on).
    MessageRootRollingHash,
    /// Rolling hash of the L2 transactions' statuses, matched against precommitments
    /// (bootloader; v29 on).
    L2TxsStatusRollingHash,
    /// Hash of the system-contract upgrade transaction, only when one is expected (bootloader).
    ExpectedSystemContractUpgradeTxHash,
}

impl SystemLogKey {
    /// The only address allowed to send this log.
    pub const fn sender(self) -> Address {
        match self {
            Self::L2ToL1LogsTreeRoot
            | Self::TotalL2ToL1Pubdata
            | Self::StateDiffHash
            | Self::L2DaValidatorOutputHash
            | Self::UsedL2DaValidatorAddress => L1_MESSENGER_ADDRESS,
            Self::PackedBatchAndL2BlockTimestamp | Self::PrevBatchHash => SYSTEM_CONTEXT_ADDRESS,
            Self::ChainedPriorityTxnHash
            | Self::NumberOfLayer1Txs
            | Self::MessageRootRollingHash
            | Self::L2TxsStatusRollingHash
            | Self::ExpectedSystemContractUpgradeTxHash => BOOTLOADER_ADDRESS,
            Self::BlobHash(_) => PUBDATA_CHUNK_PUBLISHER_ADDRESS,
        }
    }
}

/// The numbering of system log keys in force for a range of protocol versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SystemLogLayout {
    /// Versions 18–20: eight keys, pubdata checked against its hash.
    Boojum,
    /// Versions 21–22: two blob keys.
    TwoBlobs,
    /// Versions 23–25: six blob keys.
    SixBlobs,
    /// Versions 26–28: L2 DA validator keys, state diffs and blobs moved out to the DA validator.
    Gateway,
    /// Versions 29 on: message-root and L2 txs status rolling hashes.
    Interop,
}

use SystemLogKey as K;

const BOOJUM_KEYS: [SystemLogKey; 8] = [
    K::L2ToL1LogsTreeRoot,
    K::TotalL2ToL1Pubdata,
    K::StateDiffHash,
    K::PackedBatchAndL2BlockTimestamp,
    K::PrevBatchHash,
    K::ChainedPriorityTxnHash,
    K::NumberOfLayer1Txs,
    K::ExpectedSystemContractUpgradeTxHash,
];
const TWO_BLOB_KEYS: [SystemLogKey; 10] = [
    K::L2ToL1LogsTreeRoot,
    K::TotalL2ToL1Pubdata,
    K::StateDiffHash,
    K::PackedBatchAndL2BlockTimestamp,
    K::PrevBatchHash,
    K::ChainedPriorityTxnHash,
    K::NumberOfLayer1Txs,
    K::BlobHash(0),
    K::BlobHash(1),
    K::ExpectedSystemContractUpgradeTxHash,
];
const SIX_BLOB_KEYS: [SystemLogKey; 14] = [
    K::L2ToL1LogsTreeRoot,
    K::TotalL2ToL1Pubdata,
    K::StateDiffHash,
    K::PackedBatchAndL2BlockTimestamp,
    K::PrevBatchHash,
    K::ChainedPriorityTxnHash,
    K::NumberOfLayer1Txs,
    K::BlobHash(0),
    K::BlobHash(1),
    K::BlobHash(2),
    K::BlobHash(3),
    K::BlobHash(4),
    K::BlobHash(5),
    K::ExpectedSystemContractUpgradeTxHash,
];
const GATEWAY_KEYS: [SystemLogKey; 8] = [
    K::L2ToL1LogsTreeRoot,
    K::PackedBatchAndL2BlockTimestamp,
    K::ChainedPriorityTxnHash,
    K::NumberOfLayer1Txs,
    K::PrevBatchHash,
    K::L2DaValidatorOutputHash,
    K::UsedL2DaValidatorAddress,
    K::ExpectedSystemContractUpgradeTxHash,
];
const INTEROP_KEYS: [SystemLogKey; 10] = [
    K::L2ToL1LogsTreeRoot,
    K::PackedBatchAndL2BlockTimestamp,
    K::ChainedPriorityTxnHash,
    K::NumberOfLayer1Txs,
    K::PrevBatchHash,
    K::L2DaValidatorOutputHash,
    K::UsedL2DaValidatorAddress,
    K::MessageRootRollingHash,
    K::L2TxsStatusRollingHash,
    K::ExpectedSystemContractUpgradeTxHash,
];

impl SystemLogLayout {
    /// The layout of `version`; pre-Boojum batches had no system logs.
    pub const fn for_version(version: ProtocolVersionId) -> Result<Self, SystemLogError> {
        let minor = version.minor();
        Ok(match minor {
            0..=17 => return Err(SystemLogError::PreBoojum(version)),
            18..=20 => Self::Boojum,
            21..=22 => Self::TwoBlobs,
            23..=25 => Self::SixBlobs,
            26..=28 => Self::Gateway,
            _ => Self::Interop,
        })
    }

    /// Keys in numeric order: `keys()[n]` is the key numbered `n`. The upgrade tx hash is last.
    pub const fn keys(self) -> &'static [SystemLogKey] {
        match self {
            Self::Boojum => &BOOJUM_KEYS,
            Self::TwoBlobs => &TWO_BLOB_KEYS,
            Self::SixBlobs => &SIX_BLOB_KEYS,
            Self::Gateway => &GATEWAY_KEYS,
            Self::Interop => &INTEROP_KEYS,
        }
    }

    /// The number of `key` in this layout, if the layout has it.
    pub fn number_of(self, key: SystemLogKey) -> Option<u8> {
        self.keys().iter().position(|&k| k == key).map(|n| n as u8)
    }

    /// The key numbered `number`, if any.
    pub fn key(self, number: U256) -> Option<SystemLogKey> {
        usize::try_from(number).ok().and_then(|n| self.keys().get(n).copied())
    }

    /// Executor.sol `MAX_LOG_KEY`: the number of the last key (the upgrade tx hash).
    pub const fn max_key(self) -> u8 {
        (self.keys().len() - 1) as u8
    }

    /// Number of blob-hash keys.
    pub fn blob_count(self) -> usize {
        self.keys().iter().filter(|k| matches!(k, K::BlobHash(_))).count()
    }

    /// The bitmap of processed keys the Executor requires: every key but the upgrade tx hash,
    /// plus that one when an upgrade transaction is expected.
    pub fn required_bitmap(self, upgrade_expected: bool) -> U256 {
        let count = usize::from(self.max_key()) + usize::from(upgrade_expected);
        (U256::from(1u8) << count) - U256::from(1u8)
    }
}

/// A check on the system logs or the batch they describe that the Executor would revert on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SystemLogError {
    /// Pre-Boojum batches have no system logs.
    #[error("protocol version {0} is pre-Boojum and has no system logs")]
    PreBoojum(ProtocolVersionId),
    /// The byte string is not a whole number of 88-byte logs (`InvalidSystemLogsLength`).
    #[error("system logs of {len} bytes are not a multiple of 88")]
    InvalidLength {
        /// Byte length given.
        len: usize,
    },
    /// More bytes than `MAX_L2_TO_L1_LOGS_COMMITMENT_BYTES` (`SystemLogsSizeTooBig`).
    #[error("system logs of {len} bytes exceed the maximum of {MAX_SYSTEM_LOGS_BYTES}")]
    TooLong {
        /// Byte length given.
        len: usize,
    },
    /// A key (its low byte, as the Executor's bitmap sees it) came twice (`LogAlreadyProcessed`).
    #[error("system log {index}: key {key} already processed")]
    DuplicateKey {
        /// Position of the offending log.
        index: usize,
        /// Low byte of its key.
        key: u8,
    },
    /// A log came from the wrong address (`InvalidLogSender`).
    #[error("system log {index} ({key:?}) sent by {actual}, expected {expected}")]
    WrongSender {
        /// Position of the offending log.
        index: usize,
        /// What the log reports.
        key: SystemLogKey,
        /// Required sender.
        expected: Address,
        /// Actual sender.
        actual: Address,
    },
    /// A key beyond the layout (`UnexpectedSystemLog`).
    #[error("system log {index} has unknown key {key}")]
    UnexpectedKey {
        /// Position of the offending log.
        index: usize,
        /// The key.
        key: U256,
    },
    /// The upgrade tx hash log does not match the expected upgrade (`TxHashMismatch`).
    #[error("upgrade tx hash in logs {in_logs} differs from expected {expected}")]
    UpgradeTxHashMismatch {
        /// Value in the log.
        in_logs: B256,
        /// Value expected by L1.
        expected: B256,
    },
    /// The L2 DA validator in the logs is not the chain's (`MismatchL2DAValidator`).
    #[error("L2 DA validator in logs {in_logs} differs from the chain's {expected}")]
    L2DaValidatorMismatch {
        /// Address in the log (low 20 bytes of the value).
        in_logs: Address,
        /// The chain's L2 DA validator.
        expected: Address,
    },
    /// keccak of the given pubdata differs from the log (versions 18–20, `"wp"`).
    #[error("total pubdata hash in logs {in_logs} differs from keccak(pubdata) {expected}")]
    PubdataHashMismatch {
        /// Value in the log.
        in_logs: B256,
        /// keccak of the pubdata given.
        expected: B256,
    },
    /// The version checks a value that the caller did not provide.
    #[error("protocol version {version} needs `{field}` to check the system logs")]
    MissingParameter {
        /// Version of the batch.
        version: ProtocolVersionId,
        /// The parameter field that is `None`.
        field: &'static str,
    },
    /// Not every required key was present exactly once (`MissingSystemLogs`).
    #[error(
        "system logs incomplete: bitmap {processed:#x}, required {required:#x}, missing {missing:?}"
    )]
    MissingLogs {
        /// Bitmap required.
        required: U256,
        /// Bitmap seen.
        processed: U256,
        /// Keys required but absent.
        missing: Vec<SystemLogKey>,
    },
    /// The previous batch hash in the logs is not the stored previous batch's (`HashMismatch`).
    #[error("previous batch hash in logs {in_logs} differs from stored {expected}")]
    PrevBatchHashMismatch {
        /// Value in the logs.
        in_logs: B256,
        /// Hash of the stored previous batch.
        expected: B256,
    },
    /// The priority operations hash in the logs differs from the batch's (`HashMismatch`).
    #[error("priority operations hash in logs {in_logs} differs from committed {expected}")]
    PriorityOpsHashMismatch {
        /// Value in the logs.
        in_logs: B256,
        /// Value in the commit data.
        expected: B256,
    },
    /// The number of L1 transactions in the logs differs from the batch's (`ValueMismatch`).
    #[error("L1 transaction count in logs {in_logs} differs from committed {expected}")]
    NumberOfLayer1TxsMismatch {
        /// Value in the logs.
        in_logs: U256,
        /// Value in the commit data.
        expected: U256,
    },
    /// A stored precommitment does not match the L2 txs status rolling hash
    /// (`PrecommitmentMismatch`, v29 on).
    #[error("L2 txs status rolling hash {in_logs} differs from stored precommitment {stored}")]
    PrecommitmentMismatch {
        /// Value in the logs.
        in_logs: B256,
        /// Stored precommitment.
        stored: B256,
    },
    /// The batch timestamp in the logs differs from the committed one (`TimestampError`, `"tb"`).
    #[error("batch timestamp in logs {in_logs} differs from committed {expected}")]
    BatchTimestampMismatch {
        /// Batch timestamp from the packed log.
        in_logs: u128,
        /// Timestamp in the commit data.
        expected: u64,
    },
    /// The batch is not newer than the previous one (`NonIncreasingTimestamp`, `"h3"`).
    #[error("batch timestamp {batch} not after previous batch timestamp {previous}")]
    NonIncreasingTimestamp {
        /// Previous batch's timestamp.
        previous: u64,
        /// This batch's timestamp.
        batch: u128,
    },
    /// `block.timestamp - COMMIT_TIMESTAMP_NOT_OLDER` underflows: Solidity reverts (panic 0x11).
    #[error("L1 time {l1_timestamp} is below the allowed age {not_older}: arithmetic underflow")]
    L1TimeUnderflow {
        /// L1 block timestamp.
        l1_timestamp: u64,
        /// Allowed age.
        not_older: u64,
    },
    /// The batch is too old to commit (`TimeNotReached`, `"h1"`).
    #[error("batch timestamp {batch} older than the earliest allowed {earliest}")]
    BatchTooOld {
        /// This batch's timestamp.
        batch: u128,
        /// `block.timestamp - COMMIT_TIMESTAMP_NOT_OLDER`.
        earliest: u64,
    },
    /// The last L2 block is too far in the future (`L2TimestampTooBig`, `"h2"`).
    #[error("last L2 block timestamp {last_l2_block} after the latest allowed {latest}")]
    L2BlockTooNew {
        /// Last L2 block's timestamp.
        last_l2_block: u128,
        /// `block.timestamp + COMMIT_TIMESTAMP_APPROXIMATION_DELTA`.
        latest: u128,
    },
}

/// What L1 knows in advance when processing a batch's system logs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProcessLogsParams {
    /// Hash of the upgrade transaction L1 expects in this batch; zero when none.
    pub expected_upgrade_tx_hash: B256,
    /// The chain's L2 DA validator (`s.l2DAValidator`); needed from version 26.
    pub l2_da_validator: Option<Address>,
    /// keccak of the batch's `totalL2ToL1Pubdata`; needed for versions 18–20.
    pub total_pubdata_hash: Option<B256>,
}

/// The values the Executor extracts from the system logs (`LogProcessingOutput`); fields a
/// version does not have stay zero, as in Solidity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogProcessingOutput {
    /// Root of the batch's L2→L1 log tree.
    pub l2_logs_tree_root: B256,
    /// `batchTimestamp << 128 | lastL2BlockTimestamp`.
    pub packed_batch_and_l2_block_timestamp: U256,
    /// Hash of the previous batch.
    pub previous_batch_hash: B256,
    /// Rolling hash of the executed priority transactions.
    pub chained_priority_txs_hash: B256,
    /// Number of executed priority transactions.
    pub number_of_layer1_txs: U256,
    /// keccak of the total pubdata (21–25).
    pub pubdata_hash: B256,
    /// State-diff hash (18–25).
    pub state_diff_hash: B256,
    /// Blob linear hashes (2 for 21–22, 6 for 23–25, none otherwise).
    pub blob_hashes: Vec<B256>,
    /// L2 DA validator output hash (26 on).
    pub l2_da_validator_output_hash: B256,
    /// Message-root rolling hash (`dependencyRootsRollingHash`, 29 on).
    pub message_root_rolling_hash: B256,
    /// L2 txs status rolling hash (29 on).
    pub l2_txs_status_rolling_hash: B256,
}

impl LogProcessingOutput {
    /// The batch timestamp (high 128 bits of the packed value).
    pub fn batch_timestamp(&self) -> u128 {
        (self.packed_batch_and_l2_block_timestamp >> 128usize).saturating_to::<u128>()
    }

    /// The last L2 block's timestamp (low 128 bits of the packed value).
    pub fn last_l2_block_timestamp(&self) -> u128 {
        (self.packed_batch_and_l2_block_timestamp & U256::from(u128::MAX)).saturating_to::<u128>()
    }
}

/// Executor.sol `_processL2Logs` (plus the length limits it and `_batchAuxiliaryOutput` impose)
/// over the packed system logs of a batch: every key at most once (by its low byte, as the
/// Executor's bitmap), each from its sender, no unknown keys, all required keys present; returns
/// the extracted values.
pub fn process_system_logs(
    version: ProtocolVersionId,
    system_logs: &[u8],
    params: &ProcessLogsParams,
) -> Result<LogProcessingOutput, SystemLogError> {
    let layout = SystemLogLayout::for_version(version)?;
    if !system_logs.len().is_multiple_of(L2ToL1Log::SERIALIZED_SIZE) {
        return Err(SystemLogError::InvalidLength { len: system_logs.len() });
    }
    if system_logs.len() > MAX_SYSTEM_LOGS_BYTES {
        return Err(SystemLogError::TooLong { len: system_logs.len() });
    }
    let mut out = LogProcessingOutput {
        blob_hashes: vec![B256::ZERO; layout.blob_count()],
        ..Default::default()
    };
    let mut processed = U256::ZERO;
    for (index, chunk) in system_logs.chunks_exact(L2ToL1Log::SERIALIZED_SIZE).enumerate() {
        let mut raw = [0u8; L2ToL1Log::SERIALIZED_SIZE];
        raw.copy_from_slice(chunk);
        let log = L2ToL1Log::from_bytes(&raw);
        let number = U256::from_be_bytes(log.key.0);
        let bit = log.key.0[31];
        if processed.bit(usize::from(bit)) {
            return Err(SystemLogError::DuplicateKey { index, key: bit });
        }
        processed.set_bit(usize::from(bit), true);
        let Some(key) = layout.key(number) else {
            return Err(SystemLogError::UnexpectedKey { index, key: number });
        };
        if log.sender != key.sender() {
            return Err(SystemLogError::WrongSender {
                index,
                key,
                expected: key.sender(),
                actual: log.sender,
            });
        }
        record(layout, version, key, log.value, params, &mut out)?;
    }
    let required = layout.required_bitmap(params.expected_upgrade_tx_hash != B256::ZERO);
    if processed != required {
        let missing = (0..layout.keys().len())
            .filter(|&n| required.bit(n) && !processed.bit(n))
            .map(|n| layout.keys()[n])
            .collect();
        return Err(SystemLogError::MissingLogs { required, processed, missing });
    }
    Ok(out)
}

fn record(
    layout: SystemLogLayout,
    version: ProtocolVersionId,
    key: SystemLogKey,
    value: B256,
    params: &ProcessLogsParams,
    out: &mut LogProcessingOutput,
) -> Result<(), SystemLogError> {
    let missing = |field| SystemLogError::MissingParameter { version, field };
    match key {
        K::L2ToL1LogsTreeRoot => out.l2_logs_tree_root = value,
        K::TotalL2ToL1Pubdata if layout == SystemLogLayout::Boojum => {
            let expected = params.total_pubdata_hash.ok_or(missing("total_pubdata_hash"))?;
            if expected != value {
                return Err(SystemLogError::PubdataHashMismatch { in_logs: value, expected });
            }
        }
        K::TotalL2ToL1Pubdata => out.pubdata_hash = value,
        K::StateDiffHash => out.state_diff_hash = value,
        K::PackedBatchAndL2BlockTimestamp => {
            out.packed_batch_and_l2_block_timestamp = U256::from_be_bytes(value.0);
        }
        K::PrevBatchHash => out.previous_batch_hash = value,
        K::ChainedPriorityTxnHash => out.chained_priority_txs_hash = value,
        K::NumberOfLayer1Txs => out.number_of_layer1_txs = U256::from_be_bytes(value.0),
        K::BlobHash(n) => {
            if let Some(slot) = out.blob_hashes.get_mut(usize::from(n)) {
                *slot = value;
            }
        }
        K::L2DaValidatorOutputHash => out.l2_da_validator_output_hash = value,
        K::UsedL2DaValidatorAddress => {
            let expected = params.l2_da_validator.ok_or(missing("l2_da_validator"))?;
            let in_logs = Address::from_word(value);
            // Solidity compares `address(uint160(uint256(value)))`: only the low 20 bytes count.
            if in_logs != expected {
                return Err(SystemLogError::L2DaValidatorMismatch { in_logs, expected });
            }
        }
        K::MessageRootRollingHash => out.message_root_rolling_hash = value,
        K::L2TxsStatusRollingHash => out.l2_txs_status_rolling_hash = value,
        K::ExpectedSystemContractUpgradeTxHash => {
            if params.expected_upgrade_tx_hash != value {
                return Err(SystemLogError::UpgradeTxHashMismatch {
                    in_logs: value,
                    expected: params.expected_upgrade_tx_hash,
                });
            }
        }
    }
    Ok(())
}

/// L1's clock and tolerances for [`verify_batch_timestamp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct L1TimeBounds {
    /// `block.timestamp` of the L1 block committing the batch.
    pub l1_timestamp: u64,
    /// `COMMIT_TIMESTAMP_NOT_OLDER`: how old (seconds) a batch may be.
    pub not_older: u64,
    /// `COMMIT_TIMESTAMP_APPROXIMATION_DELTA`: how far (seconds) the last L2 block may run ahead.
    pub approximation_delta: u64,
}

impl L1TimeBounds {
    /// Mainnet tolerances (3 days old, 1 hour ahead) at L1 time `l1_timestamp`.
    pub const fn mainnet(l1_timestamp: u64) -> Self {
        Self {
            l1_timestamp,
            not_older: MAINNET_COMMIT_TIMESTAMP_NOT_OLDER,
            approximation_delta: COMMIT_TIMESTAMP_APPROXIMATION_DELTA,
        }
    }
}

/// Executor.sol `_verifyBatchTimestamp`: the batch timestamp in the logs equals the committed one
/// and exceeds the previous batch's; the batch is not older than `not_older`; the last L2 block
/// is at most `approximation_delta` ahead of L1.
pub fn verify_batch_timestamp(
    packed_batch_and_l2_block_timestamp: U256,
    expected_batch_timestamp: u64,
    previous_batch_timestamp: u64,
    bounds: L1TimeBounds,
) -> Result<(), SystemLogError> {
    let batch = (packed_batch_and_l2_block_timestamp >> 128usize).saturating_to::<u128>();
    let last_l2_block =
        (packed_batch_and_l2_block_timestamp & U256::from(u128::MAX)).saturating_to::<u128>();
    if batch != u128::from(expected_batch_timestamp) {
        return Err(SystemLogError::BatchTimestampMismatch {
            in_logs: batch,
            expected: expected_batch_timestamp,
        });
    }
    if u128::from(previous_batch_timestamp) >= batch {
        return Err(SystemLogError::NonIncreasingTimestamp {
            previous: previous_batch_timestamp,
            batch,
        });
    }
    let earliest = bounds.l1_timestamp.checked_sub(bounds.not_older).ok_or(
        SystemLogError::L1TimeUnderflow {
            l1_timestamp: bounds.l1_timestamp,
            not_older: bounds.not_older,
        },
    )?;
    if u128::from(earliest) > batch {
        return Err(SystemLogError::BatchTooOld { batch, earliest });
    }
    let latest = u128::from(bounds.l1_timestamp) + u128::from(bounds.approximation_delta);
    if last_l2_block > latest {
        return Err(SystemLogError::L2BlockTooNew { last_l2_block, latest });
    }
    Ok(())
}

/// What the commit data and L1 state say the logs must agree with ([`verify_commit`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitExpectations {
    /// `batchHash` (state root) of the stored previous batch.
    pub previous_batch_hash: B256,
    /// Timestamp of the stored previous batch.
    pub previous_batch_timestamp: u64,
    /// `priorityOperationsHash` of the commit data.
    pub priority_operations_hash: B256,
    /// `numberOfLayer1Txs` of the commit data.
    pub number_of_layer1_txs: U256,
    /// `timestamp` of the commit data.
    pub batch_timestamp: u64,
    /// Stored precommitment for the batch (v29 on); `None` or the default value skips the check.
    pub stored_precommitment: Option<B256>,
    /// L1's clock and tolerances.
    pub time: L1TimeBounds,
}

/// Executor.sol `DEFAULT_PRECOMMITMENT_FOR_THE_LAST_BATCH`: `bytes32(uint256(1))`.
pub const DEFAULT_PRECOMMITMENT: B256 = B256::with_last_byte(1);

/// The `_commitOneBatch` checks after `_processL2Logs`, in the Executor's order: previous batch
/// hash, priority operations hash, number of L1 transactions, precommitment (v29 on), timestamps.
pub fn verify_commit(
    version: ProtocolVersionId,
    logs: &LogProcessingOutput,
    expected: &CommitExpectations,
) -> Result<(), SystemLogError> {
    if logs.previous_batch_hash != expected.previous_batch_hash {
        return Err(SystemLogError::PrevBatchHashMismatch {
            in_logs: logs.previous_batch_hash,
            expected: expected.previous_batch_hash,
        });
    }
    if logs.chained_priority_txs_hash != expected.priority_operations_hash {
        return Err(SystemLogError::PriorityOpsHashMismatch {
            in_logs: logs.chained_priority_txs_hash,
            expected: expected.priority_operations_hash,
        });
    }
    if logs.number_of_layer1_txs != expected.number_of_layer1_txs {
        return Err(SystemLogError::NumberOfLayer1TxsMismatch {
            in_logs: logs.number_of_layer1_txs,
            expected: expected.number_of_layer1_txs,
        });
    }
    if !version.is_pre_interop()
        && let Some(stored) = expected.stored_precommitment
        && stored != B256::ZERO
        && stored != DEFAULT_PRECOMMITMENT
        && stored != logs.l2_txs_status_rolling_hash
    {
        return Err(SystemLogError::PrecommitmentMismatch {
            in_logs: logs.l2_txs_status_rolling_hash,
            stored,
        });
    }
    verify_batch_timestamp(
        logs.packed_batch_and_l2_block_timestamp,
        expected.batch_timestamp,
        expected.previous_batch_timestamp,
        expected.time,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(n: u16) -> ProtocolVersionId {
        ProtocolVersionId::new(n).expect("supported")
    }

    #[test]
    fn layouts_follow_era_contracts_history() {
        assert_eq!(SystemLogLayout::for_version(v(17)), Err(SystemLogError::PreBoojum(v(17))));
        let cases = [
            (18, 7, Some(4), 0),
            (20, 7, Some(4), 0),
            (21, 9, Some(4), 2),
            (23, 13, Some(4), 6),
            (25, 13, Some(4), 6),
            (26, 7, Some(4), 0),
            (29, 9, Some(4), 0),
            (31, 9, Some(4), 0),
        ];
        for (version, max, prev, blobs) in cases {
            let layout = SystemLogLayout::for_version(v(version)).expect("boojum");
            assert_eq!(layout.max_key(), max, "v{version}");
            // PREV_BATCH_HASH_KEY stays 4 across the Gateway reshuffle (IExecutor.sol comment).
            assert_eq!(layout.number_of(K::PrevBatchHash), prev, "v{version}");
            assert_eq!(layout.blob_count(), blobs, "v{version}");
            assert_eq!(layout.keys().last(), Some(&K::ExpectedSystemContractUpgradeTxHash));
        }
        // Masks from the Executor's comments: 127/255 (v20), 511/1023 (v22), 8191/16383 (1.5.0).
        assert_eq!(SystemLogLayout::Boojum.required_bitmap(false), U256::from(127));
        assert_eq!(SystemLogLayout::Boojum.required_bitmap(true), U256::from(255));
        assert_eq!(SystemLogLayout::TwoBlobs.required_bitmap(false), U256::from(511));
        assert_eq!(SystemLogLayout::SixBlobs.required_bitmap(true), U256::from(16383));
        assert_eq!(SystemLogLayout::Gateway.number_of(K::UsedL2DaValidatorAddress), Some(6));
        assert_eq!(SystemLogLayout::Interop.number_of(K::L2TxsStatusRollingHash), Some(8));
    }
}
