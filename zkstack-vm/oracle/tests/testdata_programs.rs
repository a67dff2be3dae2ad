//! Every EraVM assembly scenario of crates.io `zkevm_test_harness` 0.153.12
//! (`src/tests/simple_tests/testdata/**`, fetched at test time, never committed), run the way
//! the harness's own tests run it (`src/tests/simple_tests/*.rs`, `run_asm_based_test*` →
//! `run_with_options` → `run_vms`), once on zkstack-vm and once on zk_evm 0.153.12, and the
//! final states compared: how the entry frame ended, its ergs, return data, pubdata, events,
//! L2→L1 messages, storage, registers and flags, every memory word written, and the entry's
//! stack. Expected values come from zk_evm alone; the harness's own verdict (the entry returns
//! `ok` within its cycle limit) is asserted as well.
//!
//! The harness's setup, reproduced on both VMs (zkstack-vm: [`ContractRun`] with the frame and
//! world adjusted after `prepare`; zk_evm: `VmState::empty_state` + `push_bootloader_context`
//! as the harness's `create_out_of_circuit_vm` does):
//! - the entry runs as the bootloader: address 0x8001, caller 0, kernel mode, `u32::MAX` ergs
//!   (`VM_INITIAL_FRAME_ERGS`), base and code page 8, heap bounds `u32::MAX`, exception handler
//!   `u16::MAX`, r1 the empty fat pointer into page 7, the next far call gets page 2048; its
//!   code decommitted into page 8 before the first cycle;
//! - the scenario's extra contracts are compiled first and deployed at their addresses (code
//!   hash in the deployer's storage, code known to the decommitter); `<N.asm>` in the entry
//!   becomes the versioned hash of contract N; `${key}` templates get the harness's values;
//! - the default-account and EVM-emulator hashes are the hash of one zero word (no code), or
//!   the scenario's `default_aa.asm` / `evm_emulator.asm`; the EVM contracts' deployer slots
//!   hold the harness's EVM stub hash (a version-2 blob hash the decommitter knows as one zero
//!   word);
//! - zkstack-vm's own setup also puts the entry's hash in the deployer's slot for 0x8001 (the
//!   harness does not); no scenario reads it;
//! - storage is zk_evm's reference test storage (`zk_evm::testing::storage`): every access is
//!   cold, every write costs 65 pubdata ([`StoragePricing::ZkEvmReference`] on zkstack-vm);
//! - precompiles are zk_evm's (`DefaultPrecompilesProcessor`) and zkstack-vm's standard set.

#[path = "../../../zkstack-l1/tests/support/mod.rs"]
mod support;

mod asm_support;
mod one_contract;
mod witness;
mod witness_support;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use asm_support::{RefOutcome as AsmOutcome, bytecode_hash, preprocess, reference};
use one_contract::{RefOutcome, compare, from_ref, queued, ref_address, to_ref};
use zk_evm::abstractions::{DecommittmentProcessor, Memory as RefMemory, MemoryType};
use zk_evm::aux_structures::{DecommittmentQuery, MemoryPage, MemoryQuery, PubdataCost, Timestamp};
use zk_evm::block_properties::BlockProperties;
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::reference_impls::decommitter::SimpleDecommitter;
use zk_evm::reference_impls::event_sink::InMemoryEventSink;
use zk_evm::reference_impls::memory::SimpleMemory;
use zk_evm::testing::storage::InMemoryStorage as RefInMemoryStorage;
use zk_evm::tracing::{
    AfterDecodingData, AfterExecutionData, BeforeExecutionData, Tracer as RefTracer,
    VmLocalStateData,
};
use zk_evm::vm_state::{CallStackEntry, PrimitiveValue, Version, VmState};
use zk_evm::witness_trace::{DummyTracer, VmWitnessTracer};
use zk_evm::zk_evm_abstractions::precompiles::DefaultPrecompilesProcessor;
use zkevm_opcode_defs::decoding::EncodingModeProduction;
use zkevm_opcode_defs::system_params::{INITIAL_FRAME_FORMAL_EH_LOCATION, VM_INITIAL_FRAME_ERGS};
use zkevm_opcode_defs::{
    BOOTLOADER_BASE_PAGE, BOOTLOADER_CALLDATA_PAGE, BOOTLOADER_CODE_PAGE, BlobSha256,
    ContractCodeSha256Format, STARTING_BASE_PAGE, STARTING_TIMESTAMP, STATIC_MEMORY_PAGE,
    VersionedHashGeneric, VersionedHashLen32,
};
use zkevm_opcode_defs::{Opcode as RefOpcode, RetOpcode};
use zkstack_vm::asm::{AsmErrorKind, AsmOptions, Metadata, assemble_with};
use zkstack_vm::exec::{Step, Vm};
use zkstack_vm::memory::FatPointer;
use zkstack_vm::run::{ContractRun, RunOutcome, RunStatus, deployer_slot};
use zkstack_vm::world::{InMemoryCode, InMemoryStorage, StoragePricing, WorldDiff};
use zkstack_vm::{Address, U256};

const HARNESS: &str = "zkevm_test_harness@0.153.12";
/// The bootloader's formal address, where the harness runs every entry (`run_vms`).
const ENTRY_ADDRESS: u64 = 0x8001;
/// The harness's `INITIAL_MONOTONIC_CYCLE_COUNTER` (circuit_sequencer_api): only timestamps.
const INITIAL_MONOTONIC_CYCLE_COUNTER: u32 = 1024;
/// The harness's default cycle limit (`DEFAULT_CYCLE_LIMIT`).
const CYCLES: usize = 50;
/// How far both VMs may run; a scenario that has not ended by then is compared as unfinished.
const MAX_CYCLES: u64 = 20_000;

/// One test of the harness: a testdata directory, the contracts deployed beside the entry
/// (file stem, address), the template values, and its cycle limit.
struct Scenario {
    test: &'static str,
    dir: &'static str,
    contracts: &'static [(&'static str, u64)],
    templates: &'static [(&'static str, &'static str)],
    cycle_limit: usize,
    /// Compile `default_aa.asm` and make it the default account (`run_asm_based_test_with_default_aa`).
    default_aa: bool,
    /// Patch dst1 of the second instruction to r2 (the harness's `dirty_encoding_overconstraints`).
    dirty_dst1: bool,
    /// EVM contracts: compile `evm_emulator.asm` as the EVM emulator and mark these addresses
    /// as EVM code (`run_asm_based_test_with_evm_contracts`); `None` for the others.
    evm: Option<&'static [u64]>,
}

