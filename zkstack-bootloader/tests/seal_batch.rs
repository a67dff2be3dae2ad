//! Issue #7's end-to-end check: a batch of 56 transactions over 3 L2 blocks — 52 transfers, a
//! deployment shipping its bytecode as a factory dependency, a withdrawal (L2BaseToken
//! `withdraw`, whose message goes through the L1Messenger) and an L1 priority transaction —
//! runs through the real v26 bootloader and its system contracts from zksync-era's VM dump,
//! with native fill-ins for the kernel contracts the dump lacks; the batch is sealed (fictive
//! block, pubdata, `publishPubdataAndClearState`), its state diffs go into the state tree, and
//! its commitment is computed. Running it again from the same start gives the same bytes.
//! A second test runs a protocol upgrade transaction (type 254) from the same start through
//! the ComplexUpgrader native and the dump's real ContractDeployer.
//!
//! Where expected values come from (independent of the executor):
//! - balances: the test's own bookkeeping of the values it sent to accounts that never pay gas;
//! - the withdrawal message: era-contracts L2BaseToken `_getL1WithdrawMessage`
//!   (`abi.encodePacked(IMailbox.finalizeEthWithdrawal.selector, receiver, amount)`, selector
//!   0x6c0960f9) and its user log: L1Messenger `sendToL1` (sender L2BaseToken, key the sender
//!   padded, value keccak of the message);
//! - the L1 transaction's log: the bootloader's `sendL2LogUsingL1Messenger(true,
//!   canonicalTxHash, success)` with the canonical hash `keccak(abi.encode(tx))`;
//! - the deployed contract: ContractDeployer's `getNewAddressCreate` address holding the
//!   bytecode hash in AccountCodeStorage;
//! - system logs: zkstack-l1's model of Executor.sol `_processL2Logs` accepts them and reads
//!   back the batch timestamp, the fictive block's timestamp, the previous batch hash, one L1
//!   transaction, the log tree root (equal to zkstack-l1's log tree over the collected user
//!   logs) and the L2 DA validator's output hash (equal to zkstack-l1's rollup DA header over
//!   the sealed pubdata and state diffs).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed unwrap is a failed test

#[path = "../../zkstack-l1/tests/support/mod.rs"]
mod support;
#[path = "seal_batch/txs.rs"]
mod txs;

use zkstack_bootloader::address::{balance_storage_key, bytecode_hash, create_address};
use zkstack_bootloader::dump::VmDump;
use zkstack_bootloader::executor::{
    BatchEnv, BatchExecutor, ExecutorError, FinishedBatch, SystemEnvironment, TxResult, TxStatus,
};
use zkstack_bootloader::genesis::{ChainStart, StartStorage};
use zkstack_bootloader::l1::commitment::{AuxCommitments, BlobHash, CommitmentHashes};
use zkstack_bootloader::l1::pubdata::{RollupDaHeader, state_diffs_hash};
use zkstack_bootloader::l1::system_logs::{ProcessLogsParams, process_system_logs};
use zkstack_bootloader::l1::{Address, B256, Bytes, U256};
use zkstack_bootloader::l1::{L2ToL1Log, ProtocolVersionId};
use zkstack_bootloader::l2_block::{L2BlockEnv, SystemContextBlocks};
use zkstack_bootloader::memory::ExecutionMode;
use zkstack_bootloader::natives::{NativeConfig, register_missing_natives};
use zkstack_bootloader::pubdata_builder::PubdataBuilder;
use zkstack_bootloader::sealed::SealedBatch;
use zkstack_bootloader::system::BaseSystemContracts;
use zkstack_bootloader::vm::asm::assemble;

use txs::{Account, Tx};

