//! [`BatchExecutor`]: transactions in, results out.

use std::collections::{BTreeMap, HashSet};

use alloy_primitives::{B256, Bytes, U256};
use alloy_sol_types::SolValue;
use zkstack_l1::pubdata::{bytecode_hash, compress_bytecode};
use zkstack_vm::exec::{Step, Vm};
use zkstack_vm::memory::FatPointer;
use zkstack_vm::tracer::CycleCounter;
use zkstack_vm::world::{CodeSource, LogEntry, Storage, StorageKey, World};

use super::code::{CodeOverlay, LayeredCode};
use super::env::{BatchEnv, SystemEnvironment};
use super::error::ExecutorError;
use super::events::merge_events;
use super::hook::VmHook;
use super::refund::{RefundInputs, compute_refund};
use super::result::{BatchOutputs, DebugLog, L2ToL1Log, StorageWrite, TxResult, TxStatus};
use super::start::{BOOTLOADER_HEAP_PAGE, bootloader_vm};
use crate::fee::{derive_overhead, encoding_len_words, trusted_gas_limit};
use crate::l1::ProtocolVersionId;
use crate::l2_block::L2BlockEnv;
use crate::memory::BootloaderMemory;
use crate::memory::layout::{
    OPERATOR_REFUNDS_BEGIN_SLOT, RESULT_BEGIN_SLOT, TX_ENCODING_BEGIN_SLOT, TX_GAS_LIMIT_WORD,
    VM_HOOK_PARAMS_SLOT, byte_of,
};
use crate::system::{BaseSystemContracts, KNOWN_CODES_STORAGE_ADDRESS};
use crate::tx::BootloaderTransaction;

/// A bytecode and its compressed form.
type Compressed = (Vec<u8>, Vec<u8>);

/// A transaction placed in bootloader memory.
#[derive(Clone, Debug)]
struct Placed {
    encoding_offset: usize,
    published: Vec<Bytes>,
}

/// Runs a batch: the real bootloader in zkstack-vm, one transaction at a time.
pub struct BatchExecutor {
    vm: Vm<CycleCounter>,
    env: BatchEnv,
    system: SystemEnvironment,
    base_fee: u64,
    code: CodeOverlay,
    txs: Vec<Placed>,
    executed: usize,
    encoding_words: usize,
    compressed_words: usize,
    block: L2BlockEnv,
    block_is_empty: bool,
    validation_gas_left: u32,
    known_bytecodes: HashSet<B256>,
    ergs_start: u32,
    stop_after_validation: bool,
    /// Every word the host wrote into the bootloader heap, last write winning (the operator's
    /// "initial bootloader heap" that the prover commits to).
    host_heap: BTreeMap<usize, U256>,
}

impl core::fmt::Debug for BatchExecutor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BatchExecutor")
            .field("env", &self.env)
            .field("txs", &self.txs.len())
            .field("executed", &self.executed)
            .finish_non_exhaustive()
    }
}

fn vm_error(vm: &Vm<CycleCounter>, error: zkstack_vm::exec::VmError) -> ExecutorError {
    ExecutorError::Vm { error, pc: vm.state.current.pc, address: vm.state.current.code_address }
}

impl BatchExecutor {
    /// A batch over `storage` and `code` (the embedder's), running `contracts`' bootloader.
    ///
    /// # Errors
    /// [`ExecutorError::Transaction`] when the fee input is out of range or the bootloader
    /// code does not load.
    pub fn new(
        env: BatchEnv,
        system: SystemEnvironment,
        contracts: &BaseSystemContracts,
        storage: Box<dyn Storage>,
        code: Box<dyn CodeSource>,
    ) -> Result<Self, ExecutorError> {
        let (layered, overlay) = LayeredCode::new(code);
        for c in core::iter::once(&contracts.default_aa)
            .chain(contracts.evm_emulator.as_ref())
            .chain(contracts.system.values())
        {
            overlay.insert_words(&c.hash, c.words.clone());
        }
        let mut world = World::new(storage, Box::new(layered));
        world.default_aa_code_hash = U256::from_be_bytes(contracts.default_aa.hash.0);
        // multivm `vm_fast`: without an EVM emulator, EVM hashes run the default account.
        let evm = contracts.evm_emulator.as_ref().unwrap_or(&contracts.default_aa);
        world.evm_emulator_code_hash = U256::from_be_bytes(evm.hash.0);
        let vm =
            bootloader_vm(contracts, system.bootloader_gas_limit, world, CycleCounter::default())?;
        let words = env.words().map_err(|e| ExecutorError::Transaction(e.to_string()))?;
        let base_fee = words.expected_base_fee;
        let mut this = BatchExecutor {
            vm,
            env,
            system,
            base_fee,
            code: overlay,
            txs: Vec::new(),
            executed: 0,
            encoding_words: 0,
            compressed_words: 0,
            block: env.first_l2_block,
            block_is_empty: true,
            validation_gas_left: system.default_validation_computational_gas_limit,
            known_bytecodes: HashSet::new(),
            ergs_start: system.bootloader_gas_limit,
            stop_after_validation: false,
            host_heap: BTreeMap::new(),
        };
        let mut memory = BootloaderMemory::new();
        memory.batch_env(&words);
        this.write(&memory);
        Ok(this)
    }

