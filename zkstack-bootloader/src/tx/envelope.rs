//! [`Transaction`]: every kind of transaction a ZK Stack chain executes, and its wire form.

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use k256::ecdsa::SigningKey;

use super::eip712::DEFAULT_GAS_PER_PUBDATA_LIMIT;
use super::eip712::{EIP_712_TX_TYPE, Eip712Tx, PaymasterParams};
use super::eip1559::{EIP_1559_TX_TYPE, Eip1559Tx};
use super::eip2930::{EIP_2930_TX_TYPE, Eip2930Tx};
use super::error::{DecodeError, SignatureError, TxError};
use super::l1::{L1Tx, L1TxKind};
use super::legacy::LegacyTx;
use super::signature::EcdsaSignature;

/// The `txType` the bootloader sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxType {
    /// Legacy, 0.
    Legacy,
    /// EIP-2930, 1.
    Eip2930,
    /// EIP-1559, 2.
    Eip1559,
    /// ZKsync EIP-712, 0x71.
    Eip712,
    /// Protocol upgrade, 254.
    Upgrade,
    /// L1→L2 priority operation, 255.
    Priority,
}

impl TxType {
    /// The numeric type.
    pub const fn as_u8(self) -> u8 {
        match self {
            Self::Legacy => 0,
            Self::Eip2930 => EIP_2930_TX_TYPE,
            Self::Eip1559 => EIP_1559_TX_TYPE,
            Self::Eip712 => EIP_712_TX_TYPE,
            Self::Upgrade => L1TxKind::Upgrade.tx_type(),
            Self::Priority => L1TxKind::Priority.tx_type(),
        }
    }

    /// Whether Ethereum defines the type (legacy, 2930, 1559): the sender is recovered from the
    /// signature and the transaction hash is keccak256 of the raw bytes.
    pub const fn is_ethereum(self) -> bool {
        matches!(self, Self::Legacy | Self::Eip2930 | Self::Eip1559)
    }
}

/// A transaction of any kind.
///
/// [`Transaction::decode`] reads the form each kind travels in: RLP (typed by a leading type byte
/// or, for legacy, a list header) for L2 transactions, and `abi.encode` of the canonical struct
/// (first byte `0x00`) for L1 ones. [`Transaction::encode`] writes exactly the bytes decoded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Transaction {
    /// Legacy (type 0), with or without EIP-155.
    Legacy(LegacyTx),
    /// EIP-2930 (type 1).
    Eip2930(Eip2930Tx),
    /// EIP-1559 (type 2).
    Eip1559(Eip1559Tx),
    /// ZKsync EIP-712 (type 0x71).
    Eip712(Eip712Tx),
    /// From L1: a priority operation (255) or an upgrade (254).
    L1(L1Tx),
}

