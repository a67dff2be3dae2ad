//! The pubdata a ZK Stack batch publishes to L1, both directions.
//!
//! - [`value`], [`state_diffs`], [`record`]: state-diff compression (Compressor.sol format) and the
//!   272-byte uncompressed records with their hash;
//! - [`bytecode`]: bytecode compression (`publishCompressedBytecode` format) and the bytecode hash;
//! - [`layout`]: the full [`Pubdata`] (logs, messages, bytecodes, compressed state diffs);
//! - [`builder`]: what the L1Messenger and the settlement layer receive, per protocol version;
//! - [`blob`]: EIP-4844 blobs, linear hashes, KZG openings, the rollup DA header;
//! - [`commit`]: decoding the DA bytes of a commit call back to [`Pubdata`].
//!
//! ```
//! use zkstack_l1::pubdata::{CompressedStateDiffs, Pubdata, SlotRef, StateDiffRecord};
//! use zkstack_l1::{B256, U256};
//!
//! let record = StateDiffRecord {
//!     derived_key: B256::repeat_byte(1),
//!     enumeration_index: 0,
//!     final_value: U256::from(64u8),
//!     ..StateDiffRecord::default()
//! };
//! let pubdata = Pubdata::new(vec![], vec![], vec![], &[record]).unwrap();
//! let decoded = Pubdata::decode(&pubdata.encode().unwrap()).unwrap();
//! let values = decoded.state_diffs.decompress(|_slot: SlotRef| Some(U256::ZERO)).unwrap();
//! assert_eq!(values.initial[0].value, U256::from(64u8));
//! ```

pub mod blob;
pub mod builder;
pub mod bytecode;
pub mod commit;
mod error;
pub mod layout;
pub mod record;
pub mod state_diffs;
pub mod value;

pub use blob::{BLOB_SIZE_BYTES, KzgOpening, RollupDaHeader, blob_linear_hashes};
pub use builder::PubdataInput;
pub use bytecode::{
    BytecodeError, bytecode_hash, compress_bytecode, decompress_bytecode,
    verify_compressed_bytecode,
};
pub use commit::{CommitDaInput, DaPayload, decode_commit_da_input, pubdata_from_commit};
pub use error::{PubdataError, StateDiffError};
pub use layout::Pubdata;
pub use record::{StateDiffRecord, state_diffs_hash};
pub use state_diffs::{
    CompressedStateDiffs, InitialWrite, RepeatedWrite, SlotRef, StateDiffs, compress_state_diffs,
    verify_compressed_state_diffs,
};
pub use value::CompressedValue;
