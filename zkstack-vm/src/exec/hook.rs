//! VM hooks: the bootloader talks to its host by writing a word to one agreed heap slot.
//!
//! zksync_vm2 suspends execution when the bootloader's code stores to `Settings::hook_address`
//! in its heap (`HeapWrite` only, and only when the store itself succeeded), hands the stored
//! value to the host and resumes at the next instruction. The host reads the hook's parameters
//! from the bootloader heap, may write answers back, and calls [`Vm::step`] or
//! [`Vm::run_until_stop`] again. Only the bootloader writes its own heap page, so matching on
//! the page and the offset is the same condition as vm2's "bootloader program".

use alloy_primitives::U256;

use super::code::{Handler, Instr};
use super::error::VmError;
use super::vm::{Step, Vm};
use crate::tracer::Tracer;

/// Where a heap store suspends the VM: a byte offset in one heap page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HookPoint {
    /// The heap page (the bootloader's heap: its base page + 2).
    pub heap_page: u32,
    /// The byte offset of the hook word.
    pub offset: u32,
}

impl<T: Tracer> Vm<T> {
    /// Whether the store `instr` just executed wrote the hook word; returns the hook number (the
    /// low 32 bits of the stored value, as vm2 reads it).
    #[inline(always)]
    #[allow(clippy::cast_possible_truncation, reason = "vm2 takes the low 32 bits")]
    pub(super) fn hook_fired(&self, instr: &Instr, src0: &U256, value: &U256) -> Option<u32> {
        let hook = self.hook?;
        if instr.handler != Handler::HeapWrite || self.state.pending_exception {
            return None;
        }
        let l = src0.as_limbs();
        let at_hook = l[0] == u64::from(hook.offset) && l[1] == 0 && l[2] == 0 && l[3] == 0;
        (at_hook && self.state.current.heap_page() == hook.heap_page)
            .then_some(value.as_limbs()[0] as u32)
    }

    /// Runs until a hook fires ([`Step::Hook`]) or the outermost frame returns
    /// ([`Step::Finished`]).
    ///
    /// # Errors
    /// As [`Vm::step`].
    pub fn run_until_stop(&mut self) -> Result<Step, VmError> {
        let mut instrs = std::sync::Arc::clone(self.state.current.code.instrs());
        loop {
            self.refresh_code(&mut instrs);
            if self.try_fast(super::code::instr_at(&instrs, self.state.current.pc)) {
                continue;
            }
            match self.step_in(&instrs)? {
                Step::Continue => {}
                stop => return Ok(stop),
            }
        }
    }
}
