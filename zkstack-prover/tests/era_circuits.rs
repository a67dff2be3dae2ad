//! The zkSync Era base-layer circuits on stable Rust: fetch the published crates, apply our edits,
//! build the circuit workspace (`zkstack-prover/circuits`), then for one EraVM program generate the
//! tiny-geometry base-layer instances with zkSync's own witness generator (zk_evm), prove and verify
//! one instance of every circuit type the run produces (ten types), and check that tampering is
//! rejected.
//!
//! Expected values come from Boojum's verifier run on zkSync's own circuit definitions
//! (circuit_definitions 0.153.12): a valid proof must verify, and each tampered artefact must not.
//! The heavy test is opt-in via `ZKSTACK_ERA_CIRCUITS=1` (see README: it builds ~300 crates and
//! proves for minutes); the edit step always runs. With the same switch,
//! `aux_commitments_match_circuit_encodings` compares `zkstack_prover::aux_commitments` with
//! circuit_encodings' own commitment functions run by the helper's `aux-commitments` command.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use zkstack_prover::aux_commitments::{
    LogQuery, events_queue_commitment, heap_commitment_of_writes, initial_heap_content_commitment,
};
use zkstack_prover::bootloader::vm;
use zkstack_prover::era_circuits::{
    self, EraCircuits, EraCircuitsError, PrepareError, ProveRequest,
};

/// Circuit types this program must produce (zkSync's `short_description` names); the test proves
/// the first instance of every type the run produces, these included.
const EXPECTED_TYPES: [&str; 10] = [
    "Main VM",
    "Decommitts sorter",
    "Code decommitter",
    "Log demuxer",
    "Storage sorter",
    "Storage application",
    "RAM permutation",
    "Events sorter",
    "L1 messages sorter",
    "L1 messages rehasher",
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn skip(what: &str, why: &dyn std::fmt::Display) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIP: {what}: the registry is unreachable ({why}); NOT checked.\n"
    );
}

#[test]
fn published_sources_take_our_edits() {
    let dest = std::env::temp_dir().join(format!("zkstack-era-edits-{}", std::process::id()));
    match era_circuits::prepare(&era_circuits::default_cargo_home(), &dest) {
        Ok(prepared) => assert!(prepared.written),
        Err(PrepareError::Fetch(why)) => return skip("circuit crate edits", &why),
        Err(other) => panic!("{other}"),
    }
    // Every removed feature is gone and every crate that lost `array_chunks` has the shim.
    for name in era_circuits::PATCHED_CRATES {
        let lib = std::fs::read_to_string(dest.join(name).join("src/lib.rs")).expect("lib.rs");
        for feature in era_circuits::edits::DROPPED_FEATURES {
            assert!(!lib.contains(feature), "{name} still has {feature}");
        }
        let manifest =
            std::fs::read_to_string(dest.join(name).join("Cargo.toml")).expect("Cargo.toml");
        assert!(!manifest.contains("\"=0.32.10\""), "{name} still pins the 0.32.10 family");
    }
    // `ZKSTACK_ERA_EDITS_KEEP=1` keeps the patched copies for inspection.
    if std::env::var_os("ZKSTACK_ERA_EDITS_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dest);
    } else {
        let _ = writeln!(std::io::stderr(), "patched copies kept in {}", dest.display());
    }
}