const fn plain(
    test: &'static str,
    dir: &'static str,
    contracts: &'static [(&'static str, u64)],
) -> Scenario {
    Scenario {
        test,
        dir,
        contracts,
        templates: &[],
        cycle_limit: CYCLES,
        default_aa: false,
        dirty_dst1: false,
        evm: None,
    }
}

const fn limited(
    test: &'static str,
    dir: &'static str,
    contracts: &'static [(&'static str, u64)],
    cycle_limit: usize,
) -> Scenario {
    Scenario {
        test,
        dir,
        contracts,
        templates: &[],
        cycle_limit,
        default_aa: false,
        dirty_dst1: false,
        evm: None,
    }
}

const fn templated(
    test: &'static str,
    dir: &'static str,
    contracts: &'static [(&'static str, u64)],
    templates: &'static [(&'static str, &'static str)],
    cycle_limit: usize,
) -> Scenario {
    Scenario {
        test,
        dir,
        contracts,
        templates,
        cycle_limit,
        default_aa: false,
        dirty_dst1: false,
        evm: None,
    }
}

const fn evm(
    test: &'static str,
    dir: &'static str,
    contracts: &'static [(&'static str, u64)],
    evm: &'static [u64],
) -> Scenario {
    Scenario { evm: Some(evm), ..plain(test, dir, contracts) }
}

