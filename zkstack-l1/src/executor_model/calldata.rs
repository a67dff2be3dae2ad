//! Raw Executor calldata: decoded with [`decode_executor_call`] and dispatched as the diamond
//! would route it.

use alloy_primitives::{Bytes, Selector, U256};

use super::{ExecutorError, ExecutorEvent, L1Context, L1DaValidator, L1Executor, ProofVerifier};
use crate::executor_abi::{
    AbiError, AbiPart, BatchNumbers, CallKind, ExecutorCall, ExecutorGeneration, InteropData,
    RangeCall, RevertCall, decode_executor_call, executor_function,
};
use crate::priority::{PriorityOpsBatchInfo, SolidityPanic};

impl<D: L1DaValidator + Clone> L1Executor<D> {
    /// Runs one Executor call given as calldata (what the ValidatorTimelock forwards to the
    /// diamond).
    ///
    /// Only the v29+ (interop) functions exist on the modelled diamond; any other generation's
    /// selector is [`ExecutorError::WrongGeneration`]. As in Solidity, malformed outer arguments
    /// fail first, while a malformed versioned payload fails only after the function's modifiers
    /// and preliminary checks (settlement layer, protocol version, precommit batch number), with
    /// the contract's error for each decoder failure. The chain-address argument is ignored, as
    /// by the facet. The v31 execute layout is rejected as a malformed payload (the modelled v29
    /// facet cannot decode it).
    ///
    /// Decoding is strict: non-canonical ABI encodings that Solidity would still accept are
    /// rejected here.
    pub fn apply_calldata(
        &mut self,
        calldata: &[u8],
        ctx: &L1Context<'_>,
        verifier: &dyn ProofVerifier,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        let call = match decode_executor_call(calldata) {
            Ok(call) => call,
            Err(error) => return Err(self.decode_failure(calldata, &error)),
        };
        let function = call.function();
        if function.generation != ExecutorGeneration::Interop {
            return Err(self.wrong_generation(function.name, function.generation));
        }
        match call {
            ExecutorCall::Interop(range) => self.apply_range_call(range, ctx, verifier),
            ExecutorCall::Precommit(precommit) => {
                self.precommit(precommit.batch_number, &precommit.info)
            }
            ExecutorCall::Revert(RevertCall::Interop { new_last_batch, .. }) => {
                self.revert_batches(new_last_batch)
            }
            other => Err(self.wrong_generation(other.function().name, other.generation())),
        }
    }

    fn apply_range_call(
        &mut self,
        call: RangeCall<alloy_primitives::Address, InteropData>,
        ctx: &L1Context<'_>,
        verifier: &dyn ProofVerifier,
    ) -> Result<Vec<ExecutorEvent>, ExecutorError> {
        let kind = match &call.data {
            InteropData::Commit { .. } => CallKind::Commit,
            InteropData::Prove { .. } => CallKind::Prove,
            InteropData::Execute { .. } | InteropData::ExecuteMediumInterop { .. } => {
                CallKind::Execute
            }
        };
        self.preliminary_checks(kind, None)?;
        if let InteropData::ExecuteMediumInterop { .. } = call.data {
            return Err(ExecutorError::MalformedPayload {
                call: "executeBatchesSharedBridge",
                reason: "the v31 execute layout; the modelled v29 facet decodes \
                         (StoredBatchInfo[], PriorityOpsBatchInfo[], InteropRoot[][])"
                    .into(),
            });
        }
        match (call.data.first_batch(), call.data.last_batch()) {
            (Some(first), Some(last)) if !call.bounds_match() => {
                return Err(ExecutorError::IncorrectBatchBounds {
                    process_from: call.process_from,
                    process_to: call.process_to,
                    first,
                    last,
                });
            }
            (None, _) | (_, None) => return Err(ExecutorError::EmptyData),
            _ => {}
        }
        match call.data {
            InteropData::Commit { last_committed, batches } => {
                self.commit(&last_committed, &batches, ctx)
            }
            InteropData::Prove { prev, committed, proof } => {
                self.prove(&prev, &committed, &proof, verifier)
            }
            InteropData::Execute { batches, priority_ops, dependency_roots } => {
                let ops: Vec<PriorityOpsBatchInfo> =
                    priority_ops.into_iter().map(PriorityOpsBatchInfo::from).collect();
                self.execute(&batches, &ops, &dependency_roots)
            }
            InteropData::ExecuteMediumInterop { .. } => Err(ExecutorError::EmptyData),
        }
    }

