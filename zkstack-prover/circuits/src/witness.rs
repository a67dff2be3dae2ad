//! Witness generation: the program runs on zk_evm under zkSync's witness generator
//! (`zkevm_test_harness::external_calls::run`) as the entry point at the bootloader's address,
//! with empty storage; every base-layer circuit instance it emits is collected.

use std::collections::HashMap;
use std::sync::mpsc::sync_channel;

use circuit_definitions::circuit_definitions::base_layer::ZkSyncBaseLayerCircuit;
use zkevm_test_harness::ethereum_types::{Address, U256};
use zkevm_test_harness::geometry_config::{GeometryConfig, ProtocolGeometry};
use zkevm_test_harness::witness::oracle::WitnessGenerationArtifact;
use zkevm_test_harness::witness::tree::{BinarySparseStorageTree, ZKSyncTestingTree};
use zkevm_test_harness::zk_evm::testing::storage::InMemoryStorage;
use zkevm_test_harness::zk_evm::utils::bytecode_to_code_hash;
use zkevm_test_harness::zk_evm::zkevm_opcode_defs::system_params::BOOTLOADER_FORMAL_ADDRESS;

/// Most VM cycles a program may run (the harness stops it there).
pub const CYCLE_LIMIT: usize = 1 << 16;

/// The harness's own test geometry (zkevm_test_harness `run_with_options`): a few cycles per
/// circuit, so every instance is small enough to prove on a laptop (Main VM: 2^18 rows).
pub const TINY: GeometryConfig = GeometryConfig {
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

/// The geometry named on the command line: "tiny" or "production" (zkSync's latest protocol
/// geometry, 2^20-row circuits).
pub fn geometry(name: &str) -> Result<GeometryConfig, String> {
    match name {
        "tiny" => Ok(TINY),
        "production" => Ok(ProtocolGeometry::latest().config()),
        other => Err(format!("unknown geometry {other:?} (tiny or production)")),
    }
}

/// The address a program runs at: the bootloader's by default; a precompile's address (e.g.
/// `0x2`, SHA-256) makes its `log.precompile` calls reach that precompile.
pub fn entry_address(hex: Option<&str>) -> Result<Address, String> {
    let Some(hex) = hex else { return Ok(*BOOTLOADER_FORMAL_ADDRESS) };
    let digits = hex.strip_prefix("0x").unwrap_or(hex);
    if digits.is_empty() || digits.len() > 40 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("not an address: {hex:?}"));
    }
    let padded = format!("{digits:0>40}");
    let mut bytes = [0u8; 20];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&padded[2 * i..2 * i + 2], 16).map_err(|e| e.to_string())?;
    }
    Ok(Address::from(bytes))
}

/// Runs `bytecode` at `address` and returns its base-layer circuit instances in the generator's
/// order.
pub fn base_layer_circuits(
    bytecode: Vec<[u8; 32]>,
    geometry: GeometryConfig,
    address: Address,
) -> Result<Vec<ZkSyncBaseLayerCircuit>, String> {
    let empty_code_hash =
        bytecode_to_code_hash(&[[0; 32]]).map_err(|()| "empty code hash".to_owned())?;
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
    // The harness asserts on programs it cannot run (e.g. past the cycle limit): a panic is an
    // error of this input, not of the tool.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let _ = zkevm_test_harness::external_calls::run(
            Address::zero(),
            address,
            bytecode,
            vec![],
            false,
            empty_code_hash,
            empty_code_hash,
            HashMap::new(),
            vec![],
            CYCLE_LIMIT,
            geometry,
            InMemoryStorage::new(),
            ZKSyncTestingTree::empty(),
            trusted_setup.to_owned(),
            std::array::from_fn(|_| None),
            sender,
        );
    }))
    .map_err(|_| {
        "the witness generator stopped on this program (see the message above)".to_owned()
    })?;
    collector.join().map_err(|_| "witness collector panicked".to_owned())
}
