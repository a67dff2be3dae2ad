//! L1Messenger (0x8008): user messages and logs to L1, bytecode publication requests, and the
//! end-of-batch `publishPubdataAndClearState` that checks the operator's pubdata against what
//! the batch did (era-contracts v26 `L1Messenger.sol`).
//!
//! Storage (as the contract lays it out): slot 0 `chainedLogsHash`, 1 `numberOfLogsToProcess`,
//! 2 `chainedMessagesHash`, 3 `chainedL1BytecodesRevealDataHash`.
//!
//! Differs from the contract: ergs (only the explicit `burnGas` amounts are charged, with the
//! ergs of hashing a message counted as `keccakGasCost(length)`); `L2MessageRoot`'s aggregated
//! root comes from [`NativeConfig::aggregated_root`]; an L2 DA validator other than the two of
//! the config (whose calls are composed in Rust) cannot be called: the call panics.

use alloy_primitives::{Address, B256, U256, keccak256};
use alloy_sol_types::{SolCall, SolValue};
use zkstack_l1::{L2ToL1Log, LogTree};
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::addresses::{BOOTLOADER, KNOWN_CODES_STORAGE, L1_MESSENGER, is_system_contract};
use super::calldata::{Calldata, Exit, Slice, Step, revert_empty, revert_with};
use super::errors::{
    self, CallerMustBeBootloader, CallerMustBeSystemContract, IL1Messenger, IL2DAValidator,
    MessengerField, ReconstructionMismatch, Unauthorized,
};
use super::event::emit;
use super::gas::{COMPUTATIONAL_PRICE_FOR_PUBDATA, burn_gas, keccak_gas_cost, sha256_gas_cost};
use super::{NativeConfig, calldata_of, da_validator, finish, nested, non_payable};

/// Slot of `chainedLogsHash`.
pub const CHAINED_LOGS_HASH_SLOT: u8 = 0;
/// Slot of `numberOfLogsToProcess`.
pub const NUMBER_OF_LOGS_SLOT: u8 = 1;
/// Slot of `chainedMessagesHash`.
pub const CHAINED_MESSAGES_HASH_SLOT: u8 = 2;
/// Slot of `chainedL1BytecodesRevealDataHash`.
pub const CHAINED_BYTECODES_HASH_SLOT: u8 = 3;
/// `L2_TO_L1_LOGS_MERKLE_TREE_LEAVES`.
pub const L2_TO_L1_LOGS_MERKLE_TREE_LEAVES: usize = 16_384;
/// `L2_TO_L1_LOG_SERIALIZE_SIZE`.
pub const LOG_SIZE: usize = 88;
/// `SystemLogKey.L2_TO_L1_LOGS_TREE_ROOT_KEY`.
pub const L2_TO_L1_LOGS_TREE_ROOT_KEY: u8 = 0;
/// `SystemLogKey.L2_DA_VALIDATOR_OUTPUT_HASH_KEY`.
pub const L2_DA_VALIDATOR_OUTPUT_HASH_KEY: u8 = 5;
/// `SystemLogKey.USED_L2_DA_VALIDATOR_ADDRESS_KEY`.
pub const USED_L2_DA_VALIDATOR_ADDRESS_KEY: u8 = 6;

/// The L1Messenger native.
#[derive(Clone, Copy, Debug, Default)]
pub struct L1Messenger {
    /// The chain facts it needs (aggregated root, DA validators).
    pub config: NativeConfig,
}

impl NativeContract for L1Messenger {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        let sender = call.caller();
        finish(self.dispatch(call, &Calldata::new(&data), sender))
    }
}

fn slot(call: &mut NativeCall<'_>, slot: u8) -> B256 {
    B256::from(call.sload(U256::from(slot)).to_be_bytes::<32>())
}

fn set(call: &mut NativeCall<'_>, slot: u8, value: B256) -> Step<()> {
    Ok(call.sstore(U256::from(slot), U256::from_be_bytes(value.0))?)
}

