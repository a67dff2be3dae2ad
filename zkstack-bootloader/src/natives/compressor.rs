//! Compressor (0x800e): checks a compressed bytecode against the original and publishes it,
//! and checks the compressed state diffs against the 272-byte records (era-contracts v26
//! `Compressor.sol`; the formats are zkstack-l1's [`zkstack_l1::pubdata`]).
//!
//! Reads past a calldata slice that the contract makes with `UnsafeBytesCalldata` read the
//! calldata beyond it here too, and the checked slices and index accesses revert as Solidity's
//! do. `publishCompressedBytecode` composes its calls into the L1Messenger (`sendToL1`) and
//! KnownCodesStorage (`markBytecodeAsPublished`) in Rust.
//!
//! Differs from the contract: ergs only.

use alloy_primitives::{B256, U256, keccak256};
use alloy_sol_types::SolCall;
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::addresses::{BOOTLOADER, COMPRESSOR, KNOWN_CODES_STORAGE, L1_MESSENGER};
use super::calldata::{Calldata, PANIC_OVERFLOW, Step, panic_code, revert_empty, revert_with};
use super::da_validator::{STATE_DIFF_ENTRY_SIZE, hash_l2_bytecode};
use super::errors::{
    CallerMustBeBootloader, CompressionValueAddError, CompressionValueSubError,
    CompressionValueTransformError, CompressorEnumIndexNotEqual,
    CompressorInitialWritesProcessedNotEqual, DerivedKeyNotEqualToCompressedValue,
    DictionaryDividedByEightNotGreaterThanEncodedDividedByTwo, EncodedAndRealBytecodeChunkNotEqual,
    EncodedLengthNotFourTimesSmallerThanOriginal, ICompressor, IndexOutOfBounds, IndexSizeError,
    StateDiffLengthMismatch, UnsupportedOperation,
};
use super::{calldata_of, finish, known_codes, l1_messenger, nested, non_payable};

/// `MAX_ENUMERATION_INDEX_SIZE`.
pub const MAX_ENUMERATION_INDEX_SIZE: u64 = 8;
/// `OPERATION_BITMASK`.
pub const OPERATION_BITMASK: u8 = 7;
/// `LENGTH_BITS_OFFSET`.
pub const LENGTH_BITS_OFFSET: u8 = 3;

/// The Compressor native.
#[derive(Clone, Copy, Debug, Default)]
pub struct Compressor;

impl NativeContract for Compressor {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        let cd = Calldata::new(&data);
        finish(match cd.selector() {
            Some(ICompressor::publishCompressedBytecodeCall::SELECTOR) => non_payable(call)
                .and_then(|()| publish_compressed_bytecode(call, &cd))
                .map(|h| h.to_vec()),
            Some(ICompressor::verifyCompressedStateDiffsCall::SELECTOR) => non_payable(call)
                .and_then(|()| verify_compressed_state_diffs(&cd))
                .map(|h| h.to_vec()),
            _ => revert_empty(),
        })
    }
}

/// `publishCompressedBytecode(bytecode, rawCompressedData)` on calldata `cd`, acting as the
/// Compressor with `msg.sender` the caller of `call`: returns the bytecode hash.
///
/// # Errors
/// The contract's reverts, and those of the L1Messenger and KnownCodesStorage it calls.
pub fn publish_compressed_bytecode(call: &mut NativeCall<'_>, cd: &Calldata<'_>) -> Step<B256> {
    cd.require_head(2)?;
    let bytecode = cd.arg_dynamic(0, 1)?;
    let raw = cd.arg_dynamic(1, 1)?;
    if call.caller() != BOOTLOADER {
        return revert_with(&CallerMustBeBootloader {});
    }
    let dictionary_len = usize::try_from(raw.read_unchecked(cd, 0, 2)).unwrap_or(0);
    let dictionary = raw.sub(2, 2 + dictionary_len * 8)?;
    let encoded = raw.from(2 + dictionary_len * 8)?;
    if encoded.len.wrapping_mul(4) != bytecode.len {
        return revert_with(&EncodedLengthNotFourTimesSmallerThanOriginal {});
    }
    if dictionary.len / 8 > encoded.len / 2 {
        return revert_with(&DictionaryDividedByEightNotGreaterThanEncodedDividedByTwo {});
    }
    let mut pointer = 0usize;
    while pointer < encoded.len {
        let index = encoded.read_unchecked(cd, pointer, 2) * U256::from(8);
        // `dictionary.length - 1` in an unchecked block: wraps for an empty dictionary.
        let last = U256::from(dictionary.len).wrapping_sub(U256::from(1));
        if index > last {
            return revert_with(&IndexOutOfBounds {});
        }
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        let encoded_chunk = dictionary.read_unchecked(cd, index, 8);
        let real_chunk = bytecode.read_unchecked(cd, pointer * 4, 8);
        if encoded_chunk != real_chunk {
            return revert_with(&EncodedAndRealBytecodeChunkNotEqual {
                expected: real_chunk.to::<u64>(),
                provided: encoded_chunk.to::<u64>(),
            });
        }
        pointer += 2;
    }
    let hash = hash_l2_bytecode(cd.bytes(bytecode))?;
    let raw_bytes = cd.bytes(raw).to_vec();
    nested(call, L1_MESSENGER, |call| l1_messenger::send_to_l1(call, COMPRESSOR, &raw_bytes))?;
    nested(call, KNOWN_CODES_STORAGE, |call| {
        known_codes::mark_bytecode_as_published(call, COMPRESSOR, hash)
    })?;
    Ok(hash)
}

