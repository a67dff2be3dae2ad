//! Running a transaction's validation under the rules.

use zkstack_vm::exec::Step;
use zkstack_vm::exec::code::PANIC_INSTR;

use super::rules::{ValidationRules, ViolatedRule};
use crate::executor::hook::VmHook;
use crate::executor::{BatchExecutor, ExecutorError};

/// How a validation run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationOutcome {
    /// The first rule broken; the run stops there, as zksync-era's tracer stops the VM.
    pub violation: Option<ViolatedRule>,
    /// Whether the bootloader reached the end of the validation step
    /// (`VM_HOOK_VALIDATION_STEP_ENDED`); `false` when it ended the transaction or itself first.
    pub validation_ended: bool,
}

/// Runs the next pushed transaction of `executor` from where its VM stands up to the end of its
/// validation (zksync-era `FullValidationTracer`: `STOP_AFTER_VALIDATION`), applying `rules` to
/// every instruction the account's validation runs, with the account given at most
/// `validation_gas_limit` computational gas as the executor gives it.
///
/// The executor's VM is left in the middle of the transaction: use this on an executor made for
/// the check (as zksync-era runs validation in a oneshot VM).
///
/// # Errors
/// [`ExecutorError::Vm`] when the interpreter cannot go on; [`ExecutorError::UnknownHook`].
pub fn validate_next(
    executor: &mut BatchExecutor,
    rules: &mut ValidationRules,
    validation_gas_limit: u32,
) -> Result<ValidationOutcome, ExecutorError> {
    let vm = executor.vm_mut();
    let mut split = None;
    let outcome = |rules: &ValidationRules, ended| ValidationOutcome {
        violation: rules.error().cloned(),
        validation_ended: ended,
    };
    loop {
        let frame = &vm.state.current;
        let (instr, runs) = if vm.state.pending_exception {
            (PANIC_INSTR, true)
        } else {
            let instr = *frame.code.instr(frame.pc);
            let f = &vm.state.flags;
            (instr, instr.condition.holds(f.gt, f.lt, f.eq))
        };
        if runs {
            rules.before(vm, &instr);
        }
        let step = vm.step().map_err(|error| ExecutorError::Vm {
            error,
            pc: vm.state.current.pc,
            address: vm.state.current.code_address,
        })?;
        if runs {
            rules.after(vm, &instr);
        }
        if rules.error().is_some() {
            return Ok(outcome(rules, false));
        }
        let number = match step {
            Step::Continue => continue,
            Step::Finished(_) => return Ok(outcome(rules, false)),
            Step::Hook(n) => n,
        };
        match VmHook::from_number(number).ok_or(ExecutorError::UnknownHook(number))? {
            VmHook::AccountValidationEntered => {
                let gas = vm.state.current.ergs;
                let given = gas.min(validation_gas_limit);
                split = Some((given, gas - given));
                vm.state.current.ergs = given;
                rules.entered(given);
            }
            VmHook::ValidationExited => {
                if let Some((_, hidden)) = split.take() {
                    vm.state.current.ergs += hidden;
                }
                rules.exited();
            }
            VmHook::ValidationStepEnded => return Ok(outcome(rules, true)),
            VmHook::TxHasEnded => return Ok(outcome(rules, false)),
            _ => {}
        }
    }
}