fn chain(previous: B256, next: B256) -> B256 {
    keccak256((previous, next).abi_encode())
}

fn mismatch<T>(field: MessengerField, expected: B256, actual: B256) -> Step<T> {
    revert_with(&ReconstructionMismatch { _0: field as u8, expected, actual })
}

fn b256_of(value: U256) -> B256 {
    B256::from(value.to_be_bytes::<32>())
}

/// `_processL2ToL1Log`: chains the log's hash, counts it, emits `L2ToL1LogSent`; returns its
/// index in the batch's log tree. Acts as the L1Messenger.
fn process_log(call: &mut NativeCall<'_>, log: &L2ToL1Log) -> Step<U256> {
    let hashed = keccak256(log.to_bytes());
    let chained = chain(slot(call, CHAINED_LOGS_HASH_SLOT), hashed);
    set(call, CHAINED_LOGS_HASH_SLOT, chained)?;
    let id = call.sload(U256::from(NUMBER_OF_LOGS_SLOT));
    let Some(next) = id.checked_add(U256::from(1)) else {
        return super::calldata::panic_code(super::calldata::PANIC_OVERFLOW);
    };
    call.sstore(U256::from(NUMBER_OF_LOGS_SLOT), next)?;
    let event = errors::L2ToL1LogSent {
        _l2log: errors::L2ToL1Log {
            l2ShardId: log.shard_id,
            isService: log.is_service,
            txNumberInBlock: log.tx_number_in_block,
            sender: log.sender,
            key: log.key,
            value: log.value,
        },
    };
    emit(call, L1_MESSENGER, &event)?;
    Ok(id)
}

/// `sendToL1(message)` from `sender`, acting as the L1Messenger: returns the message hash.
///
/// # Errors
/// `Overflow()` when the ergs to burn do not fit 32 bits; a panic when they are not there.
pub fn send_to_l1(call: &mut NativeCall<'_>, sender: Address, message: &[u8]) -> Step<B256> {
    let hash = keccak256(message);
    let messages = chain(slot(call, CHAINED_MESSAGES_HASH_SLOT), hash);
    set(call, CHAINED_MESSAGES_HASH_SLOT, messages)?;
    let log = L2ToL1Log {
        shard_id: 0,
        is_service: true,
        tx_number_in_block: call.tx_number(),
        sender: L1_MESSENGER,
        key: sender.into_word(),
        value: hash,
    };
    process_log(call, &log)?;
    let pubdata = 4 + message.len() as u64 + LOG_SIZE as u64;
    let ergs = keccak_gas_cost(LOG_SIZE as u64)
        + U256::from(3) * keccak_gas_cost(64)
        + keccak_gas_cost(message.len() as u64)
        + U256::from(COMPUTATIONAL_PRICE_FOR_PUBDATA) * U256::from(pubdata);
    burn_gas(call, ergs, pubdata)?;
    let event =
        errors::L1MessageSent { _sender: sender, _hash: hash, _message: message.to_vec().into() };
    emit(call, L1_MESSENGER, &event)?;
    Ok(hash)
}

/// `requestBytecodeL1Publication(hash)` from `sender`, acting as the L1Messenger.
///
/// # Errors
/// `Unauthorized(sender)` unless KnownCodesStorage calls; as [`burn_gas`].
pub fn request_bytecode_publication(
    call: &mut NativeCall<'_>,
    sender: Address,
    hash: B256,
) -> Step<()> {
    if sender != KNOWN_CODES_STORAGE {
        return revert_with(&Unauthorized { caller: sender });
    }
    let chained = chain(slot(call, CHAINED_BYTECODES_HASH_SLOT), hash);
    set(call, CHAINED_BYTECODES_HASH_SLOT, chained)?;
    let length = (u64::from(hash[2]) * 256 + u64::from(hash[3])) << 5;
    let pubdata = 4 + length;
    let ergs = sha256_gas_cost(length)
        + keccak_gas_cost(64)
        + U256::from(COMPUTATIONAL_PRICE_FOR_PUBDATA) * U256::from(pubdata);
    burn_gas(call, ergs, pubdata)?;
    emit(call, L1_MESSENGER, &errors::BytecodeL1PublicationRequested { _bytecodeHash: hash })
}

