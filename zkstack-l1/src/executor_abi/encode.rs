//! [`ExecutorCall`] → calldata.

use alloy_primitives::U256;
use alloy_sol_types::SolCall;

use super::call::{
    ExecutorCall, GatewayData, InteropData, LegacyBatchesCall, PreBoojumCall, RangeCall, RevertCall,
};
use super::functions::{self as f, ExecutorFunction};
use super::payload;
use super::sol::{
    IExecutorBoojum as B, IExecutorGateway as G, IExecutorInterop as I, IExecutorPreBoojum as P,
    IExecutorSharedBridge as S,
};

impl ExecutorCall {
    /// The table entry of this call's function.
    pub fn function(&self) -> &'static ExecutorFunction {
        match self {
            Self::PreBoojum(PreBoojumCall::Commit { .. }) => &f::COMMIT_BLOCKS,
            Self::PreBoojum(PreBoojumCall::Prove { .. }) => &f::PROVE_BLOCKS,
            Self::PreBoojum(PreBoojumCall::Execute { .. }) => &f::EXECUTE_BLOCKS,
            Self::Boojum(LegacyBatchesCall::Commit { .. }) => &f::COMMIT_BATCHES,
            Self::Boojum(LegacyBatchesCall::Prove { .. }) => &f::PROVE_BATCHES,
            Self::Boojum(LegacyBatchesCall::Execute { .. }) => &f::EXECUTE_BATCHES,
            Self::SharedBridge { call: LegacyBatchesCall::Commit { .. }, .. } => {
                &f::COMMIT_SHARED_BRIDGE
            }
            Self::SharedBridge { call: LegacyBatchesCall::Prove { .. }, .. } => {
                &f::PROVE_SHARED_BRIDGE
            }
            Self::SharedBridge { call: LegacyBatchesCall::Execute { .. }, .. } => {
                &f::EXECUTE_SHARED_BRIDGE
            }
            Self::Gateway(RangeCall { data: GatewayData::Commit { .. }, .. }) => &f::COMMIT_GATEWAY,
            Self::Gateway(RangeCall { data: GatewayData::Prove { .. }, .. }) => &f::PROVE_GATEWAY,
            Self::Gateway(RangeCall { data: GatewayData::Execute { .. }, .. }) => {
                &f::EXECUTE_GATEWAY
            }
            Self::Interop(RangeCall { data: InteropData::Commit { .. }, .. }) => &f::COMMIT_INTEROP,
            Self::Interop(RangeCall { data: InteropData::Prove { .. }, .. }) => &f::PROVE_INTEROP,
            Self::Interop(RangeCall {
                data: InteropData::Execute { .. } | InteropData::ExecuteMediumInterop { .. },
                ..
            }) => &f::EXECUTE_INTEROP,
            Self::Precommit(_) => &f::PRECOMMIT_INTEROP,
            Self::Revert(RevertCall::Blocks { .. }) => &f::REVERT_BLOCKS,
            Self::Revert(RevertCall::Batches { .. }) => &f::REVERT_BATCHES,
            Self::Revert(RevertCall::SharedBridge { .. }) => &f::REVERT_SHARED_BRIDGE,
            Self::Revert(RevertCall::Interop { .. }) => &f::REVERT_INTEROP,
        }
    }

    /// The calldata: selector and canonically ABI-encoded arguments.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::PreBoojum(call) => encode_pre_boojum(call),
            Self::Boojum(call) => encode_boojum(call),
            Self::SharedBridge { chain_id, call } => encode_shared_bridge(*chain_id, call),
            Self::Gateway(c) => encode_gateway(c),
            Self::Interop(c) => encode_interop(c),
            Self::Precommit(c) => I::precommitSharedBridgeCall {
                chain: c.chain,
                batchNumber: c.batch_number,
                precommitData: payload::encode_precommit(&c.info).into(),
            }
            .abi_encode(),
            Self::Revert(call) => encode_revert(call),
        }
    }
}

fn encode_pre_boojum(call: &PreBoojumCall) -> Vec<u8> {
    match call {
        PreBoojumCall::Commit { last_committed, blocks } => {
            P::commitBlocksCall { lastCommitted: last_committed.clone(), newBlocks: blocks.clone() }
                .abi_encode()
        }
        PreBoojumCall::Prove { prev, committed, proof } => P::proveBlocksCall {
            prev: prev.clone(),
            committed: committed.clone(),
            proof: proof.clone(),
        }
        .abi_encode(),
        PreBoojumCall::Execute { blocks } => {
            P::executeBlocksCall { blocks: blocks.clone() }.abi_encode()
        }
    }
}

