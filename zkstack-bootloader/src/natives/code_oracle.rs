//! CodeOracle (0x8012): returns the bytecode of a versioned hash that KnownCodesStorage knows
//! (era-contracts v26 `precompiles/CodeOracle.yul`). No selector: the calldata's first word is
//! the hash. An unknown hash, a version other than 1 (EraVM) or a failed decommit revert with
//! no data.
//!
//! Differs from the contract: ergs (the decommit's `4 × words` are not charged, and a decommit
//! does not make the code warm for later far calls). A hash that KnownCodesStorage marks but
//! whose code the world's code source does not have panics (the VM could not decommit it).

use alloy_primitives::U256;
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome, VersionedHash};

use super::addresses::KNOWN_CODES_STORAGE;
use super::calldata::{Calldata, Exit, Step, revert_empty};
use super::{calldata_of, finish};

/// The CodeOracle native.
#[derive(Clone, Copy, Debug, Default)]
pub struct CodeOracle;

impl NativeContract for CodeOracle {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        finish(run(call, &Calldata::new(&data)))
    }
}

fn run(call: &mut NativeCall<'_>, cd: &Calldata<'_>) -> Step<Vec<u8>> {
    let hash = cd.load(0);
    // `KnownCodesStorage.getMarker(hash)` (a static call: reads its slot `hash`).
    let own = call.act_as(KNOWN_CODES_STORAGE);
    let marker = call.sload(U256::from_be_bytes(hash));
    call.act_as(own);
    if marker.is_zero() {
        return revert_empty();
    }
    if hash[0] != 1 {
        return revert_empty();
    }
    let words = usize::from(u16::from_be_bytes([hash[2], hash[3]]));
    let code = call.code(&VersionedHash(hash)).ok_or(Exit::Panic)?;
    let mut out = Vec::with_capacity(words * 32);
    for i in 0..words {
        let word = code.get(i).copied().unwrap_or(U256::ZERO);
        out.extend_from_slice(&word.to_be_bytes::<32>());
    }
    Ok(out)
}
