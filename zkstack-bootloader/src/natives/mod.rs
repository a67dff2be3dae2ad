//! Native fill-ins for the kernel contracts a batch needs when the embedder did not supply their
//! bytecode: Rust code at the contract's address (zkstack-vm's [`NativeContract`]) with the
//! real contract's ABI, caller checks, reverts (same revert bytes), storage layout, events
//! (written word for word as EventWriter writes them) and L2→L1 logs, after era-contracts v26
//! (commit 16dedf6d7). Real bytecode is preferred: [`register_missing_natives`] only fills in
//! addresses whose code the world cannot load.
//!
//! | contract | file | what differs |
//! |---|---|---|
//! | L1Messenger (0x8008) | [`l1_messenger`] | ergs |
//! | KnownCodesStorage (0x8004) | [`known_codes`] | ergs |
//! | Compressor (0x800e) | [`compressor`] | ergs |
//! | PubdataChunkPublisher (0x8011) | [`chunk_publisher`] | ergs |
//! | CodeOracle (0x8012) | [`code_oracle`] | ergs |
//! | ComplexUpgrader (0x800f) | [`complex_upgrader`] | ergs of its own instructions (its far calls are real) |
//! | EcAdd / EcMul / EcPairing (0x06–0x08) | [`ec`] | ergs |
//! | rollup / validium L2 DA validators | [`da_validator`] | ergs |
//!
//! **Ergs.** A native charges only the ergs its contract burns explicitly
//! (`SystemContractHelper.burnGas`, with the same pubdata count); the ergs of the contract's
//! own instructions, of the calls inside a chain composed in Rust (see below) and of hashing are
//! not charged (real far calls a native makes are charged as for bytecode),
//! and where the real contract burns all its ergs on bad input (`burnGas()` of the Ec*
//! contracts) the native does too. Ergs flow into the transaction's refund, so a batch run with
//! natives may refund differently from one with all bytecode; storage, events, L2→L1 logs and
//! pubdata of the contracts themselves are the same.
//!
//! **Call chains.** Where a contract calls another contract that a native also implements
//! (Compressor → L1Messenger and KnownCodesStorage, KnownCodesStorage → L1Messenger,
//! L1Messenger → L2 DA validator → Compressor and PubdataChunkPublisher), the chain is composed
//! in Rust, each step acting as its contract (storage, events, `msg.sender`), so the effects are
//! those of the real chain whether or not the callee's bytecode was supplied. A callee that
//! fails inside the chain with a panic shows as a revert with no data, as a Solidity caller
//! would turn it. A contract whose callees are arbitrary code makes real far calls instead
//! (zkstack-vm's `NativeCall::far_call`, run by the VM exactly as a bytecode `far_call`): the
//! ComplexUpgrader calls AccountCodeStorage (for `extcodesize`), ContractDeployer and,
//! by `delegatecall`, the upgrade's code, paying those calls' ergs as bytecode would. What no
//! native does — the L1Messenger calling an L2 DA validator it does not know ([`NativeConfig`]),
//! L2MessageRoot's `getAggregatedRoot` (taken from the config) — is listed with each contract.

pub mod addresses;
pub mod calldata;
pub mod chunk_publisher;
pub mod code_oracle;
pub mod complex_upgrader;
pub mod compressor;
pub mod da_validator;
pub mod ec;
pub mod errors;
pub mod event;
pub mod gas;
pub mod known_codes;
pub mod l1_messenger;

use alloy_primitives::{Address, B256, U256, b256};
use zkstack_vm::world::{
    NativeCall, NativeContract, NativeOutcome, StorageKey, VersionedHash, World,
};

use calldata::{Exit, Step};

/// `SHARED_ROOT_TREE_EMPTY_HASH` (l1-contracts `bridgehub/MessageRoot.sol`): what
/// `L2MessageRoot.getAggregatedRoot()` returns while no chain settles on this chain.
pub const SHARED_ROOT_TREE_EMPTY_HASH: B256 =
    b256!("0x46700b4d40ac5c35af2c22dda2787a91eb567b06c924a8fb8ae9a05b20c08c21");

/// What the natives need to know of the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NativeConfig {
    /// What `L2MessageRoot.getAggregatedRoot()` (0x10005) returns during the batch: the
    /// L1Messenger hashes it into the logs root. [`SHARED_ROOT_TREE_EMPTY_HASH`] unless chains
    /// settle on this one (a Gateway).
    pub aggregated_root: B256,
    /// Where the rollup L2 DA validator is deployed (a native is registered there when its
    /// code is missing; the L1Messenger composes calls to it).
    pub rollup_da_validator: Option<Address>,
    /// Where the validium L2 DA validator is deployed.
    pub validium_da_validator: Option<Address>,
}

