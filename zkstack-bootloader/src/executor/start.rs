//! The VM at the bootloader's first instruction.
//!
//! As zksync-era's fast VM starts it (multivm `vm_fast::Vm::custom` on zksync_vm2
//! `VirtualMachine::new`): the bootloader runs at `0x8001` (kernel mode) called by the zero
//! address, with `bootloader_gas_limit` ergs, an empty calldata pointer in r1, sp 0, heap and
//! aux heap already paid up to 2^32 − 1 bytes, and the formal exception handler `u16::MAX` of
//! the initial frame.

use alloy_primitives::Address;
use zkstack_vm::exec::{Code, HookPoint, Vm};
use zkstack_vm::frame::Frame;
use zkstack_vm::memory::params::{BOOTLOADER_CALLDATA_PAGE, STARTING_BASE_PAGE, heap_page};
use zkstack_vm::memory::{FatPointer, Memory};
use zkstack_vm::state::{Registers, State};
use zkstack_vm::tracer::Tracer;
use zkstack_vm::world::World;

use super::error::ExecutorError;
use crate::memory::layout::{VM_HOOK_SLOT, byte_of};
use crate::system::{BaseSystemContracts, contracts_low_address};

/// The bootloader's formal address.
pub const BOOTLOADER_ADDRESS: Address = contracts_low_address(0x8001);
/// zkevm_opcode_defs `INITIAL_FRAME_FORMAL_EH_LOCATION`.
pub const INITIAL_FRAME_EXCEPTION_HANDLER: u16 = u16::MAX;

/// The heap page of the bootloader.
pub const BOOTLOADER_HEAP_PAGE: u32 = heap_page(STARTING_BASE_PAGE);

/// A VM about to run the bootloader of `contracts` over `world`.
pub(super) fn bootloader_vm<T: Tracer>(
    contracts: &BaseSystemContracts,
    gas: u32,
    world: World,
    tracer: T,
) -> Result<Vm<T>, ExecutorError> {
    let code = Code::from_bytecode(&contracts.bootloader.bytes())
        .map_err(|e| ExecutorError::Transaction(format!("bootloader code: {e}")))?;
    let frame = Frame::entry(
        BOOTLOADER_ADDRESS,
        code,
        STARTING_BASE_PAGE,
        gas,
        u32::MAX,
        INITIAL_FRAME_EXCEPTION_HANDLER,
    );
    let mut registers = Registers::new();
    let calldata = FatPointer { offset: 0, page: BOOTLOADER_CALLDATA_PAGE, start: 0, length: 0 };
    registers.set(1, calldata.to_u256(), true);
    let mut vm = Vm::with_world(State::entry(registers, frame), Memory::new(), tracer, world);
    vm.world.enter_frame();
    #[allow(clippy::cast_possible_truncation, reason = "the hook slot is below 2^32 bytes")]
    let offset = byte_of(VM_HOOK_SLOT) as u32;
    vm.hook = Some(HookPoint { heap_page: BOOTLOADER_HEAP_PAGE, offset });
    Ok(vm)
}
