//! The bootloader layer of a ZK Stack chain: everything between a signed transaction and a sealed batch.
//!
//! This crate will hold the transaction types and their encodings, the bootloader memory layout, the
//! base system contracts, a batch executor that runs the real bootloader bytecode in [`vm`], native
//! fill-ins for system contracts that are not supplied as bytecode, the fee model, L2 blocks and
//! batches, the pubdata builder and the state tree. What it seals is what [`l1`] commits.
//!
//! Built so far: transactions on the wire, their hashes, signatures and bootloader form ([`tx`]);
//! zkSync addresses, nonces and the storage keys a wallet reads ([`address`]); the fee model
//! ([`fee`]); L2 blocks, their hashes and SystemContext's block rules ([`l2_block`]); the state
//! tree ([`state_tree`]); the pubdata builder ([`pubdata_builder`]); the v26 bootloader memory
//! layout ([`memory`]); the base system contracts ([`system`]); native fill-ins for the v26 kernel
//! contracts whose bytecode an embedder does not supply ([`natives`]); zksync-era's VM dumps
//! ([`dump`]); the batch executor that runs the real bootloader in [`vm`] over several L2 blocks
//! and to the end of the batch (the fictive block, the pubdata the bootloader requests)
//! ([`executor`]); the account-validation rules checked while it runs a transaction's validation
//! ([`validation`]); and the sealed batch with everything its L1 commitment needs ([`sealed`]).

#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod address;
pub mod dump;
pub mod executor;
pub mod fee;
pub mod genesis;
pub mod l2_block;
pub mod memory;
pub mod natives;
pub mod pubdata_builder;
pub mod registry;
pub mod sealed;
pub mod state_tree;
pub mod system;
pub mod tx;
pub mod validation;

/// The EraVM this layer runs the bootloader in.
pub use zkstack_vm as vm;

/// The L1 interface whose encodings and commitments sealed batches must match.
pub use zkstack_l1 as l1;
