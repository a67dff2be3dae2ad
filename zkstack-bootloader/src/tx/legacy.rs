//! Legacy (type 0) transactions, with and without EIP-155 replay protection.

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use alloy_rlp::Encodable;

use super::error::DecodeError;
use super::rlp::{Fields, encode_list, encode_optional_address};
use super::signature::EcdsaSignature;

/// A legacy transaction: `rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s])`.
///
/// `v` is not stored: it is `27 + yParity` without a chain id and `35 + 2·chainId + yParity`
/// with one (EIP-155), which is also how zksync-era `PackedEthSignature::unpack_v` reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LegacyTx {
    /// Sender nonce.
    pub nonce: U256,
    /// Gas price (the bootloader's `maxFeePerGas` and `maxPriorityFeePerGas`).
    pub gas_price: U256,
    /// Gas limit.
    pub gas_limit: U256,
    /// Callee; `None` deploys an EVM contract.
    pub to: Option<Address>,
    /// Value sent.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// EIP-155 chain id, if the signature commits to one.
    pub chain_id: Option<u64>,
    /// The signature.
    pub signature: EcdsaSignature,
}

impl LegacyTx {
    fn encode_body(&self, out: &mut Vec<u8>) {
        self.nonce.encode(out);
        self.gas_price.encode(out);
        self.gas_limit.encode(out);
        encode_optional_address(self.to.as_ref(), out);
        self.value.encode(out);
        self.data.encode(out);
    }

    /// `v` as it appears on the wire.
    pub fn v(&self) -> u128 {
        let parity = u128::from(self.signature.y_parity);
        match self.chain_id {
            Some(chain_id) => 35 + 2 * u128::from(chain_id) + parity,
            None => 27 + parity,
        }
    }

    /// The signed payload: the six fields, plus `chainId, 0, 0` under EIP-155.
    pub fn signing_payload(&self) -> Vec<u8> {
        encode_list(None, self.data.len() + 128, |body| {
            self.encode_body(body);
            if let Some(chain_id) = self.chain_id {
                chain_id.encode(body);
                body.extend_from_slice(&[
                    alloy_rlp::EMPTY_STRING_CODE,
                    alloy_rlp::EMPTY_STRING_CODE,
                ]);
            }
        })
    }

    /// The hash the sender signs: keccak256 of [`Self::signing_payload`].
    pub fn signed_hash(&self) -> B256 {
        keccak256(self.signing_payload())
    }

    /// The signed transaction's bytes.
    pub fn encode(&self) -> Vec<u8> {
        encode_list(None, self.data.len() + 200, |body| {
            self.encode_body(body);
            self.v().encode(body);
            self.signature.r.encode(body);
            self.signature.s.encode(body);
        })
    }

    /// Decodes a signed legacy transaction (the whole input must be one RLP list).
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut fields = Fields::whole(bytes, "legacy transaction")?;
        let nonce = fields.u256("nonce")?;
        let gas_price = fields.u256("gasPrice")?;
        let gas_limit = fields.u256("gasLimit")?;
        let to = fields.optional_address("to")?;
        let value = fields.u256("value")?;
        let data = fields.owned_bytes("data")?;
        let v = fields.u64("v")?;
        let r = fields.u256("r")?;
        let s = fields.u256("s")?;
        fields.finish()?;
        let (y_parity, chain_id) = unpack_v(v)?;
        Ok(Self {
            nonce,
            gas_price,
            gas_limit,
            to,
            value,
            data,
            chain_id,
            signature: EcdsaSignature { r, s, y_parity },
        })
    }
}

/// Splits a legacy `v` into the y parity and the EIP-155 chain id.
pub fn unpack_v(v: u64) -> Result<(bool, Option<u64>), DecodeError> {
    match v {
        27 => Ok((false, None)),
        28 => Ok((true, None)),
        35.. => {
            let chain_id = (v - 35) / 2;
            Ok(((v - 35) % 2 == 1, Some(chain_id)))
        }
        _ => Err(DecodeError::LegacyV(v)),
    }
}
