//! A researcher's tour of zkSync's base-layer circuits on an EraVM program:
//! run the program through zkSync's witness generator, list the circuit instances it produces,
//! prove one with Boojum on the CPU, verify it, then change one byte of the proof and watch the
//! verifier reject it.
//!
//! Run with `cargo run --release --example era_prove_program [CIRCUIT]`, CIRCUIT being a zkSync
//! circuit name such as "Events sorter" (the default, seconds) or "Main VM" (minutes, 12 GiB).
//! The first run builds the circuit workspace (about 15 CPU-minutes, see
//! `zkstack-prover/circuits/README.md`).

use std::path::Path;

use zkstack::prover::era_circuits::{
    EraCircuits, EraCircuitsError, ProveRequest, default_cargo_home,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let circuit = std::env::args().nth(1).unwrap_or_else(|| "Events sorter".to_owned());
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let circuits = match EraCircuits::locate(repo) {
        Ok(found) => found,
        Err(EraCircuitsError::NotBuilt(_)) => EraCircuits::build(repo, &default_cargo_home())?,
        Err(other) => return Err(other.into()),
    };
    let work = std::env::temp_dir().join("zkstack-era-example");
    std::fs::create_dir_all(&work)?;
    // Our assembler writes the bytecode the circuits run.
    let program = work.join("program.bin");
    std::fs::write(
        &program,
        zkstack::vm::asm::assemble(zkstack::prover::era_circuits::SAMPLE_PROGRAM)?,
    )?;

    // 1. The circuit instances of this run.
    let listing = circuits.prove(
        &program,
        &work.join("listing"),
        &ProveRequest { list_only: true, ..ProveRequest::default() },
    )?;
    println!("{} base-layer circuit instances:", listing.instances.len());
    for instance in &listing.instances {
        println!(
            "  [{}] {} (type {})",
            instance.index, instance.description, instance.circuit_type
        );
    }

    // 2. Prove the first instance of one type (the binary verifies it right after proving).
    let out = work.join("proof");
    let request = ProveRequest { circuits: vec![circuit], ..ProveRequest::default() };
    let proved = circuits.prove(&program, &out, &request)?;
    let proof = proved.proofs.first().ok_or("nothing proved")?;
    println!(
        "proved [{}] {}: {} rows, setup {:.1} s, prove {:.1} s, {} public inputs",
        proof.index,
        proof.description,
        proof.domain_size,
        proof.setup_s,
        proof.prove_s,
        proof.public_inputs.len()
    );

    // 3. Verify from the files alone.
    for verdict in circuits.verify(&out)? {
        println!("verify [{}] {}: valid = {}", verdict.index, verdict.description, verdict.valid);
    }

    // 4. Change one byte inside the proof's FRI part and verify again.
    let file = out.join(format!("{}.proof.json", proof.index));
    let mut bytes = std::fs::read(&file)?;
    let key = b"final_fri_monomials";
    let at = bytes.windows(key.len()).position(|w| w == key).ok_or("no FRI monomials")?;
    // The last digit of the first number: the value changes by one and stays a valid u64.
    let first = at + bytes[at..].iter().position(u8::is_ascii_digit).ok_or("no number")?;
    let len = bytes[first..].iter().take_while(|b| b.is_ascii_digit()).count();
    let digit = first + len - 1;
    bytes[digit] = if bytes[digit] == b'9' { b'8' } else { bytes[digit] + 1 };
    std::fs::write(&file, bytes)?;
    for verdict in circuits.verify(&out)? {
        println!(
            "after changing one byte: [{}] {}: valid = {} ({})",
            verdict.index,
            verdict.description,
            verdict.valid,
            verdict.error.as_deref().unwrap_or("")
        );
        if verdict.valid {
            return Err("a tampered proof was accepted".into());
        }
    }
    Ok(())
}
