//! Native contracts: Rust code that a far call to a registered address runs instead of
//! bytecode (precompile contracts, system contracts not supplied as bytecode, user mocks).
//!
//! A far call to a native goes through every check and price of a far call to bytecode —
//! the calldata pointer and its heap growth, the `msg.value` simulator's extra, 63/64 of the
//! ergs — except that no code hash is looked up and nothing is decommitted (so no decommit
//! ergs and no warm deployer slot). The callee frame is entered (a world snapshot is taken),
//! the native runs, and the frame returns at once as a bytecode callee's `ret` would:
//! ok/revert hand the caller a fat pointer to the return bytes (written to the callee's heap
//! page), panic hands it nothing and the frame's world changes roll back; the caller resumes
//! at the next instruction or its exception handler, with the ergs the native did not spend.
//!
//! What is exact and what is not: everything the caller observes of the call mechanics is
//! exact to EraVM; the ergs and the pubdata the callee spends are whatever the native charges
//! ([`NativeCall::charge`]) plus the pubdata of its storage writes (priced by the world diff as
//! for bytecode) and what it spends explicitly ([`NativeCall::spend_pubdata`]). Storage reads and
//! writes make slots warm like bytecode accesses, but their ergs (and refunds) are left to the
//! native. A native cannot call other contracts; natives that stand for a chain of calls between
//! contracts compose it in Rust, acting as each contract in turn ([`NativeCall::act_as`]).

use alloy_primitives::{Address, U256};

use super::code::{CodeSource, VersionedHash};
use super::diff::WorldDiff;
use super::entry::LogEntry;
use super::storage::{Storage, StorageKey};

/// How a native call ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NativeOutcome {
    /// `ret.ok` with these return bytes.
    Ok(Vec<u8>),
    /// `ret.revert` with these return bytes: the callee's world changes are rolled back.
    Revert(Vec<u8>),
    /// `ret.panic`: no return data, the callee's world changes are rolled back.
    Panic,
}

/// Why a native call's request was refused; the call then ends in a panic whatever the native
/// returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum NativeError {
    /// [`NativeCall::charge`] asked for more ergs than are left (they are now all spent).
    #[error("out of ergs")]
    OutOfErgs,
    /// A state change (storage, transient storage, event, L2→L1 message) in a static call.
    #[error("state change in a static call")]
    StaticViolation,
}

/// Rust code at an address. Register it with [`crate::world::World::register_native`].
pub trait NativeContract {
    /// Runs one call: read its context and calldata from `call`, change the world through it,
    /// charge ergs, and say how it ends.
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome;
}

/// What a native sees of a call: the frame's context, the calldata, the ergs it was given, and
/// the world (through the same diff bytecode changes, so rollback is exact).
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags of the call, as EraVM has them"
)]
pub struct NativeCall<'a> {
    pub(crate) caller: Address,
    pub(crate) this_address: Address,
    pub(crate) code_address: Address,
    pub(crate) context_u128: u128,
    pub(crate) is_static: bool,
    pub(crate) is_system_call: bool,
    pub(crate) is_constructor: bool,
    pub(crate) shard: u8,
    pub(crate) tx_number: u16,
    pub(crate) calldata: Vec<u8>,
    pub(crate) ergs: u32,
    pub(crate) pubdata: i32,
    pub(crate) refused: bool,
    pub(crate) diff: &'a mut WorldDiff,
    pub(crate) storage: &'a mut dyn Storage,
    pub(crate) code: &'a mut dyn CodeSource,
}

impl core::fmt::Debug for NativeCall<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NativeCall")
            .field("caller", &self.caller)
            .field("this_address", &self.this_address)
            .field("context_u128", &self.context_u128)
            .field("ergs", &self.ergs)
            .field("is_static", &self.is_static)
            .finish_non_exhaustive()
    }
}

