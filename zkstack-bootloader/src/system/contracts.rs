//! The base system contracts and how they are deployed.

use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, U256};
use zkstack_l1::pubdata::bytecode_hash;

use super::error::SystemContractsError;
use crate::dump::VmDump;

/// `AccountCodeStorage`: maps an address (as the key) to its code hash.
pub const ACCOUNT_CODE_STORAGE_ADDRESS: Address = low_address(0x8002);
/// `KnownCodesStorage`: maps a code hash (as the key) to 1 when the code is known.
pub const KNOWN_CODES_STORAGE_ADDRESS: Address = low_address(0x8004);

/// The system contracts of protocol v26 that a dump's snapshot may deploy: the precompile
/// contracts 0x01–0x0a, 0x100 (P256Verify) and the kernel space 0x8001–0x8012, plus
/// 0x10000–0x10004 (Create2Factory and the gateway-era contracts). A dump only has those its
/// run touched.
pub const SYSTEM_CONTRACT_ADDRESSES: &[u32] = &[
    0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0a, 0x100, 0x8001, 0x8002, 0x8003, 0x8004, 0x8005,
    0x8006, 0x8007, 0x8008, 0x8009, 0x800a, 0x800b, 0x800c, 0x800d, 0x800e, 0x800f, 0x8010, 0x8011,
    0x8012, 0x10000, 0x10001, 0x10002, 0x10003, 0x10004,
];

/// An address below 2^32.
pub const fn low_address(low: u32) -> Address {
    let b = low.to_be_bytes();
    let mut bytes = [0u8; 20];
    bytes[16] = b[0];
    bytes[17] = b[1];
    bytes[18] = b[2];
    bytes[19] = b[3];
    Address::new(bytes)
}

/// A contract's code and versioned hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractCode {
    /// The versioned bytecode hash.
    pub hash: B256,
    /// The code, one 32-byte word each.
    pub words: Vec<U256>,
}

impl ContractCode {
    /// Code from its bytes; the hash is computed (zkstack-l1 `bytecode_hash`).
    ///
    /// # Errors
    /// [`SystemContractsError::Bytecode`] if the bytes are not valid EraVM bytecode.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Self, SystemContractsError> {
        let hash = bytecode_hash(bytes).map_err(|e| SystemContractsError::Bytecode {
            name: name.to_string(),
            reason: e.to_string(),
        })?;
        Ok(ContractCode { hash, words: bytes.chunks(32).map(U256::from_be_slice).collect() })
    }

    /// The code as bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.words.iter().flat_map(U256::to_be_bytes::<32>).collect()
    }
}

/// The bootloader, default account, EVM emulator and system contracts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseSystemContracts {
    /// The bootloader.
    pub bootloader: ContractCode,
    /// The default account (runs for addresses without code).
    pub default_aa: ContractCode,
    /// The EVM emulator, if the chain runs EVM bytecode.
    pub evm_emulator: Option<ContractCode>,
    /// System contracts by address.
    pub system: BTreeMap<Address, ContractCode>,
}

impl BaseSystemContracts {
    /// From embedder-supplied bytecode of the bootloader and the default account.
    ///
    /// # Errors
    /// [`SystemContractsError::Bytecode`] for invalid bytecode.
    pub fn from_code(bootloader: &[u8], default_aa: &[u8]) -> Result<Self, SystemContractsError> {
        Ok(BaseSystemContracts {
            bootloader: ContractCode::from_bytes("bootloader", bootloader)?,
            default_aa: ContractCode::from_bytes("default account", default_aa)?,
            evm_emulator: None,
            system: BTreeMap::new(),
        })
    }

    /// Adds (or replaces) the system contract at `address`.
    ///
    /// # Errors
    /// [`SystemContractsError::Bytecode`] for invalid bytecode.
    pub fn with_system_contract(
        mut self,
        address: Address,
        code: &[u8],
    ) -> Result<Self, SystemContractsError> {
        let code = ContractCode::from_bytes(&format!("{address}"), code)?;
        self.system.insert(address, code);
        Ok(self)
    }

    /// From a dump: its bootloader, default account and EVM emulator, and every system
    /// contract its snapshot deploys (`AccountCodeStorage` slot set, bytecode present).
    pub fn from_dump(dump: &VmDump) -> Self {
        let c = &dump.system_env.base_system_smart_contracts;
        let code = |s: &crate::dump::SystemContractCode| ContractCode {
            hash: s.hash,
            words: s.code.clone(),
        };
        let mut system = BTreeMap::new();
        for low in SYSTEM_CONTRACT_ADDRESSES {
            let address = low_address(*low);
            let key = U256::from_be_slice(address.as_slice());
            let Some(slot) = dump.storage.slot(&ACCOUNT_CODE_STORAGE_ADDRESS, &key) else {
                continue;
            };
            let hash = B256::from(slot.value.to_be_bytes::<32>());
            if let Some(bytes) = dump.storage.factory_deps.get(&hash) {
                let words = bytes.chunks(32).map(U256::from_be_slice).collect();
                system.insert(address, ContractCode { hash, words });
            }
        }
        BaseSystemContracts {
            bootloader: code(&c.bootloader),
            default_aa: code(&c.default_aa),
            evm_emulator: c.evm_emulator.as_ref().map(code),
            system,
        }
    }

    /// The storage a fresh chain needs for the system contracts to be deployed:
    /// `AccountCodeStorage[address] = hash` and `KnownCodesStorage[hash] = 1` for each one,
    /// and `KnownCodesStorage` entries for the default account and the EVM emulator.
    pub fn genesis_storage(&self) -> Vec<(Address, U256, U256)> {
        let mut out = Vec::new();
        for (address, code) in &self.system {
            let hash = U256::from_be_bytes(code.hash.0);
            out.push((ACCOUNT_CODE_STORAGE_ADDRESS, U256::from_be_slice(address.as_slice()), hash));
            out.push((KNOWN_CODES_STORAGE_ADDRESS, hash, U256::from(1u8)));
        }
        for code in core::iter::once(&self.default_aa).chain(self.evm_emulator.as_ref()) {
            out.push((
                KNOWN_CODES_STORAGE_ADDRESS,
                U256::from_be_bytes(code.hash.0),
                U256::from(1u8),
            ));
        }
        out
    }
}
