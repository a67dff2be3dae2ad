//! One instruction in assembly syntax, for the disassembler: `None` when the assembler could
//! not have produced the word (fields its syntax does not carry are set).

use crate::decode::DecodedInstruction;
use crate::isa::{Condition, DstMode, Register, SrcMode};
use crate::opcodes::{ContextOp, FarCallKind, HeapOp, LogOp, Opcode, PtrOp, RetKind};

/// The name of the label the disassembler puts at code address `pc`.
pub(crate) fn label(pc: u16) -> String {
    format!("pc_{pc}")
}

/// The label of the first data word.
pub(crate) const DATA_LABEL: &str = "__data";

/// The code addresses an instruction refers to by label (call targets, `ret.to_label`).
pub(crate) fn label_targets(d: &DecodedInstruction) -> [Option<u16>; 2] {
    match d.opcode() {
        Opcode::NearCall => [Some(d.imm0), Some(d.imm1)],
        Opcode::FarCall(_) => [Some(d.imm0), None],
        Opcode::Ret(_) if d.variant.to_label() => [Some(d.imm0), None],
        _ => [None, None],
    }
}

/// The code-page word a `src0` reads, if it reads one.
pub(crate) fn code_page_offset(d: &DecodedInstruction) -> Option<u16> {
    let full = matches!(
        d.opcode(),
        Opcode::Add
            | Opcode::Sub
            | Opcode::Mul
            | Opcode::Div
            | Opcode::Jump
            | Opcode::Bitwise(_)
            | Opcode::Shift(_)
            | Opcode::Ptr(_)
    );
    (full && d.variant.src0 == SrcMode::CodePage).then_some(d.imm0)
}

/// The instruction in assembly, with code-page operands relative to the data label at
/// `data_start`; `None` if no statement assembles to it.
pub(crate) fn instruction(d: &DecodedInstruction, data_start: u16) -> Option<String> {
    let cond = condition(d.condition);
    let r = |reg: Register| format!("r{}", reg.index());
    let zero = |regs: &[Register]| regs.iter().all(|x| x.is_zero());
    let v = d.variant;
    let text = match d.opcode() {
        Opcode::Invalid => {
            (zero(&[d.src0, d.src1, d.dst0, d.dst1]) && d.imm0 == 0 && d.imm1 == 0).then_some(())?;
            format!("invalid{cond}")
        }
        Opcode::Nop => {
            zero(&[d.src1, d.dst1]).then_some(())?;
            match v.src0 {
                SrcMode::CodePage => return None,
                // zkevm-assembly reads any `nop stack-=` line as the one-operand shorthand.
                SrcMode::StackPop => {
                    (cond.is_empty() && v.dst0 == DstMode::Reg && d.dst0.is_zero() && d.imm1 == 0)
                        .then_some(())?;
                    format!("nop {}", src0(d, data_start)?)
                }
                _ => format!("nop{cond} {}, r0, {}, r0", src0(d, data_start)?, dst0(d)?),
            }
        }
        Opcode::Add
        | Opcode::Sub
        | Opcode::Mul
        | Opcode::Div
        | Opcode::Bitwise(_)
        | Opcode::Shift(_)
        | Opcode::Ptr(_) => arith(d, data_start, cond)?,
        Opcode::Jump => {
            (zero(&[d.src1, d.dst0, d.dst1]) && d.imm1 == 0).then_some(())?;
            format!("jump{cond} {}", src0(d, data_start)?)
        }
        Opcode::Context(op) => context(d, op, cond)?,
        Opcode::Log(op) => {
            (d.dst1.is_zero() && d.imm0 == 0 && d.imm1 == 0).then_some(())?;
            let first = if v.flags.first() { ".first" } else { "" };
            format!("log.{}{first}{cond} {}, {}, {}", log_name(op), r(d.src0), r(d.src1), r(d.dst0))
        }
        Opcode::NearCall => {
            zero(&[d.src1, d.dst0, d.dst1]).then_some(())?;
            format!("near_call{cond} {}, @{}, @{}", r(d.src0), label(d.imm0), label(d.imm1))
        }
        Opcode::FarCall(kind) => {
            (zero(&[d.dst0, d.dst1]) && d.imm1 == 0).then_some(())?;
            let kind = match kind {
                FarCallKind::Normal => "",
                FarCallKind::Delegate => ".delegate",
                FarCallKind::Mimic => ".mimic",
            };
            let st = if v.is_static_call() { ".static" } else { "" };
            let shard = if v.is_shard_call() { ".shard" } else { "" };
            format!(
                "far_call{kind}{st}{shard}{cond} {}, {}, @{}",
                r(d.src0),
                r(d.src1),
                label(d.imm0)
            )
        }
        Opcode::Ret(kind) => {
            (zero(&[d.src1, d.dst0, d.dst1]) && d.imm1 == 0).then_some(())?;
            let kind = match kind {
                RetKind::Ok => "ok",
                RetKind::Revert => "revert",
                RetKind::Panic => "panic",
            };
            if v.to_label() {
                format!("ret.{kind}.to_label{cond} {}, @{}", r(d.src0), label(d.imm0))
            } else {
                (d.imm0 == 0).then_some(())?;
                format!("ret.{kind}{cond} {}", r(d.src0))
            }
        }
        Opcode::Heap(op) => {
            (d.imm1 == 0).then_some(())?;
            let source = match v.src0 {
                SrcMode::Reg if d.imm0 == 0 => r(d.src0),
                SrcMode::Imm if d.src0.is_zero() => format!("#{}", d.imm0),
                _ => return None,
            };
            let inc = if v.flags.first() { ".inc" } else { "" };
            format!(
                "uma.{}{inc}{cond} {source}, {}, {}, {}",
                heap_name(op),
                r(d.src1),
                r(d.dst0),
                r(d.dst1)
            )
        }
    };
    Some(text)
}