/// Every harness test built on a testdata scenario, with the arguments it passes
/// (`src/tests/simple_tests/{far_call,context,dirty_encoding_overconstraints,log,storage,
/// memory_growth,near_call,stack,uma,ptr}.rs`).
fn scenarios() -> Vec<Scenario> {
    vec![
        plain(
            "test_far_call_return_invalid_pointer",
            "far_call/return_invalid_pointer",
            &[("65536", 65536)],
        ),
        plain(
            "test_far_call_return_invalid_pointer_offset_gt_length",
            "far_call/return_invalid_pointer_offset_gt_length",
            &[("65535", 65535)],
        ),
        plain(
            "test_far_call_return_invalid_pointer_start_plus_length_overflow",
            "far_call/return_invalid_pointer_start_plus_length_overflow",
            &[("65535", 65535)],
        ),
        plain("test_far_call_read_fat_pointer", "far_call/read_fat_pointer", &[("65535", 65535)]),
        plain("test_far_call_return_large_data", "far_call/return_large_data", &[("65536", 65536)]),
        plain(
            "test_far_call_panic_on_return_large_data",
            "far_call/panic_on_return_large_data",
            &[("65536", 65536)],
        ),
        plain(
            "test_far_call_pay_for_memory_growth",
            "far_call/pay_for_memory_growth",
            &[("65536", 65536), ("65537", 65537)],
        ),
        plain(
            "test_far_call_pay_for_memory_growth_panic",
            "far_call/memory_growth_should_panic_passes",
            &[("65536", 65536), ("65537", 65537)],
        ),
        plain(
            "test_fat_pointer_heap_growth",
            "far_call/memory_growth_edge_case",
            &[("65536", 65536), ("65537", 65537)],
        ),
        // `garbage` is ten thousand `nop`s (built in `template`).
        templated(
            "test_far_call_with_decommit",
            "far_call/fail_on_decommit",
            &[("65536", 65536)],
            &[("garbage", "")],
            CYCLES,
        ),
        Scenario {
            default_aa: true,
            ..plain(
                "test_far_call_blob_marker_mismatch_static_overconstraint",
                "far_call/blob_marker_mismatch_static_overconstraint",
                &[("65536", 65536), ("32770", 32770)],
            )
        },
        limited(
            "test_ret_panic_heap_growth_overconstraint",
            "ret_panic_heap_growth_overconstraint",
            &[("800000", 800_000)],
            200,
        ),
        plain("test_meta_opcode", "meta_opcode", &[]),
        Scenario {
            dirty_dst1: true,
            ..plain(
                "test_dirty_dst1_encoding_on_add",
                "dirty_encoding_overconstraints/dst1_dirty_add_overconstraint",
                &[],
            )
        },
        Scenario {
            dirty_dst1: true,
            ..plain(
                "test_dst0_dst1_alias_on_add",
                "dirty_encoding_overconstraints/dst0_dst1_alias_add",
                &[],
            )
        },
        plain("test_log_l1_message_out_of_gas", "log/l1_message_out_of_gas", &[]),
        plain(
            "test_log_l1_message_has_zero_pubdata_cost",
            "log/l1_message_has_zero_pubdata_cost",
            &[],
        ),
        plain("test_log_precompile_out_of_gas", "log/precompile_out_of_gas", &[]),
        plain(
            "test_log_precompile_invalid_address",
            "log/precompile_invalid_address",
            &[("65399", 65399)],
        ),
        plain("test_log_decommit_invalid", "log/decommit_invalid", &[("800000", 800_000)]),
        plain("test_log_decommit_ok", "log/decommit_ok", &[("800000", 800_000)]),
        plain("test_log_decommit_ok_twice", "log/decommit_ok_twice", &[("800000", 800_000)]),
        plain(
            "test_log_decommit_ok_with_panic",
            "log/decommit_ok_with_panic",
            &[("800000", 800_000)],
        ),
        plain("test_log_storage_clear_slot", "log/storage/storage_clear_slot", &[]),
        plain(
            "test_log_storage_write_rollback_no_reads",
            "log/storage/storage_write_rollback_no_reads",
            &[],
        ),
        plain(
            "test_log_storage_write_rollback_reads",
            "log/storage/storage_write_rollback_reads",
            &[],
        ),
        plain("test_pubdata_and_storage_writes", "log/storage/storage_writes", &[]),
        plain("test_storage_reads", "log/storage/storage_reads", &[]),
        plain("test_storage_write_after_panic", "log/storage/storage_write_after_panic", &[]),
        plain("test_storage_pubdata_refunds", "log/storage/storage_pubdata_refunds", &[]),
        templated(
            "test_memory_growth_heap_write_kernel",
            "memory_growth/heap_write",
            &[("heaps_grows_test", 65534)],
            &[("heaps_grows_test_contract_address", "65534")],
            100,
        ),
        templated(
            "test_memory_growth_heap_write_not_kernel",
            "memory_growth/heap_write",
            &[("heaps_grows_test", 800_000)],
            &[("heaps_grows_test_contract_address", "800000")],
            100,
        ),
        templated(
            "test_memory_growth_ret_kernel",
            "memory_growth/ret",
            &[("heap_test", 65534), ("aux_heap_test", 65533)],
            &[("heap_test_contract_address", "65534"), ("aux_heap_test_contract_address", "65533")],
            100,
        ),
        templated(
            "test_memory_growth_ret_not_kernel",
            "memory_growth/ret",
            &[("heap_test", 800_000), ("aux_heap_test", 800_001)],
            &[
                ("heap_test_contract_address", "800000"),
                ("aux_heap_test_contract_address", "800001"),
            ],
            100,
        ),
        templated(
            "test_memory_growth_far_call_kernel",
            "memory_growth/far_call",
            &[("far_call_test", 65534), ("dummy", 900_000)],
            &[("far_call_test_address", "65534"), ("dummy_address", "900000")],
            100,
        ),
        templated(
            "test_memory_growth_far_call_not_kernel",
            "memory_growth/far_call",
            &[("far_call_test", 800_000), ("dummy", 900_000)],
            &[("far_call_test_address", "800000"), ("dummy_address", "900000")],
            100,
        ),
        templated(
            "test_memory_growth_ret_out_of_ergs_kernel",
            "memory_growth/ret_out_of_ergs",
            &[("heap_test", 65534), ("aux_heap_test", 65533)],
            &[("heap_test_contract_address", "65534"), ("aux_heap_test_contract_address", "65533")],
            100,
        ),
        templated(
            "test_memory_growth_ret_out_of_ergs_not_kernel",
            "memory_growth/ret_out_of_ergs",
            &[("heap_test", 800_000), ("aux_heap_test", 800_001)],
            &[
                ("heap_test_contract_address", "800000"),
                ("aux_heap_test_contract_address", "800001"),
            ],
            100,
        ),
        limited(
            "test_near_call_memory_growth_ret_ok",
            "near_call/memory_growth_ret_ok",
            &[("65536", 65536)],
            100,
        ),
        plain("test_near_call_resets_sp", "near_call/resets_sp", &[]),
        plain("test_near_call_resets_flags", "near_call/resets_flags", &[]),
        plain(
            "test_near_call_not_rollback_memory",
            "near_call/not_rollback_memory",
            &[("65536", 65536)],
        ),
        plain("test_near_call_limited_ergs", "near_call/limited_ergs", &[("65536", 65536)]),
        plain("test_stack_addressing_modes", "stack/addressing", &[]),
        plain("test_stack_overflow", "stack/overflow", &[]),
        limited("test_uma_reads_and_writes", "uma/reads_and_writes", &[("800000", 800_000)], 100),
        limited(
            "test_unpaid_heap_allocation",
            "uma/unpaid_heap_allocation",
            &[("800000", 800_000)],
            100,
        ),
        limited("test_uma_static_reads", "uma/static_reads", &[("800000", 800_000)], 100),
        limited(
            "test_uma_panic_ret_pointer_write_inc_nested",
            "uma/panic_ret_pointer_write_inc_nested",
            &[("65536", 65536), ("65537", 65537)],
            300,
        ),
        // `#[ignore = "static reads not supported yet"]` in the harness; both VMs run it anyway.
        limited("test_uma_kernel_static_reads", "uma/kernel_static_reads", &[], 100),
        plain("test_ptr_add_valid_input", "ptr/ptr_add_valid_input", &[]),
        plain("test_ptr_add_invalid_1_pointer", "ptr/ptr_add_invalid_1_pointer", &[]),
        plain(
            "test_ptr_erasure_not_kernel",
            "ptr/ptr_erasure_not_kernel",
            &[("65536", 65536), ("65534", 65534)],
        ),
        plain(
            "test_ptr_erasure_kernel",
            "ptr/ptr_erasure_kernel",
            &[("65533", 65533), ("65534", 65534)],
        ),
        plain("test_ptr_add_src0_erasure", "ptr/ptr_add_src0_erasure", &[("65537", 65537)]),
        evm("test_far_call_to_evm_contract", "evm_emulator/call_zkevm_to_evm", &[], &[65536]),
        evm(
            "test_far_call_evm_to_zkvm_contract",
            "evm_emulator/call_evm_to_zkevm",
            &[("65537", 65537)],
            &[65536],
        ),
        evm(
            "test_static_call_to_evm_and_zkvm",
            "evm_emulator/static_call_to_evm_and_zkvm",
            &[("65537", 65537)],
            &[65536],
        ),
        evm(
            "test_static_call_to_zkevm_and_evm",
            "evm_emulator/static_call_to_zkvm_and_evm",
            &[("65537", 65537)],
            &[65536],
        ),
        evm("test_delegate_call_to_evm", "evm_emulator/delegatecall_zkevm_to_evm", &[], &[65536]),
        evm("test_decommit_evm", "evm_emulator/decommit_evm", &[], &[65536]),
        Scenario {
            default_aa: true,
            ..evm(
                "test_far_call_blob_marker_mismatch_static_overconstraint (evm_emulator.rs)",
                "evm_emulator/blob_marker_mismatch_static_overconstraint",
                &[("65536", 65536), ("32770", 32770)],
                &[65537],
            )
        },
    ]
}

/// The harness's tests on testdata that this setup cannot run, and why (directory prefix,
/// reason), so that the test below can check that every directory is accounted for. None: the
/// harness's `EvmDeployTracer` (which hands bytecode published through the contract deployer
/// to the decommitter mid-run) never fires in these scenarios, as none deploys anything.
const NOT_RUN: &[(&str, &str)] = &[];

