//! The end of a batch: after the last transaction the bootloader asks for the fictive L2 block
//! (`FinalBatchInfo`) and for the L1Messenger's operator input (`PubdataRequested`), calls
//! `L1Messenger.publishPubdataAndClearState`, publishes its system logs and returns. The host
//! answers both hooks as zksync-era's fast VM does (multivm `vm_fast/vm.rs` `run`,
//! `vm_latest/bootloader/state.rs` `insert_fictive_l2_block`, `utils.rs` `apply_l2_block`,
//! `apply_pubdata_to_memory`).

use std::collections::BTreeMap;

use alloy_primitives::{Bytes, U256};
use zkstack_vm::exec::Step;
use zkstack_vm::world::{LogEntry, VersionedHash};

use super::batch::BatchExecutor;
use super::error::ExecutorError;
use super::events::merge_events;
use super::hook::VmHook;
use super::pubdata::{long_messages, published_bytecode_hashes, state_diffs, user_logs};
use super::result::{BatchOutputs, DebugLog};
use crate::l1::L2ToL1Log;
use crate::l1::pubdata::PubdataInput;
use crate::l2_block::L2BlockEnv;
use crate::memory::BootloaderMemory;
use crate::memory::layout::{L1_MESSENGER_PUBDATA_BEGIN_SLOT, L1_MESSENGER_PUBDATA_SLOTS};
use crate::pubdata_builder::{PubdataBuilder, StorageChange};

/// The protocol version the executor runs (the v26 bootloader).
const VERSION: crate::l1::ProtocolVersionId = crate::l1::ProtocolVersionId::GATEWAY;

/// What the end of a batch produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinishedBatch {
    /// The fictive L2 block that closes the batch, as written for the bootloader.
    pub fictive_block: L2BlockEnv,
    /// What the L1Messenger publishes: user logs, messages, bytecodes, state diffs.
    pub pubdata_input: PubdataInput,
    /// The operator input the L1Messenger received (`l1_messenger_operator_input`).
    pub operator_input: Bytes,
    /// What the batch publishes on the settlement layer (rollup: the full pubdata).
    pub settlement_layer_pubdata: Bytes,
    /// Every `log.to_l1` of the batch: the system logs (zksync-era `system_logs`).
    pub system_logs: Vec<L2ToL1Log>,
    /// Everything the batch changed and emitted.
    pub outputs: BatchOutputs,
    /// Bootloader ergs spent after the last transaction (the block tip).
    pub block_tip_ergs: u32,
    /// The bootloader's debug logs after the last transaction.
    pub debug_logs: Vec<DebugLog>,
    /// Every `log.event` of the batch that was not rolled back, in emission order, as the VM
    /// emitted it: what zkSync's events sorter circuit keeps, and so what the events-queue
    /// commitment is computed over (`events` in [`FinishedBatch::outputs`] merges them).
    pub event_log: Vec<LogEntry>,
    /// Every word the operator wrote into the bootloader heap during the batch, by slot
    /// ([`BatchExecutor::host_heap_writes`]): the bootloader's initial heap as the prover sees it.
    pub bootloader_heap: BTreeMap<usize, U256>,
}

impl BatchExecutor {
    /// Runs the bootloader to its end after the last transaction: writes the fictive L2 block
    /// at `FinalBatchInfo`, the L1Messenger's operator input (built by `builder` from the
    /// batch's logs, messages, published bytecodes and state diffs) at `PubdataRequested`, and
    /// lets the bootloader publish and return.
    ///
    /// # Errors
    /// [`ExecutorError::Transaction`] while pushed transactions are not executed;
    /// [`ExecutorError::BootloaderEnded`] when the bootloader reverts or panics;
    /// [`ExecutorError::Pubdata`] when the input cannot be built or does not fit;
    /// [`ExecutorError::Vm`], [`ExecutorError::UnknownHook`].
    pub fn finish_batch(
        &mut self,
        builder: &PubdataBuilder,
    ) -> Result<FinishedBatch, ExecutorError> {
        if self.pending_transactions() > 0 {
            return Err(ExecutorError::Transaction(
                "pushed transactions must be executed before the batch is sealed".into(),
            ));
        }
        let ergs_before = self.vm().state.current.ergs;
        let mut fictive = None;
        let mut built: Option<(PubdataInput, Vec<u8>)> = None;
        let mut debug_logs = Vec::new();
        loop {
            let step = self.run_vm()?;
            let number = match step {
                Step::Hook(n) => n,
                Step::Continue => continue,
                Step::Finished(end) => {
                    if matches!(end.kind, zkstack_vm::RetKind::Ok) {
                        break;
                    }
                    let data = self.returndata(&end.returndata);
                    let reason = debug_logs.last().map_or_else(String::new, |l: &DebugLog| {
                        format!(" (last debug log: {})", l.message)
                    });
                    return Err(ExecutorError::BootloaderEnded(format!(
                        "{:?} while sealing, returndata 0x{}{reason}",
                        end.kind,
                        hex_of(&data)
                    )));
                }
            };
            match VmHook::from_number(number).ok_or(ExecutorError::UnknownHook(number))? {
                VmHook::FinalBatchInfo => fictive = Some(self.write_fictive_block()?),
                VmHook::PubdataRequested => built = Some(self.write_pubdata(builder)?),
                VmHook::DebugLog => {
                    let [message, value, _] = self.hook_params();
                    debug_logs.push(DebugLog { message: super::batch::text_of(&message), value });
                }
                _ => {}
            }
        }
        let fictive_block = fictive.ok_or(ExecutorError::BootloaderEnded(
            "returned without asking for the fictive L2 block".into(),
        ))?;
        let (pubdata_input, operator_input) = built.ok_or(ExecutorError::BootloaderEnded(
            "returned without asking for the pubdata".into(),
        ))?;
        let settlement_layer_pubdata = builder
            .settlement_layer_pubdata(&pubdata_input, VERSION)
            .map_err(|e| ExecutorError::Pubdata(e.to_string()))?;
        let system_logs = self
            .vm()
            .world
            .diff
            .l2_to_l1_logs()
            .iter()
            .map(|e| L2ToL1Log {
                shard_id: e.shard_id,
                is_service: e.is_first,
                tx_number_in_block: e.tx_number,
                sender: e.address,
                key: e.key.to_be_bytes::<32>().into(),
                value: e.value.to_be_bytes::<32>().into(),
            })
            .collect();
        Ok(FinishedBatch {
            fictive_block,
            pubdata_input,
            operator_input: operator_input.into(),
            settlement_layer_pubdata: settlement_layer_pubdata.into(),
            system_logs,
            outputs: self.outputs(),
            block_tip_ergs: ergs_before.saturating_sub(self.vm().state.current.ergs),
            debug_logs,
            event_log: self.vm().world.diff.events().to_vec(),
            bootloader_heap: self.host_heap_writes().clone(),
        })
    }

