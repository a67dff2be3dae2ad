//! The Executor facet's calldata for every protocol generation, encode and decode.
//!
//! Operators (through the ValidatorTimelock) commit, prove and execute batches by calling the
//! Executor facet of a chain's diamond proxy. Its interface changed five times; every generation
//! is an [`ExecutorGeneration`], every function an entry of [`EXECUTOR_FUNCTIONS`], and every call
//! an [`ExecutorCall`]:
//!
//! | generation | versions | calls |
//! |---|---|---|
//! | pre-Boojum | ≤ v17 | `commitBlocks(StoredBlockInfo, CommitBlockInfo[])`, `proveBlocks`, `executeBlocks` |
//! | Boojum | v18–v22 | `commitBatches(StoredBatchInfo, CommitBatchInfo[])`, `proveBatches`, `executeBatches` |
//! | shared bridge | v23–v25 | the same behind `uint256 chainId` (`…SharedBridge`) |
//! | Gateway | v26–v28 | `(uint256 chainId, uint256 from, uint256 to, bytes data)`, `data = 0x00 ‖ abi.encode(…)` |
//! | interop | v29+ | `(address chain, uint256 from, uint256 to, bytes data)`, `data = 0x01 ‖ abi.encode(…)`, `precommitSharedBridge` |
//!
//! Within interop, v31 ("medium interop") extends only the execute payload (logs, messages,
//! multichain roots, settlement fee payer): [`InteropData::ExecuteMediumInterop`].
//!
//! Sources: era-contracts `IExecutor.sol`, `Executor.sol` and `BatchDecoder.sol` on the release
//! branches of each generation (v31: branch `draft-v31`), and zksync-era
//! `core/lib/l1_contract_interface/src/i_executor`. Not modelled: the ZKsync OS commit encoding
//! (version byte 4 of `draft-v31`) and `settleBatchesSharedBridge`.

mod call;
mod commit_batch_info;
mod decode;
mod encode;
mod error;
mod functions;
mod generation;
mod interop_root;
mod l2_log;
mod payload;
mod sol;
mod stored_batch_info;

pub use call::{
    BatchNumbers, CallKind, ExecutorCall, GatewayData, InteropData, LegacyBatchesCall,
    PreBoojumCall, PrecommitCall, RangeCall, RevertCall,
};
pub use decode::decode_executor_call;
pub use error::{AbiError, AbiPart};
pub use functions::{EXECUTOR_FUNCTIONS, ExecutorFunction, executor_function};
pub use generation::ExecutorGeneration;
pub use payload::{GATEWAY_ENCODING_VERSION, INTEROP_ENCODING_VERSION};
pub use sol::{
    CommitBatchInfo, CommitBatchInfoLegacy, CommitBlockInfo, InteropRoot, L2Log,
    LegacyStoredBatchInfo, PrecommitInfo, PriorityOpsBatchInfo, ProofInput, StoredBatchInfo,
};