/// `_verifyValueCompression`.
fn verify_value(initial: U256, final_value: U256, operation: u8, value: U256) -> Step<()> {
    match operation {
        0 | 3 if value != final_value => {
            revert_with(&CompressionValueTransformError { expected: final_value, actual: value })
        }
        1 if initial.wrapping_add(value) != final_value => revert_with(&CompressionValueAddError {
            expected: final_value,
            actual: initial.wrapping_add(value),
        }),
        2 if initial.wrapping_sub(value) != final_value => revert_with(&CompressionValueSubError {
            expected: final_value,
            actual: initial.wrapping_sub(value),
        }),
        0..=3 => Ok(()),
        _ => revert_with(&UnsupportedOperation {}),
    }
}

/// `verifyCompressedStateDiffs(count, indexSize, stateDiffs, compressed)` on calldata `cd`:
/// returns `keccak256(stateDiffs)`. A view function: it changes nothing.
///
/// # Errors
/// The contract's reverts, Solidity's overflow and index panics, the decoder's empty reverts.
pub fn verify_compressed_state_diffs(cd: &Calldata<'_>) -> Step<B256> {
    cd.require_head(4)?;
    let count = cd.arg(0);
    let index_size = cd.arg(1);
    let diffs = cd.arg_dynamic(2, 1)?;
    let compressed = cd.arg_dynamic(3, 1)?;
    if index_size > U256::from(MAX_ENUMERATION_INDEX_SIZE) {
        return revert_with(&IndexSizeError {});
    }
    let index_size = usize::try_from(index_size).unwrap_or(0);
    let initial_writes = compressed.read_unchecked(cd, 0, 2);
    let Some(total) = count.checked_mul(U256::from(STATE_DIFF_ENTRY_SIZE)) else {
        return panic_code(PANIC_OVERFLOW);
    };
    let total = usize::try_from(total).unwrap_or(usize::MAX);
    let mut ptr = 2usize;
    // One value: metadata byte then the operand (`_verifyValueCompression`).
    let value = |ptr: &mut usize, initial: U256, final_value: U256| -> Step<()> {
        let metadata = compressed.byte(cd, *ptr)?;
        *ptr += 1;
        let operation = metadata & OPERATION_BITMASK;
        let len = if operation == 0 { 32 } else { usize::from(metadata >> LENGTH_BITS_OFFSET) };
        let operand = compressed.sub(*ptr, *ptr + len)?.as_uint(cd);
        verify_value(initial, final_value, operation, operand)?;
        *ptr += len;
        Ok(())
    };
    let mut processed = 0u64;
    let mut i = 0usize;
    while i < total {
        let diff = diffs.sub(i, i + STATE_DIFF_ENTRY_SIZE)?;
        i += STATE_DIFF_ENTRY_SIZE;
        if !diff.read_unchecked(cd, 84, 8).is_zero() {
            continue;
        }
        processed += 1;
        let derived_key = B256::from(diff.read_unchecked(cd, 52, 32).to_be_bytes::<32>());
        let provided = B256::from(compressed.read_unchecked(cd, ptr, 32).to_be_bytes::<32>());
        if derived_key != provided {
            return revert_with(&DerivedKeyNotEqualToCompressedValue {
                expected: derived_key,
                provided,
            });
        }
        ptr += 32;
        let (initial, final_value) =
            (diff.read_unchecked(cd, 92, 32), diff.read_unchecked(cd, 124, 32));
        value(&mut ptr, initial, final_value)?;
    }
    if U256::from(processed) != initial_writes {
        return revert_with(&CompressorInitialWritesProcessedNotEqual {
            expected: initial_writes,
            actual: U256::from(processed),
        });
    }
    let mut i = 0usize;
    while i < total {
        let diff = diffs.sub(i, i + STATE_DIFF_ENTRY_SIZE)?;
        i += STATE_DIFF_ENTRY_SIZE;
        let index = diff.read_unchecked(cd, 84, 8);
        if index.is_zero() {
            continue;
        }
        let (initial, final_value) =
            (diff.read_unchecked(cd, 92, 32), diff.read_unchecked(cd, 124, 32));
        let provided = compressed.sub(ptr, ptr + index_size)?.as_uint(cd);
        if index != provided {
            return revert_with(&CompressorEnumIndexNotEqual { expected: index, actual: provided });
        }
        ptr += index_size;
        value(&mut ptr, initial, final_value)?;
    }
    if ptr != compressed.len {
        return revert_with(&StateDiffLengthMismatch {});
    }
    Ok(keccak256(cd.bytes(diffs)))
}
