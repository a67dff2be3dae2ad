//! `zkstack-era-circuits`: runs an EraVM program through zk_evm with the zkSync witness generator,
//! then sets up, proves and verifies base-layer circuit instances with Boojum (CPU).
//!
//! ```text
//! zkstack-era-circuits prove PROGRAM.asm OUT_DIR [TYPE...]   # TYPE: e.g. "Main VM" (default: all)
//! zkstack-era-circuits verify OUT_DIR
//! zkstack-era-circuits aux-commitments INPUT.json
//! ```
//! `prove` writes `OUT_DIR/circuits.json` (every instance), and per proved instance
//! `<n>.vk.json` / `<n>.proof.json` plus `OUT_DIR/proofs.json` (type, timings, peak memory).
//! `verify` checks every entry of `proofs.json` against its files and prints one JSON report; it
//! exits with 1 if any proof is rejected (malformed input counts as rejected).
//! `aux-commitments` prints a batch's events queue and initial heap commitments (see
//! [`aux_commitments`]).
#![allow(incomplete_features)]
#![feature(generic_const_exprs)]

mod aux_commitments;

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use circuit_definitions::circuit_definitions::base_layer::ZkSyncBaseLayerCircuit;
use serde::{Deserialize, Serialize};
use zkevm_test_harness::boojum::algebraic_props::round_function::AbsorptionModeOverwrite;
use zkevm_test_harness::boojum::algebraic_props::sponge::GoldilocksPoseidon2Sponge;
use zkevm_test_harness::boojum::cs::implementations::pow::NoPow;
use zkevm_test_harness::boojum::cs::implementations::proof::Proof;
use zkevm_test_harness::boojum::cs::implementations::verifier::VerificationKey;
use zkevm_test_harness::boojum::field::U64Representable as _;
use zkevm_test_harness::boojum::field::goldilocks::{GoldilocksExt2, GoldilocksField};
use zkevm_test_harness::boojum::worker::Worker;
use zkevm_test_harness::ethereum_types::{Address, U256};
use zkevm_test_harness::prover_utils::{
    create_base_layer_setup_data, prove_base_layer_circuit, verify_base_layer_proof_for_type,
};
use zkevm_test_harness::toolset::GeometryConfig;
use zkevm_test_harness::witness::oracle::WitnessGenerationArtifact;
use zkevm_test_harness::witness::tree::{BinarySparseStorageTree, ZKSyncTestingTree};
use zkevm_test_harness::zk_evm::testing::storage::InMemoryStorage;
use zkevm_test_harness::zk_evm::utils::bytecode_to_code_hash;
use zkevm_test_harness::zk_evm::zkevm_opcode_defs::system_params::BOOTLOADER_FORMAL_ADDRESS;

type H = GoldilocksPoseidon2Sponge<AbsorptionModeOverwrite>;
type BaseProof = Proof<GoldilocksField, H, GoldilocksExt2>;
type BaseVk = VerificationKey<GoldilocksField, H>;

/// The harness's own test geometry (zkevm_test_harness `run_with_options`): a few cycles per
/// circuit, so every instance is small enough to prove on a laptop.
const TINY: GeometryConfig = GeometryConfig {
    cycles_per_vm_snapshot: 5,
    cycles_code_decommitter_sorter: 16,
    cycles_per_log_demuxer: 8,
    cycles_per_storage_sorter: 4,
    cycles_per_events_or_l1_messages_sorter: 2,
    cycles_per_ram_permutation: 4,
    cycles_per_code_decommitter: 4,
    cycles_per_storage_application: 2,
    cycles_per_keccak256_circuit: 1,
    cycles_per_sha256_circuit: 1,
    cycles_per_ecrecover_circuit: 1,
    cycles_per_secp256r1_verify_circuit: 1,
    cycles_per_transient_storage_sorter: 4,
    cycles_per_modexp_circuit: 1,
    cycles_per_ecadd_circuit: 1,
    cycles_per_ecmul_circuit: 1,
    cycles_per_ecpairing_circuit: 1,
    limit_for_l1_messages_pudata_hasher: 8,
};