    /// The VM (for tracing and inspection).
    pub fn vm(&self) -> &Vm<CycleCounter> {
        &self.vm
    }

    /// The VM, mutable: for registering native contracts in its world before the batch runs
    /// (`vm_mut().world.register_native(..)`), for inspection, and to drive by hand
    /// (differential tests step it hook by hook next to another VM; the executor's own
    /// bookkeeping does not follow what is run this way).
    pub fn vm_mut(&mut self) -> &mut Vm<CycleCounter> {
        &mut self.vm
    }

    /// The batch environment.
    pub fn env(&self) -> BatchEnv {
        self.env
    }

    /// The base fee the bootloader expects.
    pub fn base_fee(&self) -> u64 {
        self.base_fee
    }

    /// Transactions pushed so far (executed or not).
    pub fn pushed_transactions(&self) -> usize {
        self.txs.len()
    }

    /// Transactions pushed but not yet executed.
    pub fn pending_transactions(&self) -> usize {
        self.txs.len() - self.executed
    }

    /// Whether the open L2 block has no transaction pushed yet.
    pub fn open_block_is_empty(&self) -> bool {
        self.block_is_empty
    }

    /// The open L2 block as the operator gave it.
    pub fn open_block(&self) -> L2BlockEnv {
        self.block
    }

    /// Runs the VM to its next stop.
    pub(super) fn run_vm(&mut self) -> Result<Step, ExecutorError> {
        self.vm.run_until_stop().map_err(|e| vm_error(&self.vm, e))
    }

    /// The bytes behind a returned pointer.
    pub(super) fn returndata(&self, ptr: &FatPointer) -> Bytes {
        read_pointer(&self.vm, ptr)
    }

    pub(super) fn write_memory(&mut self, memory: &BootloaderMemory) {
        self.write(memory);
    }

    fn write(&mut self, memory: &BootloaderMemory) {
        for (slot, value) in memory.words() {
            self.vm.memory.write_word(BOOTLOADER_HEAP_PAGE, slot_byte(*slot), value);
            self.host_heap.insert(*slot, *value);
        }
    }

    /// Every word the executor (the operator) has written into the bootloader's heap so far, by
    /// slot, the last write to a slot winning: the batch environment, each transaction with its
    /// L2 block, refund and compressed bytecodes, the fictive block and the L1Messenger's
    /// operator input. This is zksync-era's `final_bootloader_memory` (multivm
    /// `BootloaderState::bootloader_memory`, which re-applies the same writes with their final
    /// values), from which its commitment generator derives the bootloader heap's initial-content
    /// commitment. Words the bootloader writes itself are not in it.
    pub fn host_heap_writes(&self) -> &BTreeMap<usize, U256> {
        &self.host_heap
    }

    fn read_slot(&self, slot: usize) -> U256 {
        self.vm.memory.read_word(BOOTLOADER_HEAP_PAGE, slot_byte(slot))
    }

    pub(super) fn hook_params(&self) -> [U256; 3] {
        core::array::from_fn(|i| self.read_slot(VM_HOOK_PARAMS_SLOT + i))
    }

    /// Ends each transaction at `ValidationStepEnded` with success and empty output, as
    /// zksync-era's validation tracers do (`STOP_AFTER_VALIDATION`): the VM is then left in the
    /// middle of the transaction, so only one transaction can be run this way.
    pub fn set_stop_after_validation(&mut self, stop: bool) {
        self.stop_after_validation = stop;
    }