/// Harness tests whose own verdict (the entry returns `ok` within its cycle limit) does not
/// hold in this setup, and why; both VMs are still compared on them.
const VERDICT_DIFFERS: &[(&str, &str)] = &[(
    "test_storage_pubdata_refunds",
    "it sets warm refunds through the harness's tracer (`set_storage_warm(N)` → its \
         `RefundController`); here every access is cold, so its own check `Gas for write not \
         refunded` panics the entry on both VMs",
)];

// ---------------------------------------------------------------- compiling

fn template(scenario: &Scenario, key: &str) -> String {
    if key == "garbage" {
        return "\n        nop\n    ".repeat(10_000);
    }
    scenario
        .templates
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| (*v).to_owned())
        .unwrap_or_else(|| panic!("{}: no template value for `{key}`", scenario.test))
}

/// Compiles `src` with zkevm-assembly (`Assembly::try_from` + `compile_to_bytecode`, as the
/// harness does) and checks that zkstack-vm's assembler gives the same bytes.
fn compile(name: &str, src: &str) -> Vec<u8> {
    let AsmOutcome::Bytes(theirs) = reference(src, true) else {
        panic!("{name}: zkevm-assembly refused it: {:?}", reference(src, true))
    };
    let compat = match assemble_with(src, Metadata::SourceKeccak) {
        Ok(_) => false,
        Err(e) if matches!(e.kind, AsmErrorKind::ImmediateRange | AsmErrorKind::DataInText) => true,
        Err(e) => panic!("{name}: {e}"),
    };
    let ours = assemble_with(src, AsmOptions { metadata: Metadata::SourceKeccak, compat })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(ours, theirs, "{name}: zkstack-vm assembles different bytes");
    theirs
}

/// The scenario's programs: the entry, the extra contracts at their addresses, the default
/// account if any.
struct Programs {
    entry: Vec<u8>,
    contracts: Vec<(Address, Vec<u8>)>,
    default_aa: Option<Vec<u8>>,
    evm_emulator: Option<Vec<u8>>,
    evm_contracts: Vec<Address>,
}

fn address(n: u64) -> Address {
    let mut bytes = [0u8; 20];
    bytes[12..].copy_from_slice(&n.to_be_bytes());
    Address::new(bytes)
}

fn programs(dir: &Path, s: &Scenario) -> Programs {
    let read = |stem: &str| {
        std::fs::read_to_string(dir.join(format!("{stem}.asm")))
            .unwrap_or_else(|e| panic!("{}: {stem}.asm: {e}", s.test))
    };
    let templates = |key: &str| template(s, key);
    let no_links = |_: u64| -> Option<U256> { panic!("{}: a contract links another", s.test) };
    let contracts: Vec<(Address, Vec<u8>)> = s
        .contracts
        .iter()
        .map(|(stem, at)| {
            let src = preprocess(&read(stem), &templates, &no_links);
            (address(*at), compile(&format!("{}/{stem}", s.test), &src))
        })
        .collect();
    let default_aa = s.default_aa.then(|| {
        let src = preprocess(&read("default_aa"), &templates, &no_links);
        compile(&format!("{}/default_aa", s.test), &src)
    });
    let evm_emulator = s.evm.map(|_| {
        let src = preprocess(&read("evm_emulator"), &templates, &no_links);
        compile(&format!("{}/evm_emulator", s.test), &src)
    });
    let evm_contracts = s.evm.unwrap_or_default().iter().map(|n| address(*n)).collect();
    let links =
        |n: u64| contracts.iter().find(|(a, _)| *a == address(n)).map(|(_, b)| bytecode_hash(b));
    let src = preprocess(&read("entry"), &templates, &links);
    let mut entry = compile(&format!("{}/entry", s.test), &src);
    if s.dirty_dst1 {
        // The second instruction (bytes 8..16 of word 0); byte 4 of it holds dst0 (low
        // nibble) and dst1 (high nibble): dst1 := r2.
        entry[12] = (entry[12] & 0x0f) | (2 << 4);
    }
    Programs { entry, contracts, default_aa, evm_emulator, evm_contracts }
}

/// `bytecode_to_code_hash(&[[0; 32]])`: the harness's "no code" hash.
fn empty_code_hash() -> U256 {
    bytecode_hash(&[0u8; 32])
}

/// What the harness stores as the code hash of an EVM contract
/// (`save_predeployed_evm_contract_stubs`): an EVM blob hash (version 2) of zero bytes over
/// the digest of [`empty_code_hash`]; the decommitter knows it as one zero word.
fn evm_stub_hash() -> U256 {
    let digest = empty_code_hash().to_be_bytes::<32>();
    let hash = VersionedHashGeneric::<BlobSha256>::from_digest_and_preimage_length(digest, 0);
    U256::from_be_bytes(hash.serialize().expect("a blob hash serializes"))
}

/// The EVM emulator's hash: the scenario's `evm_emulator.asm`, or no code.
fn emulator_hash(p: &Programs) -> U256 {
    p.evm_emulator.as_ref().map_or_else(empty_code_hash, |c| bytecode_hash(c))
}

/// The deployer slots as the harness fills them before the run: (address, key, hash).
fn deployer_slots(p: &Programs) -> Vec<(Address, U256, U256)> {
    let code = p.contracts.iter().map(|(at, code)| (at, bytecode_hash(code)));
    let stubs = p.evm_contracts.iter().map(|at| (at, evm_stub_hash()));
    code.chain(stubs)
        .map(|(at, hash)| {
            let slot = deployer_slot(at);
            (slot.address, slot.key, hash)
        })
        .collect()
}

// ---------------------------------------------------------------- zk_evm, as the harness builds it

/// zk_evm's `SimpleMemory` (the harness's), remembering which cells were written so the final
/// memory can be listed. `SimpleMemory` has no static memory page (`unreachable!()`: "never
/// used in the system contracts"), so that page is served here, for zk_evm's `uma.static_*`.
#[derive(Debug, Default)]
struct ListedMemory {
    inner: SimpleMemory,
    static_page: HashMap<u32, RefU256>,
    written: BTreeSet<(u32, u32)>,
}

