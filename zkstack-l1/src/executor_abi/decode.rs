//! Calldata → [`ExecutorCall`]: selector dispatch and strict argument decoding.

use alloy_primitives::Selector;
use alloy_sol_types::SolCall;

use super::call::{
    ExecutorCall, GatewayData, InteropData, LegacyBatchesCall, PreBoojumCall, PrecommitCall,
    RangeCall, RevertCall,
};
use super::error::{AbiError, AbiPart};
use super::functions::{self as f, ExecutorFunction};
use super::generation::ExecutorGeneration;
use super::payload::{self, BatchOp, strict_config};
use super::sol::{
    IExecutorBoojum as B, IExecutorGateway as G, IExecutorInterop as I, IExecutorPreBoojum as P,
    IExecutorSharedBridge as S,
};

/// Decodes Executor calldata (selector and arguments) of any generation.
///
/// The selector picks the function, and for v26+ the first byte of the `bytes` argument must be
/// the encoding version that generation's contracts accept (0 for v26–v28, 1 for v29–v30).
/// Decoding is strict: only the canonical ABI encoding is accepted, so
/// `decode_executor_call(x)?.encode() == x` for every accepted `x`. Trailing bytes, non-canonical
/// offsets, dirty padding or out-of-range integers are errors, never panics, and the decoder never
/// allocates more than a small multiple of the input.
///
/// ```
/// use zkstack_l1::executor_abi::{decode_executor_call, ExecutorCall, RevertCall};
/// use zkstack_l1::U256;
///
/// let call = ExecutorCall::Revert(RevertCall::Batches { new_last_batch: U256::from(7) });
/// let calldata = call.encode();
/// assert_eq!(&calldata[..4], &[0x97, 0xc0, 0x9d, 0x34]); // revertBatches(uint256)
/// assert_eq!(decode_executor_call(&calldata)?, call);
/// # Ok::<(), zkstack_l1::executor_abi::AbiError>(())
/// ```
pub fn decode_executor_call(calldata: &[u8]) -> Result<ExecutorCall, AbiError> {
    let (selector, args) =
        calldata.split_first_chunk::<4>().ok_or(AbiError::MissingSelector(calldata.len()))?;
    let function = f::executor_function(Selector::from(*selector))
        .ok_or(AbiError::UnknownSelector(Selector::from(*selector)))?;
    decode_args(function, args)
}

/// Decodes the arguments of `function` strictly.
fn args<C: SolCall>(function: &ExecutorFunction, args: &[u8]) -> Result<C, AbiError> {
    C::abi_decode_raw_with_config(args, strict_config(args.len())).map_err(|source| AbiError::Abi {
        call: function.name,
        part: AbiPart::Arguments,
        source,
    })
}

fn decode_args(function: &ExecutorFunction, data: &[u8]) -> Result<ExecutorCall, AbiError> {
    match function.generation {
        ExecutorGeneration::PreBoojum => decode_pre_boojum(function, data),
        ExecutorGeneration::Boojum => decode_boojum(function, data),
        ExecutorGeneration::SharedBridge => decode_shared_bridge(function, data),
        ExecutorGeneration::Gateway => decode_gateway(function, data),
        ExecutorGeneration::Interop => decode_interop(function, data),
    }
}

fn unknown(function: &ExecutorFunction) -> AbiError {
    AbiError::UnknownSelector(function.selector)
}

fn decode_pre_boojum(function: &ExecutorFunction, data: &[u8]) -> Result<ExecutorCall, AbiError> {
    Ok(match function.selector.0 {
        P::commitBlocksCall::SELECTOR => {
            let c: P::commitBlocksCall = args(function, data)?;
            ExecutorCall::PreBoojum(PreBoojumCall::Commit {
                last_committed: c.lastCommitted,
                blocks: c.newBlocks,
            })
        }
        P::proveBlocksCall::SELECTOR => {
            let c: P::proveBlocksCall = args(function, data)?;
            ExecutorCall::PreBoojum(PreBoojumCall::Prove {
                prev: c.prev,
                committed: c.committed,
                proof: c.proof,
            })
        }
        P::executeBlocksCall::SELECTOR => {
            let c: P::executeBlocksCall = args(function, data)?;
            ExecutorCall::PreBoojum(PreBoojumCall::Execute { blocks: c.blocks })
        }
        P::revertBlocksCall::SELECTOR => {
            let c: P::revertBlocksCall = args(function, data)?;
            ExecutorCall::Revert(RevertCall::Blocks { new_last_block: c.newLastBlock })
        }
        _ => return Err(unknown(function)),
    })
}