fn encode_boojum(call: &LegacyBatchesCall) -> Vec<u8> {
    match call {
        LegacyBatchesCall::Commit { last_committed, batches } => B::commitBatchesCall {
            lastCommitted: last_committed.clone(),
            newBatches: batches.clone(),
        }
        .abi_encode(),
        LegacyBatchesCall::Prove { prev, committed, proof } => B::proveBatchesCall {
            prev: prev.clone(),
            committed: committed.clone(),
            proof: proof.clone(),
        }
        .abi_encode(),
        LegacyBatchesCall::Execute { batches } => {
            B::executeBatchesCall { batches: batches.clone() }.abi_encode()
        }
    }
}

fn encode_shared_bridge(chain_id: U256, call: &LegacyBatchesCall) -> Vec<u8> {
    match call {
        LegacyBatchesCall::Commit { last_committed, batches } => S::commitBatchesSharedBridgeCall {
            chainId: chain_id,
            lastCommitted: last_committed.clone(),
            newBatches: batches.clone(),
        }
        .abi_encode(),
        LegacyBatchesCall::Prove { prev, committed, proof } => S::proveBatchesSharedBridgeCall {
            chainId: chain_id,
            prev: prev.clone(),
            committed: committed.clone(),
            proof: proof.clone(),
        }
        .abi_encode(),
        LegacyBatchesCall::Execute { batches } => {
            S::executeBatchesSharedBridgeCall { chainId: chain_id, batches: batches.clone() }
                .abi_encode()
        }
    }
}

fn encode_revert(call: &RevertCall) -> Vec<u8> {
    match *call {
        RevertCall::Blocks { new_last_block } => {
            P::revertBlocksCall { newLastBlock: new_last_block }.abi_encode()
        }
        RevertCall::Batches { new_last_batch } => {
            B::revertBatchesCall { newLastBatch: new_last_batch }.abi_encode()
        }
        RevertCall::SharedBridge { chain_id, new_last_batch } => {
            S::revertBatchesSharedBridgeCall { chainId: chain_id, newLastBatch: new_last_batch }
                .abi_encode()
        }
        RevertCall::Interop { chain, new_last_batch } => {
            I::revertBatchesSharedBridgeCall { chain, newLastBatch: new_last_batch }.abi_encode()
        }
    }
}

fn encode_gateway(c: &RangeCall<U256, GatewayData>) -> Vec<u8> {
    let bytes = c.data.encode().into();
    match c.data {
        GatewayData::Commit { .. } => G::commitBatchesSharedBridgeCall {
            chainId: c.chain,
            processFrom: c.process_from,
            processTo: c.process_to,
            commitData: bytes,
        }
        .abi_encode(),
        GatewayData::Prove { .. } => G::proveBatchesSharedBridgeCall {
            chainId: c.chain,
            processFrom: c.process_from,
            processTo: c.process_to,
            proofData: bytes,
        }
        .abi_encode(),
        GatewayData::Execute { .. } => G::executeBatchesSharedBridgeCall {
            chainId: c.chain,
            processFrom: c.process_from,
            processTo: c.process_to,
            executeData: bytes,
        }
        .abi_encode(),
    }
}

fn encode_interop(c: &RangeCall<alloy_primitives::Address, InteropData>) -> Vec<u8> {
    let bytes = c.data.encode().into();
    match c.data {
        InteropData::Commit { .. } => I::commitBatchesSharedBridgeCall {
            chain: c.chain,
            processFrom: c.process_from,
            processTo: c.process_to,
            commitData: bytes,
        }
        .abi_encode(),
        InteropData::Prove { .. } => I::proveBatchesSharedBridgeCall {
            chain: c.chain,
            processFrom: c.process_from,
            processTo: c.process_to,
            proofData: bytes,
        }
        .abi_encode(),
        InteropData::Execute { .. } | InteropData::ExecuteMediumInterop { .. } => {
            I::executeBatchesSharedBridgeCall {
                chain: c.chain,
                processFrom: c.process_from,
                processTo: c.process_to,
                executeData: bytes,
            }
            .abi_encode()
        }
    }
}
