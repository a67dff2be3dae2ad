//! zkstack-vm's precompiles against zk_evm 0.153.12's own (`zk_evm_abstractions::precompiles`,
//! the functions zk_evm's `DefaultPrecompilesProcessor` dispatches `log.precompile` to), on
//! random and edge-case calls: valid signatures and curve points and their mutations (high s,
//! zero or out-of-range scalars, keys and points off the curve or at infinity, coordinates not
//! below p, G2 points outside the subgroup, 0 to 5 pairing pairs), random and edge modexp
//! operands (zero modulus, all-ones words), keccak inputs of every padding shape at unaligned
//! offsets (some crossing byte 2^32), sha256 round counts 0 to 64.
//!
//! Each call runs over the same memory on both sides; afterwards every cell the reference
//! wrote must hold the same value in ours, ours must hold no other change (the output cells are
//! pre-filled with nonzero garbage, so a missing write of 0 shows too), and the round counts
//! must agree. The success flag is the first output cell, so it is compared with the rest;
//! both outcomes are required to occur for every failing-capable precompile.
//!
//! Ergs are not a precompile's business: zk_evm charges the extra ergs of `src1` and sets
//! `dst0` to 1 before it runs the precompile, whatever the precompile does
//! (`opcodes/execution/log.rs`), and `tests/execution.rs` checks that plumbing.
//!
//! `ZKSTACK_PRECOMPILE_CASES=N` sets the number of calls per precompile (default 400).

mod precompile_support;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use zk_evm::zk_evm_abstractions::precompiles::PrecompileAddress;
use zkstack_vm::precompiles::{Precompile, StandardPrecompiles};
use zkstack_vm::world::Precompiles;
use zkstack_vm::{Address, U256};

use precompile_support::{Call, Gen, from_ref, run_reference};

