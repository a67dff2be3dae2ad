//! The hook `log.precompile` calls: the precompile of the calling contract's address.

use alloy_primitives::{Address, U256};

use crate::memory::Memory;

/// Runs precompiles for `log.precompile`. The VM has already charged the extra ergs and
/// filled in the ABI's zero read/write pages with the caller's heap page; nothing the hook
/// does changes ergs, pubdata or `dst0` (as in zk_evm, where precompiles report failure in the
/// memory they write).
///
/// [`StandardPrecompiles`](crate::precompiles::StandardPrecompiles), the world's default, runs
/// every precompile of zk_evm 0.153.12; [`NoPrecompiles`] runs none.
pub trait Precompiles {
    /// Runs the precompile at `address` with the precompile-call ABI word `abi` (input and
    /// output offsets/lengths in 32-byte words, pages, precompile-specific data), reading and
    /// writing `memory`.
    fn call(&mut self, address: &Address, abi: &U256, memory: &mut Memory);
}

/// No precompiles: a call changes nothing but ergs, pubdata and `dst0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoPrecompiles;

impl Precompiles for NoPrecompiles {
    fn call(&mut self, _address: &Address, _abi: &U256, _memory: &mut Memory) {}
}
