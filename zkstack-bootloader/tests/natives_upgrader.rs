//! The ComplexUpgrader native doing a whole upgrade: FORCE_DEPLOYER far-calls it (see
//! `natives/harness.rs`), it far-calls ContractDeployer and delegate-calls the upgrade's code.
//!
//! The contracts around it are small assembled stand-ins (zkstack_vm::asm), so that the test
//! sees exactly what reached them: ContractDeployer (0x8006) records `msg.sender`, the calldata
//! length and every calldata word (or writes and reverts), AccountCodeStorage (0x8002) answers
//! `getCodeSize(x)` with its own slot `x` (the code hash: zero exactly when the real contract
//! answers zero for these addresses), and the upgrade target records the command word,
//! `msg.sender` and `this`, then returns, reverts or panics.
//!
//! Where the expected values come from: era-contracts v26 `ComplexUpgrader.sol` (the
//! `onlyForceDeployer` check, `forceDeployOnAddresses(_forceDeployments)` before `upgrade`,
//! `AddressHasNoCode`, `delegatecall` with its revert re-thrown) and EraVM's delegate-call rule
//! (the callee runs with the caller's `this` and `msg.sender`); the calldata ContractDeployer
//! must receive is the ABI encoding of `forceDeployOnAddresses` made by `alloy-sol-types` from
//! the interface declaration.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

#[path = "natives/harness.rs"]
#[allow(dead_code, reason = "the harness's empty world is not used here")]
mod harness;

use alloy_primitives::{Address, B256, Bytes, U256, address};
use alloy_sol_types::{SolCall, SolError};
use harness::{Outcome, call};
use zkstack_bootloader::natives::addresses::{
    ACCOUNT_CODE_STORAGE, COMPLEX_UPGRADER, CONTRACT_DEPLOYER, FORCE_DEPLOYER,
};
use zkstack_bootloader::natives::errors::{
    AddressHasNoCode, ForceDeployment, IComplexUpgrader, IContractDeployer,
};
use zkstack_bootloader::natives::{NativeConfig, register_missing_natives};
use zkstack_vm::world::{InMemoryCode, InMemoryStorage, StorageKey, VersionedHash, World};

/// Where the upgrade's code is deployed.
const TARGET: Address = address!("0x0000000000000000000000000000000000054321");
/// An address without code.
const EMPTY: Address = address!("0x0000000000000000000000000000000000054322");

/// AccountCodeStorage stand-in: `getCodeSize(x)` returns its slot `x`.
const ACCOUNT_CODE_STORAGE_SOURCE: &str = "    .text
main:
    add 4, r0, r2
    ptr.add r1, r2, r1
    ld r1, r3
    sload r3, r4
    st.1 r0, r4
    add 32, r0, r1
    shl.s 96, r1, r1
    ret.ok r1
";

/// ContractDeployer stand-in: slot 0 = `msg.sender`, slot 1 = calldata length, slots 2.. = the
/// calldata words; then returns nothing, or (`{end}`) reverts with the word 3054.
fn deployer_source(reverts: bool) -> String {
    let end = if reverts {
        "    add 3054, r0, r6\n    st.1 r0, r6\n    add 32, r0, r1\n    shl.s 96, r1, r1\n    ret.revert r1\n"
    } else {
        "    ret.ok r0\n"
    };
    format!(
        "    .text
main:
    context.caller r5
    sstore r0, r5
    shr.s 96, r1, r2
    add 1, r0, r3
    sstore r3, r2
    add 2, r0, r3
next:
    ld.inc r1, r4, r1
    sstore r3, r4
    add 1, r3, r3
    sub.s! 32, r2, r2
    jump.gt @next
{end}"
    )
}