impl L1Messenger {
    fn dispatch(
        &self,
        call: &mut NativeCall<'_>,
        cd: &Calldata<'_>,
        sender: Address,
    ) -> Step<Vec<u8>> {
        match cd.selector() {
            Some(IL1Messenger::sendToL1Call::SELECTOR) => {
                non_payable(call)?;
                cd.require_head(1)?;
                let message = cd.arg_dynamic(0, 1)?;
                let hash = send_to_l1(call, sender, cd.bytes(message))?;
                Ok(hash.to_vec())
            }
            Some(IL1Messenger::sendL2ToL1LogCall::SELECTOR) => {
                non_payable(call)?;
                cd.require_head(3)?;
                let is_service = cd.arg_bool(0)?;
                let (key, value) = (cd.arg_b256(1), cd.arg_b256(2));
                if !is_system_contract(&sender) {
                    return revert_with(&CallerMustBeSystemContract {});
                }
                let log = L2ToL1Log {
                    shard_id: 0,
                    is_service,
                    tx_number_in_block: call.tx_number(),
                    sender,
                    key,
                    value,
                };
                let id = process_log(call, &log)?;
                let ergs = keccak_gas_cost(LOG_SIZE as u64) + U256::from(2) * keccak_gas_cost(64);
                burn_gas(call, ergs, LOG_SIZE as u64)?;
                Ok(id.to_be_bytes::<32>().to_vec())
            }
            Some(IL1Messenger::requestBytecodeL1PublicationCall::SELECTOR) => {
                non_payable(call)?;
                cd.require_head(1)?;
                request_bytecode_publication(call, sender, cd.arg_b256(0))?;
                Ok(Vec::new())
            }
            Some(IL1Messenger::publishPubdataAndClearStateCall::SELECTOR) => {
                non_payable(call)?;
                cd.require_head(2)?;
                let validator = cd.arg_address(0)?;
                let input = cd.arg_dynamic(1, 1)?;
                if sender != BOOTLOADER {
                    return revert_with(&CallerMustBeBootloader {});
                }
                self.publish(call, cd, validator, input)?;
                Ok(Vec::new())
            }
            _ => revert_empty(),
        }
    }

