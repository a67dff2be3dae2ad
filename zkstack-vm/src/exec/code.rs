//! Code compiled for the interpreter: every instruction of a [`Program`] turned once into a
//! compact [`Instr`] that carries its handler, operands, price and checks, so the hot loop
//! neither decodes nor looks anything up.

use std::sync::Arc;

use alloy_primitives::U256;

use crate::decode::DecodedInstruction;
use crate::isa::{Condition, DstMode, SrcMode};
use crate::opcodes::{
    BitwiseOp, ContextOp, FarCallKind, HeapOp, LogOp, Opcode, OpcodeVariant, PtrOp, RetKind,
    ShiftOp,
};
use crate::program::Program;

/// Which handler runs an instruction: the opcode family and variant, flattened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
#[allow(missing_docs, reason = "one variant per opcode, named as the opcode")]
pub enum Handler {
    Invalid,
    Nop,
    Add,
    Sub,
    Mul,
    Div,
    Jump,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    Rol,
    Ror,
    PtrAdd,
    PtrSub,
    PtrPack,
    PtrShrink,
    NearCall,
    Context(ContextOp),
    RetOk,
    RetRevert,
    RetPanic,
    HeapRead,
    HeapWrite,
    AuxHeapRead,
    AuxHeapWrite,
    FatPointerRead,
    StaticRead,
    StaticWrite,
    /// `log.sread`.
    StorageRead,
    /// `log.swrite`.
    StorageWrite,
    /// `log.tread`.
    TransientRead,
    /// `log.twrite`.
    TransientWrite,
    /// `log.event`.
    Event,
    /// `log.tol1`.
    ToL1,
    /// `log.precompile`.
    PrecompileCall,
    /// `far_call` of a kind.
    FarCall(FarCallKind),
    /// `log.decommit`.
    Decommit,
}

/// Bit of [`Instr::flags`]: set the condition flags (`!`).
pub const SET_FLAGS: u8 = 1;
/// Bit of [`Instr::flags`]: swap `src0` and `src1` (`.s`).
pub const SWAP: u8 = 2;
/// Bit of [`Instr::flags`]: `ret` to the label `imm0`.
pub const TO_LABEL: u8 = 4;
/// Bit of [`Instr::flags`]: heap access with `.inc`.
pub const INCREMENT: u8 = 8;
/// Bit of [`Instr::flags`]: `log.event.first` / `log.tol1.first` (the first-message flag).
pub const FIRST_MESSAGE: u8 = 16;
/// Bit of [`Instr::flags`]: `far_call.static`.
pub const FAR_STATIC: u8 = 32;
/// Bit of [`Instr::flags`]: `far_call.shard` (code from the shard in the ABI).
pub const FAR_SHARD: u8 = 64;

/// Bit of [`Instr::checks`]: the invalid opcode.
pub const INVALID: u8 = 1;
/// Bit of [`Instr::checks`]: kernel mode required.
pub const KERNEL_ONLY: u8 = 2;
/// Bit of [`Instr::checks`]: forbidden in a static frame.
pub const NOT_STATIC: u8 = 4;
/// Bit of [`Instr::checks`]: `src0` keeps its pointer tag in user mode.
pub const SRC0_POINTER: u8 = 8;

/// One instruction, ready to execute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instr {
    /// What runs.
    pub handler: Handler,
    /// The predicate.
    pub condition: Condition,
    /// Where `src0` comes from.
    pub src0_mode: SrcMode,
    /// Where `dst0` goes.
    pub dst0_mode: DstMode,
    /// Registers `src0`, `src1`, `dst0`, `dst1`.
    pub src0: u8,
    /// Second source register.
    pub src1: u8,
    /// First destination register (base of a stack `dst0`).
    pub dst0: u8,
    /// Second destination register.
    pub dst1: u8,
    /// First immediate.
    pub imm0: u16,
    /// Second immediate.
    pub imm1: u16,
    /// [`SET_FLAGS`], [`SWAP`], [`TO_LABEL`], [`INCREMENT`].
    pub flags: u8,
    /// [`INVALID`], [`KERNEL_ONLY`], [`NOT_STATIC`], [`SRC0_POINTER`].
    pub checks: u8,
    /// Base ergs price.
    pub ergs: u32,
    /// The specialised handler chosen for it ([`fast::kind_of`](super::fast::kind_of)), or
    /// [`GENERIC`](super::fast::GENERIC).
    pub fast: u8,
    /// The condition as a table: bit `gt | lt << 1 | eq << 2` says whether it holds for those
    /// flags.
    pub predicate: u8,
}

