//! Building one instruction from a canonical statement: the opcode variant, its addressing
//! modes and flags, the registers and immediates, and what still waits for label addresses.

use super::error::{AsmError, AsmErrorKind};
use super::operand::{self, Operand, StackKind};
use super::source::Tok;
use super::statement::Statement;
use crate::decode::DecodedInstruction;
use crate::isa::{Condition, DstMode, Register, SrcMode};
use crate::opcodes::{
    BitwiseOp, ContextOp, FarCallKind, Flags, HeapOp, LogOp, Opcode, OpcodeVariant, PtrOp, RetKind,
    ShiftOp,
};

/// A `src0` that depends on a label's address.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Src0Ref<'a> {
    /// `@label` or `@label[reg + imm]`: the code-page word `reg + imm + offset` of a constant,
    /// or the address (an immediate) of a code label (then without register and offset).
    Code {
        /// The label.
        label: Tok<'a>,
        /// Whether it was written without brackets.
        bare: bool,
    },
    /// `stack[.. + @global]`: add the global's stack slot to `imm0`.
    Global(Tok<'a>),
}

/// An instruction whose label-dependent fields are still open.
#[derive(Clone, Debug)]
pub(crate) struct Pending<'a> {
    /// Everything known before linking.
    pub ins: DecodedInstruction,
    /// A label-dependent `src0`.
    pub src0: Option<Src0Ref<'a>>,
    /// `stack[.. + @global]` as `dst0`: add the global's slot to `imm1`.
    pub dst0_global: Option<Tok<'a>>,
    /// A code label whose address goes to `imm0` (call targets, `ret.to_label`).
    pub imm0_label: Option<Tok<'a>>,
    /// A code label whose address goes to `imm1` (`near_call`'s exception handler).
    pub imm1_label: Option<Tok<'a>>,
    /// The statement, for errors.
    pub at: Tok<'a>,
}

/// The modifiers of a statement, consumed one kind at a time; leftovers are an error.
struct Modifiers<'a> {
    left: Vec<Tok<'a>>,
}

impl<'a> Modifiers<'a> {
    fn new(all: &[Tok<'a>]) -> Result<Self, AsmError> {
        for (i, m) in all.iter().enumerate() {
            if all[..i].iter().any(|o| o.text == m.text) {
                return Err(m.err(AsmErrorKind::DuplicateModifier));
            }
        }
        Ok(Modifiers { left: all.to_vec() })
    }

    /// Removes the modifier `name`, if present.
    fn take(&mut self, name: &str) -> bool {
        let found = self.left.iter().position(|m| m.text == name);
        found.map(|i| self.left.remove(i)).is_some()
    }

    /// Removes at most one of `names` (error if several), returning its index in `names`.
    fn one_of(&mut self, names: &[&str]) -> Result<Option<usize>, AsmError> {
        let mut found = None;
        let mut i = 0;
        while i < self.left.len() {
            if let Some(k) = names.iter().position(|n| *n == self.left[i].text) {
                if found.is_some() {
                    return Err(self.left[i].err(AsmErrorKind::ConflictingModifiers));
                }
                found = Some(k);
                self.left.remove(i);
            } else {
                i += 1;
            }
        }
        Ok(found)
    }

    fn condition(&mut self) -> Result<Condition, AsmError> {
        const NAMES: [&str; 8] = ["gt", "lt", "eq", "ge", "le", "ne", "gtlt", "of"];
        const CONDS: [Condition; 8] = [
            Condition::Gt,
            Condition::Lt,
            Condition::Eq,
            Condition::Ge,
            Condition::Le,
            Condition::Ne,
            Condition::GtOrLt,
            Condition::Lt,
        ];
        Ok(self.one_of(&NAMES)?.map_or(Condition::Always, |i| CONDS[i]))
    }

    /// A required variant modifier.
    fn variant(&mut self, names: &[&str], at: Tok<'a>) -> Result<usize, AsmError> {
        self.one_of(names)?.ok_or_else(|| at.err(AsmErrorKind::MissingVariant))
    }

    fn finish(self) -> Result<(), AsmError> {
        match self.left.first() {
            Some(m) => Err(m.err(AsmErrorKind::BadModifier)),
            None => Ok(()),
        }
    }
}

/// The shape of an instruction's operand list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `src0, src1, dst0` with full `src0`/`dst0`.
    Arith3,
    /// `src0, src1, dst0, dst1` with full `src0`/`dst0`.
    Arith4,
}

