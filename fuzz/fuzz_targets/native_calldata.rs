//! The native system contracts (`zkstack_bootloader::natives`) on arbitrary calldata, each
//! called through a real EraVM far call from assembled bytecode (the harness of
//! `zkstack-bootloader/tests/natives.rs`, shared by path).
//!
//! What must hold: every call ends as the contract would end it — return, revert or panic — and
//! never as a host panic or an interpreter error, whatever the calldata (short, truncated ABI
//! offsets, lengths past the end, huge counts), the caller (bootloader, a system contract, the
//! force deployer or a user) and the transaction number. Up to three calls run on the same
//! world, so that state one call leaves (requested bytecodes, sent messages) reaches the next.
//!
//! Input, per call: 1 byte target native, 1 byte caller, 1 byte selector, 1 byte transaction
//! number, 2 bytes body length, the body. Selector below 0x80: one of the natives' real
//! selectors followed by the body; 0x80–0xbf: a well-formed ABI call of a function with a
//! `bytes` (or `bytes32[]`) argument, the body as that argument (split in two where there are
//! two), so that the operator-input, state-diff and bytecode decoders behind the ABI are reached;
//! otherwise the body is the raw calldata.
#![no_main]

#[allow(dead_code, reason = "the test harness has helpers this target does not use")]
#[path = "../../zkstack-bootloader/tests/natives/harness.rs"]
mod harness;

use alloy_primitives::{Address, B256, Bytes, U256, address};
use alloy_sol_types::SolCall;
use libfuzzer_sys::fuzz_target;
use zkstack_bootloader::natives::NativeConfig;
use zkstack_bootloader::natives::addresses::{
    BOOTLOADER, CODE_ORACLE, COMPLEX_UPGRADER, COMPRESSOR, EC_ADD, EC_MUL, EC_PAIRING,
    FORCE_DEPLOYER, KNOWN_CODES_STORAGE, L1_MESSENGER, PUBDATA_CHUNK_PUBLISHER,
};
use zkstack_bootloader::natives::errors::{
    IComplexUpgrader, ICompressor, IKnownCodesStorage, IL1Messenger, IL2DAValidator,
    IPubdataChunkPublisher,
};

/// Where the L2 DA validators are registered (as in the natives tests).
const ROLLUP: Address = address!("0x0000000000000000000000000000000000010010");
const VALIDIUM: Address = address!("0x0000000000000000000000000000000000010011");
/// A user account.
const USER: Address = address!("0x0000000000000000000000000000000000012345");

const TARGETS: [Address; 11] = [
    L1_MESSENGER,
    KNOWN_CODES_STORAGE,
    COMPRESSOR,
    PUBDATA_CHUNK_PUBLISHER,
    CODE_ORACLE,
    COMPLEX_UPGRADER,
    EC_ADD,
    EC_MUL,
    EC_PAIRING,
    ROLLUP,
    VALIDIUM,
];

const CALLERS: [Address; 6] =
    [BOOTLOADER, L1_MESSENGER, COMPRESSOR, KNOWN_CODES_STORAGE, FORCE_DEPLOYER, USER];

const SELECTORS: [[u8; 4]; 14] = [
    IL1Messenger::sendToL1Call::SELECTOR,
    IL1Messenger::sendL2ToL1LogCall::SELECTOR,
    IL1Messenger::requestBytecodeL1PublicationCall::SELECTOR,
    IL1Messenger::publishPubdataAndClearStateCall::SELECTOR,
    IKnownCodesStorage::markFactoryDepsCall::SELECTOR,
    IKnownCodesStorage::markBytecodeAsPublishedCall::SELECTOR,
    IKnownCodesStorage::getMarkerCall::SELECTOR,
    ICompressor::publishCompressedBytecodeCall::SELECTOR,
    ICompressor::verifyCompressedStateDiffsCall::SELECTOR,
    IPubdataChunkPublisher::chunkPubdataToBlobsCall::SELECTOR,
    IL2DAValidator::validatePubdataCall::SELECTOR,
    IComplexUpgrader::forceDeployAndUpgradeCall::SELECTOR,
    IComplexUpgrader::upgradeCall::SELECTOR,
    [0; 4],
];

/// A well-formed call of a function taking bytes, with `body` as its dynamic argument(s) and the
/// first body bytes as its small fixed ones.
fn structured(which: u8, body: &[u8]) -> Vec<u8> {
    let small = |i: usize| U256::from(body.get(i).copied().unwrap_or_default());
    let word = |i: usize| B256::from(small(i));
    let bytes = || Bytes::copy_from_slice(body);
    let (left, right) =
        body.split_at(usize::from(body.first().copied().unwrap_or(0)).min(body.len()));
    let (left, right) = (Bytes::copy_from_slice(left), Bytes::copy_from_slice(right));
    match which % 7 {
        0 => IL1Messenger::sendToL1Call { _message: bytes() }.abi_encode(),
        1 => IL1Messenger::publishPubdataAndClearStateCall {
            _l2DAValidator: if small(0).bit(0) { ROLLUP } else { VALIDIUM },
            _operatorInput: bytes(),
        }
        .abi_encode(),
        2 => IKnownCodesStorage::markFactoryDepsCall {
            _shouldSendToL1: small(0).bit(0),
            _hashes: body.chunks(32).map(|c| B256::left_padding_from(c)).collect(),
        }
        .abi_encode(),
        3 => ICompressor::publishCompressedBytecodeCall {
            _bytecode: left,
            _rawCompressedData: right,
        }
        .abi_encode(),
        4 => ICompressor::verifyCompressedStateDiffsCall {
            _numberOfStateDiffs: small(1),
            _enumerationIndexSize: small(2),
            _stateDiffs: left,
            _compressedStateDiffs: right,
        }
        .abi_encode(),
        5 => IPubdataChunkPublisher::chunkPubdataToBlobsCall { _pubdata: bytes() }.abi_encode(),
        _ => IL2DAValidator::validatePubdataCall {
            _chainedLogsHash: word(1),
            _logsRootHash: word(2),
            _chainedMessagesHash: word(3),
            _chainedBytecodesHash: word(4),
            _totalL2ToL1PubdataAndStateDiffs: bytes(),
        }
        .abi_encode(),
    }
}

fuzz_target!(|data: &[u8]| {
    let config = NativeConfig {
        rollup_da_validator: Some(ROLLUP),
        validium_da_validator: Some(VALIDIUM),
        ..NativeConfig::default()
    };
    let mut world = harness::world(&config);
    let mut rest = data;
    for _ in 0..3 {
        let [target, caller, selector, tx, hi, lo, tail @ ..] = rest else { return };
        let length = usize::from(u16::from_be_bytes([*hi, *lo])).min(tail.len());
        let (body, next) = tail.split_at(length);
        rest = next;
        let calldata = match *selector {
            0..0x80 => {
                let mut calldata = SELECTORS[usize::from(*selector) % SELECTORS.len()].to_vec();
                calldata.extend_from_slice(body);
                calldata
            }
            0x80..0xc0 => structured(*selector - 0x80, body),
            _ => body.to_vec(),
        };
        let target = TARGETS[usize::from(*target) % TARGETS.len()];
        let caller = CALLERS[usize::from(*caller) % CALLERS.len()];
        let (next_world, _outcome, _ergs) =
            harness::call(world, caller, target, &calldata, u16::from(*tx));
        world = next_world;
    }
});
