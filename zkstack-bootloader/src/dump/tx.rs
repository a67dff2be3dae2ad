//! Transactions as a dump holds them (zksync-era `Transaction` serde), and the bootloader
//! struct they become (zksync-era multivm `TransactionData::new`).

use alloy_primitives::{Address, B256, Bytes, U256};
use serde::Deserialize;
use zkstack_l1::priority::address_to_u256;
use zkstack_l1::pubdata::bytecode_hash;

use super::error::DumpError;
use crate::fee::constants::MAX_L2_GAS_PER_PUBDATA;
use crate::tx::{BootloaderTransaction, Transaction, decode_raw};

/// A transaction of a dump.
#[derive(Clone, Debug, Deserialize)]
pub struct DumpTransaction {
    /// Type-specific fields.
    pub common_data: CommonData,
    /// What it executes.
    pub execute: Execute,
    /// The raw bytes it arrived as, if any.
    #[serde(default)]
    pub raw_bytes: Option<Bytes>,
}

/// zksync-era `ExecuteTransactionCommon` (externally tagged).
#[derive(Clone, Debug, Deserialize)]
pub enum CommonData {
    /// An L2 transaction.
    L2(L2CommonData),
    /// A priority operation.
    L1(L1CommonData),
    /// A protocol-upgrade transaction.
    ProtocolUpgrade(L1CommonData),
}

/// zksync-era `Fee`.
#[derive(Clone, Debug, Deserialize)]
pub struct Fee {
    /// Gas limit.
    pub gas_limit: U256,
    /// Max fee per gas.
    pub max_fee_per_gas: U256,
    /// Max priority fee per gas.
    pub max_priority_fee_per_gas: U256,
    /// Gas per pubdata byte limit.
    pub gas_per_pubdata_limit: U256,
}

/// zksync-era `PaymasterParams`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymasterParamsJson {
    /// The paymaster (zero: none).
    pub paymaster: Address,
    /// Its input.
    pub paymaster_input: Vec<u8>,
}

/// zksync-era `InputData`: the raw bytes and hash of an L2 transaction.
#[derive(Clone, Debug, Deserialize)]
pub struct InputData {
    /// Transaction hash.
    pub hash: B256,
    /// Raw bytes.
    pub data: Vec<u8>,
}

/// zksync-era `L2TxCommonData`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct L2CommonData {
    /// Nonce.
    pub nonce: u32,
    /// Fee fields.
    pub fee: Fee,
    /// Sender.
    pub initiator_address: Address,
    /// Signature bytes.
    pub signature: Vec<u8>,
    /// `LegacyTransaction`, `EIP2930Transaction`, `EIP1559Transaction`, `EIP712Transaction`.
    pub transaction_type: String,
    /// Raw bytes and hash, when received from the API.
    #[serde(default)]
    pub input: Option<InputData>,
    /// Paymaster.
    #[serde(default)]
    pub paymaster_params: PaymasterParamsJson,
}

/// zksync-era `L1TxCommonData` / `ProtocolUpgradeTxCommonData` (the fields the bootloader
/// struct needs).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct L1CommonData {
    /// Sender.
    pub sender: Address,
    /// Priority-operation id (priority operations).
    #[serde(default)]
    pub serial_id: Option<u64>,
    /// Upgrade id (upgrade transactions), as zksync-era names the version (`"Version26"`).
    #[serde(default)]
    pub upgrade_id: Option<serde_json::Value>,
    /// Max fee per gas.
    pub max_fee_per_gas: U256,
    /// Gas limit.
    pub gas_limit: U256,
    /// Gas per pubdata limit.
    pub gas_per_pubdata_limit: U256,
    /// Base token minted on L2.
    pub to_mint: U256,
    /// Refund recipient.
    pub refund_recipient: Address,
}

/// zksync-era `Execute`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Execute {
    /// Callee; `None` deploys EVM code.
    #[serde(default)]
    pub contract_address: Option<Address>,
    /// Calldata.
    pub calldata: Bytes,
    /// Value.
    pub value: U256,
    /// Bytecodes shipped with the transaction.
    #[serde(default)]
    pub factory_deps: Option<Vec<Vec<u8>>>,
}