/// Whether every proof in `dir` is accepted (verdicts from zkSync's base-layer verifier).
fn all_valid(circuits: &EraCircuits, dir: &Path) -> bool {
    let verdicts = circuits.verify(dir).expect("the directory can be verified");
    assert!(!verdicts.is_empty());
    verdicts.iter().all(|v| v.valid)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

fn edit_json(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    edit(&mut value);
    std::fs::write(path, value.to_string()).expect("write");
}

fn bump(number: &mut serde_json::Value) {
    let n = number.as_u64().expect("a field element");
    *number = serde_json::Value::from(if n == 0 { 1 } else { n - 1 });
}

/// The opt-in switch, the circuit binary and a fresh work directory holding `source` as
/// `program.asm`; `None` (said on stderr) when the switch is off or the registry is unreachable.
fn proving_setup(name: &str, source: &str) -> Option<(EraCircuits, PathBuf, PathBuf)> {
    if std::env::var_os("ZKSTACK_ERA_CIRCUITS").is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "era circuits: set ZKSTACK_ERA_CIRCUITS=1 to build and prove them"
        );
        return None;
    }
    let circuits = match circuits() {
        Ok(circuits) => circuits,
        Err(EraCircuitsError::Prepare(PrepareError::Fetch(why))) => {
            skip("era circuits", &why);
            return None;
        }
        Err(other) => panic!("{other}"),
    };
    let work = std::env::temp_dir().join(format!("zkstack-era-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("mkdir");
    let program = work.join("program.asm");
    std::fs::write(&program, source).expect("write program");
    Some((circuits, work, program))
}

#[test]
fn era_base_layer_proofs_verify_and_tampering_is_rejected() {
    let Some((circuits, work, program)) = proving_setup("proofs", era_circuits::SAMPLE_PROGRAM)
    else {
        return;
    };
    let good = work.join("good");
    let set = circuits.prove(&program, &good, &ProveRequest::default()).expect("prove");
    assert_eq!(set.run.geometry, "tiny");
    assert_eq!(set.run.instances, set.instances.len());
    let mut produced: Vec<&str> = set.instances.iter().map(|i| i.description.as_str()).collect();
    produced.sort_unstable();
    produced.dedup();
    let mut proved: Vec<&str> = set.proofs.iter().map(|p| p.description.as_str()).collect();
    proved.sort_unstable();
    assert_eq!(proved, produced, "every circuit type the run produced must be proved, once");
    for kind in EXPECTED_TYPES {
        assert!(produced.contains(&kind), "the run produced no {kind}");
    }
    for proof in &set.proofs {
        assert!(!proof.public_inputs.is_empty(), "{} has no statement", proof.description);
    }
    assert!(all_valid(&circuits, &good), "valid proofs rejected");
    let position = |name: &str| set.proofs.iter().position(|p| p.description == name);
    let main_position = position("Main VM").expect("Main VM proved");
    let main_vm = set.proofs[main_position].index;
    let other = set.proofs[position("Events sorter").expect("proved")].index;

    // One changed number inside the FRI part of the proof.
    let tampered = work.join("tampered");
    copy_dir(&good, &tampered);
    edit_json(&tampered.join(format!("{main_vm}.proof.json")), |proof| {
        bump(&mut proof["final_fri_monomials"][0][0]);
    });
    assert!(!all_valid(&circuits, &tampered), "tampered proof accepted");

    // A different public input, claimed consistently in the statement and in the proof.
    let wrong_input = work.join("wrong_input");
    copy_dir(&good, &wrong_input);
    edit_json(&wrong_input.join(format!("{main_vm}.proof.json")), |proof| {
        bump(&mut proof["public_inputs"][0]);
    });
    edit_json(&wrong_input.join("proofs.json"), |all| {
        bump(&mut all[main_position]["public_inputs"][0]);
    });
    assert!(!all_valid(&circuits, &wrong_input), "wrong public input accepted");

    // Another circuit's verifying key.
    let wrong_vk = work.join("wrong_vk");
    copy_dir(&good, &wrong_vk);
    std::fs::copy(
        good.join(format!("{other}.vk.json")),
        wrong_vk.join(format!("{main_vm}.vk.json")),
    )
    .expect("copy vk");
    assert!(!all_valid(&circuits, &wrong_vk), "wrong verifying key accepted");
    let _ = std::fs::remove_dir_all(&work);
}

/// The precompile round-function circuits: the SHA-256 sample runs at the precompile's address,
/// so the run produces a SHA256 instance; it is proved and verified, and the VM's own run of the
/// same program stores the digest the precompile must compute (SHA-256 of the empty message,
/// FIPS 180-4's test value).
#[test]
fn sha256_precompile_circuit_proves_and_verifies() {
    let Some((circuits, work, program)) =
        proving_setup("sha256", era_circuits::SAMPLE_SHA256_PROGRAM)
    else {
        return;
    };
    let address = vm::Address::with_last_byte(
        u8::try_from(era_circuits::SHA256_PRECOMPILE_ADDRESS).expect("one byte"),
    );
    let request = ProveRequest {
        circuits: vec!["SHA256".to_owned()],
        address: Some(address),
        ..ProveRequest::default()
    };
    let set = circuits.prove(&program, &work.join("proof"), &request).expect("prove");
    assert_eq!(set.proofs.len(), 1);
    assert_eq!(set.proofs[0].description, "SHA256");
    assert!(all_valid(&circuits, &work.join("proof")), "the SHA256 proof must verify");
    // At the bootloader's address the same program reaches no precompile: no SHA256 instance.
    let listing = circuits
        .prove(
            &program,
            &work.join("listing"),
            &ProveRequest { list_only: true, ..ProveRequest::default() },
        )
        .expect("list");
    assert!(!listing.instances.iter().any(|i| i.description == "SHA256"));
    // zkstack-vm runs the same program at the same address to the digest FIPS 180-4 gives.
    let bytecode =
        vm::asm::assemble(era_circuits::SAMPLE_SHA256_PROGRAM).expect("our assembler takes it");
    let outcome = vm::run::ContractRun::new(bytecode).address(address).run().expect("runs");
    let digest = outcome.storage_writes.iter().find(|w| w.key.address == address).expect("stored");
    let empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(digest.value, vm::U256::from_str_radix(empty_sha256, 16).expect("hex"));
    let _ = std::fs::remove_dir_all(&work);
}

/// The circuit binary: `ZKSTACK_ERA_CIRCUITS_BIN` names a prebuilt `zkstack-era-circuits` (or any
/// binary with its `aux-commitments` command line), else the checkout's is built.
fn circuits() -> Result<EraCircuits, EraCircuitsError> {
    EraCircuits::from_env_or_build(&repo_root(), &era_circuits::default_cargo_home())
}

/// splitmix64: reproducible inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        core::array::from_fn(|_| self.next() as u8)
    }

    /// A word that is sometimes small (most real keys and values are).
    fn word(&mut self) -> alloy_primitives::U256 {
        let word = alloy_primitives::U256::from_be_bytes(self.bytes::<32>());
        if self.next().is_multiple_of(3) { word >> (self.next() % 256) as usize } else { word }
    }
}