/// A full `src0`.
fn src0(d: &DecodedInstruction, data_start: u16) -> Option<String> {
    let reg = d.src0;
    Some(match d.variant.src0 {
        SrcMode::Reg => {
            (d.imm0 == 0).then_some(())?;
            format!("r{}", reg.index())
        }
        SrcMode::Imm => {
            reg.is_zero().then_some(())?;
            format!("#{}", d.imm0)
        }
        SrcMode::StackPop => format!("stack-=[{}]", address(reg, d.imm0)),
        SrcMode::StackOffset => format!("stack-[{}]", address(reg, d.imm0)),
        SrcMode::StackAbsolute => format!("stack[{}]", address(reg, d.imm0)),
        SrcMode::CodePage => {
            let offset = d.imm0.checked_sub(data_start)?;
            format!("@{DATA_LABEL}[{}]", address(reg, offset))
        }
    })
}

/// A full `dst0`.
fn dst0(d: &DecodedInstruction) -> Option<String> {
    let reg = d.dst0;
    Some(match d.variant.dst0 {
        DstMode::Reg => {
            (d.imm1 == 0).then_some(())?;
            format!("r{}", reg.index())
        }
        DstMode::StackPush => format!("stack+=[{}]", address(reg, d.imm1)),
        DstMode::StackOffset => format!("stack-[{}]", address(reg, d.imm1)),
        DstMode::StackAbsolute => format!("stack[{}]", address(reg, d.imm1)),
    })
}

/// `rN + imm`, `rN` or `imm`.
fn address(reg: Register, imm: u16) -> String {
    match (reg.is_zero(), imm) {
        (true, _) => format!("{imm}"),
        (false, 0) => format!("r{}", reg.index()),
        (false, _) => format!("r{} + {imm}", reg.index()),
    }
}

fn condition(c: Condition) -> &'static str {
    match c {
        Condition::Always => "",
        Condition::Gt => ".gt",
        Condition::Lt => ".lt",
        Condition::Eq => ".eq",
        Condition::Ge => ".ge",
        Condition::Le => ".le",
        Condition::Ne => ".ne",
        Condition::GtOrLt => ".gtlt",
    }
}

fn ptr_name(op: PtrOp) -> &'static str {
    match op {
        PtrOp::Add => "ptr.add",
        PtrOp::Sub => "ptr.sub",
        PtrOp::Pack => "ptr.pack",
        PtrOp::Shrink => "ptr.shrink",
    }
}