const MULTIVM: &str = "zksync_multivm@29.13.0-non-semver-compat";
/// Where the rollup L2 DA validator sits in this test (a native: the dumps do not ship it).
const DA_VALIDATOR: Address = Address::new([0xda; 20]);
/// The previous batch's hash given to `setNewBatch` (a made-up value: the dump has no batch
/// hashes).
const PREV_BATCH_HASH: B256 = B256::repeat_byte(0x11);
/// Batch timestamp: above the dump's batch (1_738_785_219) and last L2 block (1_738_785_220).
const BATCH_TIMESTAMP: u64 = 1_738_785_300;
const FUNDS: u64 = 1_000_000_000_000_000_000; // 1 ether, times 10 below

/// A contract whose constructor and runtime both return an empty `ImmutableData[]`
/// (`[0x20, 0]`); the `.cell` (`MARK`, replaced per contract) makes its bytecode unique.
const CONTRACT_ASM: &str = r"
    .rodata.cst32
    .p2align 5
MARK:
    .cell MARK_VALUE
    .text
    .globl  __entry
__entry:
.main:
    add     32, r0, r2
    st.1    r0, r2
    add     @MARK[0], r0, r3
    add     64, r0, r1
    shl.s   96, r1, r1
    ret.ok  r1
";

fn load(name: &str) -> Option<VmDump> {
    let dir = support::registry_crate(MULTIVM)?;
    let path = dir.join("tests/vm_dumps").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    Some(VmDump::from_json(&text).unwrap())
}

/// The executor for the batch over `storage`, natives registered, its start checked against
/// SystemContext: batch number and first L2 block follow the dump's SystemContext state, the
/// base fee is derived from the fee input (as in a sealed batch; the dump's enforced one is
/// dropped), the mode is validate-and-execute.
fn open_batch(
    main: &VmDump,
    ctx: &SystemContextBlocks,
    storage: StartStorage,
    code: zkstack_bootloader::dump::SnapshotCode,
) -> (BatchExecutor, BaseSystemContracts, NativeConfig) {
    let last = ctx.last_l2_block().unwrap();
    let mut env = BatchEnv::from_dump(main);
    env.previous_batch_hash = Some(PREV_BATCH_HASH);
    env.number = u32::try_from(ctx.batch.number + 1).unwrap();
    env.timestamp = BATCH_TIMESTAMP;
    env.enforced_base_fee = None;
    env.first_l2_block = L2BlockEnv {
        number: u32::try_from(last.number + 1).unwrap(),
        timestamp: BATCH_TIMESTAMP,
        prev_block_hash: last.hash,
        max_virtual_blocks_to_create: 1,
    };
    let mut system = SystemEnvironment::from_dump(main).unwrap();
    system.execution_mode = ExecutionMode::VerifyExecute;
    let contracts = BaseSystemContracts::from_dump(main);
    let mut executor =
        BatchExecutor::new(env, system, &contracts, Box::new(storage), Box::new(code)).unwrap();
    let config =
        NativeConfig { rollup_da_validator: Some(DA_VALIDATOR), ..NativeConfig::default() };
    let filled = register_missing_natives(&mut executor.vm_mut().world, &config);
    assert!(!filled.is_empty());
    executor.check_batch_start().unwrap();
    (executor, contracts, config)
}

/// Everything one run produced.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    txs: Vec<TxResult>,
    finished: FinishedBatch,
    sealed: SealedBatch,
    commitment: CommitmentHashes,
    new_root: B256,
}

struct Plan {
    senders: Vec<Account>,
    sinks: Vec<Address>,
    /// Deployed by an L2 transaction (published compressed).
    bytecode: Vec<u8>,
    /// Shipped by the L1 transaction (published in full).
    l1_dep: Vec<u8>,
}

fn contract(mark: u32) -> Vec<u8> {
    assemble(&CONTRACT_ASM.replace("MARK_VALUE", &mark.to_string())).unwrap()
}

