//! Nightly features are switched on for the Boojum crate alone (see `.cargo/config.toml` and the
//! `zkstack-prover` crate docs). This pins the `RUSTC_BOOTSTRAP` crate list so that no crate of ours,
//! and no other dependency, is added to it by accident.

/// Third-party crates that may be compiled with nightly features, with the reason.
const ALLOWED: [&str; 1] = [
    "boojum", // the proof system: `#![feature(...)]` throughout its lib.rs
];

#[test]
fn rustc_bootstrap_names_only_boojum() {
    let config = include_str!("../.cargo/config.toml");
    let values: Vec<&str> = config
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_once('=').filter(|(key, _)| key.trim() == "RUSTC_BOOTSTRAP"))
        .map(|(_, value)| value.trim().trim_matches('"'))
        .collect();
    assert_eq!(values.len(), 1, "exactly one RUSTC_BOOTSTRAP setting expected, found {values:?}");
    assert_ne!(values[0], "1", "RUSTC_BOOTSTRAP=1 would give every crate nightly features");
    for name in values[0].split(',') {
        assert!(
            ALLOWED.contains(&name.trim()),
            "`{name}` may not be compiled with nightly features"
        );
    }
}

#[test]
fn our_crates_forbid_feature_gates() {
    let manifest = include_str!("../Cargo.toml");
    assert!(
        manifest.lines().any(|line| line.replace(' ', "") == "unstable_features=\"forbid\""),
        "the workspace lints must forbid `#![feature]` in our crates"
    );
}

/// The circuit workspace (`zkstack-prover/circuits`, built apart from this one) compiles the
/// published zkSync circuit crates, which need nightly features, and its own binary, which must name
/// their `generic_const_exprs`-bounded types. Its list is pinned here too.
const CIRCUITS_ALLOWED: [&str; 7] = [
    "boojum",               // the proof system
    "rescue_poseidon",      // `allocator_api`
    "snark_wrapper",        // `allocator_api`, `type_changing_struct_update`
    "zkevm_circuits",       // `generic_const_exprs`, `more_qualified_paths`, `allocator_api`
    "circuit_definitions",  // `generic_const_exprs`, `iter_array_chunks`, ...
    "zkevm_test_harness",   // `generic_const_exprs`, `allocator_api`, ...
    "zkstack_era_circuits", // ours: names `ZkSyncBaseLayerCircuit`, whose bounds need the feature
];

#[test]
fn circuit_workspace_bootstrap_list_is_pinned() {
    let config = include_str!("../zkstack-prover/circuits/.cargo/config.toml");
    let line = config
        .lines()
        .find(|line| line.trim_start().starts_with("RUSTC_BOOTSTRAP"))
        .expect("RUSTC_BOOTSTRAP in the circuit workspace config");
    let list = line
        .split("= \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a quoted crate list");
    let names: Vec<&str> = list.split(',').map(str::trim).collect();
    assert_eq!(names, CIRCUITS_ALLOWED, "the circuit workspace's nightly crate list changed");
}
