//! `verify`: checks every proof listed in `proofs.json` against its verifying key with zkSync's
//! base-layer verifier, and that its public inputs are the ones the listing states.

use std::path::Path;

use zkevm_test_harness::boojum::algebraic_props::round_function::AbsorptionModeOverwrite;
use zkevm_test_harness::boojum::algebraic_props::sponge::GoldilocksPoseidon2Sponge;
use zkevm_test_harness::boojum::cs::implementations::pow::NoPow;
use zkevm_test_harness::boojum::cs::implementations::proof::Proof;
use zkevm_test_harness::boojum::cs::implementations::verifier::VerificationKey;
use zkevm_test_harness::boojum::field::U64Representable as _;
use zkevm_test_harness::boojum::field::goldilocks::{GoldilocksExt2, GoldilocksField};
use zkevm_test_harness::prover_utils::verify_base_layer_proof_for_type;

use crate::report::Proved;

type H = GoldilocksPoseidon2Sponge<AbsorptionModeOverwrite>;
type BaseProof = Proof<GoldilocksField, H, GoldilocksExt2>;
type BaseVk = VerificationKey<GoldilocksField, H>;

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

/// Verifies every entry of `dir/proofs.json`; prints one JSON report on stdout and says whether
/// all were accepted.
pub fn verify(dir: &Path) -> Result<bool, String> {
    let text = std::fs::read_to_string(dir.join("proofs.json"))
        .map_err(|e| format!("proofs.json: {e}"))?;
    let entries: Vec<Proved> =
        serde_json::from_str(&text).map_err(|e| format!("proofs.json: {e}"))?;
    if entries.is_empty() {
        return Err("proofs.json lists no proof".to_owned());
    }
    std::panic::set_hook(Box::new(|_| {}));
    let mut all = true;
    let report: Vec<serde_json::Value> = entries
        .iter()
        .map(|entry| {
            let result = verify_one(dir, entry);
            all &= result.is_ok();
            serde_json::json!({
                "index": entry.index,
                "circuit_type": entry.circuit_type,
                "description": entry.description,
                "valid": result.is_ok(),
                "error": result.err(),
            })
        })
        .collect();
    println!("{}", serde_json::Value::Array(report));
    Ok(all)
}
