//! What an operator sends to L1 for a sealed batch: the system logs, the DA input, the
//! `CommitBatchInfo`, the batch commitment and the `StoredBatchInfo` L1 will keep.
//!
//! This is zksync-era `core/lib/l1_contract_interface` (`CommitBatchInfo`, `StoredBatchInfo`)
//! together with what the bootloader and system contracts report in the batch's system logs,
//! for protocol versions 26 and later (the Gateway and Interop system-log layouts; earlier
//! versions are [`OperatorError::UnsupportedProtocolVersion`]). Every piece is built with the
//! crate's own encoders:
//!
//! - system-log keys, numbers and senders: [`system_logs`](crate::system_logs);
//! - pubdata, the rollup DA header and `operatorDAInput`: [`pubdata`](crate::pubdata);
//! - the L2→L1 log tree root: [`log_tree`](crate::log_tree);
//! - the priority operations hash: [`priority`](crate::priority);
//! - the commitment: the Executor's own
//!   [`create_batch_commitment`](crate::executor_model::create_batch_commitment) over the DA
//!   output the chain's L1 DA validator returns for this input.
//!
//! DA modes ([`DaMode`]): rollup pubdata in calldata (`PubdataSendingMode::Calldata`, checked by
//! `RollupL1DAValidator`) and a no-DA validium (`ValidiumL2DAValidator` /
//! `ValidiumL1DAValidator`). Blob DA needs KZG openings of the pubdata, which this crate does not
//! compute; [`encode_rollup_blobs_da_input`](crate::pubdata::commit::encode_rollup_blobs_da_input)
//! encodes them when the caller has them.
//!
//! ```
//! use zkstack_l1::executor_model::{
//!     ChainConfig, L1Context, L1Executor, RollupL1DaValidator, SettlementLayer,
//!     genesis_stored_batch_info,
//! };
//! use zkstack_l1::mailbox::{BaseTokenMultiplier, FeeParams, PubdataPricingMode};
//! use zkstack_l1::operator::{BatchOutputs, DaMode};
//! use zkstack_l1::{Address, B256, ProtocolVersionId, U256};
//!
//! let chain = ChainConfig {
//!     chain_id: U256::from(270),
//!     protocol_version: ProtocolVersionId::INTEROP,
//!     l1_chain_id: U256::from(9),
//!     settlement_layer: SettlementLayer::L1,
//!     l2_bootloader_bytecode_hash: B256::repeat_byte(0xb0),
//!     l2_default_account_bytecode_hash: B256::repeat_byte(0xaa),
//!     l2_evm_emulator_bytecode_hash: B256::repeat_byte(0xee),
//!     l2_da_validator: Address::repeat_byte(0xda),
//!     fee_params: FeeParams {
//!         pubdata_pricing_mode: PubdataPricingMode::Rollup,
//!         batch_overhead_l1_gas: 800_000,
//!         max_pubdata_per_batch: 120_000,
//!         max_l2_gas_per_batch: 80_000_000,
//!         priority_tx_max_pubdata: 99_000,
//!         minimal_l2_gas_price: 250_000_000,
//!     },
//!     base_token_multiplier: BaseTokenMultiplier::ETH,
//!     priority_tx_max_gas_limit: U256::from(72_000_000u64),
//! };
//! let genesis = genesis_stored_batch_info(B256::repeat_byte(1), 50, B256::repeat_byte(0xc0));
//! let mut l1 = L1Executor::new(chain.clone(), &genesis, RollupL1DaValidator::new()).unwrap();
//!
//! let batch = BatchOutputs {
//!     number: 1,
//!     timestamp: 1_750_000_000,
//!     last_l2_block_timestamp: 1_750_000_001,
//!     prev_batch_hash: genesis.batchHash,
//!     new_state_root: B256::repeat_byte(2),
//!     index_repeated_storage_changes: 50,
//!     ..BatchOutputs::default()
//! };
//! let da = DaMode::RollupCalldata { blob_commitment: B256::repeat_byte(3) };
//! let data = batch.commit_data(&chain, &da).unwrap();
//! l1.commit(&genesis, &[data.commit_info.clone()], &L1Context::at(1_750_000_100)).unwrap();
//! assert_eq!(l1.stored_batch_hash(1), data.stored_batch_info.hash());
//! ```

mod commit;
mod error;
mod outputs;

pub use commit::{CommitData, DaMode};
pub use error::OperatorError;
pub use outputs::BatchOutputs;