fn funded_slots(plan: &Plan) -> Vec<(Address, U256, U256)> {
    let funds = U256::from(FUNDS) * U256::from(10u8);
    let mut slots: Vec<(Address, U256, U256)> = plan
        .senders
        .iter()
        .map(|a| {
            let key = balance_storage_key(a.address);
            (key.address, U256::from_be_bytes(key.key.0), funds)
        })
        .collect();
    // L2BaseToken `totalSupply` (slot 1) covers the funded balances, so that burning works.
    let total = funds * U256::from(plan.senders.len());
    slots.push((txs::L2_BASE_TOKEN, U256::from(1u8), total));
    slots
}

/// Runs the whole batch from the start state.
#[allow(clippy::too_many_lines, reason = "one batch, written out")]
fn run(main: &VmDump, extra: &VmDump) -> (Run, Plan, StartStorage) {
    let mut plan = Plan {
        senders: (0..8).map(Account::new).collect(),
        sinks: (0..6).map(|i| Address::repeat_byte(0x50 + i)).collect(),
        bytecode: contract(7007),
        l1_dep: contract(7008),
    };
    let start = ChainStart::from_dumps(main, extra, &funded_slots(&plan)).unwrap();
    let committed = start.storage.clone();
    let ctx = start.system_context();
    let ChainStart { storage, code, mut tree, .. } = start;

    let (mut executor, contracts, config) = open_batch(main, &ctx, storage, code);

    let value = U256::from(1_000_000_000_000u64);
    let mut blocks: Vec<Vec<Tx>> = vec![Vec::new(), Vec::new(), Vec::new()];
    // Block 1: the L1 transaction, then transfers.
    let l1_sender = Address::repeat_byte(0x77);
    let mint = U256::from(FUNDS);
    let base_fee = executor.base_fee();
    blocks[0].push(txs::l1_transfer(l1_sender, plan.sinks[0], mint, value, base_fee, &plan.l1_dep));
    let transfer = |blocks: &mut Vec<Vec<Tx>>, plan: &mut Plan, b: usize, n: usize| {
        for i in 0..n {
            let s = i % plan.senders.len();
            let to = plan.sinks[(i + b) % plan.sinks.len()];
            blocks[b].push(plan.senders[s].call(to, value, Bytes::new()));
        }
    };
    transfer(&mut blocks, &mut plan, 0, 18);
    // Block 2: the deployment, transfers, the withdrawal.
    let hash = bytecode_hash(&plan.bytecode).unwrap();
    let bytecode = plan.bytecode.clone();
    blocks[1].push(plan.senders[0].deploy(&bytecode, hash.0));
    transfer(&mut blocks, &mut plan, 1, 17);
    blocks[1].push(plan.senders[1].withdraw(l1_sender, value));
    // Block 3: transfers.
    transfer(&mut blocks, &mut plan, 2, 18);

    let mut results = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            let last = executor.last_l2_block().unwrap();
            let next = L2BlockEnv {
                number: u32::try_from(last.number + 1).unwrap(),
                timestamp: u64::try_from(last.timestamp + 1).unwrap(),
                prev_block_hash: last.hash,
                max_virtual_blocks_to_create: 1,
            };
            executor.open_l2_block(&next).unwrap();
        }
        for tx in block {
            executor.push_transaction(&tx.boot, &tx.deps, tx.is_l1).unwrap();
            let result = executor.execute_next().unwrap();
            assert_eq!(
                result.status,
                TxStatus::Success,
                "tx {} of block {b}: {:?} {:?}",
                results.len(),
                result.output,
                result.debug_logs.last()
            );
            results.push(result);
        }
    }
    let finished = executor.finish_batch(&PubdataBuilder::rollup(DA_VALIDATOR)).unwrap();
    let sealed = SealedBatch::seal(&finished, &mut tree, &contracts).unwrap();
    // Blob linear hashes from the pubdata; KZG commitments are not computed here (zero), nor
    // the events-queue / heap commitments: they are the prover's (`zkstack_prover::
    // aux_commitments::batch_aux_commitments`, which this crate may not depend on).
    let blobs = zkstack_bootloader::l1::pubdata::blob::blob_linear_hashes_for_version(
        &sealed.pubdata,
        ProtocolVersionId::GATEWAY,
    )
    .unwrap()
    .into_iter()
    .map(|linear_hash| BlobHash { linear_hash, commitment: B256::ZERO })
    .collect();
    let aggregation_root = config.aggregated_root;
    let commitment = sealed.commitment(AuxCommitments::default(), blobs, aggregation_root).unwrap();
    let new_root = tree.root_hash().unwrap();
    (Run { txs: results, finished, sealed, commitment, new_root }, plan, committed)
}

