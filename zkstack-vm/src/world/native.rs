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
//! native. Natives that stand for a chain of calls between contracts may compose it in Rust,
//! acting as each contract in turn ([`NativeCall::act_as`]).
//!
//! **Far calls from a native.** [`NativeCall::far_call`] calls another contract as the
//! `far_call` instruction would from the native's frame: it pays the instruction's base price,
//! writes the calldata to the native's heap (paying its growth) and hands the rest to the same
//! code a bytecode caller runs — checks, decommitment, the `msg.value` simulator's extra, 63/64
//! of the ergs, the callee's context (a delegate call keeps the native's `this`, `msg.sender`
//! and context value), kernel and static flags, a world snapshot. The VM then runs until that
//! callee returns, re-entrantly inside the native's Rust call; the callee's unspent ergs come
//! back to the native, and a revert or panic rolls the callee's changes back exactly as for a
//! bytecode caller. What the caller would see — ok, revert with its bytes, or panic — comes back
//! as a [`NativeOutcome`]. The call is made as the address the native acts as
//! ([`NativeCall::act_as`]): its `msg.sender` for a normal call, its storage for a delegate
//! call. The callee may be a native itself, but not one whose call is still
//! running (it is taken out while it runs: such a re-entrant call panics at once). The callee
//! cannot suspend the VM at a hook: hooks are the bootloader's own heap stores, and a callee's
//! frame never owns the bootloader's heap; if one fired anyway the run ends with
//! [`crate::exec::VmError::HookInNativeCall`]. The tracer sees the callee's instructions but not
//! the native's far call itself (there is no instruction).

use alloy_primitives::{Address, U256};

use super::World;
use super::code::VersionedHash;
use super::entry::LogEntry;
use super::native_far_call::NativeFarCall;
use super::storage::StorageKey;
use crate::exec::VmError;

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
    /// [`NativeCall::far_call`] with [`NativeCallKind::Mimic`](super::NativeCallKind::Mimic)
    /// from a frame that is not in kernel mode (`far_call.mimic` is kernel-only).
    #[error("far_call.mimic outside kernel mode")]
    KernelOnly,
    /// [`NativeCall::far_call`] at the VM's call-depth limit.
    #[error("call stack full")]
    CallStackFull,
    /// [`NativeCall::far_call`] after an earlier request of the call was refused (the call
    /// panics already).
    #[error("an earlier request of this call was refused")]
    AlreadyRefused,
    /// The VM could not go on inside [`NativeCall::far_call`] (a [`VmError`]): the run that
    /// called the native ends with that error.
    #[error("the VM stopped inside a far call")]
    VmStopped,
}

/// Rust code at an address. Register it with [`crate::world::World::register_native`].
pub trait NativeContract {
    /// Runs one call: read its context and calldata from `call`, change the world through it,
    /// charge ergs, and say how it ends.
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome;
}

/// What the VM running a native does for it: the world it changes, and far calls.
pub(crate) trait NativeHost {
    /// The world (the same diff bytecode changes, so rollback is exact).
    fn world(&mut self) -> &mut World;

    /// Runs `request` from the native's frame until the callee returns; `side` is the native's
    /// view of its frame, handed over and taken back.
    fn far_call(
        &mut self,
        request: &NativeFarCall<'_>,
        side: &mut CallerSide,
    ) -> Result<NativeOutcome, FarCallFailure>;
}

/// What a native keeps of its frame while it runs; synchronised with the frame around a far call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CallerSide {
    /// The address acted as ([`NativeCall::act_as`]).
    pub this_address: Address,
    /// Ergs left.
    pub ergs: u32,
    /// Pubdata spent and not yet counted in the frame.
    pub pubdata: i32,
    /// The VM's transaction counter.
    pub tx_number: u16,
}

/// Why a native's far call did not run.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FarCallFailure {
    /// The `far_call` instruction itself raised an exception: the native's frame panics.
    Refused(NativeError),
    /// The VM cannot go on.
    Stopped(VmError),
}

/// What a native sees of a call: the frame's context, the calldata, the ergs it was given, the
/// world (through the same diff bytecode changes, so rollback is exact), and far calls.
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
    pub(crate) stopped: Option<VmError>,
    pub(crate) host: &'a mut dyn NativeHost,
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
        self.host.world().code.code(&hash.preimage())
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
        let world = self.host.world();
        world.diff.read_storage(world.storage.as_mut(), &key).0
    }

    /// Writes a storage slot of `this_address`; its pubdata is charged to the call.
    ///
    /// # Errors
    /// [`NativeError::StaticViolation`] in a static call: nothing is written and the call panics.
    pub fn sstore(&mut self, key: U256, value: U256) -> Result<(), NativeError> {
        self.state_change()?;
        let key = self.key(key);
        let world = self.host.world();
        let (_, pubdata) = world.diff.write_storage(world.storage.as_mut(), &key, value);
        self.pubdata = self.pubdata.wrapping_add(pubdata);
        Ok(())
    }

    /// Reads a transient slot of `this_address`.
    pub fn tload(&mut self, key: U256) -> U256 {
        let key = self.key(key);
        self.host.world().diff.read_transient(&key)
    }

    /// Writes a transient slot of `this_address`.
    ///
    /// # Errors
    /// [`NativeError::StaticViolation`] in a static call.
    pub fn tstore(&mut self, key: U256, value: U256) -> Result<(), NativeError> {
        self.state_change()?;
        let key = self.key(key);
        self.host.world().diff.write_transient(&key, value);
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
        self.host.world().diff.push_event(entry);
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
        self.host.world().diff.push_l2_to_l1(entry);
        Ok(())
    }

    /// Far-calls another contract from the native's frame (see the module docs) and runs it to
    /// its end: `Ok` with its return bytes, `Revert` with its revert bytes (its changes rolled
    /// back), or `Panic` (no bytes, its changes rolled back), as a bytecode caller would see it.
    /// The native keeps the ergs the callee did not spend.
    ///
    /// # Errors
    /// When the `far_call` instruction itself would raise an exception in the native's frame:
    /// [`NativeError::OutOfErgs`] (its base price or the calldata is beyond the ergs left; they
    /// are all spent), [`NativeError::KernelOnly`] (a mimic call outside kernel mode),
    /// [`NativeError::CallStackFull`]; [`NativeError::AlreadyRefused`] after an earlier refusal;
    /// [`NativeError::VmStopped`] when the VM cannot go on (the run ends with its error). In
    /// every case the call panics whatever the native returns.
    pub fn far_call(&mut self, request: &NativeFarCall<'_>) -> Result<NativeOutcome, NativeError> {
        if self.refused {
            return Err(NativeError::AlreadyRefused);
        }
        let mut side = CallerSide {
            this_address: self.this_address,
            ergs: self.ergs,
            pubdata: self.pubdata,
            tx_number: self.tx_number,
        };
        let result = self.host.far_call(request, &mut side);
        self.ergs = side.ergs;
        self.pubdata = side.pubdata;
        self.tx_number = side.tx_number;
        match result {
            Ok(outcome) => Ok(outcome),
            Err(FarCallFailure::Refused(error)) => {
                self.refused = true;
                Err(error)
            }
            Err(FarCallFailure::Stopped(error)) => {
                self.refused = true;
                self.stopped = Some(error);
                Err(NativeError::VmStopped)
            }
        }
    }
}