    /// `FinalBatchInfo`: the fictive block goes in the free transaction slot. After a block with
    /// transactions it is the next block (number +1, timestamp +1, the last block's hash, one
    /// virtual block); an opened block still without transactions is closed as it is.
    fn write_fictive_block(&mut self) -> Result<L2BlockEnv, ExecutorError> {
        let block = if self.open_block_is_empty() {
            self.open_block()
        } else {
            let last = self.last_l2_block().ok_or(ExecutorError::BootloaderEnded(
                "asked for the fictive block before any L2 block".into(),
            ))?;
            let overflow = || ExecutorError::Transaction("L2 block number overflow".into());
            L2BlockEnv {
                number: u32::try_from(last.number + 1).map_err(|_| overflow())?,
                timestamp: u64::try_from(last.timestamp + 1).map_err(|_| overflow())?,
                prev_block_hash: last.hash,
                max_virtual_blocks_to_create: 1,
            }
        };
        let mut memory = BootloaderMemory::new();
        memory.l2_block(self.pushed_transactions(), &block);
        self.write_memory(&memory);
        Ok(block)
    }

    /// `PubdataRequested`: collects the pubdata input and writes the builder's bootloader-memory
    /// form after the selector word the bootloader fills itself.
    fn write_pubdata(
        &mut self,
        builder: &PubdataBuilder,
    ) -> Result<(PubdataInput, Vec<u8>), ExecutorError> {
        let events = merge_events(self.vm().world.diff.events());
        let mut bytecodes = Vec::new();
        for hash in published_bytecode_hashes(&events) {
            let words =
                self.vm_mut().world.code.code(&VersionedHash(hash.0).preimage()).ok_or_else(
                    || ExecutorError::Pubdata(format!("published unknown bytecode {hash}")),
                )?;
            let bytes: Vec<u8> = words.iter().flat_map(U256::to_be_bytes::<32>).collect();
            bytecodes.push(Bytes::from(bytes));
        }
        let changes: Vec<(StorageChange, Option<u64>)> = self
            .vm()
            .world
            .diff
            .storage_changes()
            .into_iter()
            .map(|(key, initial, value)| {
                let change = StorageChange {
                    address: key.address,
                    key: key.key,
                    initial_value: initial.value,
                    final_value: value,
                };
                (change, initial.enumeration_index)
            })
            .collect();
        let input = PubdataInput {
            user_logs: user_logs(&events),
            messages: long_messages(&events),
            bytecodes,
            state_diffs: state_diffs(&changes),
        };
        let operator_input = builder
            .l1_messenger_operator_input(&input, VERSION)
            .map_err(|e| ExecutorError::Pubdata(e.to_string()))?;
        let layout = builder
            .bootloader_memory(&input, VERSION)
            .map_err(|e| ExecutorError::Pubdata(e.to_string()))?;
        if layout.skipped_words + layout.words.len() > L1_MESSENGER_PUBDATA_SLOTS {
            return Err(ExecutorError::Pubdata(format!(
                "the operator input takes {} words, the bootloader has {L1_MESSENGER_PUBDATA_SLOTS}",
                layout.words.len()
            )));
        }
        let start = L1_MESSENGER_PUBDATA_BEGIN_SLOT + layout.skipped_words;
        let mut memory = BootloaderMemory::new();
        for (i, word) in layout.words.iter().enumerate() {
            memory.raw(start + i, *word);
        }
        self.write_memory(&memory);
        Ok((input, operator_input))
    }
}

fn hex_of(bytes: &[u8]) -> String {
    use core::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
