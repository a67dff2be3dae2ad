//! The files `prove` writes and `verify` reads (JSON), shared with `zkstack_prover::era_circuits`
//! on the main workspace's side, which reads the same field names.

use serde::{Deserialize, Serialize};

/// One base-layer circuit instance of the run (`OUT_DIR/circuits.json` lists them all).
#[derive(Serialize, Deserialize)]
pub struct Instance {
    /// Position in the witness generator's output order.
    pub index: usize,
    /// zkSync's numeric base-layer circuit type.
    pub circuit_type: u8,
    /// zkSync's short description, e.g. "Main VM".
    pub description: String,
}

/// One proved instance (`OUT_DIR/proofs.json` lists them; `<index>.vk.json` and
/// `<index>.proof.json` hold the key and the proof).
#[derive(Serialize, Deserialize)]
pub struct Proved {
    /// Position in the witness generator's output order.
    pub index: usize,
    /// zkSync's numeric base-layer circuit type.
    pub circuit_type: u8,
    /// zkSync's short description.
    pub description: String,
    /// Rows of the proved trace.
    pub domain_size: u64,
    /// The proof's public inputs (the statement), canonical field elements.
    pub public_inputs: Vec<u64>,
    /// Seconds spent on the setup (keys) of this circuit.
    pub setup_s: f64,
    /// Seconds spent proving.
    pub prove_s: f64,
    /// Seconds spent verifying.
    pub verify_s: f64,
    /// Peak resident memory of the process so far, MiB.
    pub peak_rss_mib: u64,
}

/// The whole run (`OUT_DIR/run.json`).
#[derive(Serialize, Deserialize)]
pub struct RunSummary {
    /// "tiny" or "production".
    pub geometry: String,
    /// VM cycles per Main VM instance under that geometry.
    pub cycles_per_vm_snapshot: u32,
    /// Keccak-256 of the program's bytecode, 0x-hex.
    pub bytecode_hash: String,
    /// Seconds of witness generation (zk_evm run plus circuit instances).
    pub witness_s: f64,
    /// Number of base-layer instances produced.
    pub instances: usize,
    /// Number proved.
    pub proved: usize,
}

/// Peak resident memory of this process, MiB (0 where /proc is unavailable).
pub fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb / 1024)
}
