//! EraVM, the virtual machine of zkSync Era and the ZK Stack.
//!
//! Today this crate holds the instruction decoder, exact to the reference `zk_evm` 0.153 /
//! `zkevm_opcode_defs` 0.153.13:
//!
//! - [`decode()`] turns a 64-bit instruction word into a typed [`DecodedInstruction`] (total: every
//!   word decodes, as the VM would execute it) and [`encode`] turns it back;
//! - [`OPCODE_TABLE`] is the 2048-entry opcode table of ISA version 2 (1103 valid entries), built
//!   at compile time in the reference's canonical order;
//! - [`Program`] decodes a whole code page once, so an interpreter never decodes in its loop.
//!
//! [`precompiles`] holds every precompile zk_evm 0.153 dispatches from `log.precompile`; the
//! [`world::World`] runs them by default. The crate depends on no other crate of the workspace:
//! the bootloader and the prover build on it.
//!
//! ```
//! use zkstack_vm::{decode, encode, Opcode, Program, SrcMode};
//!
//! // `add` with an immediate source: opcode-table entry 57, imm0 = 42.
//! let word = 0x0000_002a_0000_0039;
//! let add = decode(word);
//! assert_eq!(add.opcode(), Opcode::Add);
//! assert_eq!(add.variant.src0, SrcMode::Imm);
//! assert_eq!(add.imm0, 42);
//! assert_eq!(add.ergs_cost(), 6);
//! assert_eq!(encode(&add), Ok(word));
//!
//! let program = Program::from_bytecode(&[0u8; 64]).unwrap();
//! assert_eq!(program.instructions().len(), 8);
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
pub mod state;
pub mod table;
pub mod tracer;
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
pub use table::{NUM_VALID_ENTRIES, OPCODE_TABLE};

/// The 160-bit address type of frames.
pub use alloy_primitives::Address;
/// The 256-bit word type of the public API (code-page words).
pub use alloy_primitives::U256;
