//! Far frames: one running contract.

use alloy_primitives::Address;

use super::NearFrame;
use crate::exec::Code;
use crate::memory::Stack;
use crate::memory::params::{aux_heap_page, heap_page, stack_page};

/// A far call-stack entry: a contract executing in its own memory pages.
///
/// `pc`, `sp`, `ergs` and `pubdata_spent` are those of the innermost near frame of this far
/// frame (the one that runs when this frame is current); the near frames below it are in
/// `near_calls`.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The address whose storage and balance this frame acts on.
    pub this_address: Address,
    /// `msg.sender`.
    pub caller: Address,
    /// The address the running code was loaded from (differs from `this_address` in a delegate
    /// call).
    pub code_address: Address,
    /// Whether `this_address < 2^16` (system contracts): kernel-only opcodes are allowed.
    pub is_kernel: bool,
    /// No state changes allowed.
    pub is_static: bool,
    /// The code, decoded.
    pub code: Code,
    /// The page number of the code page (what a fat pointer to it would name).
    pub code_page: u32,
    /// The base page: stack, heap and aux heap are the three pages after it.
    pub base_page: u32,
    /// Program counter.
    pub pc: u16,
    /// Stack pointer.
    pub sp: u16,
    /// Ergs left.
    pub ergs: u32,
    /// Where execution continues in the caller when this frame reverts or panics.
    pub exception_handler: u16,
    /// Shard of `this_address`.
    pub this_shard_id: u8,
    /// Shard of the caller.
    pub caller_shard_id: u8,
    /// Shard of the code address.
    pub code_shard_id: u8,
    /// `msg.value` and friends, as passed by the caller.
    pub context_u128: u128,
    /// Bytes of heap already paid for.
    pub heap_bound: u32,
    /// Bytes of aux heap already paid for.
    pub aux_heap_bound: u32,
    /// Ergs given to the callee on top of what the caller passed (MsgValueSimulator); taken back
    /// on return.
    pub stipend: u32,
    /// Pubdata spent by the innermost near frame of this frame.
    pub pubdata_spent: i32,
    /// The stack page.
    pub stack: Stack,
    /// Near calls made in this frame, innermost last.
    pub near_calls: Vec<NearFrame>,
}

impl Frame {
    /// The outermost frame a host starts a run with: `code` at `address`, called by the zero
    /// address, on `base_page` (also its code page), with `ergs`, both heaps paid for up to
    /// `heap_bound` bytes and `exception_handler` as where a panic goes; kernel mode follows
    /// from the address; pc, sp, shards, context value, stipend and pubdata are zero.
    pub fn entry(
        address: Address,
        code: Code,
        base_page: u32,
        ergs: u32,
        heap_bound: u32,
        exception_handler: u16,
    ) -> Self {
        Frame {
            this_address: address,
            caller: Address::ZERO,
            code_address: address,
            is_kernel: is_kernel_address(&address),
            is_static: false,
            code,
            code_page: base_page,
            base_page,
            pc: 0,
            sp: 0,
            ergs,
            exception_handler,
            this_shard_id: 0,
            caller_shard_id: 0,
            code_shard_id: 0,
            context_u128: 0,
            heap_bound,
            aux_heap_bound: heap_bound,
            stipend: 0,
            pubdata_spent: 0,
            stack: Stack::new(),
            near_calls: Vec::new(),
        }
    }

    /// The page number of this frame's stack.
    #[inline]
    pub const fn stack_page(&self) -> u32 {
        stack_page(self.base_page)
    }

    /// The page number of this frame's heap.
    #[inline]
    pub const fn heap_page(&self) -> u32 {
        heap_page(self.base_page)
    }

    /// The page number of this frame's aux heap.
    #[inline]
    pub const fn aux_heap_page(&self) -> u32 {
        aux_heap_page(self.base_page)
    }

    /// The exception handler of the innermost frame: the near frame's, or this far frame's.
    #[inline]
    pub fn current_exception_handler(&self) -> u16 {
        self.near_calls.last().map_or(self.exception_handler, |n| n.exception_handler)
    }
}

/// Whether `address` is a kernel (system) address: below 2^16.
#[inline]
pub fn is_kernel_address(address: &Address) -> bool {
    address.0[..18].iter().all(|b| *b == 0)
}
