//! EraVM, the virtual machine of zkSync Era and the ZK Stack, exact to the reference `zk_evm`
//! 0.153 (the VM the circuits follow).
//!
//! - Instructions: [`decode()`] / [`encode`] the 64-bit instruction word, the 2048-entry
//!   [`OPCODE_TABLE`] of ISA v2, and [`Program`], a code page decoded once.
//! - The interpreter, [`exec::Vm`]: every opcode (arithmetic, pointers, near and far calls and
//!   returns, heaps and fat pointers, context, `log.*` including `log.decommit` and
//!   `log.precompile`), ergs, exceptions turning into `ret.panic` where zk_evm's do, and the
//!   call stack ([`frame`]), registers and flags ([`state`]) and memory pages ([`memory`]) it
//!   runs on. Code is compiled once into [`exec::Code`]; the loop does not allocate, and the
//!   [`tracer::Tracer`] hooks cost nothing when unused.
//! - The world ([`world::World`]): committed [`world::Storage`] (value, initial-write flag,
//!   enumeration index) and code by hash behind traits with in-memory defaults, the
//!   [`world::WorldDiff`] of storage, transient storage, events and L2→L1 messages that
//!   reverted frames roll back, storage priced as a batch prices it ([`world::pricing`]),
//!   the decommitter's history, precompiles behind [`world::Precompiles`], and
//!   [`world::NativeContract`]s: Rust code that a far call to its address runs.
//! - [`asm`]: an assembler and disassembler byte-identical to `zkevm-assembly` 0.153.
//!
//! Every one of these is checked against a reference run side by side: the decoder, the
//! interpreter and the assembler against zk_evm / zkevm-assembly 0.153.12, storage pricing
//! against zksync_vm2 0.5 (`oracle/`, or `cargo test --release -p zkstack-vm --features oracle`).
//! The crate depends on no other crate of the workspace.
//!
//! [`precompiles`] holds every precompile zk_evm 0.153 dispatches from `log.precompile` (the
//! world's default); [`run`] is `zkstack run`'s one-contract setup.
//!
//! A contract that adds 40 and 2, stores the sum and returns it:
//!
//! ```
//! use zkstack_vm::exec::{Code, Vm};
//! use zkstack_vm::frame::Frame;
//! use zkstack_vm::memory::{Memory, Stack};
//! use zkstack_vm::state::{Flags, Registers, State};
//! use zkstack_vm::world::{StorageKey, World};
//! use zkstack_vm::{Address, RetKind, U256};
//!
//! let bytecode = zkstack_vm::asm::assemble(
//!     "    .text
//! main:
//!     add 40, r0, r1
//!     add 2, r1, r1
//!     sstore r0, r1
//!     st.1 r0, r1
//!     add 32, r0, r2
//!     shl.s 96, r2, r2
//!     ret.ok r2
//! ",
//! )
//! .unwrap();
//! let this = Address::repeat_byte(0x11);
//! let frame = Frame {
//!     this_address: this,
//!     caller: Address::ZERO,
//!     code_address: this,
//!     is_kernel: false,
//!     is_static: false,
//!     code: Code::from_bytecode(&bytecode).unwrap(),
//!     code_page: 2048,
//!     base_page: 2048,
//!     pc: 0,
//!     sp: 0,
//!     ergs: 1_000_000,
//!     exception_handler: 0,
//!     this_shard_id: 0,
//!     caller_shard_id: 0,
//!     code_shard_id: 0,
//!     context_u128: 0,
//!     heap_bound: 4096,
//!     aux_heap_bound: 4096,
//!     stipend: 0,
//!     pubdata_spent: 0,
//!     stack: Stack::new(),
//!     near_calls: Vec::new(),
//! };
//! let state = State {
//!     registers: Registers::new(),
//!     flags: Flags::default(),
//!     current: frame,
//!     previous: Vec::new(),
//!     context_u128: 0,
//!     pending_exception: false,
//!     tx_number: 0,
//!     pubdata_revert_counter: 0,
//!     depth: 1,
//! };
//! let mut vm = Vm::with_world(state, Memory::new(), (), World::default());
//! let end = vm.run().unwrap();
//! assert_eq!(end.kind, RetKind::Ok);
//! let returned = end.returndata;
//! assert_eq!(returned.length, 32);
//! assert_eq!(vm.memory.read_word(returned.page, returned.start), U256::from(42));
//! let changes = vm.world.diff.storage_changes();
//! assert_eq!(changes[0].0, StorageKey { shard: 0, address: this, key: U256::ZERO });
//! assert_eq!(changes[0].2, U256::from(42));
//! // A cold write of a fresh slot, priced as a batch prices it: 32-byte key + 2 bytes.
//! assert_eq!(vm.state.pubdata_revert_counter, 34);
//!
//! // The decoder on its own: `add` with an immediate source, opcode-table entry 57.
//! let add = zkstack_vm::decode(0x0000_002a_0000_0039);
//! assert_eq!(add.opcode(), zkstack_vm::Opcode::Add);
//! assert_eq!(add.imm0, 42);
//! ```

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod asm;
pub mod decode;
pub mod exec;
pub mod frame;
pub mod isa;
pub mod memory;
pub mod opcodes;
pub mod precompiles;
pub mod program;
pub mod run;
pub mod state;
pub mod table;
pub mod tracer;
pub mod witness;
pub mod world;

pub use decode::codec::{NOP_WORD, PANIC_WORD};
pub use decode::word::{is_canonical, reserved_bits_clear};
pub use decode::{DecodedInstruction, EncodeError, decode, encode};
pub use isa::{Condition, DstMode, OperandKind, Operands, Register, SrcMode};
pub use opcodes::{
    BitwiseOp, ContextOp, FarCallKind, Flags, HeapOp, IsaVersion, LogOp, Opcode, OpcodeVariant,
    PtrOp, RetKind, ShiftOp,
};
pub use program::{Program, ProgramError};
pub use run::{ContractRun, RunOutcome, RunStatus, run_contract};
pub use table::{NUM_VALID_ENTRIES, OPCODE_TABLE};

/// The 160-bit address type of frames.
pub use alloy_primitives::Address;
/// The 256-bit word type of the public API (code-page words).
pub use alloy_primitives::U256;