impl ListedMemory {
    fn read(&self, page: u32, cell: u32) -> PrimitiveValue {
        if page == STATIC_MEMORY_PAGE {
            let value = self.static_page.get(&cell).copied().unwrap_or_default();
            return PrimitiveValue { value, is_pointer: false };
        }
        *self.inner.read_slot(page as usize, cell as usize)
    }
}

impl RefMemory for ListedMemory {
    fn execute_partial_query(&mut self, c: u32, mut q: MemoryQuery) -> MemoryQuery {
        let at = (q.location.page.0, q.location.index.0);
        if q.rw_flag {
            self.written.insert(at);
        }
        if q.location.memory_type != MemoryType::StaticMemory {
            return self.inner.execute_partial_query(c, q);
        }
        if q.rw_flag {
            self.static_page.insert(at.1, q.value);
        } else {
            q.value = self.static_page.get(&at.1).copied().unwrap_or_default();
            q.value_is_pointer = false;
        }
        q
    }
    fn specialized_code_query(&mut self, c: u32, q: MemoryQuery) -> MemoryQuery {
        if q.rw_flag {
            self.written.insert((q.location.page.0, q.location.index.0));
        }
        self.inner.specialized_code_query(c, q)
    }
    fn read_code_query(&self, c: u32, q: MemoryQuery) -> MemoryQuery {
        self.inner.read_code_query(c, q)
    }
    fn start_global_frame(
        &mut self,
        current: MemoryPage,
        new: MemoryPage,
        calldata: zkevm_opcode_defs::FatPointer,
        t: Timestamp,
    ) {
        self.inner.start_global_frame(current, new, calldata, t);
    }
    fn finish_global_frame(
        &mut self,
        base: MemoryPage,
        this: RefAddress,
        returndata: zkevm_opcode_defs::FatPointer,
        t: Timestamp,
    ) {
        self.inner.finish_global_frame(base, this, returndata, t);
    }
}

/// How the entry frame last returned (`ret.ok`/`.revert`/`.panic`, exceptions turned into
/// `ret.panic`), as zk_evm records no status of its own (`one_contract::LastReturn` for this
/// memory).
#[derive(Debug, Default)]
struct LastReturn(Option<RetOpcode>);

impl RefTracer for LastReturn {
    const CALL_BEFORE_EXECUTION: bool = true;
    type SupportedMemory = ListedMemory;