    /// Starts a new L2 block; the next transaction pushed is its first.
    pub fn start_l2_block(&mut self, block: L2BlockEnv) {
        self.block = block;
        self.block_is_empty = true;
    }

    /// Places `tx` (with the bytecodes it ships) in bootloader memory after those already
    /// pushed, with no operator refund, the overhead and trusted gas limit multivm computes,
    /// and, for L2 transactions, its not-yet-known bytecodes compressed.
    ///
    /// # Errors
    /// [`ExecutorError::Transaction`] on a factory dependency that is not valid bytecode or an
    /// encoding too long for the overhead formula.
    pub fn push_transaction(
        &mut self,
        tx: &BootloaderTransaction,
        factory_deps: &[Vec<u8>],
        is_l1: bool,
    ) -> Result<(), ExecutorError> {
        let bad = |e: &dyn core::fmt::Display| ExecutorError::Transaction(e.to_string());
        let tx_index = self.txs.len();
        let len = |b: &Bytes| b.len() as u64;
        let words = encoding_len_words(
            len(&tx.data),
            len(&tx.signature),
            tx.factoryDeps.len() as u64,
            len(&tx.paymasterInput),
            len(&tx.reservedDynamic),
        )
        .map_err(|e| bad(&e))?;
        let overhead = derive_overhead(words, ProtocolVersionId::GATEWAY).map_err(|e| bad(&e))?;
        for dep in factory_deps {
            let hash = bytecode_hash(dep).map_err(|e| bad(&e))?;
            self.code.insert(&hash, dep);
        }
        let compressed = if is_l1 { Vec::new() } else { self.compress(factory_deps)? };
        let encoded = tx.encode();
        let encoded_words: Vec<U256> = zkstack_vm::memory::words_of(&encoded);

        let mut memory = BootloaderMemory::new();
        memory.tx_description(tx_index, self.system.execution_mode, self.encoding_words);
        memory.operator_refund(tx_index, 0);
        memory.tx_overhead(tx_index, overhead);
        memory.trusted_gas_limit(tx_index, trusted_gas_limit(tx.gasLimit));
        memory.tx_encoding(self.encoding_words, &encoded_words);
        let mut block = self.block;
        if !self.block_is_empty {
            block.max_virtual_blocks_to_create = 0;
        }
        memory.l2_block(tx_index, &block);
        let mut call_data = Vec::new();
        for (original, packed) in &compressed {
            let hash = bytecode_hash(original).map_err(|e| bad(&e))?;
            call_data.extend_from_slice(hash.as_slice());
            call_data.extend_from_slice(&[0u8; 32]);
            call_data.extend(
                (Bytes::copy_from_slice(original), Bytes::copy_from_slice(packed))
                    .abi_encode_params(),
            );
        }
        memory.compressed_bytecodes(self.compressed_words, &call_data);
        self.write(&memory);

        self.compressed_words += call_data.len().div_ceil(32);
        self.txs.push(Placed {
            encoding_offset: self.encoding_words,
            published: compressed.iter().map(|(o, _)| Bytes::copy_from_slice(o)).collect(),
        });
        self.encoding_words += encoded_words.len();
        self.block_is_empty = false;
        Ok(())
    }

