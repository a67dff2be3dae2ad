//! Strict RLP reading and the few writing helpers the wire formats share.

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_rlp::{Decodable, Encodable, Header};

use super::error::DecodeError;
use super::signature::EcdsaSignature;

/// Reads the fields of one RLP list, in order, naming each field in errors.
pub(crate) struct Fields<'a> {
    buf: &'a [u8],
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// Opens the list that makes up all of `bytes` (nothing may follow it).
    pub(crate) fn whole(bytes: &'a [u8], what: &'static str) -> Result<Self, DecodeError> {
        let mut buf = bytes;
        let header = Header::decode(&mut buf).map_err(DecodeError::Rlp)?;
        if !header.list {
            return Err(DecodeError::NotAList(what));
        }
        let rest = buf.len() - header.payload_length;
        if rest != 0 {
            return Err(DecodeError::TrailingBytes(rest));
        }
        Ok(Self { buf, what })
    }

    /// Opens a nested list field.
    pub(crate) fn list(&mut self, field: &'static str) -> Result<Fields<'a>, DecodeError> {
        let header = Header::decode(&mut self.buf).map_err(DecodeError::field(field))?;
        if !header.list {
            return Err(DecodeError::NotAList(field));
        }
        let (payload, rest) = self.buf.split_at(header.payload_length);
        self.buf = rest;
        Ok(Fields { buf: payload, what: field })
    }

    /// Whether every field has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Requires that every field has been read.
    pub(crate) fn finish(self) -> Result<(), DecodeError> {
        if self.buf.is_empty() { Ok(()) } else { Err(DecodeError::ExtraFields(self.what)) }
    }

    /// A canonical unsigned integer of at most 256 bits.
    pub(crate) fn u256(&mut self, field: &'static str) -> Result<U256, DecodeError> {
        U256::decode(&mut self.buf).map_err(DecodeError::field(field))
    }

    /// A canonical unsigned integer of at most 64 bits.
    pub(crate) fn u64(&mut self, field: &'static str) -> Result<u64, DecodeError> {
        u64::decode(&mut self.buf).map_err(DecodeError::field(field))
    }

    /// A byte string.
    pub(crate) fn bytes(&mut self, field: &'static str) -> Result<&'a [u8], DecodeError> {
        Header::decode_bytes(&mut self.buf, false).map_err(DecodeError::field(field))
    }

    /// A byte string copied out.
    pub(crate) fn owned_bytes(&mut self, field: &'static str) -> Result<Bytes, DecodeError> {
        self.bytes(field).map(Bytes::copy_from_slice)
    }

    /// A 20-byte address.
    pub(crate) fn address(&mut self, field: &'static str) -> Result<Address, DecodeError> {
        let raw = self.bytes(field)?;
        Address::try_from(raw).map_err(|_| DecodeError::AddressLength { field, len: raw.len() })
    }

    /// An address or the empty string (contract creation).
    pub(crate) fn optional_address(
        &mut self,
        field: &'static str,
    ) -> Result<Option<Address>, DecodeError> {
        let raw = self.bytes(field)?;
        if raw.is_empty() {
            return Ok(None);
        }
        Address::try_from(raw)
            .map(Some)
            .map_err(|_| DecodeError::AddressLength { field, len: raw.len() })
    }

    /// A 32-byte string.
    pub(crate) fn b256(&mut self, field: &'static str) -> Result<B256, DecodeError> {
        B256::decode(&mut self.buf).map_err(DecodeError::field(field))
    }

    /// The `yParity, r, s` that end a typed (EIP-2718) transaction; the parity must be 0 or 1.
    pub(crate) fn y_parity_signature(&mut self) -> Result<EcdsaSignature, DecodeError> {
        let y_parity = match self.u64("yParity")? {
            0 => false,
            1 => true,
            other => return Err(DecodeError::YParity(other)),
        };
        Ok(EcdsaSignature { r: self.u256("r")?, s: self.u256("s")?, y_parity })
    }

    /// The next item, whatever it is, without consuming it: `Some(true)` for a list.
    pub(crate) fn peek_is_list(&self) -> Option<bool> {
        self.buf.first().map(|&b| b >= alloy_rlp::EMPTY_LIST_CODE)
    }
}

/// Encodes `to`, the empty string standing for contract creation.
pub(crate) fn encode_optional_address(to: Option<&Address>, out: &mut Vec<u8>) {
    match to {
        Some(address) => address.encode(out),
        None => out.push(alloy_rlp::EMPTY_STRING_CODE),
    }
}

/// Wraps an already encoded payload in a list header.
pub(crate) fn wrap_list(payload: &[u8], out: &mut Vec<u8>) {
    Header { list: true, payload_length: payload.len() }.encode(out);
    out.extend_from_slice(payload);
}

/// Appends `yParity, r, s`, the end of a signed typed (EIP-2718) transaction.
pub(crate) fn encode_y_parity_signature(signature: &EcdsaSignature, out: &mut Vec<u8>) {
    u8::from(signature.y_parity).encode(out);
    signature.r.encode(out);
    signature.s.encode(out);
}

/// `txType ‖ rlp([…])` (or, with no type byte, a legacy transaction's bare list), the list's
/// payload written by `write`; `capacity` is a guess at the payload's length.
pub(crate) fn encode_list(
    tx_type: Option<u8>,
    capacity: usize,
    write: impl FnOnce(&mut Vec<u8>),
) -> Vec<u8> {
    let mut body = Vec::with_capacity(capacity);
    write(&mut body);
    let mut out = Vec::with_capacity(body.len() + 10);
    out.extend(tx_type);
    wrap_list(&body, &mut out);
    out
}
