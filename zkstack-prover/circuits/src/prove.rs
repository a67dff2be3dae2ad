//! `prove`: witness, then setup / prove / verify of the chosen instances, with the files of
//! [`crate::report`] written to the output directory.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use zkevm_test_harness::boojum::cs::implementations::pow::NoPow;
use zkevm_test_harness::boojum::field::U64Representable as _;
use zkevm_test_harness::boojum::worker::Worker;
use zkevm_test_harness::prover_utils::{
    create_base_layer_setup_data, prove_base_layer_circuit, verify_base_layer_proof_for_type,
};

use crate::progress::Progress;
use crate::report::{Instance, Proved, RunSummary, peak_rss_mib};
use crate::{input, witness, write_json};

/// zkSync's base-layer proof parameters (circuit_definitions `base_layer_proof_config`).
const LDE_FACTOR: usize = circuit_definitions::BASE_LAYER_FRI_LDE_FACTOR;
const CAP_SIZE: usize = circuit_definitions::BASE_LAYER_CAP_SIZE;

/// What to prove.
pub struct ProveOptions {
    /// "tiny" or "production".
    pub geometry: String,
    /// Circuit types to prove (zkSync short descriptions); empty: every type.
    pub circuits: Vec<String>,
    /// Prove every instance of the chosen types, not only the first of each.
    pub all_instances: bool,
    /// Stop after listing the instances.
    pub list_only: bool,
    /// The address the program runs at (hex); the bootloader's when `None`.
    pub address: Option<String>,
}

/// Runs the program, lists its instances and proves the chosen ones.
pub fn prove(program: &Path, out: &Path, options: &ProveOptions) -> Result<(), String> {
    let geometry = witness::geometry(&options.geometry)?;
    let address = witness::entry_address(options.address.as_deref())?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let bytecode = input::read_program(program)?;
    let bytecode_hash = keccak_hex(&bytecode);
    let started = Instant::now();
    let circuits = witness::base_layer_circuits(bytecode, geometry, address)?;
    let witness_s = started.elapsed().as_secs_f64();
    eprintln!("witness: {} base-layer instances in {witness_s:.2} s", circuits.len());
    let listing: Vec<Instance> = circuits
        .iter()
        .enumerate()
        .map(|(index, c)| Instance {
            index,
            circuit_type: c.numeric_circuit_type(),
            description: c.short_description().to_owned(),
        })
        .collect();
    write_json(&out.join("circuits.json"), &listing)?;
    for wanted in &options.circuits {
        if !listing.iter().any(|i| i.description == *wanted) {
            return Err(format!("the run has no {wanted:?} instance (see circuits.json)"));
        }
    }
    let mut seen = HashSet::new();
    let chosen: Vec<usize> = listing
        .iter()
        .filter(|i| options.circuits.is_empty() || options.circuits.contains(&i.description))
        .filter(|i| options.all_instances || seen.insert(i.description.clone()))
        .map(|i| i.index)
        .collect();
    let mut proved = Vec::new();
    if !options.list_only {
        let worker = Worker::new();
        let progress = Progress::new(chosen.len());
        for index in chosen {
            proved.push(prove_one(&circuits[index], index, &worker, out, &progress)?);
            // Written after every proof, so that an interrupted run keeps what it proved.
            write_json(&out.join("proofs.json"), &proved)?;
        }
        progress.finish();
    }
    write_json(&out.join("proofs.json"), &proved)?;
    let summary = RunSummary {
        geometry: options.geometry.clone(),
        cycles_per_vm_snapshot: geometry.cycles_per_vm_snapshot,
        bytecode_hash,
        witness_s,
        instances: listing.len(),
        proved: proved.len(),
    };
    write_json(&out.join("run.json"), &summary)
}

fn prove_one(
    circuit: &circuit_definitions::circuit_definitions::base_layer::ZkSyncBaseLayerCircuit,
    index: usize,
    worker: &Worker,
    out: &Path,
    progress: &Progress,
) -> Result<Proved, String> {
    let description = circuit.short_description().to_owned();
    progress.stage(format!("[{index}] {description}: setup"));
    let t = Instant::now();
    let (setup_base, setup, vk, tree, vars_hint, wits_hint, finalization) =
        create_base_layer_setup_data(circuit.clone(), worker, LDE_FACTOR, CAP_SIZE);
    let setup_s = t.elapsed().as_secs_f64();
    progress.stage(format!("[{index}] {description}: prove (setup took {setup_s:.1} s)"));
    let t = Instant::now();
    let proof = prove_base_layer_circuit::<NoPow>(
        circuit.clone(),
        worker,
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
        return Err(format!("[{index}] {description}: own proof rejected"));
    }
    let verify_s = t.elapsed().as_secs_f64();
    progress.done(format!(
        "[{index}] {description}: setup {setup_s:.1} s, proved {prove_s:.1} s, verified {verify_s:.2} s, peak {} MiB",
        peak_rss_mib()
    ));
    write_json(&out.join(format!("{index}.vk.json")), &vk)?;
    write_json(&out.join(format!("{index}.proof.json")), &proof)?;
    Ok(Proved {
        index,
        circuit_type,
        description,
        domain_size: vk.fixed_parameters.domain_size,
        public_inputs: proof.public_inputs.iter().map(|x| x.as_u64_reduced()).collect(),
        setup_s,
        prove_s,
        verify_s,
        peak_rss_mib: peak_rss_mib(),
    })
}

fn keccak_hex(words: &[[u8; 32]]) -> String {
    use zkevm_test_harness::sha3::{Digest as _, Keccak256};
    let mut hasher = Keccak256::new();
    for word in words {
        hasher.update(word);
    }
    let digest = hasher.finalize();
    let mut hex = String::from("0x");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}