    /// multivm `compress_bytecodes`: each distinct dependency not yet known, in first-seen
    /// order, with its compression (those that do not compress are left out).
    fn compress(&mut self, deps: &[Vec<u8>]) -> Result<Vec<Compressed>, ExecutorError> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for dep in deps {
            if !seen.insert(dep.clone()) {
                continue;
            }
            let hash = bytecode_hash(dep).map_err(|e| ExecutorError::Transaction(e.to_string()))?;
            let key = StorageKey {
                shard: 0,
                address: KNOWN_CODES_STORAGE_ADDRESS,
                key: U256::from_be_bytes(hash.0),
            };
            let known = self.known_bytecodes.contains(&hash)
                || !self.vm.world.storage.read(&key).value.is_zero();
            if known {
                continue;
            }
            if let Ok(packed) = compress_bytecode(dep) {
                self.known_bytecodes.insert(hash);
                out.push((dep.clone(), packed));
            }
        }
        Ok(out)
    }

    /// Runs the next pushed transaction until the bootloader says it has ended.
    ///
    /// # Errors
    /// [`ExecutorError::NoTransaction`] when none is waiting; [`ExecutorError::Vm`] when the
    /// interpreter cannot go on; [`ExecutorError::NotSupported`] when the bootloader asks to
    /// seal the batch; [`ExecutorError::UnknownHook`].
    #[allow(clippy::too_many_lines, reason = "one arm per hook, as the reference reads")]
    pub fn execute_next(&mut self) -> Result<TxResult, ExecutorError> {
        let tx_index = self.executed;
        let placed = self.txs.get(tx_index).cloned().ok_or(ExecutorError::NoTransaction)?;
        self.executed += 1;
        let before: BTreeMap<StorageKey, U256> =
            self.vm.world.diff.storage_changes().into_iter().map(|(k, _, v)| (k, v)).collect();
        let events_before = self.vm.world.diff.events().len();
        let logs_before = self.vm.world.diff.l2_to_l1_logs().len();
        let ergs_before = self.vm.state.current.ergs;
        let cycles_before = self.vm.tracer.cycles;
        let mut pubdata_before = self.vm.state.pubdata_revert_counter;
        let mut pubdata_published = 0;
        let mut split: Option<(u32, u32)> = None;
        let mut posted: Option<(bool, Bytes)> = None;
        let mut refund = 0;
        let mut suggested = 0;
        let mut debug_logs = Vec::new();

        let (status, output) = loop {
            let step = self.vm.run_until_stop().map_err(|e| vm_error(&self.vm, e))?;
            let number = match step {
                Step::Hook(n) => n,
                Step::Continue => continue,
                Step::Finished(end) => {
                    let data = read_pointer(&self.vm, &end.returndata);
                    let status = match end.kind {
                        zkstack_vm::RetKind::Ok => TxStatus::Success,
                        _ => TxStatus::Halt,
                    };
                    break (status, data);
                }
            };
            let hook = VmHook::from_number(number).ok_or(ExecutorError::UnknownHook(number))?;
            match hook {
                VmHook::AccountValidationEntered => {
                    let gas = self.vm.state.current.ergs;
                    let given = gas.min(self.validation_gas_left);
                    split = Some((given, gas - given));
                    self.vm.state.current.ergs = given;
                }
                VmHook::ValidationExited => {
                    if let Some((given, hidden)) = split.take() {
                        let left = self.vm.state.current.ergs;
                        self.validation_gas_left -= given.saturating_sub(left);
                        self.vm.state.current.ergs = left + hidden;
                    }
                }
                VmHook::TxHasEnded => {
                    break match posted.take() {
                        Some((true, data)) => (TxStatus::Success, data),
                        Some((false, data)) => (TxStatus::Revert, data),
                        None if self.read_slot(RESULT_BEGIN_SLOT + tx_index).is_zero() => {
                            (TxStatus::Revert, Bytes::new())
                        }
                        None => (TxStatus::Success, Bytes::new()),
                    };
                }
                VmHook::AskOperatorForRefund => {
                    let [bootloader_refund, on_pubdata, per_pubdata] = self.hook_params();
                    let gas_limit_slot =
                        TX_ENCODING_BEGIN_SLOT + placed.encoding_offset + TX_GAS_LIMIT_WORD;
                    let pubdata_after = self.vm.state.pubdata_revert_counter;
                    #[allow(clippy::cast_sign_loss, reason = "vm_fast casts i32 to u32")]
                    {
                        pubdata_published =
                            (pubdata_after as u32).saturating_sub(pubdata_before as u32);
                    }
                    suggested = compute_refund(&RefundInputs {
                        base_fee: self.base_fee,
                        fair_l2_gas_price: self.env.fee_input.fair_l2_gas_price(),
                        fair_pubdata_price: self.env.fee_input.fair_pubdata_price().unwrap_or(0),
                        bootloader_refund: low_u64(&bootloader_refund),
                        gas_spent_on_pubdata: low_u64(&on_pubdata),
                        tx_gas_limit: low_u64(&self.read_slot(gas_limit_slot)),
                        gas_per_pubdata_byte: u32::try_from(
                            per_pubdata.as_limbs()[0] & 0xffff_ffff,
                        )
                        .unwrap_or(0),
                        pubdata_published,
                    });
                    pubdata_before = pubdata_after;
                    let mut memory = BootloaderMemory::new();
                    memory.operator_refund(tx_index, suggested);
                    self.write(&memory);
                    debug_assert_eq!(memory.words()[0].0, OPERATOR_REFUNDS_BEGIN_SLOT + tx_index);
                }
                VmHook::NotifyAboutRefund => refund = low_u64(&self.hook_params()[0]),
                VmHook::PostResult => {
                    let [result, pointer, _] = self.hook_params();
                    let data = read_pointer(&self.vm, &FatPointer::from_u256(&pointer));
                    posted = Some((!result.is_zero(), data));
                }
                VmHook::DebugLog => {
                    let [message, value, _] = self.hook_params();
                    debug_logs.push(DebugLog { message: text_of(&message), value });
                }
                VmHook::FinalBatchInfo | VmHook::PubdataRequested => {
                    return Err(ExecutorError::NotSupported(
                        "sealing while a transaction was expected: call finish_batch",
                    ));
                }
                VmHook::ValidationStepEnded if self.stop_after_validation => {
                    break (TxStatus::Success, Bytes::new());
                }
                VmHook::PaymasterValidationEntered
                | VmHook::ValidationStepEnded
                | VmHook::DebugReturnData
                | VmHook::NearCallCatch => {}
            }
        };

        let diff = &self.vm.world.diff;
        let storage_writes = diff
            .storage_changes()
            .into_iter()
            .filter_map(|(key, initial, value)| {
                let previous = before.get(&key).copied().unwrap_or(initial.value);
                (previous != value).then_some(StorageWrite {
                    address: key.address,
                    key: key.key,
                    previous,
                    value,
                    is_initial: initial.is_initial_write,
                })
            })
            .collect();
        let events = merge_events(diff.events().get(events_before..).unwrap_or_default());
        let l2_to_l1_logs = diff
            .l2_to_l1_logs()
            .get(logs_before..)
            .unwrap_or_default()
            .iter()
            .map(log_of)
            .collect();
        Ok(TxResult {
            status,
            output,
            gas_used: ergs_before.saturating_sub(self.vm.state.current.ergs),
            refund,
            operator_suggested_refund: suggested,
            pubdata_published,
            storage_writes,
            events,
            l2_to_l1_logs,
            published_bytecodes: placed.published,
            debug_logs,
            cycles: self.vm.tracer.cycles - cycles_before,
        })
    }

    /// Everything the batch produced so far.
    pub fn outputs(&self) -> BatchOutputs {
        let diff = &self.vm.world.diff;
        BatchOutputs {
            storage_writes: diff
                .storage_changes()
                .into_iter()
                .map(|(key, initial, value)| StorageWrite {
                    address: key.address,
                    key: key.key,
                    previous: initial.value,
                    value,
                    is_initial: initial.is_initial_write,
                })
                .collect(),
            events: merge_events(diff.events()),
            l2_to_l1_logs: diff.l2_to_l1_logs().iter().map(log_of).collect(),
            ergs_used: self.ergs_start.saturating_sub(self.vm.state.current.ergs),
            cycles: self.vm.tracer.cycles,
            pubdata: self.vm.state.pubdata_revert_counter,
        }
    }
}