/// Builds the instruction for a canonical statement.
pub(crate) fn build<'a>(st: &Statement<'a>, truncate: bool) -> Result<Pending<'a>, AsmError> {
    let mut mods = Modifiers::new(&st.modifiers)?;
    let at = st.at;
    let mut p = Pending {
        ins: DecodedInstruction::new(OpcodeVariant::new(Opcode::Invalid)),
        src0: None,
        dst0_global: None,
        imm0_label: None,
        imm1_label: None,
        at,
    };
    let ops = &st.operands;
    let (opcode, flags) = match st.opcode {
        "invalid" => {
            expect_count(ops, 0, at)?;
            (Opcode::Invalid, Flags::NONE)
        }
        "nop" => {
            expect_count(ops, 4, at)?;
            full_src0(&mut p, ops[0], false, false, truncate)?;
            zero_register(ops[1])?;
            full_dst0(&mut p, ops[2], truncate)?;
            zero_register(ops[3])?;
            if p.src0.is_some() || p.dst0_global.is_some() {
                return Err(at.err(AsmErrorKind::BadOperand("`nop` operands without globals")));
            }
            (Opcode::Nop, Flags::NONE)
        }
        "add" | "sub" | "mul" | "div" => {
            let set_flags = mods.take("set_flags");
            let swap = st.opcode == "sub" || st.opcode == "div";
            let swap = swap && mods.take("s");
            let shape =
                if matches!(st.opcode, "mul" | "div") { Shape::Arith4 } else { Shape::Arith3 };
            arith(&mut p, ops, shape, matches!(st.opcode, "add" | "sub"), truncate)?;
            let opcode = match st.opcode {
                "add" => Opcode::Add,
                "sub" => Opcode::Sub,
                "mul" => Opcode::Mul,
                _ => Opcode::Div,
            };
            (opcode, Flags::new(set_flags, swap))
        }
        "binop" => {
            let op = BitwiseOp::ALL[mods.variant(&["xor", "and", "or"], at)?];
            let set_flags = mods.take("set_flags");
            arith(&mut p, ops, Shape::Arith3, false, truncate)?;
            (Opcode::Bitwise(op), Flags::new(set_flags, false))
        }
        "shift" => {
            let op = ShiftOp::ALL[mods.variant(&["shl", "shr", "rol", "ror"], at)?];
            let set_flags = mods.take("set_flags");
            let swap = mods.take("s");
            arith(&mut p, ops, Shape::Arith3, false, truncate)?;
            (Opcode::Shift(op), Flags::new(set_flags, swap))
        }
        "ptr" => {
            let op = PtrOp::ALL[mods.variant(&["add", "sub", "pack", "shrink"], at)?];
            let swap = mods.take("s");
            arith(&mut p, ops, Shape::Arith3, false, truncate)?;
            (Opcode::Ptr(op), Flags::new(swap, false))
        }
        "jump" => {
            expect_count(ops, 1, at)?;
            full_src0(&mut p, ops[0], true, true, truncate)?;
            (Opcode::Jump, Flags::NONE)
        }
        "context" => context(&mut p, &mut mods, ops)?,
        "log" => log_op(&mut p, &mut mods, ops)?,
        "near_call" => {
            expect_count(ops, 3, at)?;
            p.ins.src0 = operand::register(ops[0])?;
            p.imm0_label = Some(code_label(ops[1])?);
            p.imm1_label = Some(code_label(ops[2])?);
            (Opcode::NearCall, Flags::NONE)
        }
        "far_call" => far_call(&mut p, &mut mods, ops)?,
        "ret" => ret(&mut p, &mut mods, ops)?,
        "uma" => uma(&mut p, &mut mods, ops, truncate)?,
        _ => return Err(at.err(AsmErrorKind::UnknownMnemonic)),
    };
    p.ins.condition = mods.condition()?;
    mods.finish()?;
    p.ins.variant.opcode = opcode;
    p.ins.variant.flags = flags;
    Ok(p)
}

/// `context.*`: one register (destination for reads, source for the two setters) or none.
fn context<'a>(
    p: &mut Pending<'a>,
    mods: &mut Modifiers<'a>,
    ops: &[Tok<'a>],
) -> Result<(Opcode, Flags), AsmError> {
    let names = [
        "this",
        "caller",
        "code_source",
        "meta",
        "ergs_left",
        "sp",
        "get_context_u128",
        "set_context_u128",
        "set_ergs_per_pubdata",
        "inc_tx_num",
    ];
    let op = ContextOp::ALL[mods.variant(&names, p.at)?];
    match op {
        ContextOp::SetContextU128 | ContextOp::AuxMutating0 => {
            expect_count(ops, 1, p.at)?;
            p.ins.src0 = operand::register(ops[0])?;
        }
        ContextOp::IncrementTxNumber => expect_count(ops, 0, p.at)?,
        _ => {
            expect_count(ops, 1, p.at)?;
            p.ins.dst0 = operand::register(ops[0])?;
        }
    }
    Ok((Opcode::Context(op), Flags::NONE))
}

