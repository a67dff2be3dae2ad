//! ZKsync's native transaction type 0x71, signed with EIP-712.
//!
//! Wire form (zksync-era `core/lib/types/src/transaction_request.rs`, `TransactionRequest::rlp`
//! and `from_bytes_unverified`; zksync-ethers `serializeEip712`):
//!
//! `0x71 ‖ rlp([nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, v, r, s,
//! chainId, from, gasPerPubdata, [factoryDeps…], customSignature, paymasterParams])`
//!
//! where `paymasterParams` is `[]` or `[paymaster, paymasterInput]`.
//!
//! The sender is the declared `from`, not a recovered key: the account itself validates the
//! signature. The signature the account sees is `customSignature` when it is not empty, and
//! otherwise `r ‖ s ‖ (v + 27)`. The transaction hash is
//! `keccak256(signedHash ‖ keccak256(signature))`.

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use alloy_rlp::Encodable;
use zkstack_l1::priority::address_to_u256 as address_word;
use zkstack_l1::pubdata::bytecode::{BytecodeError, bytecode_hash};

use super::eip712_hash::{Eip712Message, signing_hash};
use super::error::{DecodeError, SignatureError};
use super::rlp::{Fields, encode_list, encode_optional_address, wrap_list};
use super::signature::EcdsaSignature;

/// Type byte of ZKsync EIP-712 transactions.
pub const EIP_712_TX_TYPE: u8 = 0x71;

/// Default `gasPerPubdata` of wallets (zksync-ethers `DEFAULT_GAS_PER_PUBDATA_LIMIT`,
/// zksync-era `DEFAULT_L2_TX_GAS_PER_PUBDATA_BYTE`).
pub const DEFAULT_GAS_PER_PUBDATA_LIMIT: u64 = 50_000;

/// The paymaster that pays for a transaction and what it is told.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PaymasterParams {
    /// The paymaster contract.
    pub paymaster: Address,
    /// Its input, usually a [`crate::tx::paymaster`] flow.
    pub paymaster_input: Bytes,
}

/// A factory dependency that is not a valid EraVM bytecode (zksync-era `validate_factory_deps`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("factory dependency #{index} is invalid: {source}")]
pub struct InvalidFactoryDep {
    /// Its position in the list.
    pub index: usize,
    /// Why it is invalid.
    pub source: BytecodeError,
}

/// A ZKsync EIP-712 transaction, field for field as it travels.
///
/// `v`, `r` and `s` are kept exactly as written: wallets that put the signature into
/// `custom_signature` (zksync-ethers `Wallet.signTransaction`) write `v = chainId, r = s = 0`,
/// others (zksync-era, alloy-zksync) write `v = yParity` and leave `custom_signature` empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Eip712Tx {
    /// Chain id (also the EIP-712 domain's `chainId`).
    pub chain_id: u64,
    /// Sender nonce.
    pub nonce: U256,
    /// Maximum priority fee per gas.
    pub max_priority_fee_per_gas: U256,
    /// Maximum fee per gas.
    pub max_fee_per_gas: U256,
    /// Gas limit.
    pub gas_limit: U256,
    /// Callee. zksync-era refuses a 0x71 transaction without one (`ToAddressIsNull`).
    pub to: Option<Address>,
    /// Value sent.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Raw `v`: the y parity, or anything when `custom_signature` carries the signature.
    pub v: u64,
    /// Raw `r`.
    pub r: U256,
    /// Raw `s`.
    pub s: U256,
    /// The sender (account) address.
    pub from: Address,
    /// Gas per pubdata byte limit.
    pub gas_per_pubdata: U256,
    /// Bytecodes to publish with the transaction.
    pub factory_deps: Vec<Bytes>,
    /// The account's signature when it is not an ECDSA `v, r, s` (empty if none).
    pub custom_signature: Bytes,
    /// Paymaster, if any.
    pub paymaster: Option<PaymasterParams>,
    /// Write an absent paymaster as the empty string `0x80` instead of the empty list `0xc0`
    /// (alloy-zksync does; zksync-era reads both). Only affects [`Self::encode`].
    pub no_paymaster_as_empty_string: bool,
}