fn random_event(rng: &mut Rng) -> LogQuery {
    LogQuery {
        timestamp: rng.next() as u32,
        tx_number: rng.next() as u16,
        aux_byte: rng.next() as u8,
        shard_id: rng.next() as u8,
        address: alloy_primitives::Address::from(rng.bytes::<20>()),
        key: rng.word(),
        read_value: rng.word(),
        written_value: rng.word(),
        rw_flag: rng.next().is_multiple_of(2),
        rollback: rng.next().is_multiple_of(2),
        is_service: rng.next().is_multiple_of(2),
    }
}

fn event_json(e: &LogQuery) -> serde_json::Value {
    let word = |w: alloy_primitives::U256| alloy_primitives::B256::from(w).to_string();
    serde_json::json!({
        "timestamp": e.timestamp, "tx_number_in_block": e.tx_number,
        "aux_byte": e.aux_byte, "shard_id": e.shard_id, "address": e.address.to_string(),
        "key": word(e.key), "read_value": word(e.read_value),
        "written_value": word(e.written_value), "rw_flag": e.rw_flag, "rollback": e.rollback,
        "is_service": e.is_service,
    })
}

/// Runs the helper's `aux-commitments` on `input`; returns (events, heap) commitments.
fn reference(helper: &Path, dir: &Path, input: &serde_json::Value) -> (String, String) {
    let path = dir.join("aux.json");
    std::fs::write(&path, input.to_string()).expect("write input");
    let out = std::process::Command::new(helper)
        .arg("aux-commitments")
        .arg(&path)
        .output()
        .expect("run the circuit binary");
    assert!(out.status.success(), "aux-commitments: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let field = |name: &str| json[name].as_str().expect("a hex string").to_owned();
    (field("events_queue_commitment"), field("bootloader_initial_content_commitment"))
}

/// Our `aux_commitments` against zkSync's circuit_encodings 0.153.12
/// (`events_queue_commitment_fixed`, `initial_heap_content_commitment_fixed`) run by the helper
/// on the same random inputs: every `LogQuery` field random over its whole range, event counts
/// 0 to 40, heaps of 0 to 4 KiB including lengths that are not whole words, and one sparse heap
/// (slot → word, expanded as zksync-era's commitment generator does). Expected values: the
/// helper's output.
#[test]
fn aux_commitments_match_circuit_encodings() {
    if std::env::var_os("ZKSTACK_ERA_CIRCUITS").is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "aux commitments: set ZKSTACK_ERA_CIRCUITS=1 to compare with circuit_encodings"
        );
        return;
    }
    let helper = match circuits() {
        Ok(circuits) => circuits.binary().to_owned(),
        Err(EraCircuitsError::Prepare(PrepareError::Fetch(why))) => {
            return skip("aux commitments", &why);
        }
        Err(other) => panic!("{other}"),
    };
    let dir = std::env::temp_dir().join(format!("zkstack-aux-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut rng = Rng(0x5eed);
    for (events, heap_len) in [(0, 0), (1, 1), (2, 31), (3, 32), (7, 33), (16, 1000), (40, 4096)] {
        let events: Vec<LogQuery> = (0..events).map(|_| random_event(&mut rng)).collect();
        let heap: Vec<u8> = (0..heap_len).map(|_| rng.next() as u8).collect();
        let input = serde_json::json!({
            "events": events.iter().map(event_json).collect::<Vec<_>>(),
            "heap": alloy_primitives::hex::encode_prefixed(&heap),
        });
        let (events_ref, heap_ref) = reference(&helper, &dir, &input);
        assert_eq!(
            events_queue_commitment(&events).to_string(),
            events_ref,
            "{} events",
            events.len()
        );
        assert_eq!(
            initial_heap_content_commitment(&heap).to_string(),
            heap_ref,
            "{heap_len} bytes"
        );
    }
    // A sparse heap as the executor records it, in a memory that is not a whole number of words.
    let writes: std::collections::BTreeMap<usize, alloy_primitives::U256> =
        (0..20).map(|_| ((rng.next() % 300) as usize, rng.word())).collect();
    let heap_len = 300 * 32 + 7;
    let input = serde_json::json!({
        "events": [],
        "heap_words": writes.iter().map(|(slot, w)| serde_json::json!([slot, alloy_primitives::B256::from(*w).to_string()])).collect::<Vec<_>>(),
        "heap_len": heap_len,
    });
    let (_, heap_ref) = reference(&helper, &dir, &input);
    assert_eq!(heap_commitment_of_writes(&writes, heap_len).expect("fits").to_string(), heap_ref);
    let _ = std::fs::remove_dir_all(&dir);
}
