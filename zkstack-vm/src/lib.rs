//! EraVM, the virtual machine of zkSync Era and the ZK Stack.
//!
//! This crate will hold the instruction decoder, an interpreter that executes every opcode exactly
//! as the reference `zk_evm` does (ergs, memory growth, fat pointers, near and far calls, kernel mode,
//! rollback, storage, events, L2→L1 logs, decommitment, precompiles), and an assembler and
//! disassembler for the EraVM assembly dialect. The host world and tracing are traits with in-memory
//! implementations beside them.
//!
//! It depends on no other crate of the workspace: the bootloader and the prover build on it.
//! Nothing is exported yet; the VM arrives with the issues that build it.

#![cfg_attr(not(test), warn(unused_crate_dependencies))]