#[test]
fn batch_of_56_transactions_seals_end_to_end_and_deterministically() {
    let (Some(main), Some(extra)) =
        (load("estimate_fee_for_transfer_to_self"), load("validation_adjacent_storage_slots"))
    else {
        return;
    };
    let (first, plan, committed) = run(&main, &extra);
    let _ = &plan.senders;
    assert!(first.txs.len() >= 50);
    let sealed = &first.sealed;

    // Balances of accounts that only receive.
    let value = U256::from(1_000_000_000_000u64);
    let mut received = std::collections::HashMap::<Address, U256>::new();
    // Transfers: block b, index i → sink (i + b) % 6; plus the L1 transaction's value to sink 0.
    for (b, n) in [(0usize, 18usize), (1, 17), (2, 18)] {
        for i in 0..n {
            *received.entry(plan.sinks[(i + b) % plan.sinks.len()]).or_default() += value;
        }
    }
    *received.entry(plan.sinks[0]).or_default() += value;
    for (sink, amount) in &received {
        let key = balance_storage_key(*sink);
        let record = sealed
            .state_diffs
            .iter()
            .find(|r| r.address == key.address && r.key == U256::from_be_bytes(key.key.0))
            .unwrap_or_else(|| panic!("no state diff for {sink}"));
        assert_eq!(record.final_value, *amount, "balance of {sink}");
        assert_eq!(record.enumeration_index, 0, "first write of {sink}'s balance");
    }

    // The withdrawal message and its user log.
    let l1_receiver = Address::repeat_byte(0x77);
    let mut message = vec![0x6c, 0x09, 0x60, 0xf9];
    message.extend_from_slice(l1_receiver.as_slice());
    message.extend_from_slice(&value.to_be_bytes::<32>());
    // Compressor `publishCompressedBytecode` sends the compressed bytecode as a message first
    // (`L1_MESSENGER_CONTRACT.sendToL1(_rawCompressedData)`), in the deployment's transaction.
    let compressed = zkstack_bootloader::l1::pubdata::compress_bytecode(&plan.bytecode).unwrap();
    assert_eq!(sealed.messages, vec![Bytes::from(compressed), Bytes::from(message.clone())]);
    let base_token = txs::L2_BASE_TOKEN;
    let withdrawal_log = sealed
        .user_logs
        .iter()
        .find(|l| {
            l.sender == L1_MESSENGER && l.key == B256::left_padding_from(base_token.as_slice())
        })
        .expect("withdrawal log");
    assert_eq!(withdrawal_log.value, zkstack_bootloader::l1::B256::from(alloy_keccak(&message)));

    // The L1 transaction's log: key its canonical hash, value 1 (success).
    let l1_tx_hash = first_l1_tx_hash(&main, &plan);
    let l1_log: &L2ToL1Log = sealed
        .user_logs
        .iter()
        .find(|l| l.sender == BOOTLOADER && l.key == l1_tx_hash)
        .expect("L1 transaction log");
    assert_eq!(l1_log.value, B256::with_last_byte(1));
    assert_eq!(l1_log.tx_number_in_block, 0);

    check_bytecodes(sealed, &plan);
    // The deployment: the contract at its CREATE address.
    let hash = bytecode_hash(&plan.bytecode).unwrap();
    let deployed = create_address(plan.senders[0].address, U256::ZERO);
    let code_record = sealed
        .state_diffs
        .iter()
        .find(|r| {
            r.address == zkstack_bootloader::system::ACCOUNT_CODE_STORAGE_ADDRESS
                && r.key == U256::from_be_slice(deployed.as_slice())
        })
        .expect("AccountCodeStorage entry of the deployed contract");
    assert_eq!(B256::from(code_record.final_value), hash);

    // State diffs: the initial values are the committed ones.
    for r in &sealed.state_diffs {
        assert_eq!(r.initial_value, committed.value(r.address, r.key));
    }

    check_system_logs(&first);

    // Same start, same bytes.
    let (second, _, _) = run(&main, &extra);
    assert_eq!(first, second);
    eprintln!(
        "sealed: {} txs, {} state diffs, root {}, commitment {}",
        first.txs.len(),
        sealed.state_diffs.len(),
        sealed.new_state_root,
        first.commitment.commitment
    );
}