/// The upgrade's code: slot 0x55 = the command word, 0x56 = `msg.sender`, 0x57 = `this`; then
/// command 2 reverts with the word 4011, 3 panics, anything else returns the word 77.
const TARGET_SOURCE: &str = "    .text
main:
    ld r1, r2
    context.caller r3
    context.this r4
    add 85, r0, r6
    sstore r6, r2
    add 86, r0, r6
    sstore r6, r3
    add 87, r0, r6
    sstore r6, r4
    sub.s! 2, r2, r0
    jump.eq @revert
    sub.s! 3, r2, r0
    jump.eq @panic
    add 77, r0, r6
    st.1 r0, r6
    add 32, r0, r1
    shl.s 96, r1, r1
    ret.ok r1
revert:
    add 4011, r0, r6
    st.1 r0, r6
    add 32, r0, r1
    shl.s 96, r1, r1
    ret.revert r1
panic:
    ret.panic r0
";

fn u256_of(a: Address) -> U256 {
    U256::from_be_slice(a.as_slice())
}

fn word(value: u64) -> Vec<u8> {
    U256::from(value).to_be_bytes::<32>().to_vec()
}

/// A world with the three stand-ins deployed and every native registered (the ComplexUpgrader's
/// among them: its code is not supplied).
fn world(deployer_reverts: bool) -> World {
    let mut storage = InMemoryStorage::new();
    let mut code = InMemoryCode::new();
    let sources = [
        (ACCOUNT_CODE_STORAGE, ACCOUNT_CODE_STORAGE_SOURCE.to_owned(), 0xa1),
        (CONTRACT_DEPLOYER, deployer_source(deployer_reverts), 0xa2),
        (TARGET, TARGET_SOURCE.to_owned(), 0xa3),
    ];
    for (at, source, fill) in sources {
        let bytecode = zkstack_vm::asm::assemble(&source).unwrap_or_else(|e| panic!("{e}"));
        let words: Vec<U256> = bytecode.chunks(32).map(U256::from_be_slice).collect();
        let mut hash = [fill; 32];
        hash[..2].copy_from_slice(&[1, 0]);
        hash[2..4].copy_from_slice(&u16::try_from(words.len()).unwrap().to_be_bytes());
        code.insert(VersionedHash(hash).preimage(), words);
        let key = StorageKey { shard: 0, address: ACCOUNT_CODE_STORAGE, key: u256_of(at) };
        storage.insert(key, U256::from_be_bytes(hash));
    }
    let mut world = World::new(Box::new(storage), Box::new(code));
    let filled = register_missing_natives(&mut world, &NativeConfig::default());
    assert!(filled.contains(&COMPLEX_UPGRADER));
    world
}

fn slot(world: &mut World, address: Address, key: u64) -> U256 {
    let key = StorageKey { shard: 0, address, key: U256::from(key) };
    world.diff.peek_storage(world.storage.as_mut(), &key)
}

fn upgrade(target: Address, command: u64) -> Vec<u8> {
    IComplexUpgrader::upgradeCall { _delegateTo: target, _calldata: word(command).into() }
        .abi_encode()
}

fn deployments() -> Vec<ForceDeployment> {
    vec![
        ForceDeployment {
            bytecodeHash: B256::repeat_byte(0x11),
            newAddress: address!("0x0000000000000000000000000000000000065432"),
            callConstructor: true,
            value: U256::ZERO,
            input: Bytes::from(vec![0xab; 37]),
        },
        ForceDeployment {
            bytecodeHash: B256::repeat_byte(0x22),
            newAddress: address!("0x0000000000000000000000000000000000065433"),
            callConstructor: false,
            value: U256::ZERO,
            input: Bytes::new(),
        },
    ]
}

#[test]
fn upgrade_runs_the_target_in_the_upgraders_context() {
    let (mut w, out, _) =
        call(world(false), FORCE_DEPLOYER, COMPLEX_UPGRADER, &upgrade(TARGET, 7), 1);
    assert_eq!(out, Outcome::Ok(Vec::new()), "upgrade returns nothing");
    assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x55), U256::from(7), "the calldata arrived");
    assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x56), u256_of(FORCE_DEPLOYER), "msg.sender kept");
    assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x57), u256_of(COMPLEX_UPGRADER), "this kept");
    assert_eq!(slot(&mut w, TARGET, 0x55), U256::ZERO, "nothing written at the target");
}