    fn before_decoding(&mut self, _: VmLocalStateData<'_>, _: &ListedMemory) {}
    fn after_decoding(&mut self, _: VmLocalStateData<'_>, _: AfterDecodingData, _: &ListedMemory) {}
    fn before_execution(
        &mut self,
        state: VmLocalStateData<'_>,
        data: BeforeExecutionData,
        _: &ListedMemory,
    ) {
        let stack = &state.vm_local_state.callstack;
        if let RefOpcode::Ret(kind) = data.opcode.variant.opcode
            && !stack.current.is_local_frame
            && stack.depth() == 1
        {
            self.0 = Some(kind);
        }
    }
    fn after_execution(
        &mut self,
        _: VmLocalStateData<'_>,
        _: AfterExecutionData,
        _: &ListedMemory,
    ) {
    }
}

/// zk_evm as the harness builds it, with the witness tracer `WT`.
type HarnessVmWith<WT> = VmState<
    RefInMemoryStorage,
    ListedMemory,
    InMemoryEventSink,
    DefaultPrecompilesProcessor<true>,
    SimpleDecommitter<true>,
    WT,
    8,
    EncodingModeProduction,
>;

type HarnessVm = HarnessVmWith<DummyTracer>;

fn words(code: &[u8]) -> Vec<RefU256> {
    code.chunks(32).map(|w| to_ref(&U256::from_be_slice(w))).collect()
}

/// `run_vms` + `create_out_of_circuit_vm`, without the witness machinery.
fn harness_vm(p: &Programs) -> HarnessVm {
    harness_vm_with(p, DummyTracer)
}

/// [`harness_vm`] with the witness tracer `witness` (which also sees the entry frame start).
fn harness_vm_with<WT: VmWitnessTracer<8, EncodingModeProduction>>(
    p: &Programs,
    witness: WT,
) -> HarnessVmWith<WT> {
    let empty = to_ref(&empty_code_hash());
    let default_aa = p.default_aa.as_ref().map_or(empty, |code| to_ref(&bytecode_hash(code)));
    let mut storage = RefInMemoryStorage::new();
    for (at, key, hash) in deployer_slots(p) {
        storage.populate(vec![(0, ref_address(&at), to_ref(&key), to_ref(&hash))]);
    }
    let mut known: Vec<_> =
        p.contracts.iter().map(|(_, code)| (to_ref(&bytecode_hash(code)), words(code))).collect();
    if let Some(code) = &p.default_aa {
        known.push((default_aa, words(code)));
    }
    if !p.evm_contracts.is_empty() {
        known.push((to_ref(&evm_stub_hash()), vec![RefU256::zero()]));
    }
    if let Some(code) = &p.evm_emulator {
        known.push((to_ref(&emulator_hash(p)), words(code)));
    }
    let entry_hash = bytecode_hash(&p.entry);
    known.push((to_ref(&entry_hash), words(&p.entry)));
    let mut decommitter = SimpleDecommitter::<true>::new();
    decommitter.populate(known);

    let mut memory = ListedMemory::default();
    let (header, normalized_preimage) =
        ContractCodeSha256Format::normalize_for_decommitment(&entry_hash.to_be_bytes());
    let query = DecommittmentQuery {
        header,
        normalized_preimage,
        timestamp: Timestamp(0),
        memory_page: MemoryPage(BOOTLOADER_CODE_PAGE),
        decommitted_length: (p.entry.len() / 32) as u16,
        is_fresh: true,
    };
    let query = decommitter.prepare_to_decommit(0, query).expect("entry is known");
    decommitter.decommit_into_memory(0, query, &mut memory).expect("entry decommits");

    let block = BlockProperties {
        default_aa_code_hash: default_aa,
        evm_emulator_code_hash: to_ref(&emulator_hash(p)),
        zkporter_is_available: false,
    };
    let mut vm = VmState::empty_state(
        storage,
        memory,
        InMemoryEventSink::new(),
        DefaultPrecompilesProcessor::<true>,
        decommitter,
        witness,
        block,
        Version::latest(),
    );
    let at = ref_address(&address(ENTRY_ADDRESS));
    let mut entry = CallStackEntry::empty_context();
    entry.this_address = at;
    entry.msg_sender = RefAddress::zero();
    entry.code_address = at;
    entry.base_memory_page = MemoryPage(BOOTLOADER_BASE_PAGE);
    entry.code_page = MemoryPage(BOOTLOADER_CODE_PAGE);
    entry.sp = 0;
    entry.pc = 0;
    entry.exception_handler_location = INITIAL_FRAME_FORMAL_EH_LOCATION;
    entry.ergs_remaining = VM_INITIAL_FRAME_ERGS;
    entry.heap_bound = u32::MAX;
    entry.aux_heap_bound = u32::MAX;
    vm.push_bootloader_context(INITIAL_MONOTONIC_CYCLE_COUNTER - 1, entry);
    vm.local_state.pubdata_revert_counter = PubdataCost(0);
    vm.local_state.timestamp = STARTING_TIMESTAMP;
    vm.local_state.memory_page_counter = STARTING_BASE_PAGE;
    vm.local_state.monotonic_cycle_counter = INITIAL_MONOTONIC_CYCLE_COUNTER;
    let r1 = FatPointer { offset: 0, page: BOOTLOADER_CALLDATA_PAGE, start: 0, length: 0 };
    vm.local_state.registers[0] = PrimitiveValue { value: to_ref(&r1.to_u256()), is_pointer: true };
    vm
}

// ---------------------------------------------------------------- zkstack-vm, the same setup

fn our_vm(p: &Programs, pricing: StoragePricing) -> Vm {
    // The EVM stubs; `deploy` lays the contracts' hashes over this.
    let mut committed = InMemoryStorage::new();
    for at in &p.evm_contracts {
        committed.insert(deployer_slot(at), evm_stub_hash());
    }
    let mut run = ContractRun::new(p.entry.clone())
        .address(address(ENTRY_ADDRESS))
        .ergs(VM_INITIAL_FRAME_ERGS)
        .storage(Box::new(committed));
    for (at, code) in &p.contracts {
        run = run.deploy(*at, code.clone());
    }
    let mut vm = run.prepare().expect("zkstack-vm takes the entry");
    let frame = &mut vm.state.current;
    frame.base_page = BOOTLOADER_BASE_PAGE;
    frame.code_page = BOOTLOADER_CODE_PAGE;
    frame.heap_bound = u32::MAX;
    frame.aux_heap_bound = u32::MAX;
    frame.exception_handler = INITIAL_FRAME_FORMAL_EH_LOCATION;
    let r1 = FatPointer { offset: 0, page: BOOTLOADER_CALLDATA_PAGE, start: 0, length: 0 };
    vm.state.registers.set(1, r1.to_u256(), true);

    let mut code = InMemoryCode::new();
    let everything = std::iter::once(&p.entry)
        .chain(p.contracts.iter().map(|(_, c)| c))
        .chain(p.default_aa.iter())
        .chain(p.evm_emulator.iter());
    for bytecode in everything {
        let hash = zkstack_vm::run::bytecode_hash(bytecode).expect("deployable");
        code.insert(hash.preimage(), bytecode.chunks(32).map(U256::from_be_slice).collect());
    }
    if !p.evm_contracts.is_empty() {
        let stub = zkstack_vm::world::VersionedHash::from_word(&evm_stub_hash());
        code.insert(stub.preimage(), vec![U256::ZERO]);
    }
    vm.world.code = Box::new(code);
    vm.world.diff = WorldDiff::with_pricing(pricing);
    vm.world.next_base_page = STARTING_BASE_PAGE;
    vm.world.default_aa_code_hash =
        p.default_aa.as_ref().map_or_else(empty_code_hash, |c| bytecode_hash(c));
    vm.world.evm_emulator_code_hash = emulator_hash(p);
    let entry = zkstack_vm::run::bytecode_hash(&p.entry).expect("deployable");
    let entry_words: Vec<U256> = p.entry.chunks(32).map(U256::from_be_slice).collect();
    vm.world
        .decommitted
        .insert(
            entry.preimage(),
            &U256::from_be_bytes(entry.0),
            &entry_words,
            BOOTLOADER_CODE_PAGE,
            false,
        )
        .expect("entry fits a code page");
    vm
}

// ---------------------------------------------------------------- running and comparing

/// How a run ended, in words both VMs share.
#[derive(Debug)]
enum End {
    /// The entry returned after this many cycles.
    Returned(u64),
    /// The VM refused to go on (unknown code: zk_evm panics, zkstack-vm returns an error);
    /// why, which is not compared (only shown).
    Failed(#[allow(dead_code, reason = "shown through Debug")] String),
    /// Still running after [`MAX_CYCLES`].
    Unfinished,
}

impl PartialEq for End {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (End::Returned(a), End::Returned(b)) => a == b,
            (End::Failed(_), End::Failed(_)) | (End::Unfinished, End::Unfinished) => true,
            _ => false,
        }
    }
}

/// The state compared besides [`RunOutcome`]: registers with pointer tags, flags (lt, eq, gt),
/// written memory words (page, cell) → value, the entry's stack slots.
#[derive(Debug, Default, PartialEq, Eq)]
struct Machine {
    registers: Vec<(U256, bool)>,
    flags: (bool, bool, bool),
    memory: BTreeMap<(u32, u32), U256>,
    stack: BTreeMap<u16, (U256, bool)>,
}

fn is_stack_page(page: u32) -> bool {
    page >= BOOTLOADER_BASE_PAGE && page % 8 == 1
}

fn run_ours(p: &Programs, pricing: StoragePricing) -> (End, Option<RunOutcome>, Vm) {
    let mut vm = our_vm(p, pricing);
    for cycle in 1..=MAX_CYCLES {
        match vm.step() {
            Ok(Step::Finished(end)) => {
                let outcome = RunOutcome::new(&vm, &end, VM_INITIAL_FRAME_ERGS);
                return (End::Returned(cycle), Some(outcome), vm);
            }
            Ok(_) => {}
            Err(e) => return (End::Failed(e.to_string()), None, vm),
        }
    }
    (End::Unfinished, None, vm)
}

fn run_theirs(p: &Programs) -> (End, Option<RefOutcome>, HarnessVm) {
    let mut vm = harness_vm(p);
    let mut tracer = LastReturn::default();
    let mut cycles = 0;
    while !vm.execution_has_ended() {
        if cycles == MAX_CYCLES {
            return (End::Unfinished, None, vm);
        }
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let cycle =
            catch_unwind(AssertUnwindSafe(|| vm.cycle(&mut tracer).map_err(|e| e.to_string())));
        std::panic::set_hook(hook);
        let why = match cycle {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(panic) => Some(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "panicked".to_owned()),
            ),
        };
        if let Some(why) = why {
            return (End::Failed(why), None, vm);
        }
        cycles += 1;
    }
    let local = &vm.local_state;
    let status = if local.flags.overflow_or_less_than_flag {
        RunStatus::Panic
    } else {
        match tracer.0 {
            Some(RetOpcode::Ok) => RunStatus::Ok,
            Some(RetOpcode::Revert) => RunStatus::Revert,
            _ => RunStatus::Panic,
        }
    };
    let return_data = if status == RunStatus::Panic {
        Vec::new()
    } else {
        let ptr = FatPointer::from_u256(&from_ref(&local.registers[0].value));
        let start = u64::from(ptr.start) + u64::from(ptr.offset);
        let len = u64::from(ptr.length.saturating_sub(ptr.offset));
        (start..start + len)
            .map(|at| {
                let word = vm.memory.read(ptr.page, (at / 32) as u32).value;
                let mut b = [0u8; 32];
                word.to_big_endian(&mut b);
                b[(at % 32) as usize]
            })
            .collect()
    };
    let root = &local.callstack.current;
    // The slots as they were before the run (the deployer's) are no change.
    let deployed: BTreeSet<_> =
        deployer_slots(p).into_iter().map(|(at, key, hash)| (at.0.0, key, hash)).collect();
    let mut storage = BTreeSet::new();
    for (shard, map) in vm.storage.inner.iter().enumerate() {
        for (at, slots) in map {
            for (k, v) in slots {
                let (k, v) = (from_ref(k), from_ref(v));
                if !v.is_zero() && !(shard == 0 && deployed.contains(&(at.0, k, v))) {
                    storage.insert((shard as u8, at.0, k, v));
                }
            }
        }
    }
    let (events, l2_to_l1_logs) = queued(&vm.event_sink);
    let outcome = RefOutcome {
        status,
        return_data,
        ergs_used: VM_INITIAL_FRAME_ERGS - root.ergs_remaining,
        pubdata_spent: root.total_pubdata_spent.0,
        events,
        l2_to_l1_logs,
        storage,
        cycles,
    };
    (End::Returned(cycles), Some(outcome), vm)
}

