//! The L2 DA validators the L1Messenger hands the operator's pubdata to at the end of a batch
//! (era-contracts v26 l2-contracts `data-availability/RollupL2DAValidator.sol`,
//! `StateDiffL2DAValidator.sol`, `ValidiumL2DAValidator.sol`).
//!
//! The rollup validator re-derives the chained message and bytecode hashes from the pubdata,
//! has the Compressor check the compressed state diffs against the 272-byte records, has the
//! PubdataChunkPublisher hash the blobs, and returns
//! `keccak(stateDiffHash ‖ keccak(pubdata) ‖ u8 blob count ‖ blob hashes)`; the validium one
//! returns zero. Neither has a caller check; both are non-payable.
//!
//! Differs from the contracts: ergs only. The calls to the Compressor and the
//! PubdataChunkPublisher (view and pure) are composed in Rust with the calldata Solidity
//! would encode for them.

use alloy_primitives::{B256, U256, keccak256};
use alloy_sol_types::{SolCall, SolValue};
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::addresses::{COMPRESSOR, PUBDATA_CHUNK_PUBLISHER};
use super::calldata::{Calldata, Slice, Step, revert_empty, revert_with};
use super::errors::{BytecodeFault, DaField, ICompressor, IL2DAValidator, ReconstructionMismatch};
use super::{calldata_of, chunk_publisher, compressor, finish, nested, non_payable};

/// `STATE_DIFF_COMPRESSION_VERSION_NUMBER`.
pub const STATE_DIFF_COMPRESSION_VERSION_NUMBER: u8 = 1;
/// `STATE_DIFF_ENTRY_SIZE`.
pub const STATE_DIFF_ENTRY_SIZE: usize = 272;

/// The rollup L2 DA validator native.
#[derive(Clone, Copy, Debug, Default)]
pub struct RollupDaValidator;

/// The validium L2 DA validator native.
#[derive(Clone, Copy, Debug, Default)]
pub struct ValidiumDaValidator;

impl NativeContract for RollupDaValidator {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        let cd = Calldata::new(&data);
        finish(match cd.selector() {
            Some(IL2DAValidator::validatePubdataCall::SELECTOR) => {
                non_payable(call).and_then(|()| rollup_validate(call, &cd)).map(|h| h.to_vec())
            }
            _ => revert_empty(),
        })
    }
}

impl NativeContract for ValidiumDaValidator {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        let cd = Calldata::new(&data);
        finish(match cd.selector() {
            Some(IL2DAValidator::validatePubdataCall::SELECTOR) => {
                non_payable(call).and_then(|()| validium_validate(&cd)).map(|h| h.to_vec())
            }
            _ => revert_empty(),
        })
    }
}

fn decode(cd: &Calldata<'_>) -> Step<(B256, B256, Slice)> {
    cd.require_head(5)?;
    let pubdata = cd.arg_dynamic(4, 1)?;
    Ok((cd.arg_b256(2), cd.arg_b256(3), pubdata))
}

/// `ValidiumL2DAValidator.validatePubdata` on calldata `cd` (selector already matched).
///
/// # Errors
/// The decoder's empty reverts.
pub fn validium_validate(cd: &Calldata<'_>) -> Step<B256> {
    decode(cd)?;
    Ok(B256::ZERO)
}

fn mismatch<T>(field: DaField, expected: B256, actual: B256) -> Step<T> {
    revert_with(&ReconstructionMismatch { _0: field as u8, expected, actual })
}

fn u256_word(value: U256) -> B256 {
    B256::from(value.to_be_bytes::<32>())
}

/// `RollupL2DAValidator.validatePubdata` on calldata `cd` (selector already matched), acting
/// as the validator: returns its output hash.
///
/// # Errors
/// Every revert of the contract and of the Compressor and PubdataChunkPublisher it calls.
pub fn rollup_validate(call: &mut NativeCall<'_>, cd: &Calldata<'_>) -> Step<B256> {
    let (messages_hash, bytecodes_hash, total) = decode(cd)?;
    let (state_diff_hash, pubdata, leftover) =
        produce_state_diff_pubdata(call, cd, messages_hash, bytecodes_hash, total)?;
    if leftover.len != 0 {
        return mismatch(DaField::ExtraData, B256::ZERO, u256_word(U256::from(leftover.len)));
    }
    let pubdata = cd.bytes(pubdata).to_vec();
    let blobs = nested(call, PUBDATA_CHUNK_PUBLISHER, |_| chunk_publisher::chunk(&pubdata))?;
    let mut preimage = Vec::with_capacity(65 + 32 * blobs.len());
    preimage.extend_from_slice(state_diff_hash.as_slice());
    preimage.extend_from_slice(keccak256(&pubdata).as_slice());
    // At most 6 blobs: `SafeCast.toUint8` holds.
    preimage.push(u8::try_from(blobs.len()).unwrap_or(u8::MAX));
    for blob in &blobs {
        preimage.extend_from_slice(blob.as_slice());
    }
    Ok(keccak256(preimage))
}