impl Transaction {
    /// Decodes a transaction.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let (&first, rest) = bytes.split_first().ok_or(DecodeError::Empty)?;
        match first {
            // zksync-era routes every first byte ≥ 0x80 to the legacy decoder.
            0x80.. => LegacyTx::decode(bytes).map(Self::Legacy),
            EIP_2930_TX_TYPE => Eip2930Tx::decode_fields(rest).map(Self::Eip2930),
            EIP_1559_TX_TYPE => Eip1559Tx::decode_fields(rest).map(Self::Eip1559),
            EIP_712_TX_TYPE => Eip712Tx::decode_fields(rest).map(Self::Eip712),
            // The ABI encoding starts with the tuple's offset word 0x…20.
            0x00 => L1Tx::decode(bytes).map(Self::L1),
            other => Err(DecodeError::UnknownType(other)),
        }
    }

    /// The transaction's bytes, as [`Self::decode`] reads them.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::Legacy(tx) => tx.encode(),
            Self::Eip2930(tx) => tx.encode(),
            Self::Eip1559(tx) => tx.encode(),
            Self::Eip712(tx) => tx.encode(),
            Self::L1(tx) => tx.encode(),
        }
    }

    /// The type.
    pub fn tx_type(&self) -> TxType {
        match self {
            Self::Legacy(_) => TxType::Legacy,
            Self::Eip2930(_) => TxType::Eip2930,
            Self::Eip1559(_) => TxType::Eip1559,
            Self::Eip712(_) => TxType::Eip712,
            Self::L1(tx) => match tx.kind() {
                L1TxKind::Priority => TxType::Priority,
                L1TxKind::Upgrade => TxType::Upgrade,
            },
        }
    }

    /// The chain id the transaction commits to, if any (not legacy without EIP-155, not L1).
    pub fn chain_id(&self) -> Option<u64> {
        match self {
            Self::Legacy(tx) => tx.chain_id,
            Self::Eip2930(tx) => Some(tx.chain_id),
            Self::Eip1559(tx) => Some(tx.chain_id),
            Self::Eip712(tx) => Some(tx.chain_id),
            Self::L1(_) => None,
        }
    }

    /// The nonce (for L1 transactions, the serial id).
    pub fn nonce(&self) -> U256 {
        match self {
            Self::Legacy(tx) => tx.nonce,
            Self::Eip2930(tx) => tx.nonce,
            Self::Eip1559(tx) => tx.nonce,
            Self::Eip712(tx) => tx.nonce,
            Self::L1(tx) => tx.serial_id(),
        }
    }

    /// The callee (`None`: contract creation).
    pub fn to(&self) -> Option<Address> {
        match self {
            Self::Legacy(tx) => tx.to,
            Self::Eip2930(tx) => tx.to,
            Self::Eip1559(tx) => tx.to,
            Self::Eip712(tx) => tx.to,
            Self::L1(tx) => Some(tx.to()),
        }
    }

    /// The value sent.
    pub fn value(&self) -> U256 {
        match self {
            Self::Legacy(tx) => tx.value,
            Self::Eip2930(tx) => tx.value,
            Self::Eip1559(tx) => tx.value,
            Self::Eip712(tx) => tx.value,
            Self::L1(tx) => tx.canonical().value,
        }
    }

    /// The calldata.
    pub fn data(&self) -> &Bytes {
        match self {
            Self::Legacy(tx) => &tx.data,
            Self::Eip2930(tx) => &tx.data,
            Self::Eip1559(tx) => &tx.data,
            Self::Eip712(tx) => &tx.data,
            Self::L1(tx) => &tx.canonical().data,
        }
    }

    /// The gas limit.
    pub fn gas_limit(&self) -> U256 {
        match self {
            Self::Legacy(tx) => tx.gas_limit,
            Self::Eip2930(tx) => tx.gas_limit,
            Self::Eip1559(tx) => tx.gas_limit,
            Self::Eip712(tx) => tx.gas_limit,
            Self::L1(tx) => tx.canonical().gasLimit,
        }
    }

    /// `maxFeePerGas` as the bootloader sees it (the gas price of legacy and 2930).
    pub fn max_fee_per_gas(&self) -> U256 {
        match self {
            Self::Legacy(tx) => tx.gas_price,
            Self::Eip2930(tx) => tx.gas_price,
            Self::Eip1559(tx) => tx.max_fee_per_gas,
            Self::Eip712(tx) => tx.max_fee_per_gas,
            Self::L1(tx) => tx.canonical().maxFeePerGas,
        }
    }

    /// `maxPriorityFeePerGas` as the bootloader sees it (the gas price of legacy and 2930,
    /// zksync-era `get_fee_data_checked`).
    pub fn max_priority_fee_per_gas(&self) -> U256 {
        match self {
            Self::Legacy(tx) => tx.gas_price,
            Self::Eip2930(tx) => tx.gas_price,
            Self::Eip1559(tx) => tx.max_priority_fee_per_gas,
            Self::Eip712(tx) => tx.max_priority_fee_per_gas,
            Self::L1(tx) => tx.canonical().maxPriorityFeePerGas,
        }
    }

    /// `gasPerPubdataByteLimit` as the bootloader sees it: Ethereum types do not sign one and get
    /// 50 000 (zksync-era multivm `MAX_GAS_PER_PUBDATA_BYTE`).
    pub fn gas_per_pubdata_limit(&self) -> U256 {
        match self {
            Self::Legacy(_) | Self::Eip2930(_) | Self::Eip1559(_) => {
                U256::from(DEFAULT_GAS_PER_PUBDATA_LIMIT)
            }
            Self::Eip712(tx) => tx.gas_per_pubdata,
            Self::L1(tx) => tx.canonical().gasPerPubdataByteLimit,
        }
    }

    /// The factory dependencies' bytecodes (L1 transactions carry only their hashes).
    pub fn factory_deps(&self) -> &[Bytes] {
        match self {
            Self::Eip712(tx) => &tx.factory_deps,
            _ => &[],
        }
    }

    /// The paymaster, if any.
    pub fn paymaster(&self) -> Option<&PaymasterParams> {
        match self {
            Self::Eip712(tx) => tx.paymaster.as_ref(),
            _ => None,
        }
    }

    /// The hash the sender signs (`None` for L1 transactions, which are not signed).
    pub fn signed_hash(&self) -> Result<Option<B256>, TxError> {
        Ok(match self {
            Self::Legacy(tx) => Some(tx.signed_hash()),
            Self::Eip2930(tx) => Some(tx.signed_hash()),
            Self::Eip1559(tx) => Some(tx.signed_hash()),
            Self::Eip712(tx) => Some(tx.signed_hash().map_err(DecodeError::FactoryDep)?),
            Self::L1(_) => None,
        })
    }

    /// The transaction hash: keccak256 of the bytes for Ethereum types,
    /// `keccak256(signedHash ‖ keccak256(signature))` for 0x71, the canonical hash for L1.
    pub fn hash(&self) -> Result<B256, TxError> {
        match self {
            Self::Eip712(tx) => {
                let signed = tx.signed_hash().map_err(DecodeError::FactoryDep)?;
                Ok(tx.hash_with(signed)?)
            }
            Self::L1(tx) => Ok(tx.hash()),
            _ => Ok(keccak256(self.encode())),
        }
    }

    /// The ECDSA signature of an Ethereum-type transaction.
    pub fn ecdsa_signature(&self) -> Option<&EcdsaSignature> {
        match self {
            Self::Legacy(tx) => Some(&tx.signature),
            Self::Eip2930(tx) => Some(&tx.signature),
            Self::Eip1559(tx) => Some(&tx.signature),
            Self::Eip712(_) | Self::L1(_) => None,
        }
    }

    /// The initiator: recovered from the signature for Ethereum types, the declared `from` for
    /// 0x71 (its account checks the signature), the canonical sender for L1.
    pub fn sender(&self) -> Result<Address, TxError> {
        match self {
            Self::Eip712(tx) => Ok(tx.from),
            Self::L1(tx) => Ok(tx.sender()),
            _ => self.recover_signer(),
        }
    }

    /// The ECDSA key that signed the transaction (for 0x71, if its signature is ECDSA).
    pub fn recover_signer(&self) -> Result<Address, TxError> {
        let signed = self.signed_hash()?.ok_or(SignatureError::Unsigned("L1"))?;
        if let Self::Eip712(tx) = self {
            return Ok(tx.recover_signer(&signed)?);
        }
        let signature = self.ecdsa_signature().ok_or(SignatureError::Unsigned("L1"))?;
        Ok(signature.recover(&signed)?)
    }

    /// Signs the transaction with `key` in place. 0x71 transactions get the signature in
    /// `v, r, s` ([`Eip712Tx::set_vrs_signature`]); their `from` is left as it is.
    pub fn sign(&mut self, key: &SigningKey) -> Result<(), TxError> {
        let signed = self.signed_hash()?.ok_or(SignatureError::Unsigned("L1"))?;
        let signature = EcdsaSignature::sign(key, &signed)?;
        match self {
            Self::Legacy(tx) => tx.signature = signature,
            Self::Eip2930(tx) => tx.signature = signature,
            Self::Eip1559(tx) => tx.signature = signature,
            Self::Eip712(tx) => tx.set_vrs_signature(&signature),
            Self::L1(_) => return Err(SignatureError::Unsigned("L1").into()),
        }
        Ok(())
    }
}

/// Signs `tx` with `key` and returns it (see [`Transaction::sign`]).
pub fn sign(mut tx: Transaction, key: &SigningKey) -> Result<Transaction, TxError> {
    tx.sign(key)?;
    Ok(tx)
}
