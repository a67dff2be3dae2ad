//! Every EraVM precompile (`zkstack_vm::precompiles`) with an arbitrary ABI word over memory
//! holding arbitrary cells.
//!
//! What must hold: `Precompile::run` never panics, whatever the offsets, pages, lengths and
//! round count say (offsets wrap at 2^32 as zk_evm's do) and whatever the input cells hold
//! (points off the curve, zero moduli, malleable signatures), and returns the round count
//! zk_evm charges; memory stays bounded (sparse pages, far pages in a map: libFuzzer's RSS
//! limit catches any allocation sized by an offset or page number).
//!
//! The round counts of sha256 and ecPairing and the keccak256 input length are kept small
//! (they cost the caller ergs in the VM, so a real call cannot ask for 2^64 rounds either); the
//! offsets and pages are left arbitrary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_vm::U256;
use zkstack_vm::memory::Memory;
use zkstack_vm::precompiles::{Precompile, PrecompileAbi};

// Input layout: 1 byte precompile, 32 bytes ABI word, then cells of 32 bytes written from
// the ABI's input offset (cell-wise) on its read page.
fuzz_target!(|data: &[u8]| {
    if data.len() < 33 {
        return;
    }
    let (head, cells) = data.split_at(33);
    let precompile = Precompile::ALL[usize::from(head[0]) % Precompile::ALL.len()];
    let mut abi = PrecompileAbi::from_word(&U256::from_be_slice(&head[1..33]));
    abi.interpreted_data %= 64;
    abi.input_length %= 1 << 14;
    let mut memory = Memory::new();
    let first =
        if precompile == Precompile::Keccak256 { abi.input_offset / 32 } else { abi.input_offset };
    for (i, cell) in cells.chunks(32).enumerate() {
        let index = first.wrapping_add(i as u32);
        let mut bytes = [0u8; 32];
        bytes[..cell.len()].copy_from_slice(cell);
        memory.write_cell(abi.read_page, index, &U256::from_be_bytes(bytes));
    }
    let rounds = precompile.run(&abi, &mut memory);
    match precompile {
        Precompile::Sha256 | Precompile::EcPairing => assert_eq!(rounds, abi.interpreted_data),
        Precompile::Keccak256 => assert_eq!(rounds, u64::from(abi.input_length) / 136 + 1),
        _ => assert_eq!(rounds, 1),
    }
});