fn machine_ours(vm: &Vm, pages: &BTreeSet<u32>) -> Machine {
    let registers =
        (1..16).map(|i| (*vm.state.registers.get(i), vm.state.registers.is_pointer(i))).collect();
    let f = &vm.state.flags;
    let mut memory = BTreeMap::new();
    for &page in pages {
        if let Some(p) = vm.memory.page(page) {
            for (cell, value) in p.nonzero_words() {
                memory.insert((page, cell), value);
            }
        }
    }
    let stack = &vm.state.current.stack;
    let stack = (0..=u16::MAX)
        .map(|slot| (slot, stack.get(slot)))
        .filter(|(_, (v, p))| !v.is_zero() || *p)
        .collect();
    Machine { registers, flags: (f.lt, f.eq, f.gt), memory, stack }
}

fn machine_theirs(vm: &HarnessVm, pages: &BTreeSet<u32>) -> Machine {
    let local = &vm.local_state;
    let registers = local.registers.iter().map(|r| (from_ref(&r.value), r.is_pointer)).collect();
    let f = &local.flags;
    let flags = (f.overflow_or_less_than_flag, f.equality_flag, f.greater_than_flag);
    let mut memory = BTreeMap::new();
    let mut stack = BTreeMap::new();
    for &(page, cell) in &vm.memory.written {
        let v = vm.memory.read(page, cell);
        if page == BOOTLOADER_BASE_PAGE + 1 {
            if !v.value.is_zero() || v.is_pointer {
                stack.insert(cell as u16, (from_ref(&v.value), v.is_pointer));
            }
        } else if pages.contains(&page) && !v.value.is_zero() {
            memory.insert((page, cell), from_ref(&v.value));
        }
    }
    Machine { registers, flags, memory, stack }
}

/// The memory pages compared: every page either VM wrote, but stack pages (zkstack-vm keeps a
/// frame's stack in the frame, and only the entry's survives; compared apart) and code pages
/// zkstack-vm never put in memory (it runs compiled code; a `log.decommit` maps it in).
fn compared_pages(ours: &Vm, theirs: &HarnessVm) -> BTreeSet<u32> {
    let mut pages: BTreeSet<u32> = theirs.memory.written.iter().map(|(p, _)| *p).collect();
    let last = ours.world.next_base_page.max(theirs.local_state.memory_page_counter) + 8;
    pages.extend((0..last).filter(|p| ours.memory.page(*p).is_some()));
    pages.retain(|p| !is_stack_page(*p) && (p % 8 != 0 || ours.memory.page(*p).is_some()));
    pages
}

fn testdata_dirs(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).expect("read testdata").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.join("entry.asm").is_file() {
            out.push(path.strip_prefix(root).expect("under testdata").display().to_string());
        } else if path.is_dir() {
            testdata_dirs(&path, root, out);
        }
    }
}

/// One scenario run on both VMs: the divergences, the harness's verdict on zk_evm's run, and a
/// line saying what was compared.
struct Compared {
    diverged: Vec<String>,
    harness_passes: bool,
    summary: String,
}