impl NativeCall<'_> {
    /// `msg.sender`.
    pub fn caller(&self) -> Address {
        self.caller
    }

    /// The address whose storage this call acts on (the caller's own in a delegate call).
    pub fn this_address(&self) -> Address {
        self.this_address
    }

    /// The address the native is registered at (the far call's target).
    pub fn code_address(&self) -> Address {
        self.code_address
    }

    /// The context value the caller passed (`msg.value` when called through the
    /// `msg.value` simulator).
    pub fn msg_value(&self) -> u128 {
        self.context_u128
    }

    /// The calldata: the bytes of the fat pointer the caller forwarded.
    pub fn calldata(&self) -> &[u8] {
        &self.calldata
    }

    /// Whether the call is static (no state changes allowed).
    pub fn is_static(&self) -> bool {
        self.is_static
    }

    /// Whether the caller made a system call (the ABI's system-call flag, kept only for kernel
    /// targets).
    pub fn is_system_call(&self) -> bool {
        self.is_system_call
    }

    /// Whether the caller called the constructor (the ABI's flag, kept only for kernel callers).
    pub fn is_constructor(&self) -> bool {
        self.is_constructor
    }

    /// The VM's transaction counter (what `log.event` and `log.to_l1` record; the bootloader
    /// raises it together with SystemContext's `txNumberInBlock`).
    pub fn tx_number(&self) -> u16 {
        self.tx_number
    }

    /// Makes storage, transient storage, events and L2→L1 messages act on `address` from now
    /// on (as the frame of a call to `address` would); returns the address acted on before. For
    /// natives that compose calls into other natives; the caller puts the old address back.
    pub fn act_as(&mut self, address: Address) -> Address {
        core::mem::replace(&mut self.this_address, address)
    }

    /// Counts `bytes` of pubdata as spent by the call (as a `precompile` call with a pubdata
    /// cost does, e.g. a system contract's `burnGas`).
    pub fn spend_pubdata(&mut self, bytes: u32) {
        self.pubdata = self.pubdata.wrapping_add(i32::try_from(bytes).unwrap_or(i32::MAX));
    }

    /// The code the world knows for a versioned hash (as `log.decommit` would find it), as
    /// 32-byte words; `None` when the code source does not have it. Charges nothing.
    pub fn code(&mut self, hash: &VersionedHash) -> Option<Vec<U256>> {
        self.code.code(&hash.preimage())
    }

    /// Ergs left to the call.
    pub fn ergs_left(&self) -> u32 {
        self.ergs
    }

    /// Spends `ergs`.
    ///
    /// # Errors
    /// [`NativeError::OutOfErgs`] when fewer are left: they are all spent and the call panics.
    pub fn charge(&mut self, ergs: u32) -> Result<(), NativeError> {
        if let Some(left) = self.ergs.checked_sub(ergs) {
            self.ergs = left;
            Ok(())
        } else {
            self.ergs = 0;
            self.refused = true;
            Err(NativeError::OutOfErgs)
        }
    }

    fn key(&self, key: U256) -> StorageKey {
        StorageKey { shard: self.shard, address: self.this_address, key }
    }

    fn state_change(&mut self) -> Result<(), NativeError> {
        if self.is_static {
            self.refused = true;
            Err(NativeError::StaticViolation)
        } else {
            Ok(())
        }
    }

    /// Reads a storage slot of `this_address` (making it warm; no ergs charged).
    pub fn sload(&mut self, key: U256) -> U256 {
        let key = self.key(key);
        self.diff.read_storage(self.storage, &key).0
    }

    /// Writes a storage slot of `this_address`; its pubdata is charged to the call.
    ///
    /// # Errors
    /// [`NativeError::StaticViolation`] in a static call: nothing is written and the call panics.
    pub fn sstore(&mut self, key: U256, value: U256) -> Result<(), NativeError> {
        self.state_change()?;
        let key = self.key(key);
        let (_, pubdata) = self.diff.write_storage(self.storage, &key, value);
        self.pubdata = self.pubdata.wrapping_add(pubdata);
        Ok(())
    }

    /// Reads a transient slot of `this_address`.
    pub fn tload(&mut self, key: U256) -> U256 {
        let key = self.key(key);
        self.diff.read_transient(&key)
    }

    /// Writes a transient slot of `this_address`.
    ///
    /// # Errors
    /// [`NativeError::StaticViolation`] in a static call.
    pub fn tstore(&mut self, key: U256, value: U256) -> Result<(), NativeError> {
        self.state_change()?;
        let key = self.key(key);
        self.diff.write_transient(&key, value);
        Ok(())
    }

    fn entry(&self, key: U256, value: U256, is_first: bool) -> LogEntry {
        LogEntry {
            shard_id: self.shard,
            address: self.this_address,
            key,
            value,
            is_first,
            tx_number: self.tx_number,
        }
    }

    /// Emits one event word pair, as `log.event` does (`is_first`: the first of an event).
    ///
    /// # Errors
    /// [`NativeError::StaticViolation`] in a static call.
    pub fn emit_event(
        &mut self,
        key: U256,
        value: U256,
        is_first: bool,
    ) -> Result<(), NativeError> {
        self.state_change()?;
        let entry = self.entry(key, value, is_first);
        self.diff.push_event(entry);
        Ok(())
    }

    /// Sends an L2→L1 message, as `log.tol1` does (`is_service`: its first flag).
    ///
    /// # Errors
    /// [`NativeError::StaticViolation`] in a static call.
    pub fn send_to_l1(
        &mut self,
        key: U256,
        value: U256,
        is_service: bool,
    ) -> Result<(), NativeError> {
        self.state_change()?;
        let entry = self.entry(key, value, is_service);
        self.diff.push_l2_to_l1(entry);
        Ok(())
    }
}
