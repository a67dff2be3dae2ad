//! EIP-2930 access lists, carried by types 1 and 2 (and always empty on ZKsync).

use alloy_primitives::{Address, B256};
use alloy_rlp::Encodable;

use super::error::DecodeError;
use super::rlp::{Fields, wrap_list};

/// One access list entry: an address and the storage keys it pre-warms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AccessListItem {
    /// The account.
    pub address: Address,
    /// Its storage keys.
    pub storage_keys: Vec<B256>,
}

/// An EIP-2930 access list. ZKsync executes only transactions whose list is empty (zksync-era
/// rejects others with `AccessListsNotSupported`; the bootloader hashes an empty list), but it is
/// decoded in full so that any transaction re-encodes to its own bytes.
pub type AccessList = Vec<AccessListItem>;

/// Reads an access list field.
pub(crate) fn decode_access_list(fields: &mut Fields<'_>) -> Result<AccessList, DecodeError> {
    let mut list = fields.list("accessList")?;
    let mut items = Vec::new();
    while !list.is_empty() {
        let mut item = list.list("accessList item")?;
        let address = item.address("accessList address")?;
        let mut keys_list = item.list("storageKeys")?;
        let mut storage_keys = Vec::new();
        while !keys_list.is_empty() {
            storage_keys.push(keys_list.b256("storageKey")?);
        }
        item.finish()?;
        items.push(AccessListItem { address, storage_keys });
    }
    Ok(items)
}

/// Appends the RLP of an access list.
pub(crate) fn encode_access_list(list: &[AccessListItem], out: &mut Vec<u8>) {
    let mut payload = Vec::new();
    for item in list {
        let mut inner = Vec::new();
        item.address.encode(&mut inner);
        let mut keys = Vec::with_capacity(item.storage_keys.len() * 33);
        for key in &item.storage_keys {
            key.encode(&mut keys);
        }
        wrap_list(&keys, &mut inner);
        wrap_list(&inner, &mut payload);
    }
    wrap_list(&payload, out);
}