/// `L2ContractHelper.hashL2BytecodeCalldata` (and system `Utils.hashL2Bytecode`): the checks
/// with their errors, then the versioned hash.
///
/// # Errors
/// `MalformedBytecode(Length | NumberOfWords | WordsMustBeOdd)`.
pub fn hash_l2_bytecode(code: &[u8]) -> Step<B256> {
    let malformed = |fault: BytecodeFault| {
        revert_with(&super::errors::MalformedBytecode { reason: fault as u8 })
    };
    if !code.len().is_multiple_of(32) {
        return malformed(BytecodeFault::Length);
    }
    let words = code.len() / 32;
    if words >= 1 << 16 {
        return malformed(BytecodeFault::NumberOfWords);
    }
    if words.is_multiple_of(2) {
        return malformed(BytecodeFault::WordsMustBeOdd);
    }
    zkstack_l1::pubdata::bytecode_hash(code).map_err(|_| super::calldata::Exit::Panic)
}

/// `StateDiffL2DAValidator._produceStateDiffPubdata`: returns the uncompressed state-diff hash
/// (from the Compressor), the pubdata slice and the leftover slice.
fn produce_state_diff_pubdata(
    call: &mut NativeCall<'_>,
    cd: &Calldata<'_>,
    messages_hash: B256,
    bytecodes_hash: B256,
    total: Slice,
) -> Step<(B256, Slice, Slice)> {
    let u32_at = |at: usize| -> Step<usize> {
        let v = total.read_checked(cd, at, 4)?;
        Ok(usize::try_from(v).unwrap_or(usize::MAX))
    };
    let mut ptr = 0usize;
    let logs = u32_at(ptr)?;
    ptr = ptr.saturating_add(4).saturating_add(logs.saturating_mul(88));
    let messages = u32_at(ptr)?;
    ptr += 4;
    let mut rebuilt = B256::ZERO;
    for _ in 0..messages {
        let len = u32_at(ptr)?;
        ptr += 4;
        let message = total.sub(ptr, ptr.saturating_add(len))?;
        ptr += len;
        rebuilt = keccak256((rebuilt, keccak256(cd.bytes(message))).abi_encode());
    }
    if rebuilt != messages_hash {
        return mismatch(DaField::MsgHash, messages_hash, rebuilt);
    }
    let bytecodes = u32_at(ptr)?;
    ptr += 4;
    let mut rebuilt = B256::ZERO;
    for _ in 0..bytecodes {
        let len = u32_at(ptr)?;
        ptr += 4;
        let code = total.sub(ptr, ptr.saturating_add(len))?;
        let hash = hash_l2_bytecode(cd.bytes(code))?;
        rebuilt = keccak256((rebuilt, hash).abi_encode());
        ptr += len;
    }
    if rebuilt != bytecodes_hash {
        return mismatch(DaField::Bytecode, bytecodes_hash, rebuilt);
    }
    let version = total.byte(cd, ptr)?;
    if version != STATE_DIFF_COMPRESSION_VERSION_NUMBER {
        return mismatch(
            DaField::StateDiffCompressionVersion,
            u256_word(U256::from(STATE_DIFF_COMPRESSION_VERSION_NUMBER)),
            u256_word(U256::from(version)),
        );
    }
    ptr += 1;
    let size = usize::try_from(total.read_checked(cd, ptr, 3)?).unwrap_or(usize::MAX);
    ptr += 3;
    let index_size = total.byte(cd, ptr)?;
    ptr += 1;
    let compressed = total.sub(ptr, ptr.saturating_add(size))?;
    ptr += size;
    let pubdata = total.sub(0, ptr)?;
    let diffs = u32_at(ptr)?;
    ptr += 4;
    let records =
        total.sub(ptr, ptr.saturating_add(diffs.saturating_mul(STATE_DIFF_ENTRY_SIZE)))?;
    let request = ICompressor::verifyCompressedStateDiffsCall {
        _numberOfStateDiffs: U256::from(diffs),
        _enumerationIndexSize: U256::from(index_size),
        _stateDiffs: cd.bytes(records).to_vec().into(),
        _compressedStateDiffs: cd.bytes(compressed).to_vec().into(),
    }
    .abi_encode();
    let state_diff_hash = nested(call, COMPRESSOR, |_| {
        compressor::verify_compressed_state_diffs(&Calldata::new(&request))
    })?;
    ptr += records.len;
    let leftover = total.from(ptr)?;
    Ok((state_diff_hash, pubdata, leftover))
}