/// zkSync's base-layer proof parameters (circuit_definitions `base_layer_proof_config`).
const LDE_FACTOR: usize = circuit_definitions::BASE_LAYER_FRI_LDE_FACTOR;
const CAP_SIZE: usize = circuit_definitions::BASE_LAYER_CAP_SIZE;

#[derive(Serialize, Deserialize)]
struct Instance {
    index: usize,
    circuit_type: u8,
    description: String,
}

#[derive(Serialize, Deserialize)]
struct Proved {
    index: usize,
    circuit_type: u8,
    description: String,
    domain_size: u64,
    public_inputs: Vec<u64>,
    setup_s: f64,
    prove_s: f64,
    verify_s: f64,
    peak_rss_mib: u64,
}

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb / 1024)
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("zkstack-era-circuits: {msg}");
    std::process::exit(2)
}

fn witness(asm_path: &Path) -> Vec<ZkSyncBaseLayerCircuit> {
    let asm = std::fs::read_to_string(asm_path)
        .unwrap_or_else(|e| fail(format!("{}: {e}", asm_path.display())));
    let mut assembly = zkevm_assembly::Assembly::try_from(asm)
        .unwrap_or_else(|e| fail(format!("assembly: {e:?}")));
    let bytecode =
        assembly.compile_to_bytecode().unwrap_or_else(|e| fail(format!("assembly: {e:?}")));
    let empty_code_hash =
        bytecode_to_code_hash(&[[0; 32]]).unwrap_or_else(|()| fail("empty code hash"));
    let empty_code_hash = U256::from_big_endian(&empty_code_hash);
    // The KZG setup ships with the zksync_kzg crate (it is only read for EIP-4844 circuits).
    let trusted_setup =
        concat!(env!("CARGO_MANIFEST_DIR"), "/patched/zksync_kzg/src/trusted_setup.json");
    let (sender, receiver) = sync_channel(1);
    let collector = std::thread::spawn(move || {
        let mut circuits = Vec::new();
        while let Ok(artifact) = receiver.recv() {
            if let WitnessGenerationArtifact::BaseLayerCircuit(circuit) = artifact {
                circuits.push(circuit);
            }
        }
        circuits
    });
    let _ = zkevm_test_harness::external_calls::run(
        Address::zero(),
        *BOOTLOADER_FORMAL_ADDRESS,
        bytecode,
        vec![],
        false,
        empty_code_hash,
        empty_code_hash,
        HashMap::new(),
        vec![],
        1 << 16,
        TINY,
        InMemoryStorage::new(),
        ZKSyncTestingTree::empty(),
        trusted_setup.to_owned(),
        std::array::from_fn(|_| None),
        sender,
    );
    collector.join().unwrap_or_else(|_| fail("witness collector panicked"))
}

fn write_json<T: Serialize>(path: &Path, value: &T) {
    let text = serde_json::to_string(value).unwrap_or_else(|e| fail(e));
    std::fs::write(path, text).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
}