    /// `publishPubdataAndClearState`: every check of the contract in its order, the three
    /// system logs, and the cleared state.
    fn publish(
        &self,
        call: &mut NativeCall<'_>,
        cd: &Calldata<'_>,
        validator: Address,
        input: Slice,
    ) -> Step<()> {
        let read = |from: usize, n: usize| input.read_checked(cd, from, n);
        let mut ptr = 0usize;
        let signature = read(ptr, 4)?;
        let expected = U256::from_be_slice(&IL2DAValidator::validatePubdataCall::SELECTOR) << 224;
        if signature << 224 != expected {
            return mismatch(
                MessengerField::InputDAFunctionSig,
                b256_of(expected),
                b256_of(signature << 224),
            );
        }
        ptr += 4;
        let logs_hash = slot(call, CHAINED_LOGS_HASH_SLOT);
        let input_logs_hash = b256_of(read(ptr, 32)?);
        if input_logs_hash != logs_hash {
            return mismatch(MessengerField::InputLogsHash, logs_hash, input_logs_hash);
        }
        ptr += 32;
        let input_root = b256_of(read(ptr, 32)?);
        ptr += 32;
        let messages_hash = slot(call, CHAINED_MESSAGES_HASH_SLOT);
        let input_messages = b256_of(read(ptr, 32)?);
        if input_messages != messages_hash {
            return mismatch(MessengerField::InputMsgsHash, messages_hash, input_messages);
        }
        ptr += 32;
        let bytecodes_hash = slot(call, CHAINED_BYTECODES_HASH_SLOT);
        let input_bytecodes = b256_of(read(ptr, 32)?);
        if input_bytecodes != bytecodes_hash {
            return mismatch(MessengerField::InputBytecodeHash, bytecodes_hash, input_bytecodes);
        }
        ptr += 32;
        let offset = read(ptr, 32)?;
        if offset != U256::from(ptr + 28) {
            return mismatch(
                MessengerField::Offset,
                b256_of(U256::from(ptr + 28)),
                b256_of(offset),
            );
        }
        let length = input.sub(ptr + 32, ptr + 64).map(|s| s.as_uint(cd))?;
        ptr += 64;
        let count = read(ptr, 4)?;
        if count > U256::from(L2_TO_L1_LOGS_MERKLE_TREE_LEAVES) {
            return mismatch(
                MessengerField::NumberOfLogs,
                b256_of(U256::from(L2_TO_L1_LOGS_MERKLE_TREE_LEAVES)),
                b256_of(count),
            );
        }
        ptr += 4;
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        let needed = U256::from(4 + count * LOG_SIZE);
        if length < needed {
            return mismatch(MessengerField::Length, b256_of(needed), b256_of(length));
        }
        let mut leaves = Vec::with_capacity(count);
        let mut rebuilt = B256::ZERO;
        for _ in 0..count {
            let log = input.sub(ptr, ptr + LOG_SIZE)?;
            ptr += LOG_SIZE;
            let hashed = keccak256(cd.bytes(log));
            leaves.push(hashed);
            rebuilt = chain(rebuilt, hashed);
        }
        if rebuilt != logs_hash {
            return mismatch(MessengerField::LogsHash, logs_hash, rebuilt);
        }
        let local_root =
            LogTree::new(leaves, L2_TO_L1_LOGS_MERKLE_TREE_LEAVES).map_err(|_| Exit::Panic)?.root();
        let mut both = [0u8; 64];
        both[..32].copy_from_slice(local_root.as_slice());
        both[32..].copy_from_slice(self.config.aggregated_root.as_slice());
        let full_root = keccak256(both);
        if input_root != local_root {
            return mismatch(MessengerField::InputLogsRootHash, local_root, input_root);
        }
        let output = self.l2_da_output(call, cd, validator, input)?;
        for (key, value) in [
            (L2_TO_L1_LOGS_TREE_ROOT_KEY, full_root),
            (USED_L2_DA_VALIDATOR_ADDRESS_KEY, validator.into_word()),
            (L2_DA_VALIDATOR_OUTPUT_HASH_KEY, output),
        ] {
            call.send_to_l1(U256::from(key), U256::from_be_bytes(value.0), true)?;
        }
        for slot_index in 0..4 {
            call.sstore(U256::from(slot_index), U256::ZERO)?;
        }
        Ok(())
    }

    /// The L2 DA validator's output hash (zero without a validator), its call composed in Rust.
    fn l2_da_output(
        &self,
        call: &mut NativeCall<'_>,
        cd: &Calldata<'_>,
        validator: Address,
        input: Slice,
    ) -> Step<B256> {
        if validator == Address::ZERO {
            return Ok(B256::ZERO);
        }
        let rollup = Some(validator) == self.config.rollup_da_validator;
        if !rollup && Some(validator) != self.config.validium_da_validator {
            // Bytecode (or nothing) that a native cannot call.
            return Err(Exit::Panic);
        }
        let operator_input = cd.bytes(input).to_vec();
        nested(call, validator, |call| {
            let cd = Calldata::new(&operator_input);
            if rollup {
                da_validator::rollup_validate(call, &cd)
            } else {
                da_validator::validium_validate(&cd)
            }
        })
    }
}
