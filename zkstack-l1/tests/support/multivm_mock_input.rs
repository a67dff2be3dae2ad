//! `mock_input` of zksync_multivm 29.13.0-non-semver-compat `src/pubdata_builders/tests.rs`,
//! transcribed: the input its expected pubdata strings were made from. Shared by zkstack-l1's and
//! zkstack-bootloader's pubdata tests (`#[path]`-included; the including file imports
//! `PubdataInput`, `StateDiffRecord` and `L2ToL1Log` from zkstack-l1).

use alloy_primitives::{Address, B256, Bytes, U256};

use super::{L2ToL1Log, PubdataInput, StateDiffRecord};

/// The multivm builder tests' `mock_input`.
pub fn mock_input() -> PubdataInput {
    let addr = |low: u16| Address::left_padding_from(&low.to_be_bytes());
    let word = |n: u64| B256::from(U256::from(n));
    let bytecode =
        hex::decode(format!("{}{}{}", "bb".repeat(32), "aa".repeat(32), "bb".repeat(32)))
            .expect("hex");
    let diff = |key: u64, derived: u64, index: u64, initial: u64, fin: u64| StateDiffRecord {
        address: addr(0x8002), // ACCOUNT_CODE_STORAGE_ADDRESS
        key: U256::from(key),
        derived_key: word(derived),
        enumeration_index: index,
        initial_value: U256::from(initial),
        final_value: U256::from(fin),
    };
    PubdataInput {
        user_logs: vec![L2ToL1Log {
            shard_id: 0,
            is_service: false,
            tx_number_in_block: 0,
            sender: addr(0x8001), // BOOTLOADER_ADDRESS
            key: word(1),
            value: word(128),
        }],
        messages: vec![Bytes::from(hex::decode("deadbeef").expect("hex"))],
        bytecodes: vec![Bytes::from(bytecode)],
        state_diffs: vec![diff(155, 125, 12, 11, 12), diff(156, 126, 0, 0, 14)],
    }
}
