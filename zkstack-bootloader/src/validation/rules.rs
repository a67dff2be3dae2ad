//! The rules, applied instruction by instruction.

use std::collections::{BTreeSet, HashSet};

use alloy_primitives::{Address, U256};
use zkstack_vm::exec::{Handler, Instr, Vm};
use zkstack_vm::memory::FatPointer;
use zkstack_vm::opcodes::ContextOp;
use zkstack_vm::tracer::Tracer;
use zkstack_vm::world::StorageKey;

use super::trusted::{beacon_slot, trusted_token_slots};
use crate::system::{ACCOUNT_CODE_STORAGE_ADDRESS, contracts_low_address as low_address};

/// The bootloader.
const BOOTLOADER: Address = low_address(0x8001);
/// `ContractDeployer`.
const CONTRACT_DEPLOYER: Address = low_address(0x8006);
/// `MsgValueSimulator`.
const MSG_VALUE_SIMULATOR: Address = low_address(0x8009);
/// `L2BaseToken`.
const L2_BASE_TOKEN: Address = low_address(0x800a);
/// `SystemContext`.
const SYSTEM_CONTEXT: Address = low_address(0x800b);
/// The keccak256 precompile contract.
const KECCAK256: Address = low_address(0x8010);
/// How many slots after a mapping-derived slot validation may read (the mapped value may span
/// several slots).
const MAX_ALLOWED_SLOT_OFFSET: u32 = 127;

/// What validation may touch besides the account itself (zksync-era `ValidationParams`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationParams {
    /// The account being validated (the transaction's initiator).
    pub user_address: Address,
    /// Slots always readable.
    pub trusted_slots: HashSet<(Address, U256)>,
    /// Contracts whose storage is readable.
    pub trusted_addresses: HashSet<Address>,
    /// Slots holding addresses that become trusted when read (upgradeable proxies).
    pub trusted_address_slots: HashSet<(Address, U256)>,
}

impl ValidationParams {
    /// `user_address` with `tokens` trusted as zksync-era's API server trusts them: their
    /// well-known proxy slots readable, their beacon slot naming a trusted contract.
    pub fn with_trusted_tokens(user_address: Address, tokens: &[Address]) -> Self {
        let slots = trusted_token_slots();
        ValidationParams {
            user_address,
            trusted_slots: tokens.iter().flat_map(|t| slots.map(|s| (*t, s))).collect(),
            trusted_addresses: HashSet::new(),
            trusted_address_slots: tokens.iter().map(|t| (*t, beacon_slot())).collect(),
        }
    }
}

/// A broken rule (zksync-era `ViolatedValidationRule`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ViolatedRule {
    /// A storage read outside what validation may read.
    #[error("touched disallowed storage slot {1:#x} of {0}")]
    TouchedDisallowedStorageSlots(Address, U256),
    /// A far call to an address without code.
    #[error("called contract with no code: {0}")]
    CalledContractWithNoCode(Address),
    /// `context.meta` was read.
    #[error("touched disallowed context")]
    TouchedDisallowedContext,
    /// Validation ran out of its computational gas (the limit).
    #[error("took too many computational gas: limit {0}")]
    TookTooManyComputationalGas(u32),
}

/// The rules' state while a transaction validates.
#[derive(Clone, Debug, Default)]
pub struct ValidationRules {
    params: ValidationParams,
    in_validation: bool,
    gas_limit: u32,
    keccak_call_pending: bool,
    keccak_slots: BTreeSet<U256>,
    error: Option<ViolatedRule>,
}

impl ValidationRules {
    /// Rules for `params`.
    pub fn new(params: ValidationParams) -> Self {
        ValidationRules { params, ..Self::default() }
    }

    /// The first broken rule, if any.
    pub fn error(&self) -> Option<&ViolatedRule> {
        self.error.as_ref()
    }

    /// Account validation starts with `gas_limit` computational gas.
    pub fn entered(&mut self, gas_limit: u32) {
        self.in_validation = true;
        self.gas_limit = gas_limit;
    }

    /// Account validation ended.
    pub fn exited(&mut self) {
        self.in_validation = false;
    }

    fn fail(&mut self, rule: ViolatedRule) {
        self.error.get_or_insert(rule);
    }

    fn storage_value<T: Tracer>(vm: &mut Vm<T>, address: Address, key: U256) -> U256 {
        let key = StorageKey { shard: 0, address, key };
        let world = &mut vm.world;
        world.diff.peek_storage(world.storage.as_mut(), &key)
    }