fn check_bytecodes(sealed: &SealedBatch, plan: &Plan) {
    // Bytecodes: none is published in full. The L2 deployment's went compressed as the message
    // above (and decompresses to the bytecode); the L1 transaction's dependency is already on L1
    // (the bootloader marks L1 factory deps with `shouldSendToL1 = false`). Both are known now:
    // KnownCodesStorage marks them with 1.
    assert!(sealed.published_bytecodes.is_empty());
    assert_eq!(
        zkstack_bootloader::l1::pubdata::decompress_bytecode(&sealed.messages[0]).unwrap(),
        plan.bytecode
    );
    for code in [&plan.bytecode, &plan.l1_dep] {
        let hash = bytecode_hash(code).unwrap();
        let marker = sealed
            .state_diffs
            .iter()
            .find(|r| {
                r.address == zkstack_bootloader::system::KNOWN_CODES_STORAGE_ADDRESS
                    && r.key == U256::from_be_bytes(hash.0)
            })
            .expect("KnownCodesStorage marker");
        assert_eq!(marker.final_value, U256::from(1u8));
    }
}

fn check_system_logs(first: &Run) {
    let sealed = &first.sealed;
    // System logs as L1's Executor processes them.
    let bytes: Vec<u8> = sealed.system_logs.iter().flat_map(L2ToL1Log::to_bytes).collect();
    let params = ProcessLogsParams {
        expected_upgrade_tx_hash: B256::ZERO,
        l2_da_validator: Some(DA_VALIDATOR),
        total_pubdata_hash: None,
    };
    let processed = process_system_logs(ProtocolVersionId::GATEWAY, &bytes, &params).unwrap();
    let fictive = first.finished.fictive_block;
    assert_eq!(
        processed.packed_batch_and_l2_block_timestamp,
        (U256::from(BATCH_TIMESTAMP) << 128) | U256::from(fictive.timestamp)
    );
    assert_eq!(processed.previous_batch_hash, PREV_BATCH_HASH);
    assert_eq!(processed.number_of_layer1_txs, U256::from(1u8));
    // The L1Messenger's root (its own Merkle tree of the logs it received, then keccak with
    // L2MessageRoot's aggregated root) equals zkstack-l1's log tree over the collected logs.
    let aggregated = NativeConfig::default().aggregated_root;
    assert_eq!(processed.l2_logs_tree_root, sealed.l2_to_l1_logs_root(aggregated));
    // The rollup L2 DA validator's output: keccak of (state-diff hash, keccak of the full
    // pubdata, blob count, blob linear hashes), as zksync-era composes it for the L1 commit.
    let header =
        RollupDaHeader::for_pubdata(state_diffs_hash(&sealed.state_diffs), &sealed.pubdata);
    assert_eq!(processed.l2_da_validator_output_hash, header.output_hash().unwrap());
    assert_eq!(sealed.new_state_root, first.new_root);
}

