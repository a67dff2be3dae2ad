//! The transaction as the bootloader reads it from its memory.
//!
//! era-contracts `system-contracts/contracts/libraries/TransactionHelper.sol` declares
//! `struct Transaction { uint256 txType; uint256 from; uint256 to; uint256 gasLimit;
//! uint256 gasPerPubdataByteLimit; uint256 maxFeePerGas; uint256 maxPriorityFeePerGas;
//! uint256 paymaster; uint256 nonce; uint256 value; uint256[4] reserved; bytes data;
//! bytes signature; bytes32[] factoryDeps; bytes paymasterInput; bytes reservedDynamic; }`,
//! which has the same ABI layout as the Mailbox's [`L2CanonicalTransaction`] (`bytes32[]` and
//! `uint256[]` encode alike), so that type serves both. The field values follow zksync-era
//! multivm `vm_latest/types/transaction_data.rs` (`TransactionData::new`).

use alloy_primitives::{Address, Bytes, U256};
use zkstack_l1::L2CanonicalTransaction;
use zkstack_l1::priority::address_to_u256;

use super::envelope::Transaction;
use super::error::{ConversionError, DecodeError, TxError};

/// The bootloader's `Transaction` struct (see the module documentation).
pub type BootloaderTransaction = L2CanonicalTransaction;

fn check_u64(value: U256, error: ConversionError) -> Result<(), ConversionError> {
    if value > U256::from(u64::MAX) { Err(error) } else { Ok(()) }
}

impl Transaction {
    /// The struct the bootloader reads, with the checks zksync-era `L2Tx::from_request` makes on
    /// L2 transactions (nonce below 2^32, fees below 2^64, non-zero `gasPerPubdata` for 0x71,
    /// a `to` for 0x71, no access list) and the sender recovered for Ethereum types.
    ///
    /// `reserved[0]` is 1 for an EIP-155 legacy transaction and `reserved[1]` is 1 when there is
    /// no `to` (an EVM deployment, which only chains with the EVM emulator accept); for L1
    /// transactions the canonical struct is returned as it is.
    pub fn to_bootloader(&self) -> Result<BootloaderTransaction, TxError> {
        let (signature, paymaster, paymaster_input) = match self {
            Self::L1(tx) => return Ok(tx.canonical().clone()),
            Self::Eip712(tx) => {
                if tx.to.is_none() {
                    return Err(conversion(ConversionError::ToAddressIsNull));
                }
                check_u64(tx.gas_per_pubdata, ConversionError::GasPerPubdataNotU64)
                    .map_err(conversion)?;
                if tx.gas_per_pubdata.is_zero() {
                    return Err(conversion(ConversionError::GasPerPubdataZero));
                }
                let (paymaster, input) =
                    tx.paymaster.as_ref().map_or((Address::ZERO, Bytes::new()), |p| {
                        (p.paymaster, p.paymaster_input.clone())
                    });
                let signature =
                    tx.signature_bytes().map_err(ConversionError::from).map_err(conversion)?;
                (signature, paymaster, input)
            }
            Self::Eip2930(tx) if !tx.access_list.is_empty() => {
                return Err(conversion(ConversionError::AccessListsNotSupported));
            }
            Self::Eip1559(tx) if !tx.access_list.is_empty() => {
                return Err(conversion(ConversionError::AccessListsNotSupported));
            }
            Self::Legacy(_) | Self::Eip2930(_) | Self::Eip1559(_) => {
                let signature =
                    self.ecdsa_signature().map(|s| Bytes::copy_from_slice(&s.to_packed()));
                (signature.unwrap_or_default(), Address::ZERO, Bytes::new())
            }
        };
        check_u64(self.max_fee_per_gas(), ConversionError::MaxFeePerGasNotU64)
            .map_err(conversion)?;
        check_u64(self.max_priority_fee_per_gas(), ConversionError::MaxPriorityFeePerGasNotU64)
            .map_err(conversion)?;
        if self.nonce() > U256::from(u32::MAX) {
            return Err(conversion(ConversionError::TooBigNonce));
        }
        let factory_deps = match self {
            Self::Eip712(tx) => tx.factory_dep_hashes().map_err(DecodeError::FactoryDep)?,
            _ => Vec::new(),
        };
        let eip155 = matches!(self, Self::Legacy(tx) if tx.chain_id.is_some());
        let to = self.to();
        Ok(BootloaderTransaction {
            txType: U256::from(self.tx_type().as_u8()),
            from: address_to_u256(self.sender()?),
            to: address_to_u256(to.unwrap_or_default()),
            gasLimit: self.gas_limit(),
            gasPerPubdataByteLimit: self.gas_per_pubdata_limit(),
            maxFeePerGas: self.max_fee_per_gas(),
            maxPriorityFeePerGas: self.max_priority_fee_per_gas(),
            paymaster: address_to_u256(paymaster),
            nonce: self.nonce(),
            value: self.value(),
            reserved: [
                U256::from(u8::from(eip155)),
                U256::from(u8::from(to.is_none())),
                U256::ZERO,
                U256::ZERO,
            ],
            data: self.data().clone(),
            signature,
            factoryDeps: factory_deps.iter().map(|h| U256::from_be_bytes(h.0)).collect(),
            paymasterInput: paymaster_input,
            reservedDynamic: Bytes::new(),
        })
    }
}

fn conversion(error: ConversionError) -> TxError {
    TxError::Conversion(error)
}
