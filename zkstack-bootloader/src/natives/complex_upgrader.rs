//! ComplexUpgrader (0x800f): runs an upgrade's force deployments and delegate-calls its
//! upgrade logic; only FORCE_DEPLOYER may call it (era-contracts v26 `ComplexUpgrader.sol`).
//!
//! **Partial.** The native keeps the contract's ABI decoding and caller check (an unknown
//! selector or malformed head reverts with no data, any other caller gets
//! `Unauthorized(caller)`), but an authorised call needs far calls (ContractDeployer's
//! `forceDeployOnAddresses`, a `delegatecall`) that a native cannot make: it panics, and
//! the upgrade transaction fails. Supply the contract's bytecode for upgrade batches.

use alloy_sol_types::SolCall;
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::addresses::FORCE_DEPLOYER;
use super::calldata::{Calldata, Exit, Step, revert_empty, revert_with};
use super::errors::{IComplexUpgrader, Unauthorized};
use super::{calldata_of, finish};

/// The ComplexUpgrader native (checks only; see the module docs).
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
            // the elements are checked when read.
            cd.arg_dynamic(0, 32)?;
            cd.arg_address(1)?;
            cd.arg_dynamic(2, 1)?;
        }
        Some(IComplexUpgrader::upgradeCall::SELECTOR) => {
            cd.require_head(2)?;
            cd.arg_address(0)?;
            cd.arg_dynamic(1, 1)?;
        }
        _ => return revert_empty(),
    }
    if call.caller() != FORCE_DEPLOYER {
        return revert_with(&Unauthorized { caller: call.caller() });
    }
    Err(Exit::Panic)
}
