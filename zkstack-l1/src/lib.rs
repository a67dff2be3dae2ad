//! What the settlement layer (L1) sees of a ZK Stack chain.
//!
//! This crate will hold the Executor facet's ABI for every protocol version, the batch commitment and
//! the Verifier's public input, the pubdata format (state-diff and bytecode compression, both ways),
//! the L2→L1 log Merkle tree, the priority queue and priority tree, the canonical L1→L2 transaction,
//! the Mailbox base cost and an in-process model of the L1 Executor.
//!
//! It depends neither on the VM nor on Boojum, so that wallets and tools that only need L1 encodings
//! stay small; `tests/layering.rs` at the workspace root enforces that.

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod commitment;
pub mod executor_abi;
pub mod executor_model;
pub mod l2_to_l1_log;
pub mod log_tree;
pub mod mailbox;
pub mod merkle;
pub mod operator;
pub mod priority;
pub mod protocol_version;
pub mod pubdata;
pub mod public_input;
pub mod solidity;
pub mod system_logs;

pub use alloy_primitives::{Address, B256, Bytes, U256};
pub use l2_to_l1_log::L2ToL1Log;
pub use log_tree::LogTree;
pub use priority::{L2CanonicalTransaction, PriorityOpsBatchInfo, PriorityTree};
pub use protocol_version::{ProtocolVersionId, UnsupportedProtocolVersion};
pub use pubdata::Pubdata;