/// Runs `p` on zk_evm and on zkstack-vm (with `pricing`; the harness's is
/// [`StoragePricing::ZkEvmReference`]) and compares the final states.
fn run_both(s: &Scenario, p: &Programs, pricing: StoragePricing) -> Compared {
    let (our_end, ours, our_vm) = run_ours(p, pricing);
    let (their_end, theirs, their_vm) = run_theirs(p);
    let mut diverged = Vec::new();
    if our_end != their_end {
        diverged.push(format!("end: ours {our_end:?}, zk_evm {their_end:?}"));
    }
    if let (Some(o), Some(t)) = (&ours, &theirs)
        && let Err(e) = compare(o, t)
    {
        diverged.push(e);
    }
    let mut words = 0;
    let mut slots = 0;
    if !matches!(our_end, End::Failed(_)) && !matches!(their_end, End::Failed(_)) {
        let pages = compared_pages(&our_vm, &their_vm);
        let (a, b) = (machine_ours(&our_vm, &pages), machine_theirs(&their_vm, &pages));
        (words, slots) = (b.memory.len(), b.stack.len());
        if a.registers != b.registers {
            diverged.push(format!("registers: ours {:x?}, zk_evm {:x?}", a.registers, b.registers));
        }
        if a.flags != b.flags {
            diverged.push(format!("flags: ours {:?}, zk_evm {:?}", a.flags, b.flags));
        }
        if a.memory != b.memory {
            let differ = |x: &BTreeMap<(u32, u32), U256>, y: &BTreeMap<(u32, u32), U256>| {
                x.iter()
                    .filter(|(k, v)| y.get(k) != Some(v))
                    .take(8)
                    .map(|(k, v)| (*k, *v))
                    .collect::<Vec<_>>()
            };
            let (only_ours, only_theirs) =
                (differ(&a.memory, &b.memory), differ(&b.memory, &a.memory));
            diverged.push(format!("memory: ours {only_ours:x?}, zk_evm {only_theirs:x?}"));
        }
        if a.stack != b.stack {
            diverged.push(format!("stack: ours {:x?}, zk_evm {:x?}", a.stack, b.stack));
        }
    }
    let harness_passes = matches!(their_end, End::Returned(c) if c <= s.cycle_limit as u64)
        && theirs.as_ref().is_some_and(|t| t.status == RunStatus::Ok);
    let summary = match &theirs {
        Some(t) => format!(
            "{:<64} {:>13} {:<6} ergs {:>6} pubdata {:>5} storage {} events {} messages {} memory words {words} stack slots {slots}",
            s.test,
            format!("{their_end:?}"),
            t.status.as_str(),
            t.ergs_used,
            t.pubdata_spent,
            t.storage.len(),
            t.events.len(),
            t.l2_to_l1_logs.len(),
        ),
        None => format!("{:<64} {their_end:?}", s.test),
    };
    Compared { diverged, harness_passes, summary }
}

/// The fetched testdata directory and the scenarios' programs, compiled.
fn compiled() -> Option<Vec<(Scenario, Programs)>> {
    let root = support::registry_crate(HARNESS)?;
    let testdata = root.join("src/tests/simple_tests/testdata");
    let all = scenarios();

    // Every scenario directory is run by some test here or listed as not run.
    let mut dirs = Vec::new();
    testdata_dirs(&testdata, &testdata, &mut dirs);
    assert!(
        dirs.len() >= 50,
        "expected the harness's ~56 scenario directories, found {}",
        dirs.len()
    );
    for dir in &dirs {
        let run = all.iter().any(|s| s.dir == dir);
        let skipped = NOT_RUN.iter().any(|(prefix, _)| dir.starts_with(prefix));
        assert!(run ^ skipped, "{dir}: run {run}, listed as not run {skipped}");
    }
    Some(
        all.into_iter()
            .map(|s| {
                let p = programs(&testdata.join(s.dir), &s);
                (s, p)
            })
            .collect(),
    )
}

#[test]
fn harness_scenarios_run_identically_on_zk_evm() {
    let Some(all) = compiled() else { return };
    let mut failures = Vec::new();
    let mut verdicts = Vec::new();
    let mut summary = Vec::new();
    for (s, p) in &all {
        let c = run_both(s, p, StoragePricing::ZkEvmReference);
        if !c.diverged.is_empty() {
            failures.push(format!("{} ({}): {}", s.test, s.dir, c.diverged.join("; ")));
        }
        let expected = !VERDICT_DIFFERS.iter().any(|(t, _)| *t == s.test);
        if c.harness_passes != expected {
            verdicts.push(format!(
                "{}: harness verdict {}, expected {expected}",
                s.test, c.harness_passes
            ));
        }
        summary.push(c.summary);
    }
    eprintln!("{}", summary.join("\n"));
    assert!(failures.is_empty(), "{} divergences:\n{}", failures.len(), failures.join("\n"));
    assert!(verdicts.is_empty(), "harness verdicts:\n{}", verdicts.join("\n"));
    eprintln!(
        "zkevm_test_harness testdata: {} harness tests compared on zkstack-vm and zk_evm, 0 \
         divergences; not run: {NOT_RUN:?}",
        all.len()
    );
    assert_eq!(all.len(), 62, "every harness test on a testdata scenario, each compared");
}

/// The comparison is not blind: priced the batch's way instead of the harness's (warm
/// refunds, compressed pubdata), zkstack-vm diverges from zk_evm on the scenarios that touch
/// storage (18 of them when this was written), the three storage tests among them.
#[test]
fn a_different_setup_diverges() {
    let Some(all) = compiled() else { return };
    let diverging: Vec<&str> = all
        .iter()
        .filter(|(s, p)| !run_both(s, p, StoragePricing::Batch).diverged.is_empty())
        .map(|(s, _)| s.test)
        .collect();
    eprintln!("priced the batch's way, {} scenarios diverge: {diverging:?}", diverging.len());
    for storage_heavy in
        ["test_pubdata_and_storage_writes", "test_storage_reads", "test_log_storage_clear_slot"]
    {
        assert!(diverging.contains(&storage_heavy), "{storage_heavy} not caught: {diverging:?}");
    }
}