/// SystemContext's rules hold before execution: a block naming a wrong previous hash, one that
/// does not move time forward, one skipping a number, and a block on top of an empty block are
/// refused with SystemContext's reason, and the executor stays usable.
#[test]
fn l2_blocks_are_checked_before_execution() {
    let (Some(main), Some(extra)) =
        (load("estimate_fee_for_transfer_to_self"), load("validation_adjacent_storage_slots"))
    else {
        return;
    };
    let mut sender = Account::new(0);
    let plan = Plan {
        senders: vec![Account::new(0)],
        sinks: Vec::new(),
        bytecode: Vec::new(),
        l1_dep: Vec::new(),
    };
    let start = ChainStart::from_dumps(&main, &extra, &funded_slots(&plan)).unwrap();
    let ctx = start.system_context();
    let (mut executor, _, _) = open_batch(&main, &ctx, start.storage, start.code);
    // A block on top of the batch's first block before it has a transaction.
    let first = executor.open_block();
    let next = |prev_block_hash: B256, number: u32, timestamp: u64| L2BlockEnv {
        number,
        timestamp,
        prev_block_hash,
        max_virtual_blocks_to_create: 1,
    };
    assert!(matches!(
        executor.open_l2_block(&next(B256::ZERO, first.number + 1, first.timestamp + 1)),
        Err(ExecutorError::EmptyL2Block)
    ));
    let tx = sender.call(Address::repeat_byte(0x50), U256::from(1u8), Bytes::new());
    executor.push_transaction(&tx.boot, &tx.deps, tx.is_l1).unwrap();
    assert_eq!(executor.execute_next().unwrap().status, TxStatus::Success);
    let last = executor.last_l2_block().unwrap();
    let (number, timestamp) = (first.number + 1, first.timestamp + 1);
    for (block, what) in [
        (next(B256::repeat_byte(1), number, timestamp), "wrong previous hash"),
        (next(last.hash, number, first.timestamp), "same timestamp"),
        (next(last.hash, number + 1, timestamp), "skipped number"),
    ] {
        let result = executor.open_l2_block(&block);
        assert!(matches!(result, Err(ExecutorError::L2Block(_))), "{what}: {result:?}");
    }
    executor.open_l2_block(&next(last.hash, number, timestamp)).unwrap();
    let tx = sender.call(Address::repeat_byte(0x50), U256::from(1u8), Bytes::new());
    executor.push_transaction(&tx.boot, &tx.deps, tx.is_l1).unwrap();
    assert_eq!(executor.execute_next().unwrap().status, TxStatus::Success);
}

/// `ChainStart::from_dumps`: a write to a slot the snapshot holds keeps the snapshot's
/// enumeration index and takes the new value; a new slot is appended after the snapshot's; the
/// tree's root is the root of exactly these slots (rebuilt here in a fresh tree from the dump's
/// own entries, independent of `ChainStart`).
#[test]
fn chain_start_overrides_keep_indices_and_append_new_slots() {
    let (Some(main), Some(extra)) =
        (load("estimate_fee_for_transfer_to_self"), load("validation_adjacent_storage_slots"))
    else {
        return;
    };
    let plain = ChainStart::from_dumps(&main, &extra, &[]).unwrap();
    // SystemContext's current batch info (slot 7) is in the snapshot.
    let (ctx, slot7) = (zkstack_bootloader::l2_block::SYSTEM_CONTEXT_ADDRESS, U256::from(7u8));
    let index = plain.storage.enumeration_index(ctx, slot7).expect("slot 7 in the snapshot");
    let new_slot = (Address::repeat_byte(0x42), U256::from(1u8), U256::from(5u8));
    let writes = [(ctx, slot7, U256::from(1234u16)), new_slot];
    let start = ChainStart::from_dumps(&main, &extra, &writes).unwrap();
    assert_eq!(start.storage.enumeration_index(ctx, slot7), Some(index));
    assert_eq!(start.storage.value(ctx, slot7), U256::from(1234u16));
    assert_eq!(start.storage.len(), plain.storage.len() + 1);
    assert_eq!(
        start.storage.enumeration_index(new_slot.0, new_slot.1),
        Some(u64::try_from(plain.storage.len()).unwrap() + 1)
    );
    assert_eq!(start.next_enumeration_index, plain.next_enumeration_index + 1);
    let mut tree = zkstack_bootloader::state_tree::StateTree::in_memory();
    let mut entries: Vec<_> = main
        .storage
        .storage
        .iter()
        .filter_map(|(k, v)| v.map(|(value, i)| (i, *k, value)))
        .collect();
    let immutable = zkstack_bootloader::dump::hashed_key(
        &zkstack_bootloader::system::ACCOUNT_CODE_STORAGE_ADDRESS,
        &U256::from_be_slice(zkstack_bootloader::system::contracts_low_address(0x8005).as_slice()),
    );
    if let Some(Some((value, i))) = extra.storage.storage.get(&immutable) {
        entries.push((*i, immutable, *value));
    }
    entries.sort();
    let writes: Vec<_> = entries
        .iter()
        .map(|(_, k, v)| (zkstack_bootloader::state_tree::TreeKey::from_derived_key(*k), *v))
        .collect();
    tree.apply_batch(&writes).unwrap();
    assert_eq!(plain.tree.root_hash().unwrap(), tree.root_hash().unwrap());
}