fn cases() -> u32 {
    std::env::var("ZKSTACK_PRECOMPILE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

/// What one call did on both sides: `Ok(the values zk_evm wrote)` when they agree.
fn compare(call: &Call) -> Result<Vec<U256>, String> {
    let mut ours = call.our_memory();
    let rounds = call.precompile.run(&call.abi, &mut ours);
    let mut reference = call.reference_memory();
    let (ref_rounds, writes) = run_reference(call, &mut reference);
    if rounds != ref_rounds as u64 {
        return Err(format!("rounds: ours {rounds}, zk_evm {ref_rounds}"));
    }
    // The memory zk_evm ends with, cell by cell, where anything was set or written.
    let mut expected: BTreeMap<(u32, u32), U256> = BTreeMap::new();
    for (page, cell, value) in &call.cells {
        expected.insert((*page, *cell), *value);
    }
    for write in &writes {
        let at = (write.location.page.0, write.location.index.0);
        expected.insert(at, from_ref(&write.value));
    }
    for ((page, cell), value) in &expected {
        let theirs = from_ref(&reference.read_slot(*page as usize, *cell as usize).value);
        if theirs != *value {
            return Err(format!("harness: zk_evm's memory at {page}:{cell} is {theirs:#x}"));
        }
        let mine = ours.read_cell(*page, *cell);
        if mine != *value {
            return Err(format!("cell {page}:{cell}: ours {mine:#x}, zk_evm {value:#x}"));
        }
    }
    for page in 0..8u32 {
        for (cell, value) in ours.page(page).map(|p| p.nonzero_words()).unwrap_or_default() {
            if !expected.contains_key(&(page, cell)) {
                return Err(format!("ours wrote {value:#x} to {page}:{cell}, zk_evm did not"));
            }
        }
    }
    Ok(writes.iter().map(|w| from_ref(&w.value)).collect())
}

/// What a tally counts: the kind of call and, for precompiles that can fail, the success flag
/// and (for P256 verify and ecPairing) the boolean result.
type Tally = HashMap<(&'static str, Option<U256>, Option<U256>), u32>;

fn run_cases(precompile: Precompile) -> Tally {
    let tally = RefCell::new(HashMap::new());
    let mut runner =
        TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let result = runner.run(&any::<u64>(), |seed| {
        let call = Gen(seed).call(precompile);
        let written = compare(&call).map_err(|e| {
            TestCaseError::fail(format!("{precompile:?} ({}), seed {seed:#x}: {e}", call.kind))
        })?;
        let (flag, result) = match precompile {
            Precompile::Ecrecover | Precompile::EcAdd | Precompile::EcMul => {
                (written.first().copied(), None)
            }
            Precompile::Secp256r1Verify | Precompile::EcPairing => {
                (written.first().copied(), written.get(1).copied())
            }
            _ => (None, None),
        };
        *tally.borrow_mut().entry((call.kind, flag, result)).or_insert(0) += 1;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let tally = tally.into_inner();
    let mut lines: Vec<_> = tally.iter().collect();
    lines.sort();
    eprintln!("{precompile:?}: {lines:?}");
    tally
}

/// Asserts that calls both succeeded (first cell 1) and failed (0), for precompiles that can.
fn both_outcomes(tally: &Tally) {
    if cases() < 200 {
        return;
    }
    for flag in [U256::ZERO, U256::from(1u8)] {
        assert!(
            tally.keys().any(|(_, first, _)| *first == Some(flag)),
            "no call ended with success flag {flag}: {tally:?}"
        );
    }
}

#[test]
fn keccak256_matches_zk_evm() {
    run_cases(Precompile::Keccak256);
}

#[test]
fn sha256_matches_zk_evm() {
    run_cases(Precompile::Sha256);
}

#[test]
fn ecrecover_matches_zk_evm() {
    both_outcomes(&run_cases(Precompile::Ecrecover));
}

#[test]
fn secp256r1_verify_matches_zk_evm() {
    let tally = run_cases(Precompile::Secp256r1Verify);
    both_outcomes(&tally);
    if cases() >= 200 {
        // Checked signatures that verify and that do not.
        let (one, zero) = (Some(U256::from(1u8)), Some(U256::ZERO));
        assert!(tally.contains_key(&("valid", one, one)), "{tally:?}");
        assert!(tally.contains_key(&("other hash", one, zero)), "{tally:?}");
    }
}

#[test]
fn modexp_matches_zk_evm() {
    run_cases(Precompile::Modexp);
}

#[test]
fn ecadd_matches_zk_evm() {
    both_outcomes(&run_cases(Precompile::EcAdd));
}

#[test]
fn ecmul_matches_zk_evm() {
    both_outcomes(&run_cases(Precompile::EcMul));
}

#[test]
fn ecpairing_matches_zk_evm() {
    let tally = run_cases(Precompile::EcPairing);
    both_outcomes(&tally);
    if cases() >= 200 {
        // Valid pairs whose product is 1 and valid pairs whose product is not.
        let (one, zero) = (Some(U256::from(1u8)), Some(U256::ZERO));
        assert!(tally.contains_key(&("balanced", one, one)), "{tally:?}");
        assert!(tally.contains_key(&("unbalanced", one, zero)), "{tally:?}");
    }
}

#[test]
fn addresses_dispatch_as_in_zk_evm() {
    // zk_evm selects by the low 16 bits of the address (`DefaultPrecompilesProcessor`).
    let mut g = Gen(7);
    for i in 0..200_000u64 {
        let mut bytes = [0u8; 20];
        if i % 2 == 0 {
            for b in &mut bytes {
                *b = g.next() as u8;
            }
        }
        let low = if i < 65_536 { i as u16 } else { g.next() as u16 };
        bytes[18..].copy_from_slice(&low.to_be_bytes());
        let address = Address::from(bytes);
        let ours = Precompile::for_address(&address).map(|p| p as u16);
        let theirs = PrecompileAddress::try_from(low).ok().map(|p| p as u16);
        assert_eq!(ours, theirs, "address {address}");
    }
}

#[test]
fn the_world_hook_runs_the_precompile_of_the_address() {
    // StandardPrecompiles (the World's default) through the `Precompiles` hook, as
    // `log.precompile` calls it, against zk_evm on one call of each precompile.
    for (i, precompile) in Precompile::ALL.into_iter().enumerate() {
        let call = Gen(i as u64).call(precompile);
        let mut ours = call.our_memory();
        StandardPrecompiles.call(&precompile.address(), &call.abi.to_word(), &mut ours);
        let mut reference = call.reference_memory();
        let (_, writes) = run_reference(&call, &mut reference);
        for w in writes {
            let (page, cell) = (w.location.page.0, w.location.index.0);
            assert_eq!(ours.read_cell(page, cell), from_ref(&w.value), "{precompile:?}");
        }
    }
}
