//! KnownCodesStorage (0x8004): the marker (storage slot = the versioned hash, value 1) of every
//! bytecode the chain knows, and the L1 publication request of factory dependencies
//! (era-contracts v26 `KnownCodesStorage.sol`).
//!
//! Differs from the contract: ergs only. The call into the L1Messenger
//! (`requestBytecodeL1Publication`) is composed in Rust.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::addresses::{BOOTLOADER, COMPRESSOR, KNOWN_CODES_STORAGE, L1_MESSENGER};
use super::calldata::{Calldata, Step, revert_empty, revert_with};
use super::errors::{
    BytecodeFault, CallerMustBeBootloader, IKnownCodesStorage, MalformedBytecode, MarkedAsKnown,
    Unauthorized,
};
use super::event::emit;
use super::{calldata_of, finish, l1_messenger, nested, non_payable};

/// The KnownCodesStorage native.
#[derive(Clone, Copy, Debug, Default)]
pub struct KnownCodesStorage;

impl NativeContract for KnownCodesStorage {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        let cd = Calldata::new(&data);
        finish(dispatch(call, &cd))
    }
}

fn dispatch(call: &mut NativeCall<'_>, cd: &Calldata<'_>) -> Step<Vec<u8>> {
    let sender = call.caller();
    match cd.selector() {
        Some(IKnownCodesStorage::markFactoryDepsCall::SELECTOR) => {
            non_payable(call)?;
            cd.require_head(2)?;
            let send = cd.arg_bool(0)?;
            let hashes = cd.arg_dynamic(1, 32)?;
            if sender != BOOTLOADER {
                return revert_with(&CallerMustBeBootloader {});
            }
            for i in 0..hashes.len {
                let hash = B256::from(cd.load(hashes.offset + 32 * i));
                mark(call, hash, send)?;
            }
            Ok(Vec::new())
        }
        Some(IKnownCodesStorage::markBytecodeAsPublishedCall::SELECTOR) => {
            non_payable(call)?;
            cd.require_head(1)?;
            mark_bytecode_as_published(call, sender, cd.arg_b256(0))?;
            Ok(Vec::new())
        }
        Some(IKnownCodesStorage::getMarkerCall::SELECTOR) => {
            non_payable(call)?;
            cd.require_head(1)?;
            let marker = call.sload(U256::from_be_bytes(cd.arg_b256(0).0));
            Ok(marker.to_be_bytes::<32>().to_vec())
        }
        _ => revert_empty(),
    }
}

/// `markBytecodeAsPublished(hash)` from `sender`, acting as KnownCodesStorage.
///
/// # Errors
/// `Unauthorized(sender)` unless the Compressor calls; `MalformedBytecode`.
pub fn mark_bytecode_as_published(
    call: &mut NativeCall<'_>,
    sender: Address,
    hash: B256,
) -> Step<()> {
    if sender != COMPRESSOR {
        return revert_with(&Unauthorized { caller: sender });
    }
    mark(call, hash, false)
}

/// `_markBytecodeAsPublished(hash, shouldSendToL1)`: nothing when already known; else checks
/// the hash, asks the L1Messenger to publish it when told to, sets the marker and emits
/// `MarkedAsKnown`.
fn mark(call: &mut NativeCall<'_>, hash: B256, send: bool) -> Step<()> {
    let key = U256::from_be_bytes(hash.0);
    if !call.sload(key).is_zero() {
        return Ok(());
    }
    if hash[0] != 1 || hash[1] != 0 {
        return revert_with(&MalformedBytecode { reason: BytecodeFault::Version as u8 });
    }
    let words = u16::from_be_bytes([hash[2], hash[3]]);
    if words.is_multiple_of(2) {
        return revert_with(&MalformedBytecode { reason: BytecodeFault::NumberOfWords as u8 });
    }
    if send {
        nested(call, L1_MESSENGER, |call| {
            l1_messenger::request_bytecode_publication(call, KNOWN_CODES_STORAGE, hash)
        })?;
    }
    call.sstore(key, U256::from(1))?;
    emit(call, KNOWN_CODES_STORAGE, &MarkedAsKnown { bytecodeHash: hash, sendBytecodeToL1: send })
}
