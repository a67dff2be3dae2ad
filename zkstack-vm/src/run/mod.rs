//! The one-contract setup of `zkstack run`: a contract placed in an empty in-memory world and
//! started as if a far call had just handed it all of its ergs.
//!
//! So that every EraVM implementation gets the same `ergs_used` for the same bytes, the frame
//! starts exactly like this (ARCHITECTURE.md, "`zkstack run`: the one-contract setup"):
//!
//! - no far-call, decommit or 63/64 cost is charged for entering: the frame has `ergs`
//!   ([`DEFAULT_ERGS`] unless set);
//! - its address (this and code address) is `address` ([`DEFAULT_ADDRESS`], a user address,
//!   unless set); the caller is the zero address; shard 0; not static; context value zero;
//! - heap and aux heap are each paid for up to the allowance of a fresh frame at that address
//!   (4 KiB for a user address; 2 MiB for a kernel address below 2^16, as a far call gives);
//! - r1 holds the calldata fat pointer {offset 0, page [`CALLDATA_PAGE`], start 0, length =
//!   calldata length}, tagged as a pointer; r2–r15, flags, sp and pc are zero;
//! - the contract is deployed at its address (the deployer's slot holds its bytecode hash, the
//!   code is known by it), so it can far-call itself; further contracts can be deployed beside
//!   it with [`ContractRun::deploy`]. The default-account code hash is zero.
//!
//! The run ends when that frame returns: [`RunOutcome`] has the status, the returned bytes
//! (empty on panic), `ergs_used` = starting ergs − the ergs handed back, and the world's changes
//! that survived. Storage is priced by the world's storage oracle ([`crate::world::Storage`]):
//! the default is [`InMemoryStorage`]'s pricing; pass another with [`ContractRun::storage`].
//!
//! ```
//! use zkstack_vm::run::{ContractRun, RunStatus};
//!
//! // Returns the 32-byte word 42 from its heap.
//! let code = zkstack_vm::asm::assemble(
//!     "\t.text\nmain:\n\tadd 42, r0, r2\n\tst.1 r0, r2\n\tadd 32, r0, r3\n\tshl.s 96, r3, r1\n\tret.ok r1\n",
//! )
//! .unwrap();
//! let outcome = ContractRun::new(code).ergs(10_000).run().unwrap();
//! assert_eq!(outcome.status, RunStatus::Ok);
//! assert_eq!(outcome.return_data[31], 42);
//! // add, add and shl cost 6 ergs each, a heap write 13, ret 5; the heap below 4 KiB is free
//! assert_eq!(outcome.ergs_used, 6 + 13 + 6 + 6 + 5);
//! ```

mod deployed;
mod error;
mod hash;
mod outcome;
mod trace;

use std::collections::HashMap;

use alloy_primitives::{Address, U256, address};

pub use deployed::deployer_slot;
pub use error::RunError;
pub use hash::bytecode_hash;
pub use outcome::{RunOutcome, RunStatus, StorageWrite};
pub use trace::LineTracer;

use crate::exec::{Code, Vm};
use crate::frame::{Frame, is_kernel_address};
use crate::memory::params::{
    NEW_FRAME_MEMORY_STIPEND, NEW_KERNEL_FRAME_MEMORY_STIPEND, STARTING_BASE_PAGE,
};
use crate::memory::{FatPointer, Memory, words_of};
use crate::state::{Registers, State};
use crate::tracer::Tracer;
use crate::world::{InMemoryCode, InMemoryStorage, Storage, World};
use deployed::WithDeployments;

/// Ergs the frame starts with unless set.
pub const DEFAULT_ERGS: u32 = 1_000_000_000;
/// The frame's address unless set: a user address (not kernel mode).
pub const DEFAULT_ADDRESS: Address = address!("0x0000000000000000000000000000000000012345");
/// The base page of the contract's frame (code page = base page; stack, heap and aux heap are
/// the three pages after it), as for the first frame of a batch.
pub const BASE_PAGE: u32 = STARTING_BASE_PAGE;
/// The page the calldata lives in: the one below the frame's base page.
pub const CALLDATA_PAGE: u32 = STARTING_BASE_PAGE - 1;

/// A contract to run in the one-contract setup (see the [module documentation](self)).
pub struct ContractRun {
    bytecode: Vec<u8>,
    calldata: Vec<u8>,
    ergs: u32,
    address: Address,
    others: Vec<(Address, Vec<u8>)>,
    storage: Box<dyn Storage>,
}

impl core::fmt::Debug for ContractRun {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ContractRun")
            .field("bytecode_len", &self.bytecode.len())
            .field("calldata_len", &self.calldata.len())
            .field("ergs", &self.ergs)
            .field("address", &self.address)
            .field("others", &self.others.len())
            .finish_non_exhaustive()
    }
}