impl Instr {
    /// Compiles a decoded instruction.
    pub const fn new(d: &DecodedInstruction) -> Self {
        let v = &d.variant;
        let mut flags = 0;
        if v.set_flags() {
            flags |= SET_FLAGS;
        }
        if v.swap_operands() {
            flags |= SWAP;
        }
        if v.to_label() {
            flags |= TO_LABEL;
        }
        if v.increment() {
            flags |= INCREMENT;
        }
        if matches!(v.opcode, Opcode::Log(_)) && v.flags.first() {
            flags |= FIRST_MESSAGE;
        }
        if v.is_static_call() {
            flags |= FAR_STATIC;
        }
        if v.is_shard_call() {
            flags |= FAR_SHARD;
        }
        let mut checks = 0;
        if v.opcode.is_invalid() {
            checks |= INVALID;
        }
        if v.requires_kernel_mode() {
            checks |= KERNEL_ONLY;
        }
        if !v.allowed_in_static_context() {
            checks |= NOT_STATIC;
        }
        if v.opcode.src0_may_be_pointer() {
            checks |= SRC0_POINTER;
        }
        let handler = handler_of(v.opcode);
        let mut predicate = 0u8;
        let mut bits = 0u8;
        while bits < 8 {
            if d.condition.holds(bits & 1 != 0, bits & 2 != 0, bits & 4 != 0) {
                predicate |= 1 << bits;
            }
            bits += 1;
        }
        Instr {
            handler,
            condition: d.condition,
            src0_mode: v.src0,
            dst0_mode: v.dst0,
            src0: d.src0.index(),
            src1: d.src1.index(),
            dst0: d.dst0.index(),
            dst1: d.dst1.index(),
            imm0: d.imm0,
            imm1: d.imm1,
            flags,
            checks,
            ergs: v.ergs_cost(),
            fast: super::fast::kind_of(d, handler, flags, checks),
            predicate,
        }
    }

    /// Whether the condition holds for the flags `gt`, `lt`, `eq`.
    #[inline(always)]
    pub const fn holds(&self, gt: bool, lt: bool, eq: bool) -> bool {
        self.predicate >> (gt as u8 | (lt as u8) << 1 | (eq as u8) << 2) & 1 != 0
    }

