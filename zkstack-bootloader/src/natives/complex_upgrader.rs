//! ComplexUpgrader (0x800f): runs an upgrade's force deployments and delegate-calls its
//! upgrade logic; only FORCE_DEPLOYER may call it (era-contracts v26 `ComplexUpgrader.sol`).
//!
//! The native makes the contract's far calls itself ([`NativeCall::far_call`]), in the
//! contract's order:
//! - `forceDeployAndUpgrade(deployments, delegateTo, data)`: the ABI decoder's checks, the
//!   caller check, then the high-level call `ContractDeployer.forceDeployOnAddresses(deployments)`
//!   — Solidity's `extcodesize` check on ContractDeployer, the array re-encoded from calldata
//!   with the encoder's checks (a malformed element reverts with no data), a plain far call with
//!   all ergs and no value, its revert bubbled up (a panic as a revert with no data) — then
//!   `upgrade(delegateTo, data)`.
//! - `upgrade(delegateTo, data)`: the caller check, `delegateTo.code.length == 0` reverts with
//!   `AddressHasNoCode(delegateTo)`, then `delegatecall(data)` with all ergs: the target's code
//!   runs as the ComplexUpgrader (its storage, `msg.sender` FORCE_DEPLOYER, `msg.value`); its
//!   revert bytes are re-thrown, a panic as a revert with no data; success returns no data.
//!
//! `extcodesize` is what zksolc makes of it: a static call to AccountCodeStorage's
//! `getCodeSize(uint256)` (a failure of that call is re-thrown as a revert; it cannot fail with
//! the real AccountCodeStorage). What differs from the bytecode: the ergs of the contract's own
//! instructions and memory are not charged (each far call pays what a bytecode `far_call` pays,
//! and the callees spend what they spend); Solidity's order of the `extcodesize` check and the
//! argument encoding only matters for ergs when the array is malformed.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use zkstack_vm::world::{NativeCall, NativeCallKind, NativeContract, NativeFarCall, NativeOutcome};

use super::addresses::{ACCOUNT_CODE_STORAGE, CONTRACT_DEPLOYER, FORCE_DEPLOYER};
use super::calldata::{Calldata, Exit, Step, revert_empty, revert_with};
use super::errors::{
    AddressHasNoCode, ForceDeployment, IAccountCodeStorage, IComplexUpgrader, IContractDeployer,
    Unauthorized,
};
use super::{calldata_of, finish};

/// The ComplexUpgrader native.
#[derive(Clone, Copy, Debug, Default)]
pub struct ComplexUpgrader;

impl NativeContract for ComplexUpgrader {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        finish(run(call, &Calldata::new(&data)))
    }
}

fn run(call: &mut NativeCall<'_>, cd: &Calldata<'_>) -> Step<Vec<u8>> {
    // Both functions are payable: no value check.
    match cd.selector() {
        Some(IComplexUpgrader::forceDeployAndUpgradeCall::SELECTOR) => {
            cd.require_head(3)?;
            // A calldata array of dynamic structs: the decoder checks its table of offsets;
            // the elements are checked when re-encoded.
            let deployments = cd.arg_dynamic(0, 32)?;
            let delegate_to = cd.arg_address(1)?;
            let data = cd.arg_dynamic(2, 1)?;
            only_force_deployer(call)?;
            require_code(call, CONTRACT_DEPLOYER, revert_empty)?;
            let mut elements = Vec::with_capacity(deployments.len);
            for index in 0..deployments.len {
                elements.push(deployment(cd, deployments.offset, index)?);
            }
            let input = IContractDeployer::forceDeployOnAddressesCall { _deployments: elements }
                .abi_encode();
            let ergs = call.ergs_left();
            let request =
                NativeFarCall::new(NativeCallKind::Normal, CONTRACT_DEPLOYER, &input, ergs);
            rethrow(call.far_call(&request)?)?;
            upgrade(call, delegate_to, cd.bytes(data))
        }
        Some(IComplexUpgrader::upgradeCall::SELECTOR) => {
            cd.require_head(2)?;
            let delegate_to = cd.arg_address(0)?;
            let data = cd.arg_dynamic(1, 1)?;
            only_force_deployer(call)?;
            upgrade(call, delegate_to, cd.bytes(data))
        }
        _ => revert_empty(),
    }
}