#[allow(clippy::cast_possible_truncation, reason = "slots of a 2^32-byte heap")]
const fn slot_byte(slot: usize) -> u32 {
    byte_of(slot) as u32
}

fn low_u64(value: &U256) -> u64 {
    value.as_limbs()[0]
}

pub(super) fn text_of(word: &U256) -> String {
    let bytes = word.to_be_bytes::<32>();
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// The most return data read back from a pointer (64 MiB, beyond any real bootloader output).
const MAX_RETURNDATA: usize = 1 << 26;

fn read_pointer(vm: &Vm<CycleCounter>, ptr: &FatPointer) -> Bytes {
    let Some(page) = vm.memory.page(ptr.page) else {
        return Bytes::from(vec![0u8; (ptr.length as usize).min(MAX_RETURNDATA)]);
    };
    let start = ptr.start.wrapping_add(ptr.offset) as usize;
    let len = (ptr.length.saturating_sub(ptr.offset) as usize).min(MAX_RETURNDATA);
    (start..start + len).map(|i| page.byte(i)).collect::<Vec<u8>>().into()
}

fn log_of(e: &LogEntry) -> L2ToL1Log {
    L2ToL1Log {
        shard_id: e.shard_id,
        is_service: e.is_first,
        tx_number_in_block: e.tx_number,
        sender: e.address,
        key: e.key,
        value: e.value,
    }
}
