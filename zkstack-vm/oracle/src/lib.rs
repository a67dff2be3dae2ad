//! The reference side of zkstack-vm's differential tests.
//!
//! Everything here is computed from `zkevm_opcode_defs` 0.153.13 alone; `tests/differential.rs`
//! compares it with zkstack-vm directly. Nothing the reference produces is recorded in the
//! repository: CI runs these tests (`.ci/run`).

use zkevm_opcode_defs::decoding::{EncodingModeProduction, VmEncodingMode};
use zkevm_opcode_defs::{DecodedOpcode, ISAVersion};

/// The ISA version the reference VM runs.
pub const ISA: ISAVersion = ISAVersion(2);

/// A reference decoding of a word.
pub type RefDecoded = DecodedOpcode<8, EncodingModeProduction>;

/// The reference's decoding of `word` and the raw table index it used.
pub fn reference_decode(word: u64) -> (RefDecoded, usize) {
    let (decoded, index) =
        EncodingModeProduction::parse_preliminary_variant_and_absolute_number(word);
    (decoded, index.into_usize())
}

/// A deterministic pseudo-random sequence (SplitMix64), so generated test words are reproducible.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A zk_evm precompiles processor that runs nothing: for differential runs whose programs make
/// no precompile calls (or whose zkstack-vm side runs none either).
#[derive(Clone, Copy, Debug, Default)]
pub struct RefNoPrecompiles;

impl zk_evm::abstractions::PrecompilesProcessor for RefNoPrecompiles {
    fn execute_precompile<M: zk_evm::abstractions::Memory>(
        &mut self,
        _: u32,
        _: zk_evm::aux_structures::LogQuery,
        _: &mut M,
    ) -> Option<(
        Vec<zk_evm::aux_structures::MemoryQuery>,
        Vec<zk_evm::aux_structures::MemoryQuery>,
        zk_evm::abstractions::PrecompileCyclesWitness,
    )> {
        None
    }
    fn start_frame(&mut self) {}
    fn finish_frame(&mut self, _: bool) {}
}
