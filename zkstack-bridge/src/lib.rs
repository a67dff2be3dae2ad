//! The ZK Stack shared bridge, seen from a wallet or a node.
//!
//! * [`proof`]: L2→L1 message, log and priority-status inclusion proofs in the old (plain path)
//!   and v26+ (metadata, aggregation with the message root, nested Gateway) formats — walking,
//!   verifying and building them.
//! * [`interop`]: batch and chain-id leaves, the MessageRoot trees, interop roots and their
//!   rolling hash.
//! * [`asset`], [`deposit`], [`withdrawal`]: asset ids, the asset router and native token vault
//!   encodings, deposit and withdrawal messages and calls.
//! * [`request`]: Bridgehub requests, mint values, refund recipients and L1→L2 aliasing.
//! * [`cli`]: what `zkstack bridge verify-proof` calls.
//!
//! It builds on [`l1`] only: no VM, no Boojum (`tests/layering.rs` at the workspace root
//! enforces that). Every encoding follows era-contracts; the sources are named per item.

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

mod abi;
pub mod addresses;
pub mod alias;
pub mod asset;
pub mod cli;
pub mod deposit;
pub mod interop;
pub mod merkle;
pub mod message;
pub mod proof;
pub mod request;
pub mod withdrawal;

pub use abi::AbiError;

/// The L1 interface (canonical transactions, log trees) the bridge builds on.
pub use zkstack_l1 as l1;
