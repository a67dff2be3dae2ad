//! The pubdata builder: collects what a batch publishes from its execution and builds the
//! L1Messenger's operator input and the settlement-layer pubdata.
//!
//! - [`state_diff_records`]: storage changes → the sorted state-diff records, enumeration indices
//!   from the [`crate::state_tree`];
//! - [`PubdataBuilder`]: rollup / no-DA validium operator input, settlement-layer pubdata, the
//!   bootloader-memory layout of the input, the L2 DA validator header.
//!
//! The formats themselves (logs, messages, bytecodes, compressed state diffs, chained hashes,
//! records) are zkstack-l1's [`crate::l1::pubdata`]; this module only gathers and dispatches.
//!
//! ```
//! use zkstack_bootloader::pubdata_builder::{PubdataBuilder, StorageChange, state_diff_records_from_tree};
//! use zkstack_bootloader::state_tree::StateTree;
//! use zkstack_bootloader::l1::{Address, ProtocolVersionId, U256, pubdata::PubdataInput};
//!
//! let tree = StateTree::in_memory();
//! let change = StorageChange { address: Address::repeat_byte(1), key: U256::from(1u8),
//!     initial_value: U256::ZERO, final_value: U256::from(5u8) };
//! let records = state_diff_records_from_tree([change], &tree).unwrap();
//! assert_eq!(records[0].enumeration_index, 0); // an initial write
//! let input = PubdataInput { state_diffs: records, ..PubdataInput::default() };
//! let builder = PubdataBuilder::rollup(Address::repeat_byte(0xda));
//! let pubdata = builder.settlement_layer_pubdata(&input, ProtocolVersionId::GATEWAY).unwrap();
//! assert!(!pubdata.is_empty());
//! ```

mod builder;
mod state_diffs;

pub use builder::{DaMode, L1MessengerMemory, PubdataBuilder};
pub use state_diffs::{
    StorageChange, state_diff_records, state_diff_records_from_tree, tree_writes,
};
