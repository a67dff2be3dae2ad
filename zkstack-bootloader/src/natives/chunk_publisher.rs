//! PubdataChunkPublisher (0x8011): the linear hashes of the EIP-4844 blobs a batch's pubdata
//! fills (era-contracts v26 `PubdataChunkPublisher.sol`: a pure function, no state, no logs).
//!
//! Differs from the contract: ergs only.

use alloy_primitives::{B256, U256};
use alloy_sol_types::{SolCall, SolValue};
use zkstack_l1::pubdata::{BLOB_SIZE_BYTES, blob_linear_hashes};
use zkstack_vm::world::{NativeCall, NativeContract, NativeOutcome};

use super::calldata::{Calldata, Step, revert_empty, revert_with};
use super::errors::{IPubdataChunkPublisher, TooMuchPubdata};
use super::{calldata_of, finish, non_payable};

/// `MAX_NUMBER_OF_BLOBS`.
pub const MAX_NUMBER_OF_BLOBS: usize = 6;

/// The PubdataChunkPublisher native.
#[derive(Clone, Copy, Debug, Default)]
pub struct PubdataChunkPublisher;

impl NativeContract for PubdataChunkPublisher {
    fn call(&mut self, call: &mut NativeCall<'_>) -> NativeOutcome {
        let data = calldata_of(call);
        let cd = Calldata::new(&data);
        finish(match cd.selector() {
            Some(IPubdataChunkPublisher::chunkPubdataToBlobsCall::SELECTOR) => non_payable(call)
                .and_then(|()| {
                    cd.require_head(1)?;
                    let pubdata = cd.arg_dynamic(0, 1)?;
                    let hashes = chunk(cd.bytes(pubdata))?;
                    Ok((hashes,).abi_encode_params())
                }),
            _ => revert_empty(),
        })
    }
}

/// `chunkPubdataToBlobs(pubdata)`: the keccak of each zero-padded 126,976-byte blob.
///
/// # Errors
/// `TooMuchPubdata(limit, length)` above six blobs.
pub fn chunk(pubdata: &[u8]) -> Step<Vec<B256>> {
    let limit = BLOB_SIZE_BYTES * MAX_NUMBER_OF_BLOBS;
    if pubdata.len() > limit {
        return revert_with(&TooMuchPubdata {
            limit: U256::from(limit),
            supplied: U256::from(pubdata.len()),
        });
    }
    Ok(blob_linear_hashes(pubdata))
}