fn tx_type_number(name: &str) -> Result<u8, DumpError> {
    Ok(match name {
        "LegacyTransaction" => 0,
        "EIP2930Transaction" => 1,
        "EIP1559Transaction" => 2,
        "EIP712Transaction" => 0x71,
        "PriorityOpTransaction" => 0xff,
        "ProtocolUpgradeTransaction" => 0xfe,
        other => return Err(DumpError::Transaction(format!("unknown transaction type {other}"))),
    })
}

fn version_number(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.strip_prefix("Version")?.parse().ok(),
        _ => None,
    }
}

impl DumpTransaction {
    /// The bytecodes shipped with the transaction.
    pub fn factory_deps(&self) -> &[Vec<u8>] {
        self.execute.factory_deps.as_deref().unwrap_or_default()
    }

    /// Whether it is a priority or upgrade transaction.
    pub const fn is_l1(&self) -> bool {
        !matches!(self.common_data, CommonData::L2(_))
    }

    /// The struct the bootloader reads (multivm `TransactionData::new`).
    ///
    /// # Errors
    /// [`DumpError::Transaction`] for an unknown type, an undeployable factory dependency or a
    /// missing upgrade id.
    pub fn to_bootloader(&self) -> Result<BootloaderTransaction, DumpError> {
        let factory_deps = self
            .factory_deps()
            .iter()
            .map(|dep| {
                bytecode_hash(dep)
                    .map(|h| U256::from_be_bytes(h.0))
                    .map_err(|e| DumpError::Transaction(format!("factory dependency: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let execute = &self.execute;
        let to = address_to_u256(execute.contract_address.unwrap_or_default());
        let mut tx = BootloaderTransaction {
            to,
            value: execute.value,
            data: execute.calldata.clone(),
            factoryDeps: factory_deps,
            ..Default::default()
        };
        match &self.common_data {
            CommonData::L2(c) => {
                let tx_type = tx_type_number(&c.transaction_type)?;
                let ethereum = tx_type <= 2;
                let raw = c.input.as_ref().map(|i| i.data.as_slice());
                let checks_chain_id = tx_type == 0
                    && raw.is_some_and(|raw| {
                        matches!(decode_raw(raw, None), Ok(d)
                            if matches!(d.tx, Transaction::Legacy(ref l) if l.chain_id.is_some()))
                    });
                tx.txType = U256::from(tx_type);
                tx.from = address_to_u256(c.initiator_address);
                tx.gasLimit = c.fee.gas_limit;
                tx.gasPerPubdataByteLimit = if ethereum {
                    U256::from(MAX_L2_GAS_PER_PUBDATA)
                } else {
                    c.fee.gas_per_pubdata_limit
                };
                tx.maxFeePerGas = c.fee.max_fee_per_gas;
                tx.maxPriorityFeePerGas = c.fee.max_priority_fee_per_gas;
                tx.paymaster = address_to_u256(c.paymaster_params.paymaster);
                tx.nonce = U256::from(c.nonce);
                tx.reserved = [
                    U256::from(u8::from(checks_chain_id)),
                    U256::from(u8::from(execute.contract_address.is_none())),
                    U256::ZERO,
                    U256::ZERO,
                ];
                tx.signature = Bytes::copy_from_slice(&c.signature);
                tx.paymasterInput = Bytes::copy_from_slice(&c.paymaster_params.paymaster_input);
            }
            CommonData::L1(c) | CommonData::ProtocolUpgrade(c) => {
                let upgrade = matches!(self.common_data, CommonData::ProtocolUpgrade(_));
                let nonce = if upgrade {
                    c.upgrade_id.as_ref().and_then(version_number)
                } else {
                    c.serial_id
                };
                let nonce = nonce.ok_or_else(|| {
                    DumpError::Transaction("L1 transaction without serialId/upgradeId".into())
                })?;
                tx.txType = U256::from(if upgrade { 0xfe_u8 } else { 0xff });
                tx.from = address_to_u256(c.sender);
                tx.gasLimit = c.gas_limit;
                tx.gasPerPubdataByteLimit = c.gas_per_pubdata_limit;
                tx.maxFeePerGas = c.max_fee_per_gas;
                tx.nonce = U256::from(nonce);
                tx.reserved =
                    [c.to_mint, address_to_u256(c.refund_recipient), U256::ZERO, U256::ZERO];
            }
        }
        Ok(tx)
    }
}
