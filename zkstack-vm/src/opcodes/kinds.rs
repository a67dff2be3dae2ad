//! The sub-variants of the opcode families that have more than one member.
//!
//! Every discriminant is the variant number the reference opcode table uses for it.

/// Bitwise logic (`xor`, `and`, `or`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum BitwiseOp {
    /// `xor`
    Xor = 0,
    /// `and`
    And = 1,
    /// `or`
    Or = 2,
}

impl BitwiseOp {
    /// All variants, in table order.
    pub const ALL: [Self; 3] = [Self::Xor, Self::And, Self::Or];
}

/// Shifts and rotations of a 256-bit word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum ShiftOp {
    /// `shl`
    Shl = 0,
    /// `shr`
    Shr = 1,
    /// `rol`
    Rol = 2,
    /// `ror`
    Ror = 3,
}

impl ShiftOp {
    /// All variants, in table order.
    pub const ALL: [Self; 4] = [Self::Shl, Self::Shr, Self::Rol, Self::Ror];
}

/// Fat-pointer arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum PtrOp {
    /// `ptr.add`: move the pointer's offset forward.
    Add = 0,
    /// `ptr.sub`: move the pointer's offset backward.
    Sub = 1,
    /// `ptr.pack`: put the high 128 bits of the second operand over the pointer.
    Pack = 2,
    /// `ptr.shrink`: shorten the pointer's length.
    Shrink = 3,
}

impl PtrOp {
    /// All variants, in table order.
    pub const ALL: [Self; 4] = [Self::Add, Self::Sub, Self::Pack, Self::Shrink];
}

/// Reads and writes of the call frame's context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum ContextOp {
    /// `context.this`: the address whose storage is in use.
    This = 0,
    /// `context.caller`
    Caller = 1,
    /// `context.code_source`: the address whose code is running.
    CodeAddress = 2,
    /// `context.meta`: the packed meta parameters.
    Meta = 3,
    /// `context.ergs_left`
    ErgsLeft = 4,
    /// `context.sp`: the stack pointer.
    Sp = 5,
    /// `context.get_context_u128`
    GetContextU128 = 6,
    /// `context.set_context_u128` (kernel only).
    SetContextU128 = 7,
    /// `context.aux_mutating0` (kernel only; sets the pubdata-spent counter).
    AuxMutating0 = 8,
    /// `context.inc_tx_num` (kernel only).
    IncrementTxNumber = 9,
}

impl ContextOp {
    /// All variants, in table order.
    pub const ALL: [Self; 10] = [
        Self::This,
        Self::Caller,
        Self::CodeAddress,
        Self::Meta,
        Self::ErgsLeft,
        Self::Sp,
        Self::GetContextU128,
        Self::SetContextU128,
        Self::AuxMutating0,
        Self::IncrementTxNumber,
    ];
}

/// Operations on the world outside the frame: storage, events, messages, precompiles,
/// decommitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum LogOp {
    /// `log.sread`: storage read.
    StorageRead = 0,
    /// `log.swrite`: storage write.
    StorageWrite = 1,
    /// `log.tol1`: L2→L1 message (kernel only).
    ToL1Message = 2,
    /// `log.event` (kernel only).
    Event = 3,
    /// `log.precompile`: call the precompile of the current address (kernel only).
    PrecompileCall = 4,
    /// `log.decommit`: decommit a code hash into a fresh page (kernel only; ISA version 2).
    Decommit = 5,
    /// `log.tread`: transient storage read (ISA version 2).
    TransientStorageRead = 6,
    /// `log.twrite`: transient storage write (ISA version 2).
    TransientStorageWrite = 7,
}

impl LogOp {
    /// All variants, in table order.
    pub const ALL: [Self; 8] = [
        Self::StorageRead,
        Self::StorageWrite,
        Self::ToL1Message,
        Self::Event,
        Self::PrecompileCall,
        Self::Decommit,
        Self::TransientStorageRead,
        Self::TransientStorageWrite,
    ];
}

/// The three kinds of far call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum FarCallKind {
    /// `far_call`: a call with the callee's own context.
    Normal = 0,
    /// `far_call.delegate`: run the callee's code in the caller's context.
    Delegate = 1,
    /// `far_call.mimic`: a call that sets an arbitrary caller (kernel only).
    Mimic = 2,
}

impl FarCallKind {
    /// All variants, in table order.
    pub const ALL: [Self; 3] = [Self::Normal, Self::Delegate, Self::Mimic];
}

/// The three ways to leave a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum RetKind {
    /// `ret`: success.
    Ok = 0,
    /// `revert`: failure with return data.
    Revert = 1,
    /// `panic`: failure without return data, burning the frame's ergs.
    Panic = 2,
}

impl RetKind {
    /// All variants, in table order.
    pub const ALL: [Self; 3] = [Self::Ok, Self::Revert, Self::Panic];
}

/// Unaligned memory access: heaps, fat pointers and the kernel's static memory page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum HeapOp {
    /// `ld.1`: read 32 bytes from the heap.
    HeapRead = 0,
    /// `st.1`: write 32 bytes to the heap.
    HeapWrite = 1,
    /// `ld.2`: read 32 bytes from the auxiliary heap.
    AuxHeapRead = 2,
    /// `st.2`: write 32 bytes to the auxiliary heap.
    AuxHeapWrite = 3,
    /// `ld`: read 32 bytes through a fat pointer.
    FatPointerRead = 4,
    /// Read 32 bytes from the static memory page (kernel only; ISA version 2).
    StaticMemoryRead = 5,
    /// Write 32 bytes to the static memory page (kernel only; ISA version 2).
    StaticMemoryWrite = 6,
}

impl HeapOp {
    /// All variants, in table order.
    pub const ALL: [Self; 7] = [
        Self::HeapRead,
        Self::HeapWrite,
        Self::AuxHeapRead,
        Self::AuxHeapWrite,
        Self::FatPointerRead,
        Self::StaticMemoryRead,
        Self::StaticMemoryWrite,
    ];

    /// Whether this operation writes memory.
    #[inline]
    pub const fn is_write(self) -> bool {
        matches!(self, Self::HeapWrite | Self::AuxHeapWrite | Self::StaticMemoryWrite)
    }
}
