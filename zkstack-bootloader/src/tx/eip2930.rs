//! EIP-2930 (type 1) transactions.

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use alloy_rlp::Encodable;

use super::access_list::{AccessList, decode_access_list, encode_access_list};
use super::error::DecodeError;
use super::rlp::{Fields, encode_list, encode_optional_address, encode_y_parity_signature};
use super::signature::EcdsaSignature;

/// Type byte of EIP-2930 transactions.
pub const EIP_2930_TX_TYPE: u8 = 0x01;

/// An EIP-2930 transaction: `0x01 ‖ rlp([chainId, nonce, gasPrice, gasLimit, to, value, data,
/// accessList, yParity, r, s])`.
///
/// The bootloader can hash and execute it (era-contracts `TransactionHelper`
/// `_encodeHashEIP2930Transaction`, with an empty access list), but the zksync-era API refuses
/// type 1 on submission (`AccessListsNotSupported`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Eip2930Tx {
    /// Chain id.
    pub chain_id: u64,
    /// Sender nonce.
    pub nonce: U256,
    /// Gas price.
    pub gas_price: U256,
    /// Gas limit.
    pub gas_limit: U256,
    /// Callee; `None` deploys an EVM contract.
    pub to: Option<Address>,
    /// Value sent.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Access list.
    pub access_list: AccessList,
    /// The signature.
    pub signature: EcdsaSignature,
}

impl Eip2930Tx {
    fn encode_body(&self, out: &mut Vec<u8>) {
        self.chain_id.encode(out);
        self.nonce.encode(out);
        self.gas_price.encode(out);
        self.gas_limit.encode(out);
        encode_optional_address(self.to.as_ref(), out);
        self.value.encode(out);
        self.data.encode(out);
        encode_access_list(&self.access_list, out);
    }

    /// The signed payload `0x01 ‖ rlp([chainId, …, accessList])`.
    pub fn signing_payload(&self) -> Vec<u8> {
        encode_list(Some(EIP_2930_TX_TYPE), self.data.len() + 128, |body| self.encode_body(body))
    }

    /// The hash the sender signs.
    pub fn signed_hash(&self) -> B256 {
        keccak256(self.signing_payload())
    }

    /// The signed transaction's bytes, type byte included.
    pub fn encode(&self) -> Vec<u8> {
        encode_list(Some(EIP_2930_TX_TYPE), self.data.len() + 200, |body| {
            self.encode_body(body);
            encode_y_parity_signature(&self.signature, body);
        })
    }

    /// Decodes `rlp([...])`, the bytes after the type byte.
    pub fn decode_fields(payload: &[u8]) -> Result<Self, DecodeError> {
        let mut fields = Fields::whole(payload, "EIP-2930 transaction")?;
        let tx = Self {
            chain_id: fields.u64("chainId")?,
            nonce: fields.u256("nonce")?,
            gas_price: fields.u256("gasPrice")?,
            gas_limit: fields.u256("gasLimit")?,
            to: fields.optional_address("to")?,
            value: fields.u256("value")?,
            data: fields.owned_bytes("data")?,
            access_list: decode_access_list(&mut fields)?,
            signature: fields.y_parity_signature()?,
        };
        fields.finish()?;
        Ok(tx)
    }
}
