//! The ZK Stack shared bridge, seen from a wallet or a node.
//!
//! This crate will hold the Bridgehub, asset router and native token vault encodings, deposit and
//! withdrawal builders, L2→L1 message inclusion proofs (including nested Gateway proofs) and interop
//! roots. It builds on [`l1`] only: no VM, no Boojum (`tests/layering.rs` at the workspace root
//! enforces that).
//! Nothing of its own is exported yet; it arrives with the issues that build it.

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

/// The L1 interface (canonical transactions, log trees) the bridge builds on.
pub use zkstack_l1 as l1;
