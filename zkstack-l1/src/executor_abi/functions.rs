//! The table of Executor functions across generations: name, signature, selector.

use alloy_primitives::{FixedBytes, Selector};
use alloy_sol_types::SolCall;

use super::call::CallKind;
use super::generation::ExecutorGeneration;
use super::sol::{
    IExecutorBoojum as B, IExecutorGateway as G, IExecutorInterop as I, IExecutorPreBoojum as P,
    IExecutorSharedBridge as S,
};

/// One Executor function of one generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExecutorFunction {
    /// Solidity name.
    pub name: &'static str,
    /// Canonical signature, structs written as tuples.
    pub signature: &'static str,
    /// First four bytes of `keccak256(signature)`.
    pub selector: Selector,
    /// What it does.
    pub kind: CallKind,
    /// The generation that introduced it.
    pub generation: ExecutorGeneration,
}

macro_rules! function {
    ($konst:ident, $name:literal, $call:ty, $kind:ident, $generation:ident) => {
        pub(crate) const $konst: ExecutorFunction = ExecutorFunction {
            name: $name,
            signature: <$call as SolCall>::SIGNATURE,
            selector: FixedBytes(<$call as SolCall>::SELECTOR),
            kind: CallKind::$kind,
            generation: ExecutorGeneration::$generation,
        };
    };
}

function!(COMMIT_BLOCKS, "commitBlocks", P::commitBlocksCall, Commit, PreBoojum);
function!(PROVE_BLOCKS, "proveBlocks", P::proveBlocksCall, Prove, PreBoojum);
function!(EXECUTE_BLOCKS, "executeBlocks", P::executeBlocksCall, Execute, PreBoojum);
function!(REVERT_BLOCKS, "revertBlocks", P::revertBlocksCall, Revert, PreBoojum);
function!(COMMIT_BATCHES, "commitBatches", B::commitBatchesCall, Commit, Boojum);
function!(PROVE_BATCHES, "proveBatches", B::proveBatchesCall, Prove, Boojum);
function!(EXECUTE_BATCHES, "executeBatches", B::executeBatchesCall, Execute, Boojum);
function!(REVERT_BATCHES, "revertBatches", B::revertBatchesCall, Revert, Boojum);
function!(
    COMMIT_SHARED_BRIDGE,
    "commitBatchesSharedBridge",
    S::commitBatchesSharedBridgeCall,
    Commit,
    SharedBridge
);
function!(
    PROVE_SHARED_BRIDGE,
    "proveBatchesSharedBridge",
    S::proveBatchesSharedBridgeCall,
    Prove,
    SharedBridge
);
function!(
    EXECUTE_SHARED_BRIDGE,
    "executeBatchesSharedBridge",
    S::executeBatchesSharedBridgeCall,
    Execute,
    SharedBridge
);
function!(
    REVERT_SHARED_BRIDGE,
    "revertBatchesSharedBridge",
    S::revertBatchesSharedBridgeCall,
    Revert,
    SharedBridge
);
function!(
    COMMIT_GATEWAY,
    "commitBatchesSharedBridge",
    G::commitBatchesSharedBridgeCall,
    Commit,
    Gateway
);
function!(
    PROVE_GATEWAY,
    "proveBatchesSharedBridge",
    G::proveBatchesSharedBridgeCall,
    Prove,
    Gateway
);
function!(
    EXECUTE_GATEWAY,
    "executeBatchesSharedBridge",
    G::executeBatchesSharedBridgeCall,
    Execute,
    Gateway
);
function!(
    PRECOMMIT_INTEROP,
    "precommitSharedBridge",
    I::precommitSharedBridgeCall,
    Precommit,
    Interop
);
function!(
    COMMIT_INTEROP,
    "commitBatchesSharedBridge",
    I::commitBatchesSharedBridgeCall,
    Commit,
    Interop
);
function!(
    PROVE_INTEROP,
    "proveBatchesSharedBridge",
    I::proveBatchesSharedBridgeCall,
    Prove,
    Interop
);
function!(
    EXECUTE_INTEROP,
    "executeBatchesSharedBridge",
    I::executeBatchesSharedBridgeCall,
    Execute,
    Interop
);
function!(
    REVERT_INTEROP,
    "revertBatchesSharedBridge",
    I::revertBatchesSharedBridgeCall,
    Revert,
    Interop
);

/// Every Executor function this module encodes and decodes, oldest generation first.
pub const EXECUTOR_FUNCTIONS: [ExecutorFunction; 20] = [
    COMMIT_BLOCKS,
    PROVE_BLOCKS,
    EXECUTE_BLOCKS,
    REVERT_BLOCKS,
    COMMIT_BATCHES,
    PROVE_BATCHES,
    EXECUTE_BATCHES,
    REVERT_BATCHES,
    COMMIT_SHARED_BRIDGE,
    PROVE_SHARED_BRIDGE,
    EXECUTE_SHARED_BRIDGE,
    REVERT_SHARED_BRIDGE,
    COMMIT_GATEWAY,
    PROVE_GATEWAY,
    EXECUTE_GATEWAY,
    PRECOMMIT_INTEROP,
    COMMIT_INTEROP,
    PROVE_INTEROP,
    EXECUTE_INTEROP,
    REVERT_INTEROP,
];

/// The Executor function with this selector, if any.
pub fn executor_function(selector: Selector) -> Option<&'static ExecutorFunction> {
    EXECUTOR_FUNCTIONS.iter().find(|f| f.selector == selector)
}