const L1_MESSENGER: Address = zkstack_bootloader::system::contracts_low_address(0x8008);
const BOOTLOADER: Address = zkstack_bootloader::system::contracts_low_address(0x8001);

fn alloy_keccak(bytes: &[u8]) -> B256 {
    alloy_primitives::keccak256(bytes)
}

/// The canonical hash of the batch's L1 transaction (zkstack `L1Tx::hash`,
/// `keccak(abi.encode(tx))`).
fn first_l1_tx_hash(main: &VmDump, plan: &Plan) -> B256 {
    let base_fee = BatchEnv::from_dump(main).base_fee().unwrap();
    let tx = txs::l1_transfer(
        Address::repeat_byte(0x77),
        Address::repeat_byte(0x50),
        U256::from(FUNDS),
        U256::from(1_000_000_000_000u64),
        base_fee,
        &plan.l1_dep,
    );
    zkstack_bootloader::tx::L1Tx::new(tx.boot).unwrap().hash()
}

/// The upgrade's code for [`an_upgrade_transaction_runs_through_the_complex_upgrader`]: stores
/// its first calldata word in slot 0x55 and `msg.sender` in slot 0x56 of the storage it runs
/// on, returns nothing.
const UPGRADE_ASM: &str = r"
    .text
    .globl  __entry
__entry:
.main:
    ld      r1, r2
    add     85, r0, r3
    sstore  r3, r2
    context.caller r4
    add     86, r0, r3
    sstore  r3, r4
    ret.ok  r0
";