fn decode_boojum(function: &ExecutorFunction, data: &[u8]) -> Result<ExecutorCall, AbiError> {
    Ok(match function.selector.0 {
        B::commitBatchesCall::SELECTOR => {
            let c: B::commitBatchesCall = args(function, data)?;
            ExecutorCall::Boojum(LegacyBatchesCall::Commit {
                last_committed: c.lastCommitted,
                batches: c.newBatches,
            })
        }
        B::proveBatchesCall::SELECTOR => {
            let c: B::proveBatchesCall = args(function, data)?;
            ExecutorCall::Boojum(LegacyBatchesCall::Prove {
                prev: c.prev,
                committed: c.committed,
                proof: c.proof,
            })
        }
        B::executeBatchesCall::SELECTOR => {
            let c: B::executeBatchesCall = args(function, data)?;
            ExecutorCall::Boojum(LegacyBatchesCall::Execute { batches: c.batches })
        }
        B::revertBatchesCall::SELECTOR => {
            let c: B::revertBatchesCall = args(function, data)?;
            ExecutorCall::Revert(RevertCall::Batches { new_last_batch: c.newLastBatch })
        }
        _ => return Err(unknown(function)),
    })
}

fn decode_shared_bridge(
    function: &ExecutorFunction,
    data: &[u8],
) -> Result<ExecutorCall, AbiError> {
    let (chain_id, call) = match function.selector.0 {
        S::commitBatchesSharedBridgeCall::SELECTOR => {
            let c: S::commitBatchesSharedBridgeCall = args(function, data)?;
            let call = LegacyBatchesCall::Commit {
                last_committed: c.lastCommitted,
                batches: c.newBatches,
            };
            (c.chainId, call)
        }
        S::proveBatchesSharedBridgeCall::SELECTOR => {
            let c: S::proveBatchesSharedBridgeCall = args(function, data)?;
            let call =
                LegacyBatchesCall::Prove { prev: c.prev, committed: c.committed, proof: c.proof };
            (c.chainId, call)
        }
        S::executeBatchesSharedBridgeCall::SELECTOR => {
            let c: S::executeBatchesSharedBridgeCall = args(function, data)?;
            (c.chainId, LegacyBatchesCall::Execute { batches: c.batches })
        }
        S::revertBatchesSharedBridgeCall::SELECTOR => {
            let c: S::revertBatchesSharedBridgeCall = args(function, data)?;
            return Ok(ExecutorCall::Revert(RevertCall::SharedBridge {
                chain_id: c.chainId,
                new_last_batch: c.newLastBatch,
            }));
        }
        _ => return Err(unknown(function)),
    };
    Ok(ExecutorCall::SharedBridge { chain_id, call })
}

fn decode_gateway(function: &ExecutorFunction, data: &[u8]) -> Result<ExecutorCall, AbiError> {
    let (chain, process_from, process_to, op, bytes) = match function.selector.0 {
        G::commitBatchesSharedBridgeCall::SELECTOR => {
            let c: G::commitBatchesSharedBridgeCall = args(function, data)?;
            (c.chainId, c.processFrom, c.processTo, BatchOp::Commit, c.commitData)
        }
        G::proveBatchesSharedBridgeCall::SELECTOR => {
            let c: G::proveBatchesSharedBridgeCall = args(function, data)?;
            (c.chainId, c.processFrom, c.processTo, BatchOp::Prove, c.proofData)
        }
        G::executeBatchesSharedBridgeCall::SELECTOR => {
            let c: G::executeBatchesSharedBridgeCall = args(function, data)?;
            (c.chainId, c.processFrom, c.processTo, BatchOp::Execute, c.executeData)
        }
        _ => return Err(unknown(function)),
    };
    let data = GatewayData::decode(op, function.name, &bytes)?;
    Ok(ExecutorCall::Gateway(RangeCall { chain, process_from, process_to, data }))
}

fn decode_interop(function: &ExecutorFunction, data: &[u8]) -> Result<ExecutorCall, AbiError> {
    let (chain, process_from, process_to, op, bytes) = match function.selector.0 {
        I::commitBatchesSharedBridgeCall::SELECTOR => {
            let c: I::commitBatchesSharedBridgeCall = args(function, data)?;
            (c.chain, c.processFrom, c.processTo, BatchOp::Commit, c.commitData)
        }
        I::proveBatchesSharedBridgeCall::SELECTOR => {
            let c: I::proveBatchesSharedBridgeCall = args(function, data)?;
            (c.chain, c.processFrom, c.processTo, BatchOp::Prove, c.proofData)
        }
        I::executeBatchesSharedBridgeCall::SELECTOR => {
            let c: I::executeBatchesSharedBridgeCall = args(function, data)?;
            (c.chain, c.processFrom, c.processTo, BatchOp::Execute, c.executeData)
        }
        I::precommitSharedBridgeCall::SELECTOR => {
            let c: I::precommitSharedBridgeCall = args(function, data)?;
            let info = payload::decode_precommit(function.name, &c.precommitData)?;
            return Ok(ExecutorCall::Precommit(PrecommitCall {
                chain: c.chain,
                batch_number: c.batchNumber,
                info,
            }));
        }
        I::revertBatchesSharedBridgeCall::SELECTOR => {
            let c: I::revertBatchesSharedBridgeCall = args(function, data)?;
            return Ok(ExecutorCall::Revert(RevertCall::Interop {
                chain: c.chain,
                new_last_batch: c.newLastBatch,
            }));
        }
        _ => return Err(unknown(function)),
    };
    let data = InteropData::decode(op, function.name, &bytes)?;
    Ok(ExecutorCall::Interop(RangeCall { chain, process_from, process_to, data }))
}
