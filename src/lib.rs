//! zkstack-rs: the ZK Stack (zkSync Era) as an embeddable Rust crate family.
//!
//! This umbrella crate re-exports the members, one module each, behind features of the same name
//! (all on by default). Embedders that need only a piece depend on that crate directly: a wallet
//! that needs L1 and bridge encodings takes [`l1`] and [`bridge`] and compiles neither the VM nor
//! Boojum.
//!
//! | module | crate | what |
//! |---|---|---|
//! | [`vm`] | `zkstack-vm` | EraVM: decoder, interpreter, precompiles, assembler |
//! | [`l1`] | `zkstack-l1` | Executor ABI, commitments, pubdata format, priority queue |
//! | [`bootloader`] | `zkstack-bootloader` | transactions, batch executor, fee model, pubdata builder |
//! | [`bridge`] | `zkstack-bridge` | Bridgehub, deposits, withdrawals, inclusion proofs |
//! | [`prover`] | `zkstack-prover` | Boojum proofs on the CPU |
//!
//! [`demo`] runs the whole loop (deposit, batch, commitment, L1 execution, withdrawal proof) in
//! memory with what is built, and says what is not.

#[cfg(feature = "vm")]
pub use zkstack_vm as vm;

#[cfg(feature = "l1")]
pub use zkstack_l1 as l1;

#[cfg(feature = "bootloader")]
pub use zkstack_bootloader as bootloader;

#[cfg(feature = "bridge")]
pub use zkstack_bridge as bridge;

#[cfg(feature = "prover")]
pub use zkstack_prover as prover;

#[cfg(all(feature = "bridge", feature = "prover"))]
pub mod demo;

/// The version of this crate family, as printed by `zkstack --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
