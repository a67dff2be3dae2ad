//! The precompiles of EraVM: what `log.precompile` computes for the calling contract's own
//! address, exact to zk_evm 0.153.12 (`zk_evm_abstractions::precompiles`).
//!
//! Each precompile reads its input from memory and writes its output back, as the
//! [precompile-call ABI word](PrecompileAbi) says where. The VM has already charged the extra
//! ergs and pubdata the caller put in `src1` and set `dst0` to 1 before the precompile runs;
//! nothing a precompile computes, nor whether it fails, changes ergs, pubdata or registers: a
//! failing precompile reports failure in the memory it writes.
//!
//! | address | precompile | module |
//! |---|---|---|
//! | `0x01` | ecrecover (secp256k1) | [`ecrecover`] |
//! | `0x02` | SHA-256 round function | [`sha256`] |
//! | `0x05` | modexp, 256-bit | [`modexp`] |
//! | `0x06` | BN254 ecAdd | [`ecadd`] |
//! | `0x07` | BN254 ecMul | [`ecmul`] |
//! | `0x08` | BN254 ecPairing | [`ecpairing`] |
//! | `0x100` | P256 verify (secp256r1) | [`secp256r1`] |
//! | `0x8010` | Keccak-256 round function | [`keccak256`] |
//!
//! zk_evm selects the precompile by the low 16 bits of the address alone (the opcode is
//! kernel-only, so the address is below 2^16 anyway); any other address runs nothing, which the
//! system contracts use to burn ergs.
//!
//! ```
//! use zkstack_vm::memory::Memory;
//! use zkstack_vm::precompiles::{Precompile, PrecompileAbi};
//! use zkstack_vm::U256;
//!
//! // modexp reads base, exponent and modulus from cells 0..3 of page 10, writes cell 0 of 11.
//! let mut memory = Memory::new();
//! for (cell, value) in [3u8, 4, 5].into_iter().enumerate() {
//!     memory.write_cell(10, cell as u32, &U256::from(value));
//! }
//! let abi = PrecompileAbi { read_page: 10, write_page: 11, ..PrecompileAbi::default() };
//! Precompile::Modexp.run(&abi, &mut memory);
//! assert_eq!(memory.read_cell(11, 0), U256::from(1)); // 3^4 = 81 = 16 * 5 + 1
//! ```

pub mod abi;
pub mod bn254;
pub mod ecadd;
pub mod ecmul;
pub mod ecpairing;
pub mod ecrecover;
pub mod keccak256;
pub mod modexp;
pub mod secp256r1;
pub mod sha256;

pub use abi::PrecompileAbi;

use alloy_primitives::{Address, U256};

use crate::memory::Memory;
use crate::world::Precompiles;

/// The precompiles zk_evm 0.153.12 dispatches, with their addresses as discriminants.
#[repr(u16)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precompile {
    /// ecrecover over secp256k1.
    Ecrecover = 0x01,
    /// The SHA-256 round function.
    Sha256 = 0x02,
    /// 256-bit modular exponentiation.
    Modexp = 0x05,
    /// BN254 point addition.
    EcAdd = 0x06,
    /// BN254 scalar multiplication.
    EcMul = 0x07,
    /// BN254 pairing check.
    EcPairing = 0x08,
    /// P256 (secp256r1) signature verification.
    Secp256r1Verify = 0x100,
    /// The Keccak-256 round function.
    Keccak256 = 0x8010,
}

impl Precompile {
    /// Every precompile, in address order.
    pub const ALL: [Precompile; 8] = [
        Precompile::Ecrecover,
        Precompile::Sha256,
        Precompile::Modexp,
        Precompile::EcAdd,
        Precompile::EcMul,
        Precompile::EcPairing,
        Precompile::Secp256r1Verify,
        Precompile::Keccak256,
    ];

    /// The precompile the low 16 bits of `address` select, as zk_evm selects it.
    pub fn for_address(address: &Address) -> Option<Self> {
        let low = u16::from_be_bytes([address[18], address[19]]);
        Self::ALL.into_iter().find(|p| *p as u16 == low)
    }

    /// The precompile's address.
    pub fn address(self) -> Address {
        let mut bytes = [0u8; 20];
        bytes[18..].copy_from_slice(&(self as u16).to_be_bytes());
        Address::from(bytes)
    }

    /// Runs the precompile over `memory` as `abi` says; returns the rounds zk_evm counts for
    /// the call (what its circuits are sized by): the keccak256 blocks, the sha256 rounds, the
    /// ecPairing pairs, 1 for the others.
    pub fn run(self, abi: &PrecompileAbi, memory: &mut Memory) -> u64 {
        match self {
            Precompile::Ecrecover => ecrecover::run(abi, memory),
            Precompile::Sha256 => sha256::run(abi, memory),
            Precompile::Modexp => modexp::run(abi, memory),
            Precompile::EcAdd => ecadd::run(abi, memory),
            Precompile::EcMul => ecmul::run(abi, memory),
            Precompile::EcPairing => ecpairing::run(abi, memory),
            Precompile::Secp256r1Verify => secp256r1::run(abi, memory),
            Precompile::Keccak256 => keccak256::run(abi, memory),
        }
    }
}

/// Every precompile zk_evm 0.153.12 has, at its address: the [`World`](crate::world::World)'s
/// default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StandardPrecompiles;

impl Precompiles for StandardPrecompiles {
    fn call(&mut self, address: &Address, abi: &U256, memory: &mut Memory) {
        if let Some(precompile) = Precompile::for_address(address) {
            precompile.run(&PrecompileAbi::from_word(abi), memory);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_select_precompiles_by_their_low_16_bits() {
        // Addresses from zkevm_opcode_defs 0.153.12 system_params.rs.
        for p in Precompile::ALL {
            assert_eq!(Precompile::for_address(&p.address()), Some(p));
        }
        let mut keccak = [0u8; 20];
        keccak[18] = 0x80;
        keccak[19] = 0x10;
        assert_eq!(Precompile::Keccak256.address(), Address::from(keccak));
        let mut high = [0xffu8; 20];
        high[18..].copy_from_slice(&[0x01, 0x00]);
        assert_eq!(
            Precompile::for_address(&Address::from(high)),
            Some(Precompile::Secp256r1Verify)
        );
        assert_eq!(Precompile::for_address(&Address::with_last_byte(3)), None);
        assert_eq!(Precompile::for_address(&Address::ZERO), None);
    }

    #[test]
    fn unknown_addresses_change_nothing() {
        let mut memory = Memory::new();
        StandardPrecompiles.call(&Address::with_last_byte(4), &U256::MAX, &mut memory);
        assert!(memory.page(u32::MAX).is_none());
    }
}
