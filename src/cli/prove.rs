//! `zkstack prove` and `zkstack verify`: zkSync Era base-layer proofs of an EraVM program on the
//! CPU, through the circuit workspace's binary (`zkstack_prover::era_circuits`), which this
//! command builds on first use.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;
use zkstack::prover::era_circuits::{
    EraCircuits, EraCircuitsError, Geometry, ProveRequest, default_cargo_home,
};
use zkstack::vm::asm::{AsmOptions, assemble_with};

use super::CliError;
use super::not_built;
use super::output::{print_json, read_hex_or_raw, read_input_bytes};

/// Options of `zkstack prove`.
#[derive(Debug, clap::Args)]
pub struct ProveArgs {
    /// The program: EraVM assembly (`.asm`) or bytecode (raw, or hex text). A VM dump (JSON) is
    /// recognised and refused: proving a whole bootloader run is not built yet.
    program_or_dump: PathBuf,
    /// Circuit geometry: `tiny` (every instance proves in 24 GiB) or `production` (zkSync's;
    /// lists instances anywhere, but a production Main VM does not fit in 24 GiB on the CPU).
    #[arg(long, value_enum, default_value_t = GeometryArg::Tiny)]
    geometry: GeometryArg,
    /// Directory for the keys, proofs and listings.
    #[arg(long, default_value = "zkstack-proof")]
    out: PathBuf,
    /// Prove only this circuit type (zkSync's name, e.g. "Main VM"); repeatable. Default: the
    /// first instance of every type the run produces.
    #[arg(long = "circuit")]
    circuits: Vec<String>,
    /// Prove every instance of the chosen types, not only the first.
    #[arg(long)]
    all_instances: bool,
    /// Only run the witness generator and list the circuit instances.
    #[arg(long)]
    list_only: bool,
    /// Run the program at this address instead of the bootloader's (a precompile's address, e.g.
    /// 0x0000000000000000000000000000000000000002 for SHA-256, makes its `log.precompile` calls
    /// reach that precompile and the run produce its circuit).
    #[arg(long)]
    address: Option<zkstack::l1::Address>,
    /// Print one JSON document (the run, every instance, every proof with its timings).
    #[arg(long)]
    json: bool,
}

/// The geometry names on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum GeometryArg {
    Tiny,
    Production,
}

/// Options of `zkstack verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// A directory written by `zkstack prove`.
    dir: PathBuf,
    /// Print one JSON document `{dir, all_valid, proofs: [{index, description, valid, error}]}`.
    #[arg(long)]
    json: bool,
}

/// The checkout this binary was built from; the circuit workspace lives in it.
fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn circuits_binary() -> Result<EraCircuits, CliError> {
    if let Err(EraCircuitsError::NotBuilt(path)) = EraCircuits::locate(repo_root()) {
        eprintln!(
            "zkstack prove: building the circuit workspace into {} (first use: about 15 \
             CPU-minutes and 8 GB of disk)",
            path.display()
        );
    }
    // A no-op of seconds when the build is current; never runs a binary older than its sources.
    Ok(EraCircuits::from_env_or_build(repo_root(), &default_cargo_home())?)
}

/// Writes the program's bytecode into `out/program.bin`, assembling `.asm` with our assembler.
fn program_bytecode(path: &Path, out: &Path) -> Result<Option<PathBuf>, CliError> {
    let raw = read_input_bytes(path)?;
    if raw.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return Ok(None);
    }
    let is_asm = path.extension().is_some_and(|ext| ext == "asm");
    let bytecode = if is_asm {
        let source = String::from_utf8(raw)
            .map_err(|_| CliError::input(path, "assembly is not UTF-8".to_owned()))?;
        assemble_with(&source, AsmOptions::default())
            .map_err(|e| CliError::input(path, e.to_string()))?
    } else {
        read_hex_or_raw(path)?
    };
    let words = bytecode.len() / 32;
    if bytecode.is_empty() || bytecode.len() % 32 != 0 || words % 2 == 0 {
        return Err(CliError::input(
            path,
            format!(
                "bytecode of {} bytes: EraVM code is an odd number of 32-byte words",
                bytecode.len()
            ),
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| CliError::input(out, e.to_string()))?;
    let program = out.join("program.bin");
    std::fs::write(&program, &bytecode).map_err(|e| CliError::input(&program, e.to_string()))?;
    Ok(Some(program))
}

/// Runs `zkstack prove`.
pub fn run_prove(args: &ProveArgs) -> Result<ExitCode, CliError> {
    let Some(program) = program_bytecode(&args.program_or_dump, &args.out)? else {
        return Ok(not_built::report(
            "prove",
            "proof of a VM dump (a whole bootloader run; programs are proved)",
            10,
        ));
    };
    let request = ProveRequest {
        geometry: match args.geometry {
            GeometryArg::Tiny => Geometry::Tiny,
            GeometryArg::Production => Geometry::Production,
        },
        circuits: args.circuits.clone(),
        all_instances: args.all_instances,
        list_only: args.list_only,
        address: args.address,
    };
    let set = circuits_binary()?.prove(&program, &args.out, &request)?;
    if args.json {
        print_json(&json!({
            "dir": set.dir,
            "run": set.run,
            "instances": set.instances,
            "proofs": set.proofs,
            "all_verified": true,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} base-layer circuit instances ({} geometry, {} cycles per Main VM instance), witness {:.2} s",
        set.run.instances, set.run.geometry, set.run.cycles_per_vm_snapshot, set.run.witness_s
    )?;
    for instance in &set.instances {
        writeln!(out, "  [{}] {}", instance.index, instance.description)?;
    }
    for proof in &set.proofs {
        writeln!(
            out,
            "proved [{}] {} ({} rows): setup {:.1} s, prove {:.1} s, verify {:.2} s, peak {} MiB",
            proof.index,
            proof.description,
            proof.domain_size,
            proof.setup_s,
            proof.prove_s,
            proof.verify_s,
            proof.peak_rss_mib
        )?;
    }
    writeln!(out, "keys and proofs in {}; check them with `zkstack verify`", set.dir.display())?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `zkstack verify`; exits 1 when any proof is rejected.
pub fn run_verify(args: &VerifyArgs) -> Result<ExitCode, CliError> {
    let listing = args.dir.join("proofs.json");
    if !listing.is_file() {
        return Err(CliError::input(
            &listing,
            "missing: not a directory written by `zkstack prove`".to_owned(),
        ));
    }
    let verdicts = circuits_binary()?.verify(&args.dir)?;
    let all_valid = verdicts.iter().all(|v| v.valid);
    if args.json {
        print_json(&json!({"dir": args.dir, "all_valid": all_valid, "proofs": verdicts}))?;
    } else {
        let mut out = std::io::stdout().lock();
        for v in &verdicts {
            match &v.error {
                None => writeln!(out, "[{}] {}: valid", v.index, v.description)?,
                Some(why) => writeln!(out, "[{}] {}: REJECTED ({why})", v.index, v.description)?,
            }
        }
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