/// A protocol upgrade transaction (type 254, first in its batch) from FORCE_DEPLOYER calls the
/// ComplexUpgrader (a native: the dumps do not ship its code) with `forceDeployAndUpgrade`: the
/// dump's real ContractDeployer force-deploys the upgrade's code, shipped as the transaction's
/// factory dependency, then the native delegate-calls it with the upgrade's calldata.
///
/// Expected values, from era-contracts v26: `ContractDeployer.forceDeployOnAddress` stores the
/// constructed code hash in AccountCodeStorage and emits `ContractDeployed(msg.sender of
/// forceDeployOnAddresses = the ComplexUpgrader, hash, address)`; `ComplexUpgrader.upgrade`'s
/// `delegatecall` runs the code with the ComplexUpgrader's storage and `msg.sender`
/// (FORCE_DEPLOYER); the bootloader sends the upgrade's canonical hash as a system log.
#[test]
fn an_upgrade_transaction_runs_through_the_complex_upgrader() {
    use alloy_sol_types::{SolCall, SolEvent, sol};
    use zkstack_bootloader::natives::addresses::{
        ACCOUNT_CODE_STORAGE, COMPLEX_UPGRADER, FORCE_DEPLOYER,
    };
    use zkstack_bootloader::natives::errors::{ForceDeployment, IComplexUpgrader};
    use zkstack_bootloader::natives::has_code;
    use zkstack_bootloader::vm::world::StorageKey;
    sol! {
        event ContractDeployed(address indexed deployerAddress, bytes32 indexed bytecodeHash, address indexed contractAddress);
    }

    let (Some(main), Some(extra)) =
        (load("estimate_fee_for_transfer_to_self"), load("validation_adjacent_storage_slots"))
    else {
        return;
    };
    let start = ChainStart::from_dumps(&main, &extra, &[]).unwrap();
    let ctx = start.system_context();
    let ChainStart { storage, code, .. } = start;
    let (mut executor, _, _) = open_batch(&main, &ctx, storage, code);
    assert!(!has_code(&mut executor.vm_mut().world, &COMPLEX_UPGRADER), "the native runs");

    let upgrade_code = assemble(UPGRADE_ASM).unwrap();
    let hash = bytecode_hash(&upgrade_code).unwrap();
    let target = Address::repeat_byte(0x0c);
    let argument = U256::from(0x1234_5678u64);
    let data = IComplexUpgrader::forceDeployAndUpgradeCall {
        _forceDeployments: vec![ForceDeployment {
            bytecodeHash: hash,
            newAddress: target,
            callConstructor: false,
            value: U256::ZERO,
            input: Bytes::new(),
        }],
        _delegateTo: target,
        _calldata: argument.to_be_bytes::<32>().to_vec().into(),
    }
    .abi_encode();
    // An upgrade transaction as zksync-era builds one: free (max fee 0), 800 gas per pubdata.
    let request = zkstack_bootloader::l1::mailbox::PriorityOpRequest {
        sender: FORCE_DEPLOYER,
        contract_l2: COMPLEX_UPGRADER,
        mint_value: U256::ZERO,
        l2_value: U256::ZERO,
        l2_calldata: data.into(),
        l2_gas_limit: U256::from(txs::DEPLOY_GAS),
        l2_gas_per_pubdata_byte_limit: U256::from(800),
        factory_dep_hashes: vec![U256::from_be_bytes(hash.0)],
        refund_recipient: FORCE_DEPLOYER,
    };
    let mut boot = request.to_canonical_transaction(U256::ZERO, U256::ZERO);
    boot.txType = U256::from(254);
    let canonical_hash = alloy_keccak(&boot.encode());
    executor.push_transaction(&boot, &[upgrade_code], true).unwrap();
    let result = executor.execute_next().unwrap();
    assert_eq!(result.status, TxStatus::Success, "{:?} {:?}", result.output, result.debug_logs);

    let mut peek = |address: Address, key: U256| {
        let world = &mut executor.vm_mut().world;
        world.diff.peek_storage(world.storage.as_mut(), &StorageKey { shard: 0, address, key })
    };
    let key_of = |a: Address| U256::from_be_slice(a.as_slice());
    assert_eq!(peek(ACCOUNT_CODE_STORAGE, key_of(target)), U256::from_be_bytes(hash.0));
    assert_eq!(peek(COMPLEX_UPGRADER, U256::from(0x55)), argument, "the upgrade's calldata");
    assert_eq!(peek(COMPLEX_UPGRADER, U256::from(0x56)), key_of(FORCE_DEPLOYER), "msg.sender");
    assert_eq!(peek(target, U256::from(0x55)), U256::ZERO, "nothing at the target's own address");
    let deployed = ContractDeployed {
        deployerAddress: COMPLEX_UPGRADER,
        bytecodeHash: hash,
        contractAddress: target,
    };
    let topics: Vec<B256> = deployed.encode_topics().iter().map(|t| B256::from(t.0)).collect();
    assert!(
        result.events.iter().any(|e| e.topics == topics),
        "ContractDeployed: {:?}",
        result.events
    );
    assert!(
        result.l2_to_l1_logs.iter().any(|l| l.value == U256::from_be_bytes(canonical_hash.0)),
        "the upgrade's hash is logged: {:?}",
        result.l2_to_l1_logs
    );
}