impl Eip712Tx {
    /// The bytecode hash of every factory dependency, validating each.
    pub fn factory_dep_hashes(&self) -> Result<Vec<B256>, InvalidFactoryDep> {
        self.factory_deps
            .iter()
            .enumerate()
            .map(|(index, dep)| {
                bytecode_hash(dep).map_err(|source| InvalidFactoryDep { index, source })
            })
            .collect()
    }

    /// The EIP-712 message this transaction's signer signs.
    fn message(&self) -> Result<Eip712Message, InvalidFactoryDep> {
        let (paymaster, paymaster_input) = match &self.paymaster {
            Some(p) => (address_word(p.paymaster), p.paymaster_input.clone()),
            None => (U256::ZERO, Bytes::new()),
        };
        Ok(Eip712Message {
            txType: U256::from(EIP_712_TX_TYPE),
            from: address_word(self.from),
            to: address_word(self.to.unwrap_or_default()),
            gasLimit: self.gas_limit,
            gasPerPubdataByteLimit: self.gas_per_pubdata,
            maxFeePerGas: self.max_fee_per_gas,
            maxPriorityFeePerGas: self.max_priority_fee_per_gas,
            paymaster,
            nonce: self.nonce,
            value: self.value,
            data: self.data.clone(),
            factoryDeps: self.factory_dep_hashes()?,
            paymasterInput: paymaster_input,
        })
    }

    /// The EIP-712 signing hash (era-contracts `TransactionHelper._encodeHashEIP712Transaction`).
    pub fn signed_hash(&self) -> Result<B256, InvalidFactoryDep> {
        Ok(signing_hash(&self.message()?, self.chain_id))
    }

    /// The ECDSA signature in `v, r, s` (`None` unless `v` is 0 or 1).
    pub fn vrs_signature(&self) -> Option<EcdsaSignature> {
        match self.v {
            0 | 1 => Some(EcdsaSignature { r: self.r, s: self.s, y_parity: self.v == 1 }),
            _ => None,
        }
    }

    /// The signature the account is given: `custom_signature` if not empty, else
    /// `r ‖ s ‖ (v + 27)` (zksync-era `TransactionRequest::get_signature`).
    pub fn signature_bytes(&self) -> Result<Bytes, SignatureError> {
        if !self.custom_signature.is_empty() {
            return Ok(self.custom_signature.clone());
        }
        self.vrs_signature()
            .map(|sig| Bytes::copy_from_slice(&sig.to_packed()))
            .ok_or(SignatureError::V(self.v))
    }

    /// The transaction hash `keccak256(signedHash ‖ keccak256(signature))`.
    pub fn hash_with(&self, signed_hash: B256) -> Result<B256, SignatureError> {
        let mut preimage = [0u8; 64];
        preimage[..32].copy_from_slice(signed_hash.as_slice());
        preimage[32..].copy_from_slice(keccak256(self.signature_bytes()?).as_slice());
        Ok(keccak256(preimage))
    }

    /// Recovers the ECDSA signer, as DefaultAccount would, from [`Self::signature_bytes`].
    pub fn recover_signer(&self, signed_hash: &B256) -> Result<Address, SignatureError> {
        EcdsaSignature::from_packed(&self.signature_bytes()?)?.recover(signed_hash)
    }

    /// Puts an ECDSA signature into `v, r, s` and clears `custom_signature` (zksync-era
    /// `get_signed_bytes`, alloy-zksync).
    pub fn set_vrs_signature(&mut self, signature: &EcdsaSignature) {
        self.v = u64::from(signature.y_parity);
        self.r = signature.r;
        self.s = signature.s;
        self.custom_signature = Bytes::new();
    }

    /// Puts a signature into `custom_signature` and `v, r, s` to `chainId, 0, 0`, as zksync-ethers
    /// `Wallet.signTransaction` does.
    pub fn set_custom_signature(&mut self, signature: Bytes) {
        self.v = self.chain_id;
        self.r = U256::ZERO;
        self.s = U256::ZERO;
        self.custom_signature = signature;
    }