/// `src0, src1, dst0[, dst1]`.
fn arith<'a>(
    p: &mut Pending<'a>,
    ops: &[Tok<'a>],
    shape: Shape,
    bare_label: bool,
    truncate: bool,
) -> Result<(), AsmError> {
    expect_count(ops, if shape == Shape::Arith4 { 4 } else { 3 }, p.at)?;
    full_src0(p, ops[0], bare_label, true, truncate)?;
    p.ins.src1 = operand::register(ops[1])?;
    full_dst0(p, ops[2], truncate)?;
    if shape == Shape::Arith4 {
        p.ins.dst1 = operand::register(ops[3])?;
    }
    Ok(())
}

/// A full `src0`: register, immediate, stack, or (where linked) code page and labels.
fn full_src0<'a>(
    p: &mut Pending<'a>,
    tok: Tok<'a>,
    bare_label: bool,
    code: bool,
    truncate: bool,
) -> Result<(), AsmError> {
    match operand::parse(tok, truncate)? {
        Operand::Reg(r) => p.ins.src0 = r,
        Operand::Imm(v) => {
            p.ins.variant.src0 = SrcMode::Imm;
            p.ins.imm0 = v;
        }
        Operand::Stack { kind, reg, imm, global } => {
            p.ins.variant.src0 = match kind {
                StackKind::Pop => SrcMode::StackPop,
                StackKind::Offset => SrcMode::StackOffset,
                StackKind::Absolute => SrcMode::StackAbsolute,
                StackKind::Push => {
                    return Err(
                        tok.err(AsmErrorKind::BadOperand("`stack-=[..]` (pop) as a source"))
                    );
                }
            };
            p.ins.src0 = reg;
            p.ins.imm0 = imm;
            p.src0 = global.map(Src0Ref::Global);
        }
        Operand::Code { label, reg, imm } if code => {
            p.ins.variant.src0 = SrcMode::CodePage;
            p.ins.src0 = reg;
            p.ins.imm0 = imm;
            p.src0 = Some(Src0Ref::Code { label, bare: false });
        }
        Operand::Label(label) if bare_label => {
            p.ins.variant.src0 = SrcMode::CodePage;
            p.src0 = Some(Src0Ref::Code { label, bare: true });
        }
        _ => {
            return Err(tok.err(AsmErrorKind::BadOperand("a register, immediate or stack operand")));
        }
    }
    Ok(())
}

/// A full `dst0`: register or stack.
fn full_dst0<'a>(p: &mut Pending<'a>, tok: Tok<'a>, truncate: bool) -> Result<(), AsmError> {
    match operand::parse(tok, truncate)? {
        Operand::Reg(r) => p.ins.dst0 = r,
        Operand::Stack { kind, reg, imm, global } => {
            p.ins.variant.dst0 = match kind {
                StackKind::Push => DstMode::StackPush,
                StackKind::Offset => DstMode::StackOffset,
                StackKind::Absolute => DstMode::StackAbsolute,
                StackKind::Pop => {
                    return Err(
                        tok.err(AsmErrorKind::BadOperand("`stack+=[..]` (push) as a destination"))
                    );
                }
            };
            p.ins.dst0 = reg;
            p.ins.imm1 = imm;
            p.dst0_global = global;
        }
        _ => return Err(tok.err(AsmErrorKind::BadOperand("a register or stack destination"))),
    }
    Ok(())
}

/// `r0` (the unused `src1`/`dst1` of `nop`).
fn zero_register(tok: Tok<'_>) -> Result<(), AsmError> {
    if operand::register(tok)? == Register::R0 {
        Ok(())
    } else {
        Err(tok.err(AsmErrorKind::BadOperand("`r0` (nop's src1 and dst1 are unused)")))
    }
}

