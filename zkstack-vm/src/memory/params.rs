//! Memory-model constants of EraVM (zk_evm 0.153 / `zkevm_opcode_defs` `system_params`).

/// Page 0: never mapped; the page of an empty fat pointer.
pub const UNMAPPED_PAGE: u32 = 0;
/// The static memory page, shared by all frames (kernel-only `static_memory` opcodes).
pub const STATIC_MEMORY_PAGE: u32 = 1;
/// The base page of the first frame the VM creates.
pub const STARTING_BASE_PAGE: u32 = 2048;
/// Pages a far call reserves: code, stack, heap and aux heap of the callee, plus spares.
pub const NEW_MEMORY_PAGES_PER_FAR_CALL: u32 = 8;
/// The bootloader's calldata page (one below its base page).
pub const BOOTLOADER_CALLDATA_PAGE: u32 = STARTING_BASE_PAGE - 1;

/// Largest heap offset a heap access may name: `2^32 - 33`, so that `offset + 32` still fits.
pub const MAX_OFFSET_TO_DEREF: u32 = u32::MAX - 32;
/// `ptr.add`/`ptr.sub` panic when their integer operand is not below this (`2^32`).
pub const MAX_OFFSET_FOR_ADD_SUB: u64 = 1 << 32;
/// Ergs per byte of heap growth.
pub const MEMORY_GROWTH_ERGS_PER_BYTE: u32 = 1;

/// Heap bytes a new user frame gets without paying for growth.
pub const NEW_FRAME_MEMORY_STIPEND: u32 = 1 << 12;
/// Heap bytes a new frame of the EVM emulator gets for free.
pub const NEW_EVM_FRAME_MEMORY_STIPEND: u32 = 56 << 10;
/// Heap bytes a new kernel frame (address below 2^16) gets for free.
pub const NEW_KERNEL_FRAME_MEMORY_STIPEND: u32 = 1 << 21;

/// Ergs of the root frame: all of them.
pub const VM_INITIAL_FRAME_ERGS: u32 = u32::MAX;
/// The deepest call stack (near and far frames together) before every instruction panics.
pub const VM_MAX_STACK_DEPTH: u32 = VM_INITIAL_FRAME_ERGS / 20 + 80;
/// Visible ergs per internal erg (near-call ABI and `context.ergs_left`).
pub const INTERNAL_ERGS_TO_VISIBLE_ERGS: u32 = 1;

/// The stack page of a frame whose base page is `base`.
#[inline]
pub const fn stack_page(base: u32) -> u32 {
    base.wrapping_add(1)
}

/// The heap page of a frame whose base page is `base`.
#[inline]
pub const fn heap_page(base: u32) -> u32 {
    base.wrapping_add(2)
}

/// The aux heap page of a frame whose base page is `base`.
#[inline]
pub const fn aux_heap_page(base: u32) -> u32 {
    base.wrapping_add(3)
}