impl Default for NativeConfig {
    fn default() -> Self {
        NativeConfig {
            aggregated_root: SHARED_ROOT_TREE_EMPTY_HASH,
            rollup_da_validator: None,
            validium_da_validator: None,
        }
    }
}

/// Whether the world can run bytecode at `address`: AccountCodeStorage holds a code hash for it
/// and the code source has that code.
pub fn has_code(world: &mut World, address: &Address) -> bool {
    let key = StorageKey {
        shard: 0,
        address: addresses::ACCOUNT_CODE_STORAGE,
        key: U256::from_be_slice(address.as_slice()),
    };
    let hash = world.storage.read(&key).value;
    if hash.is_zero() {
        return false;
    }
    let hash = VersionedHash::from_word(&hash);
    world.code.code(&hash.preimage()).is_some()
}

/// Every native with its address under `config`.
pub fn all_natives(config: &NativeConfig) -> Vec<(Address, Box<dyn NativeContract>)> {
    let mut out: Vec<(Address, Box<dyn NativeContract>)> = vec![
        (addresses::L1_MESSENGER, Box::new(l1_messenger::L1Messenger { config: *config })),
        (addresses::KNOWN_CODES_STORAGE, Box::new(known_codes::KnownCodesStorage)),
        (addresses::COMPRESSOR, Box::new(compressor::Compressor)),
        (addresses::PUBDATA_CHUNK_PUBLISHER, Box::new(chunk_publisher::PubdataChunkPublisher)),
        (addresses::CODE_ORACLE, Box::new(code_oracle::CodeOracle)),
        (addresses::COMPLEX_UPGRADER, Box::new(complex_upgrader::ComplexUpgrader)),
        (addresses::EC_ADD, Box::new(ec::EcAdd)),
        (addresses::EC_MUL, Box::new(ec::EcMul)),
        (addresses::EC_PAIRING, Box::new(ec::EcPairing)),
    ];
    if let Some(at) = config.rollup_da_validator {
        out.push((at, Box::new(da_validator::RollupDaValidator)));
    }
    if let Some(at) = config.validium_da_validator {
        out.push((at, Box::new(da_validator::ValidiumDaValidator)));
    }
    out
}

/// Registers a native for every contract of [`all_natives`] whose bytecode the world cannot
/// load ([`has_code`]); returns the addresses filled in.
pub fn register_missing_natives(world: &mut World, config: &NativeConfig) -> Vec<Address> {
    let mut filled = Vec::new();
    for (address, native) in all_natives(config) {
        if !has_code(world, &address) {
            world.register_native(address, native);
            filled.push(address);
        }
    }
    filled
}

/// Runs a contract body and turns its end into the VM's outcome.
pub(crate) fn finish(result: Step<Vec<u8>>) -> NativeOutcome {
    match result {
        Ok(data) => NativeOutcome::Ok(data),
        Err(Exit::Revert(data)) => NativeOutcome::Revert(data),
        Err(Exit::Panic) => NativeOutcome::Panic,
    }
}

/// Runs `body` as a call from the current contract into `callee` (Solidity's high-level call
/// or `EfficientCall`): storage and events act on `callee` meanwhile; a callee panic reaches the
/// caller as a failed call with no return data, which the caller re-throws as a revert with no
/// data; a revert keeps its bytes.
pub(crate) fn nested<T>(
    call: &mut NativeCall<'_>,
    callee: Address,
    body: impl FnOnce(&mut NativeCall<'_>) -> Step<T>,
) -> Step<T> {
    let own = call.act_as(callee);
    let result = body(call);
    call.act_as(own);
    result.map_err(|e| match e {
        Exit::Panic => Exit::Revert(Vec::new()),
        revert @ Exit::Revert(_) => revert,
    })
}

/// The non-payable check Solidity puts in front of a function: any `msg.value` reverts.
pub(crate) fn non_payable(call: &NativeCall<'_>) -> Step<()> {
    if call.msg_value() != 0 { calldata::revert_empty() } else { Ok(()) }
}

/// Reads the calldata of `call` (copied, so that the body can change the world).
pub(crate) fn calldata_of(call: &NativeCall<'_>) -> Vec<u8> {
    call.calldata().to_vec()
}