fn prove(asm_path: &Path, out: &Path, types: &[String]) {
    std::fs::create_dir_all(out).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    let started = Instant::now();
    let circuits = witness(asm_path);
    eprintln!("witness: {} base-layer instances in {:.1?}", circuits.len(), started.elapsed());
    let listing: Vec<Instance> = circuits
        .iter()
        .enumerate()
        .map(|(index, c)| Instance {
            index,
            circuit_type: c.numeric_circuit_type(),
            description: c.short_description().to_owned(),
        })
        .collect();
    write_json(&out.join("circuits.json"), &listing);
    let worker = Worker::new();
    let mut proved = Vec::new();
    let mut done_types = std::collections::HashSet::new();
    for (index, circuit) in circuits.into_iter().enumerate() {
        let description = circuit.short_description().to_owned();
        let wanted = types.is_empty() || types.iter().any(|t| *t == description);
        if !wanted || !done_types.insert(description.clone()) {
            continue;
        }
        eprintln!("[{index}] {description}: setup");
        let t = Instant::now();
        let (setup_base, setup, vk, tree, vars_hint, wits_hint, finalization) =
            create_base_layer_setup_data(circuit.clone(), &worker, LDE_FACTOR, CAP_SIZE);
        let setup_s = t.elapsed().as_secs_f64();
        eprintln!("[{index}] {description}: prove (setup {setup_s:.1} s)");
        let t = Instant::now();
        let proof = prove_base_layer_circuit::<NoPow>(
            circuit.clone(),
            &worker,
            circuit_definitions::base_layer_proof_config(),
            &setup_base,
            &setup,
            &tree,
            &vk,
            &vars_hint,
            &wits_hint,
            &finalization,
        );
        let prove_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let circuit_type = circuit.numeric_circuit_type();
        if !verify_base_layer_proof_for_type::<NoPow>(circuit_type, &proof, &vk) {
            fail(format!("[{index}] {description}: own proof rejected"));
        }
        let verify_s = t.elapsed().as_secs_f64();
        eprintln!(
            "[{index}] {description}: proved {prove_s:.1} s, verified {verify_s:.2} s, peak {} MiB",
            peak_rss_mib()
        );
        write_json(&out.join(format!("{index}.vk.json")), &vk);
        write_json(&out.join(format!("{index}.proof.json")), &proof);
        proved.push(Proved {
            index,
            circuit_type,
            description,
            domain_size: vk.fixed_parameters.domain_size,
            public_inputs: proof.public_inputs.iter().map(|x| x.as_u64_reduced()).collect(),
            setup_s,
            prove_s,
            verify_s,
            peak_rss_mib: peak_rss_mib(),
        });
    }
    write_json(&out.join("proofs.json"), &proved);
}

fn verify_one(dir: &Path, entry: &Proved) -> Result<(), String> {
    let read =
        |name: String| std::fs::read_to_string(dir.join(&name)).map_err(|e| format!("{name}: {e}"));
    let vk: BaseVk = serde_json::from_str(&read(format!("{}.vk.json", entry.index))?)
        .map_err(|e| format!("vk: {e}"))?;
    let proof: BaseProof = serde_json::from_str(&read(format!("{}.proof.json", entry.index))?)
        .map_err(|e| format!("proof: {e}"))?;
    let claimed: Vec<u64> = proof.public_inputs.iter().map(|x| x.as_u64_reduced()).collect();
    if claimed != entry.public_inputs {
        return Err("public inputs differ from the statement in proofs.json".to_owned());
    }
    let circuit_type = entry.circuit_type;
    // Boojum's verifier asserts on some malformed shapes; a panic is a rejection here.
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        verify_base_layer_proof_for_type::<NoPow>(circuit_type, &proof, &vk)
    }))
    .map_err(|_| "verifier panicked on malformed input".to_owned())?;
    if ok { Ok(()) } else { Err("rejected".to_owned()) }
}

fn verify(dir: &Path) -> bool {
    let text = std::fs::read_to_string(dir.join("proofs.json"))
        .unwrap_or_else(|e| fail(format!("proofs.json: {e}")));
    let entries: Vec<Proved> =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(format!("proofs.json: {e}")));
    std::panic::set_hook(Box::new(|_| {}));
    let mut all = true;
    let report: Vec<serde_json::Value> = entries
        .iter()
        .map(|entry| {
            let result = verify_one(dir, entry);
            all &= result.is_ok();
            serde_json::json!({"index": entry.index, "description": entry.description, "valid": result.is_ok(), "error": result.err()})
        })
        .collect();
    println!("{}", serde_json::Value::Array(report));
    all
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, asm, out, types @ ..] if cmd == "prove" => {
            prove(Path::new(asm), Path::new(out), types)
        }
        [cmd, dir] if cmd == "verify" => {
            std::process::exit(if verify(Path::new(dir)) { 0 } else { 1 })
        }
        [cmd, input] if cmd == "aux-commitments" => match aux_commitments::run(Path::new(input)) {
            Ok(out) => println!("{out}"),
            Err(why) => fail(&why),
        },
        _ => fail(
            "usage: zkstack-era-circuits prove PROGRAM.asm OUT_DIR [TYPE...] | verify OUT_DIR \
             | aux-commitments INPUT.json",
        ),
    }
}