/// `@label` naming code.
fn code_label(tok: Tok<'_>) -> Result<Tok<'_>, AsmError> {
    match operand::parse(tok, false)? {
        Operand::Label(label) => Ok(label),
        _ => Err(tok.err(AsmErrorKind::BadOperand("a code label `@name`"))),
    }
}

fn expect_count(ops: &[Tok<'_>], expected: usize, at: Tok<'_>) -> Result<(), AsmError> {
    if ops.len() == expected {
        Ok(())
    } else {
        Err(at.err(AsmErrorKind::OperandCount { expected, found: ops.len() }))
    }
}

/// `log.*`: key, value, destination registers.
fn log_op<'a>(
    p: &mut Pending<'a>,
    mods: &mut Modifiers<'a>,
    ops: &[Tok<'a>],
) -> Result<(Opcode, Flags), AsmError> {
    let at = p.at;
    let first = mods.take("first");
    let names = ["sread", "swrite", "event", "to_l1", "precompile", "decommit", "tread", "twrite"];
    let kinds = [
        LogOp::StorageRead,
        LogOp::StorageWrite,
        LogOp::Event,
        LogOp::ToL1Message,
        LogOp::PrecompileCall,
        LogOp::Decommit,
        LogOp::TransientStorageRead,
        LogOp::TransientStorageWrite,
    ];
    let op = kinds[mods.variant(&names, at)?];
    expect_count(ops, 3, at)?;
    p.ins.src0 = operand::register(ops[0])?;
    p.ins.src1 = operand::register(ops[1])?;
    p.ins.dst0 = operand::register(ops[2])?;
    Ok((Opcode::Log(op), Flags::new(first, false)))
}

/// `far_call[.delegate|.mimic][.static][.shard]`.
fn far_call<'a>(
    p: &mut Pending<'a>,
    mods: &mut Modifiers<'a>,
    ops: &[Tok<'a>],
) -> Result<(Opcode, Flags), AsmError> {
    let at = p.at;
    let is_static = mods.take("static");
    let shard = mods.take("shard");
    let kind = match mods.one_of(&["delegate", "mimic"])? {
        None => FarCallKind::Normal,
        Some(0) => FarCallKind::Delegate,
        Some(_) => FarCallKind::Mimic,
    };
    expect_count(ops, 3, at)?;
    p.ins.src0 = operand::register(ops[0])?;
    p.ins.src1 = operand::register(ops[1])?;
    p.imm0_label = Some(code_label(ops[2])?);
    Ok((Opcode::FarCall(kind), Flags::new(is_static, shard)))
}

/// `ret.ok|revert|panic[.to_label]`.
fn ret<'a>(
    p: &mut Pending<'a>,
    mods: &mut Modifiers<'a>,
    ops: &[Tok<'a>],
) -> Result<(Opcode, Flags), AsmError> {
    let at = p.at;
    let kind = RetKind::ALL[mods.one_of(&["ok", "revert", "panic"])?.unwrap_or(0)];
    let to_label = mods.take("to_label");
    expect_count(ops, if to_label { 2 } else { 1 }, at)?;
    p.ins.src0 = operand::register(ops[0])?;
    if to_label {
        p.imm0_label = Some(code_label(ops[1])?);
    }
    Ok((Opcode::Ret(kind), Flags::new(to_label, false)))
}

/// Heap, fat-pointer and static memory access.
fn uma<'a>(
    p: &mut Pending<'a>,
    mods: &mut Modifiers<'a>,
    ops: &[Tok<'a>],
    truncate: bool,
) -> Result<(Opcode, Flags), AsmError> {
    let at = p.at;
    let names = [
        "heap_read",
        "heap_write",
        "aux_heap_read",
        "aux_heap_write",
        "fat_ptr_read",
        "static_read",
        "static_write",
    ];
    let short = ["rh", "wh", "rah", "wah", "rptr", "rs", "ws"];
    let index = match mods.one_of(&names)? {
        Some(i) => i,
        None => mods.variant(&short, at)?,
    };
    let inc = mods.take("inc");
    expect_count(ops, 4, at)?;
    match operand::parse(ops[0], truncate)? {
        Operand::Reg(r) => p.ins.src0 = r,
        Operand::Imm(v) => {
            p.ins.variant.src0 = SrcMode::Imm;
            p.ins.imm0 = v;
        }
        _ => return Err(ops[0].err(AsmErrorKind::BadOperand("a register or an immediate"))),
    }
    p.ins.src1 = operand::register(ops[1])?;
    p.ins.dst0 = operand::register(ops[2])?;
    p.ins.dst1 = operand::register(ops[3])?;
    Ok((Opcode::Heap(HeapOp::ALL[index]), Flags::new(inc, false)))
}