    /// Before `instr` runs (its condition holds) on `vm`.
    pub fn before<T: Tracer>(&mut self, vm: &mut Vm<T>, instr: &Instr) {
        if !self.in_validation {
            return;
        }
        match instr.handler {
            Handler::RetPanic if vm.state.current.ergs == 0 => {
                self.fail(ViolatedRule::TookTooManyComputationalGas(self.gas_limit));
            }
            Handler::Context(ContextOp::Meta) => self.fail(ViolatedRule::TouchedDisallowedContext),
            Handler::StorageRead => {
                let address = vm.state.current.this_address;
                let caller = vm.state.current.caller;
                let slot = *vm.state.registers.get(instr.src0);
                let value = Self::storage_value(vm, address, slot);
                if self.params.trusted_address_slots.contains(&(address, slot)) {
                    let mut bytes = [0u8; 20];
                    bytes.copy_from_slice(&value.to_be_bytes::<32>()[12..]);
                    self.params.trusted_addresses.insert(Address::from(bytes));
                } else if !self.may_read(address, caller, slot, value) {
                    self.fail(ViolatedRule::TouchedDisallowedStorageSlots(address, slot));
                }
            }
            _ => {}
        }
    }

    /// After `instr` ran on `vm`.
    pub fn after<T: Tracer>(&mut self, vm: &mut Vm<T>, instr: &Instr) {
        if !self.in_validation || self.error.is_some() {
            return;
        }
        match instr.handler {
            Handler::FarCall(_) => {
                let code_address = vm.state.current.code_address;
                if code_address == KECCAK256 {
                    let calldata = pointed(vm, vm.state.registers.get(1));
                    if let (Some(key), Some(mapping)) = (calldata.get(..32), calldata.get(32..))
                        && calldata.len() == 64
                    {
                        let key = U256::from_be_slice(key);
                        let user = U256::from_be_slice(self.params.user_address.as_slice());
                        if key == user || self.keccak_slots.contains(&U256::from_be_slice(mapping))
                        {
                            self.keccak_call_pending = true;
                        }
                    }
                } else if code_address != self.params.user_address {
                    let key = U256::from_be_slice(code_address.as_slice());
                    if Self::storage_value(vm, ACCOUNT_CODE_STORAGE_ADDRESS, key).is_zero() {
                        self.fail(ViolatedRule::CalledContractWithNoCode(code_address));
                    }
                }
            }
            Handler::RetOk | Handler::RetRevert | Handler::RetPanic => {
                if self.keccak_call_pending && instr.handler == Handler::RetOk {
                    let value = pointed(vm, vm.state.registers.get(1));
                    if value.len() <= 32 {
                        self.keccak_slots.insert(U256::from_be_slice(&value));
                    }
                }
                self.keccak_call_pending = false;
            }
            _ => {}
        }
    }

    fn may_read(&self, address: Address, caller: Address, slot: U256, value: U256) -> bool {
        let p = &self.params;
        let user = U256::from_be_slice(p.user_address.as_slice());
        address == p.user_address
            || slot == user
            || p.trusted_addresses.contains(&address)
            || p.trusted_slots.contains(&(address, slot))
            || (address == L2_BASE_TOKEN
                && [MSG_VALUE_SIMULATOR, CONTRACT_DEPLOYER, BOOTLOADER].contains(&caller))
            || (address == SYSTEM_CONTEXT && slot.is_zero())
            || (address == ACCOUNT_CODE_STORAGE_ADDRESS && !value.is_zero())
            || {
                let low = slot.saturating_sub(U256::from(MAX_ALLOWED_SLOT_OFFSET));
                self.keccak_slots.range(low..=slot).next().is_some()
            }
    }
}

/// The bytes a fat pointer names (what `vm_fast`'s `read_raw_fat_pointer` reads).
fn pointed<T: Tracer>(vm: &Vm<T>, raw: &U256) -> Vec<u8> {
    let ptr = FatPointer::from_u256(raw);
    let start = ptr.start.wrapping_add(ptr.offset) as usize;
    let len = ptr.length.saturating_sub(ptr.offset) as usize;
    match vm.memory.page(ptr.page) {
        Some(page) => (start..start.saturating_add(len)).map(|i| page.byte(i)).collect(),
        None => vec![0; len],
    }
}