impl ContractRun {
    /// `bytecode` at [`DEFAULT_ADDRESS`] with [`DEFAULT_ERGS`], no calldata, empty storage.
    pub fn new(bytecode: impl Into<Vec<u8>>) -> Self {
        ContractRun {
            bytecode: bytecode.into(),
            calldata: Vec::new(),
            ergs: DEFAULT_ERGS,
            address: DEFAULT_ADDRESS,
            others: Vec::new(),
            storage: Box::new(InMemoryStorage::new()),
        }
    }

    /// The calldata r1 points to.
    #[must_use]
    pub fn calldata(mut self, calldata: impl Into<Vec<u8>>) -> Self {
        self.calldata = calldata.into();
        self
    }

    /// The ergs the frame starts with.
    #[must_use]
    pub fn ergs(mut self, ergs: u32) -> Self {
        self.ergs = ergs;
        self
    }

    /// The frame's address.
    #[must_use]
    pub fn address(mut self, address: Address) -> Self {
        self.address = address;
        self
    }

    /// Deploys another contract at `address` before the run, so that far calls reach it.
    #[must_use]
    pub fn deploy(mut self, address: Address, bytecode: impl Into<Vec<u8>>) -> Self {
        self.others.push((address, bytecode.into()));
        self
    }

    /// The committed storage and the storage oracle's prices (default: an empty
    /// [`InMemoryStorage`]). The deployer slots of deployed contracts are laid over it.
    #[must_use]
    pub fn storage(mut self, storage: Box<dyn Storage>) -> Self {
        self.storage = storage;
        self
    }

    /// The VM at its first cycle, with the world built and the calldata in memory; step or run
    /// it, then read the result with [`RunOutcome::new`].
    pub fn prepare_with_tracer<T: Tracer>(self, tracer: T) -> Result<Vm<T>, RunError> {
        let calldata_len = u32::try_from(self.calldata.len())
            .map_err(|_| RunError::CalldataTooLong(self.calldata.len()))?;
        hash::check_bytecode(&self.bytecode)?;
        let entry = Code::from_bytecode(&self.bytecode)?;

        let mut known = InMemoryCode::new();
        let mut hashes = HashMap::new();
        let contracts = core::iter::once((self.address, &self.bytecode))
            .chain(self.others.iter().map(|(a, b)| (*a, b)));
        for (address, bytecode) in contracts {
            let hash = bytecode_hash(bytecode)?;
            let words = bytecode.chunks_exact(32).map(U256::from_be_slice).collect();
            known.insert(hash.preimage(), words);
            hashes.insert(deployer_slot(&address), U256::from_be_bytes(hash.0));
        }
        let storage = WithDeployments { inner: self.storage, hashes };
        let world = World::new(Box::new(storage), Box::new(known));

        let mut memory = Memory::new();
        for (i, word) in words_of(&self.calldata).iter().enumerate() {
            memory.write_word(CALLDATA_PAGE, (i * 32) as u32, word);
        }
        let mut registers = Registers::new();
        let calldata =
            FatPointer { offset: 0, page: CALLDATA_PAGE, start: 0, length: calldata_len };
        registers.set(1, calldata.to_u256(), true);

        let is_kernel = is_kernel_address(&self.address);
        let allowance =
            if is_kernel { NEW_KERNEL_FRAME_MEMORY_STIPEND } else { NEW_FRAME_MEMORY_STIPEND };
        let frame = Frame::entry(self.address, entry, BASE_PAGE, self.ergs, allowance, 0);
        debug_assert_eq!(frame.is_kernel, is_kernel);
        Ok(Vm::with_world(State::entry(registers, frame), memory, tracer, world))
    }

    /// [`Self::prepare_with_tracer`] without a tracer.
    pub fn prepare(self) -> Result<Vm, RunError> {
        self.prepare_with_tracer(())
    }

    /// Runs the contract to its final return.
    pub fn run(self) -> Result<RunOutcome, RunError> {
        self.run_with_tracer(()).map(|(outcome, ())| outcome)
    }

    /// Runs the contract to its final return with `tracer`, and gives the tracer back.
    pub fn run_with_tracer<T: Tracer>(self, tracer: T) -> Result<(RunOutcome, T), RunError> {
        let ergs = self.ergs;
        let mut vm = self.prepare_with_tracer(tracer)?;
        let end = vm.run()?;
        let outcome = RunOutcome::new(&vm, &end, ergs);
        Ok((outcome, vm.tracer))
    }
}

/// Runs `bytecode` with `calldata` in the one-contract setup with the defaults
/// ([`DEFAULT_ERGS`], [`DEFAULT_ADDRESS`], empty storage).
pub fn run_contract(bytecode: &[u8], calldata: &[u8]) -> Result<RunOutcome, RunError> {
    ContractRun::new(bytecode).calldata(calldata).run()
}
