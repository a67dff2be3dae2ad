//! `zkstack-era-circuits`: runs an EraVM program through zk_evm with the zkSync witness generator,
//! then sets up, proves and verifies base-layer circuit instances with Boojum (CPU).
//!
//! ```text
//! zkstack-era-circuits prove PROGRAM OUT_DIR [--geometry tiny|production] [--circuit TYPE]...
//!                      [--all-instances] [--list-only] [--address HEX]
//! zkstack-era-circuits verify OUT_DIR
//! zkstack-era-circuits aux-commitments INPUT.json
//! ```
//! PROGRAM is EraVM assembly (`.asm`) or bytecode (raw or hex). TYPE is zkSync's short
//! description (e.g. "Main VM"); by default the first instance of every type is proved. The
//! program runs at the bootloader's address unless `--address` names another (a precompile's
//! address makes its `log.precompile` calls reach that precompile).
//! `prove` writes `OUT_DIR/circuits.json` (every instance), per proved instance
//! `<n>.vk.json` / `<n>.proof.json`, `OUT_DIR/proofs.json` (statements, timings, peak memory)
//! and `OUT_DIR/run.json`. `verify` checks every entry of `proofs.json` against its files and
//! prints one JSON report; it exits with 1 if any proof is rejected (malformed input counts as
//! rejected). `aux-commitments` prints a batch's events-queue and initial-heap commitments
//! computed by circuit_encodings (the reference for `zkstack_prover::aux_commitments`). Usage
//! errors and failed runs exit with 2.
#![allow(incomplete_features)]
#![feature(generic_const_exprs)]

mod aux_commitments;
mod input;
mod progress;
mod prove;
mod report;
mod verify;
mod witness;

use std::path::{Path, PathBuf};

use serde::Serialize;

const USAGE: &str = "usage: zkstack-era-circuits prove PROGRAM OUT_DIR [--geometry tiny|production] \
                     [--circuit TYPE]... [--all-instances] [--list-only] [--address HEX] | verify OUT_DIR \
                     | aux-commitments INPUT.json";

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("zkstack-era-circuits: {msg}");
    std::process::exit(2)
}

/// Writes `value` as JSON to `path`.
pub(crate) fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse_prove(args: &[String]) -> Result<(PathBuf, PathBuf, prove::ProveOptions), String> {
    let mut positional = Vec::new();
    let mut options = prove::ProveOptions {
        geometry: "tiny".to_owned(),
        circuits: Vec::new(),
        all_instances: false,
        list_only: false,
        address: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--geometry" => options.geometry = it.next().ok_or("--geometry needs a value")?.clone(),
            "--circuit" => {
                options.circuits.push(it.next().ok_or("--circuit needs a value")?.clone())
            }
            "--address" => {
                options.address = Some(it.next().ok_or("--address needs a value")?.clone())
            }
            "--all-instances" => options.all_instances = true,
            "--list-only" => options.list_only = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    match <[PathBuf; 2]>::try_from(positional) {
        Ok([program, out]) => Ok((program, out, options)),
        Err(_) => Err(USAGE.to_owned()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, rest)) if cmd == "prove" => {
            let (program, out, options) = parse_prove(rest).unwrap_or_else(|e| fail(e));
            prove::prove(&program, &out, &options).unwrap_or_else(|e| fail(e));
        }
        Some((cmd, [dir])) if cmd == "verify" => {
            let all = verify::verify(Path::new(dir)).unwrap_or_else(|e| fail(e));
            std::process::exit(if all { 0 } else { 1 })
        }
        Some((cmd, [input])) if cmd == "aux-commitments" => {
            let out = aux_commitments::run(Path::new(input)).unwrap_or_else(|e| fail(e));
            println!("{out}");
        }
        _ => fail(USAGE),
    }
}