    /// Whether `flag` (one of the `flags` bits) is set.
    #[inline(always)]
    pub const fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

const fn handler_of(op: Opcode) -> Handler {
    match op {
        Opcode::Invalid => Handler::Invalid,
        Opcode::Nop => Handler::Nop,
        Opcode::Add => Handler::Add,
        Opcode::Sub => Handler::Sub,
        Opcode::Mul => Handler::Mul,
        Opcode::Div => Handler::Div,
        Opcode::Jump => Handler::Jump,
        Opcode::Bitwise(BitwiseOp::And) => Handler::And,
        Opcode::Bitwise(BitwiseOp::Or) => Handler::Or,
        Opcode::Bitwise(BitwiseOp::Xor) => Handler::Xor,
        Opcode::Shift(ShiftOp::Shl) => Handler::Shl,
        Opcode::Shift(ShiftOp::Shr) => Handler::Shr,
        Opcode::Shift(ShiftOp::Rol) => Handler::Rol,
        Opcode::Shift(ShiftOp::Ror) => Handler::Ror,
        Opcode::Ptr(PtrOp::Add) => Handler::PtrAdd,
        Opcode::Ptr(PtrOp::Sub) => Handler::PtrSub,
        Opcode::Ptr(PtrOp::Pack) => Handler::PtrPack,
        Opcode::Ptr(PtrOp::Shrink) => Handler::PtrShrink,
        Opcode::NearCall => Handler::NearCall,
        Opcode::Context(c) => Handler::Context(c),
        Opcode::Ret(RetKind::Ok) => Handler::RetOk,
        Opcode::Ret(RetKind::Revert) => Handler::RetRevert,
        Opcode::Ret(RetKind::Panic) => Handler::RetPanic,
        Opcode::Heap(HeapOp::HeapRead) => Handler::HeapRead,
        Opcode::Heap(HeapOp::HeapWrite) => Handler::HeapWrite,
        Opcode::Heap(HeapOp::AuxHeapRead) => Handler::AuxHeapRead,
        Opcode::Heap(HeapOp::AuxHeapWrite) => Handler::AuxHeapWrite,
        Opcode::Heap(HeapOp::FatPointerRead) => Handler::FatPointerRead,
        Opcode::Heap(HeapOp::StaticMemoryRead) => Handler::StaticRead,
        Opcode::Heap(HeapOp::StaticMemoryWrite) => Handler::StaticWrite,
        Opcode::Log(LogOp::StorageRead) => Handler::StorageRead,
        Opcode::Log(LogOp::StorageWrite) => Handler::StorageWrite,
        Opcode::Log(LogOp::TransientStorageRead) => Handler::TransientRead,
        Opcode::Log(LogOp::TransientStorageWrite) => Handler::TransientWrite,
        Opcode::Log(LogOp::Event) => Handler::Event,
        Opcode::Log(LogOp::ToL1Message) => Handler::ToL1,
        Opcode::FarCall(kind) => Handler::FarCall(kind),
        Opcode::Log(LogOp::PrecompileCall) => Handler::PrecompileCall,
        Opcode::Log(LogOp::Decommit) => Handler::Decommit,
    }
}

/// The all-zero word: what the VM reads past the end of the code.
pub const INVALID_INSTR: Instr = Instr::new(&DecodedInstruction::new(OpcodeVariant::INVALID));
/// The instruction substituted for one that raised an exception: `ret.panic` with every
/// register `r0` (the immediates of the original word are kept but unused).
pub const PANIC_INSTR: Instr =
    Instr::new(&DecodedInstruction::new(OpcodeVariant::new(Opcode::Ret(RetKind::Panic))));

/// The instruction at `pc` of `instrs` (the invalid opcode past the end).
#[inline(always)]
pub(crate) fn instr_at(instrs: &[Instr], pc: u16) -> &Instr {
    instrs.get(usize::from(pc)).unwrap_or(&INVALID_INSTR)
}

/// A program compiled for execution; cloning shares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    instrs: Arc<[Instr]>,
    page: Arc<[U256]>,
}

impl Code {
    /// Compiles every instruction of `program`.
    pub fn new(program: &Program) -> Self {
        let instrs = program.instructions().iter().map(Instr::new).collect();
        Code { instrs, page: program.code_page().into() }
    }

    /// No code: every pc reads the invalid opcode.
    pub fn empty() -> Self {
        Code { instrs: Arc::from(Vec::new()), page: Arc::from(Vec::new()) }
    }

    /// Decodes and compiles `bytecode` (see [`Program::from_bytecode`]).
    pub fn from_bytecode(bytecode: &[u8]) -> Result<Self, crate::ProgramError> {
        Ok(Self::new(&Program::from_bytecode(bytecode)?))
    }

    /// The compiled instructions, shared: a run loop holds them while the frame's code stays
    /// the same, so it can borrow each instruction instead of copying it out of the frame.
    #[inline(always)]
    pub(crate) fn instrs(&self) -> &Arc<[Instr]> {
        &self.instrs
    }

    /// The instruction at `pc` (the invalid opcode past the end of the code).
    #[inline(always)]
    pub fn instr(&self, pc: u16) -> &Instr {
        self.instrs.get(usize::from(pc)).unwrap_or(&INVALID_INSTR)
    }

    /// The code-page word at `index` (zero past the end).
    #[inline]
    pub fn word(&self, index: u16) -> U256 {
        self.page.get(usize::from(index)).copied().unwrap_or(U256::ZERO)
    }

    /// The code page as words.
    #[inline]
    pub fn page(&self) -> &[U256] {
        &self.page
    }
}