#[test]
fn upgrade_rethrows_the_targets_revert_and_rolls_back() {
    for (command, expected) in [(2, word(4011)), (3, Vec::new())] {
        let (mut w, out, _) =
            call(world(false), FORCE_DEPLOYER, COMPLEX_UPGRADER, &upgrade(TARGET, command), 1);
        assert_eq!(out, Outcome::Revert(expected), "command {command}");
        assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x55), U256::ZERO, "command {command}");
        assert!(w.diff.storage_changes().is_empty(), "command {command}");
    }
}

#[test]
fn upgrade_to_an_address_without_code_reverts() {
    let (_, out, _) = call(world(false), FORCE_DEPLOYER, COMPLEX_UPGRADER, &upgrade(EMPTY, 7), 1);
    assert_eq!(out, Outcome::Revert(AddressHasNoCode(EMPTY).abi_encode()));
}

#[test]
fn force_deploy_and_upgrade_calls_the_deployer_then_the_target() {
    let data = IComplexUpgrader::forceDeployAndUpgradeCall {
        _forceDeployments: deployments(),
        _delegateTo: TARGET,
        _calldata: word(7).into(),
    }
    .abi_encode();
    let (mut w, out, _) = call(world(false), FORCE_DEPLOYER, COMPLEX_UPGRADER, &data, 1);
    assert_eq!(out, Outcome::Ok(Vec::new()));
    let expected =
        IContractDeployer::forceDeployOnAddressesCall { _deployments: deployments() }.abi_encode();
    assert_eq!(slot(&mut w, CONTRACT_DEPLOYER, 0), u256_of(COMPLEX_UPGRADER), "msg.sender");
    assert_eq!(slot(&mut w, CONTRACT_DEPLOYER, 1), U256::from(expected.len()), "length");
    for (i, chunk) in expected.chunks(32).enumerate() {
        let mut padded = [0u8; 32];
        padded[..chunk.len()].copy_from_slice(chunk);
        let got = slot(&mut w, CONTRACT_DEPLOYER, 2 + i as u64);
        assert_eq!(got, U256::from_be_bytes(padded), "calldata word {i}");
    }
    assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x55), U256::from(7), "then the upgrade ran");
    assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x56), u256_of(FORCE_DEPLOYER));
}

#[test]
fn a_deployer_revert_is_rethrown_before_the_upgrade() {
    let data = IComplexUpgrader::forceDeployAndUpgradeCall {
        _forceDeployments: deployments(),
        _delegateTo: TARGET,
        _calldata: word(7).into(),
    }
    .abi_encode();
    let (mut w, out, _) = call(world(true), FORCE_DEPLOYER, COMPLEX_UPGRADER, &data, 1);
    assert_eq!(out, Outcome::Revert(word(3054)));
    assert_eq!(slot(&mut w, CONTRACT_DEPLOYER, 0), U256::ZERO, "the deployer's writes rolled back");
    assert_eq!(slot(&mut w, COMPLEX_UPGRADER, 0x55), U256::ZERO, "no upgrade ran");
}

#[test]
fn a_malformed_deployment_reverts_with_no_data_before_any_call() {
    let mut data = IComplexUpgrader::forceDeployAndUpgradeCall {
        _forceDeployments: deployments(),
        _delegateTo: TARGET,
        _calldata: word(7).into(),
    }
    .abi_encode();
    // The first element's `callConstructor` (selector, 3 head words, the array's length and two
    // element offsets, then the element: hash, address, bool) set to 2.
    data[4 + 6 * 32 + 2 * 32 + 31] = 2;
    let (mut w, out, _) = call(world(false), FORCE_DEPLOYER, COMPLEX_UPGRADER, &data, 1);
    assert_eq!(out, Outcome::Revert(Vec::new()));
    assert_eq!(slot(&mut w, CONTRACT_DEPLOYER, 0), U256::ZERO, "the deployer was not called");
}