/// The `onlyForceDeployer` modifier.
fn only_force_deployer(call: &NativeCall<'_>) -> Step<()> {
    if call.caller() == FORCE_DEPLOYER {
        Ok(())
    } else {
        revert_with(&Unauthorized { caller: call.caller() })
    }
}

/// `upgrade`'s body: the code check, then the delegate call; its revert is re-thrown.
fn upgrade(call: &mut NativeCall<'_>, delegate_to: Address, data: &[u8]) -> Step<Vec<u8>> {
    require_code(call, delegate_to, || revert_with(&AddressHasNoCode(delegate_to)))?;
    let ergs = call.ergs_left();
    let request = NativeFarCall::new(NativeCallKind::Delegate, delegate_to, data, ergs);
    rethrow(call.far_call(&request)?)?;
    Ok(Vec::new())
}

/// Ends the step with `otherwise` when `address.code.length` is zero (asked of
/// AccountCodeStorage as zksolc's `extcodesize` asks it).
fn require_code(
    call: &mut NativeCall<'_>,
    address: Address,
    otherwise: impl FnOnce() -> Step<()>,
) -> Step<()> {
    let input =
        IAccountCodeStorage::getCodeSizeCall { _input: U256::from_be_slice(address.as_slice()) }
            .abi_encode();
    let ergs = call.ergs_left();
    let request = NativeFarCall {
        is_static: true,
        ..NativeFarCall::new(NativeCallKind::Normal, ACCOUNT_CODE_STORAGE, &input, ergs)
    };
    let returned = rethrow(call.far_call(&request)?)?;
    let size = Calldata::new(&returned).load_u256(0);
    if size.is_zero() { otherwise() } else { Ok(()) }
}

/// A failed call re-thrown as Solidity re-throws it: a revert keeps its bytes, a panic (no
/// return data) becomes a revert with no data; success hands back the return bytes.
fn rethrow(outcome: NativeOutcome) -> Step<Vec<u8>> {
    match outcome {
        NativeOutcome::Ok(data) => Ok(data),
        NativeOutcome::Revert(data) => Err(Exit::Revert(data)),
        NativeOutcome::Panic => revert_empty(),
    }
}

/// The sign bit of a 256-bit word (Yul's `slt` / `sgt` compare with it flipped).
const SIGN: U256 = U256::from_limbs([0, 0, 0, 1 << 63]);

/// Yul's `slt(a, b)`.
fn slt(a: U256, b: U256) -> bool {
    (a ^ SIGN) < (b ^ SIGN)
}

/// `calldataload(at)` for any word `at` (zero past the end).
fn load(cd: &Calldata<'_>, at: U256) -> U256 {
    usize::try_from(at).map_or(U256::ZERO, |at| cd.load_u256(at))
}

/// Solidity's `access_calldata_tail`: the offset word at `ptr`, relative to `base`, must leave
/// `needed` bytes before the calldata end (a signed comparison, as the encoder makes it);
/// returns where the tail starts.
fn tail(cd: &Calldata<'_>, base: U256, ptr: U256, needed: u64) -> Step<U256> {
    let relative = load(cd, ptr);
    let size = U256::from(cd.len());
    let limit = size.wrapping_sub(base).wrapping_sub(U256::from(needed - 1));
    if !slt(relative, limit) {
        return revert_empty();
    }
    Ok(base.wrapping_add(relative))
}

/// Element `index` of the `ForceDeployment[] calldata` whose items start at `items`, read as the
/// ABI encoder reads it to encode it again: the element's and `input`'s tail checks, and the
/// value checks of `address` and `bool` (each failure reverts with no data).
fn deployment(cd: &Calldata<'_>, items: usize, index: usize) -> Step<ForceDeployment> {
    let base = U256::from(items);
    let element = tail(cd, base, base + U256::from(index) * U256::from(32), 5 * 32)?;
    let word = |n: u64| load(cd, element.wrapping_add(U256::from(32 * n)));
    let address = word(1);
    if address >> 160 != U256::ZERO {
        return revert_empty();
    }
    let flag = word(2);
    if flag > U256::from(1) {
        return revert_empty();
    }
    let at = tail(cd, element, element.wrapping_add(U256::from(4 * 32)), 32)?;
    let length = load(cd, at);
    if length > U256::from(u64::MAX) {
        return revert_empty();
    }
    let start = at.wrapping_add(U256::from(32));
    let size = U256::from(cd.len());
    if slt(size.wrapping_sub(length), start) {
        return revert_empty();
    }
    Ok(ForceDeployment {
        bytecodeHash: B256::from(word(0)),
        newAddress: Address::from_word(B256::from(address)),
        callConstructor: flag == U256::from(1),
        value: word(3),
        input: copy(cd, start, length)?.into(),
    })
}