    /// The transaction's bytes, type byte included.
    pub fn encode(&self) -> Vec<u8> {
        let deps_len: usize = self.factory_deps.iter().map(|d| d.len() + 5).sum();
        encode_list(Some(EIP_712_TX_TYPE), self.data.len() + deps_len + 400, |body| {
            self.nonce.encode(body);
            self.max_priority_fee_per_gas.encode(body);
            self.max_fee_per_gas.encode(body);
            self.gas_limit.encode(body);
            encode_optional_address(self.to.as_ref(), body);
            self.value.encode(body);
            self.data.encode(body);
            self.v.encode(body);
            self.r.encode(body);
            self.s.encode(body);
            self.chain_id.encode(body);
            self.from.encode(body);
            self.gas_per_pubdata.encode(body);
            let mut deps = Vec::with_capacity(deps_len);
            for dep in &self.factory_deps {
                dep.encode(&mut deps);
            }
            wrap_list(&deps, body);
            self.custom_signature.encode(body);
            match &self.paymaster {
                Some(p) => {
                    let mut params = Vec::with_capacity(p.paymaster_input.len() + 26);
                    p.paymaster.encode(&mut params);
                    p.paymaster_input.encode(&mut params);
                    wrap_list(&params, body);
                }
                None if self.no_paymaster_as_empty_string => {
                    body.push(alloy_rlp::EMPTY_STRING_CODE);
                }
                None => body.push(alloy_rlp::EMPTY_LIST_CODE),
            }
        })
    }

    /// Decodes `rlp([...])`, the bytes after the type byte, and validates the factory
    /// dependencies as zksync-era does.
    pub fn decode_fields(payload: &[u8]) -> Result<Self, DecodeError> {
        let mut fields = Fields::whole(payload, "EIP-712 transaction")?;
        let mut tx = Self {
            nonce: fields.u256("nonce")?,
            max_priority_fee_per_gas: fields.u256("maxPriorityFeePerGas")?,
            max_fee_per_gas: fields.u256("maxFeePerGas")?,
            gas_limit: fields.u256("gasLimit")?,
            to: fields.optional_address("to")?,
            value: fields.u256("value")?,
            data: fields.owned_bytes("data")?,
            v: fields.u64("v")?,
            r: fields.u256("r")?,
            s: fields.u256("s")?,
            chain_id: fields.u64("chainId")?,
            from: fields.address("from")?,
            gas_per_pubdata: fields.u256("gasPerPubdata")?,
            ..Self::default()
        };
        let mut deps = fields.list("factoryDeps")?;
        while !deps.is_empty() {
            tx.factory_deps.push(deps.owned_bytes("factoryDep")?);
        }
        tx.custom_signature = fields.owned_bytes("customSignature")?;
        match fields.peek_is_list() {
            Some(true) => {
                let mut params = fields.list("paymasterParams")?;
                if !params.is_empty() {
                    let paymaster =
                        params.address("paymaster").map_err(|_| DecodeError::PaymasterParams)?;
                    let paymaster_input = params
                        .owned_bytes("paymasterInput")
                        .map_err(|_| DecodeError::PaymasterParams)?;
                    params.finish().map_err(|_| DecodeError::PaymasterParams)?;
                    tx.paymaster = Some(PaymasterParams { paymaster, paymaster_input });
                }
            }
            Some(false) => {
                if !fields.bytes("paymasterParams")?.is_empty() {
                    return Err(DecodeError::PaymasterParams);
                }
                tx.no_paymaster_as_empty_string = true;
            }
            None => {
                return Err(DecodeError::Field {
                    field: "paymasterParams",
                    source: alloy_rlp::Error::InputTooShort,
                });
            }
        }
        fields.finish()?;
        tx.factory_dep_hashes().map_err(DecodeError::FactoryDep)?;
        Ok(tx)
    }
}