    /// The checks that run before a function body decodes its payload: modifiers, the commit's
    /// protocol-version check, the precommit's batch number.
    fn preliminary_checks(
        &self,
        kind: CallKind,
        precommit_batch: Option<U256>,
    ) -> Result<(), ExecutorError> {
        self.only_settlement_layer()?;
        match kind {
            CallKind::Commit if !self.protocol_version_active => {
                Err(ExecutorError::InvalidProtocolVersion)
            }
            CallKind::Precommit => match precommit_batch {
                Some(batch) => self.check_precommit_batch_number(batch),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }

    fn wrong_generation(&self, function: &'static str, found: ExecutorGeneration) -> ExecutorError {
        ExecutorError::WrongGeneration {
            function,
            found,
            version: self.config.protocol_version.minor(),
        }
    }

    /// The error the diamond reports for calldata our decoder rejects.
    fn decode_failure(&self, calldata: &[u8], error: &AbiError) -> ExecutorError {
        let Some(selector) = calldata.first_chunk::<4>().map(|s| Selector::from(*s)) else {
            return ExecutorError::UnknownSelector(Bytes::copy_from_slice(calldata));
        };
        let Some(function) = executor_function(selector) else {
            return ExecutorError::UnknownSelector(Bytes::copy_from_slice(selector.as_slice()));
        };
        if function.generation != ExecutorGeneration::Interop {
            return self.wrong_generation(function.name, function.generation);
        }
        let payload_failure = match error {
            AbiError::Abi { part: AbiPart::Arguments, source, .. } => {
                return ExecutorError::MalformedArguments {
                    call: function.name,
                    reason: source.to_string(),
                };
            }
            AbiError::MissingSelector(_) | AbiError::UnknownSelector(_) => {
                return ExecutorError::UnknownSelector(Bytes::copy_from_slice(selector.as_slice()));
            }
            other => other,
        };
        // The outer arguments decoded; word 1 is the precommit's batch number.
        let precommit_batch = calldata
            .get(36..68)
            .map(U256::from_be_slice)
            .filter(|_| function.kind == CallKind::Precommit);
        if let Err(error) = self.preliminary_checks(function.kind, precommit_batch) {
            return error;
        }
        match (payload_failure, function.kind) {
            // `_decodeProofData` and `decodeAndCheckPrecommitData` read `data[0]` unchecked.
            (AbiError::EmptyData { .. }, CallKind::Prove | CallKind::Precommit) => {
                ExecutorError::Panic(SolidityPanic::ArrayOutOfBounds)
            }
            (AbiError::EmptyData { .. }, _) => ExecutorError::EmptyData,
            (AbiError::UnsupportedEncodingVersion { found, .. }, CallKind::Prove) => {
                ExecutorError::UnsupportedProofBatchEncoding(*found)
            }
            (AbiError::UnsupportedEncodingVersion { found, .. }, CallKind::Execute) => {
                ExecutorError::UnsupportedExecuteBatchEncoding(*found)
            }
            (AbiError::UnsupportedEncodingVersion { found, .. }, _) => {
                ExecutorError::UnsupportedCommitBatchEncoding(*found)
            }
            (other, _) => {
                ExecutorError::MalformedPayload { call: function.name, reason: other.to_string() }
            }
        }
    }
}