/// `calldatacopy` of `length` bytes from `start` (zeros past the end). More bytes than the
/// calldata holds can only come from a start past the end (a negative offset that passed the
/// signed checks); their memory would cost more ergs than a call has: the call panics.
fn copy(cd: &Calldata<'_>, start: U256, length: U256) -> Step<Vec<u8>> {
    let Ok(length) = usize::try_from(length) else { return Err(Exit::Panic) };
    if length > cd.len() {
        return Err(Exit::Panic);
    }
    let mut out = Vec::with_capacity(length);
    for i in 0..length {
        let at = start.wrapping_add(U256::from(i));
        out.push(usize::try_from(at).map_or(0, |at| cd.load(at)[0]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use alloy_sol_types::SolValue;

    use super::*;

    /// Canonically encoded deployments decode back to themselves (the encoder's own output is
    /// what Solidity re-encodes without change).
    #[test]
    fn canonical_deployments_round_trip() {
        let deployments = vec![
            ForceDeployment {
                bytecodeHash: B256::repeat_byte(0x11),
                newAddress: Address::repeat_byte(0x22),
                callConstructor: true,
                value: U256::from(7),
                input: vec![1, 2, 3].into(),
            },
            ForceDeployment {
                bytecodeHash: B256::repeat_byte(0x33),
                newAddress: Address::repeat_byte(0x44),
                callConstructor: false,
                value: U256::ZERO,
                input: vec![0xab; 70].into(),
            },
        ];
        let call = IComplexUpgrader::forceDeployAndUpgradeCall {
            _forceDeployments: deployments.clone(),
            _delegateTo: Address::repeat_byte(0x55),
            _calldata: vec![9; 5].into(),
        }
        .abi_encode();
        let cd = Calldata::new(&call);
        let items = cd.arg_dynamic(0, 32).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(items.len, 2);
        for (index, expected) in deployments.iter().enumerate() {
            let got = deployment(&cd, items.offset, index).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(got.abi_encode(), expected.abi_encode());
        }
    }

    /// The encoder's checks: a dirty address, a bool that is not 0 or 1, an `input` length past
    /// the end and an element offset past the end each revert with no data (Solidity's
    /// `validator_revert_t_address`, `validator_revert_t_bool`, `access_calldata_tail`).
    #[test]
    fn malformed_elements_revert_with_no_data() {
        let one = vec![ForceDeployment {
            bytecodeHash: B256::repeat_byte(0x11),
            newAddress: Address::repeat_byte(0x22),
            callConstructor: false,
            value: U256::ZERO,
            input: vec![5; 3].into(),
        }];
        let good = IComplexUpgrader::forceDeployAndUpgradeCall {
            _forceDeployments: one,
            _delegateTo: Address::repeat_byte(0x55),
            _calldata: vec![].into(),
        }
        .abi_encode();
        // Layout: selector, 3 head words, array length at 4 + 96, element offset at 4 + 128,
        // element at 4 + 160: hash, address, bool, value, input offset, input length, input.
        let element = 4 + 160;
        let cases: [(usize, u8); 4] = [
            (element + 32 + 11, 1),  // a high byte of the address
            (element + 64 + 31, 2),  // callConstructor = 2
            (element + 160 + 30, 1), // input length 259: past the end
            (4 + 128 + 30, 1),       // element offset + 256: past the end
        ];
        for (at, value) in cases {
            let mut bad = good.clone();
            bad[at] = value;
            let cd = Calldata::new(&bad);
            let items = cd.arg_dynamic(0, 32).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(
                deployment(&cd, items.offset, 0).map(|_| ()),
                Err(Exit::Revert(Vec::new())),
                "byte {at} set to {value}"
            );
        }
        let cd = Calldata::new(&good);
        let items = cd.arg_dynamic(0, 32).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(deployment(&cd, items.offset, 0).is_ok());
    }
}