fn context_name(op: ContextOp) -> &'static str {
    match op {
        ContextOp::This => "this",
        ContextOp::Caller => "caller",
        ContextOp::CodeAddress => "code_source",
        ContextOp::Meta => "meta",
        ContextOp::ErgsLeft => "ergs_left",
        ContextOp::Sp => "sp",
        ContextOp::GetContextU128 => "get_context_u128",
        ContextOp::SetContextU128 => "set_context_u128",
        ContextOp::AuxMutating0 => "set_ergs_per_pubdata",
        ContextOp::IncrementTxNumber => "inc_tx_num",
    }
}

fn log_name(op: LogOp) -> &'static str {
    match op {
        LogOp::StorageRead => "sread",
        LogOp::StorageWrite => "swrite",
        LogOp::ToL1Message => "to_l1",
        LogOp::Event => "event",
        LogOp::PrecompileCall => "precompile",
        LogOp::Decommit => "decommit",
        LogOp::TransientStorageRead => "tread",
        LogOp::TransientStorageWrite => "twrite",
    }
}

fn heap_name(op: HeapOp) -> &'static str {
    match op {
        HeapOp::HeapRead => "heap_read",
        HeapOp::HeapWrite => "heap_write",
        HeapOp::AuxHeapRead => "aux_heap_read",
        HeapOp::AuxHeapWrite => "aux_heap_write",
        HeapOp::FatPointerRead => "fat_ptr_read",
        HeapOp::StaticMemoryRead => "static_read",
        HeapOp::StaticMemoryWrite => "static_write",
    }
}

/// The two- and three-operand arithmetic, bitwise, shift and pointer instructions.
fn arith(d: &DecodedInstruction, data_start: u16, cond: &str) -> Option<String> {
    let v = d.variant;
    let r = |reg: Register| format!("r{}", reg.index());
    let (name, swap, set_flags) = match d.opcode() {
        Opcode::Add => ("add", false, v.set_flags()),
        Opcode::Sub => ("sub", v.swap_operands(), v.set_flags()),
        Opcode::Mul => ("mul", false, v.set_flags()),
        Opcode::Div => ("div", v.swap_operands(), v.set_flags()),
        Opcode::Bitwise(op) => (["xor", "and", "or"][op as usize], false, v.set_flags()),
        Opcode::Shift(op) => {
            (["shl", "shr", "rol", "ror"][op as usize], v.swap_operands(), v.set_flags())
        }
        Opcode::Ptr(op) => (ptr_name(op), v.swap_operands(), false),
        _ => return None,
    };
    let four = matches!(d.opcode(), Opcode::Mul | Opcode::Div);
    if !four && !d.dst1.is_zero() {
        return None;
    }
    let s = if swap { ".s" } else { "" };
    let bang = if set_flags { "!" } else { "" };
    let tail = if four { format!(", {}", r(d.dst1)) } else { String::new() };
    let text = format!(
        "{name}{s}{cond}{bang} {}, {}, {}{tail}",
        src0(d, data_start)?,
        r(d.src1),
        dst0(d)?
    );
    Some(text)
}

/// `context.*`: one register, which is a destination except for the two setters.
fn context(d: &DecodedInstruction, op: ContextOp, cond: &str) -> Option<String> {
    let r = |reg: Register| format!("r{}", reg.index());
    let zero = |regs: &[Register]| regs.iter().all(|x| x.is_zero());
    (zero(&[d.src1, d.dst1]) && d.imm0 == 0 && d.imm1 == 0).then_some(())?;
    let name = context_name(op);
    let text = match op {
        ContextOp::SetContextU128 | ContextOp::AuxMutating0 => {
            d.dst0.is_zero().then_some(())?;
            format!("context.{name}{cond} {}", r(d.src0))
        }
        ContextOp::IncrementTxNumber => {
            zero(&[d.src0, d.dst0]).then_some(())?;
            format!("context.{name}{cond}")
        }
        _ => {
            d.src0.is_zero().then_some(())?;
            format!("context.{name}{cond} {}", r(d.dst0))
        }
    };
    Some(text)
}
