//! Specialised handlers for the common instructions, chosen once when code is compiled.
//!
//! [`Instr::fast`] names one handler per (opcode, `src0` mode, `.s`, `!`) of `add`, `sub`, the
//! bitwise ops and shifts with register or immediate `src0` and register destinations, and for
//! `jump`, `near_call` and near `ret`. Each is a monomorphised function (the const parameter
//! packs the variant) that reads its sources straight from the register file, computes on limbs
//! and writes its result in place: no operand resolution, no 256-bit copies, no run-time test of
//! an addressing mode. Whatever such a handler cannot do exactly (a source that holds a pointer,
//! a `ret` from a far frame, and in a whole cycle also a pending exception, too few ergs or a
//! full call stack) is found before anything changes and goes to the generic cycle and
//! [`Vm::execute`](super::vm::Vm), which is also what every other instruction runs.

use alloy_primitives::U256;

use super::code::{Handler, Instr, SET_FLAGS, SRC0_POINTER, SWAP};
use super::error::VmError;
use super::vm::{Step, Vm};
use crate::decode::DecodedInstruction;
use crate::isa::{DstMode, SrcMode};
use crate::memory::params::VM_MAX_STACK_DEPTH;
use crate::state::Flags;
use crate::tracer::Tracer;

/// [`Instr::fast`] of an instruction without a specialised handler.
pub const GENERIC: u8 = 0;
/// The first binary-op code: `1 + (op << 3 | imm << 2 | swap << 1 | set_flags)`.
const BINOP_BASE: u8 = 1;
/// The code order of the binary ops with a specialised handler.
const fn binop_index(handler: Handler) -> Option<u8> {
    Some(match handler {
        Handler::Add => 0,
        Handler::Sub => 1,
        Handler::And => 2,
        Handler::Or => 3,
        Handler::Xor => 4,
        Handler::Shl => 5,
        Handler::Shr => 6,
        Handler::Rol => 7,
        Handler::Ror => 8,
        _ => return None,
    })
}
/// `jump` from a register.
pub const JUMP_REG: u8 = BINOP_BASE + 72;
/// `jump` to an immediate.
pub const JUMP_IMM: u8 = JUMP_REG + 1;
/// `near_call`.
pub const NEAR_CALL: u8 = JUMP_REG + 2;
/// `ret.ok`, `ret.revert`, `ret.panic` (specialised for a near frame).
pub const RET: u8 = JUMP_REG + 3;

/// The specialised handler of an instruction, or [`GENERIC`].
///
/// Eligible: `src0` a register or immediate, `dst0` a register, `dst1` `r0` (so nothing needs
/// clearing), and no check that could raise an exception before execution (`checks` without the
/// invalid, kernel-only and static bits).
pub const fn kind_of(d: &DecodedInstruction, handler: Handler, flags: u8, checks: u8) -> u8 {
    let imm = match d.variant.src0 {
        SrcMode::Reg => false,
        SrcMode::Imm => true,
        _ => return GENERIC,
    };
    if !matches!(d.variant.dst0, DstMode::Reg) || d.dst1.index() != 0 || checks & !SRC0_POINTER != 0
    {
        return GENERIC;
    }
    let swap = flags & SWAP != 0;
    let set_flags = flags & SET_FLAGS != 0;
    if let Some(op) = binop_index(handler) {
        return BINOP_BASE + (op << 3 | (imm as u8) << 2 | (swap as u8) << 1 | set_flags as u8);
    }
    match handler {
        Handler::Jump if !swap => {
            if imm {
                JUMP_IMM
            } else {
                JUMP_REG
            }
        }
        Handler::NearCall if !swap && !imm => NEAR_CALL,
        Handler::RetOk | Handler::RetRevert | Handler::RetPanic if !swap && !imm => RET,
        _ => GENERIC,
    }
}

/// `a + b` on limbs: the sum, the carry out, whether the sum is zero.
#[inline(always)]
fn add4(a: [u64; 4], b: [u64; 4]) -> ([u64; 4], bool, bool) {
    let mut r = [0u64; 4];
    let mut carry = false;
    let mut any = 0;
    for i in 0..4 {
        let (s, c1) = a[i].overflowing_add(b[i]);
        let (s, c2) = s.overflowing_add(u64::from(carry));
        r[i] = s;
        any |= s;
        carry = c1 | c2;
    }
    (r, carry, any == 0)
}

/// `a - b` on limbs: the difference, the borrow out, whether the difference is zero.
#[inline(always)]
fn sub4(a: [u64; 4], b: [u64; 4]) -> ([u64; 4], bool, bool) {
    let mut r = [0u64; 4];
    let mut borrow = false;
    let mut any = 0;
    for i in 0..4 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        r[i] = d;
        any |= d;
        borrow = b1 | b2;
    }
    (r, borrow, any == 0)
}

/// A bitwise op on limbs and whether the result is zero.
#[inline(always)]
fn bitwise4(a: [u64; 4], b: [u64; 4], f: impl Fn(u64, u64) -> u64) -> ([u64; 4], bool) {
    let r = [f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])];
    (r, r[0] | r[1] | r[2] | r[3] == 0)
}

impl<T: Tracer> Vm<T> {
    /// Runs `instr` (price paid, condition true) through its specialised handler, or the
    /// generic one.
    #[inline(always)]
    pub(super) fn dispatch(&mut self, instr: &Instr) -> Result<Step, VmError> {
        if self.fast_ready(instr) {
            self.run_fast(instr);
            Ok(Step::Continue)
        } else {
            self.execute(instr)
        }
    }

    /// Runs one whole cycle of `instr`, the instruction at pc, through its specialised handler
    /// when that is exact here: no pending exception, no exception before execution, and the
    /// handler ready ([`Vm::fast_ready`]). Returns `false`, having changed nothing, otherwise.
    /// A run loop tries this first and falls back to the full cycle; the specialised path so
    /// never builds a [`Step`].
    #[inline(always)]
    pub(super) fn try_fast(&mut self, instr: &Instr) -> bool {
        if self.state.pending_exception || !self.fast_ready(instr) {
            return false;
        }
        // Specialised instructions have no kernel-only, static or invalid check.
        let (left, out_of_ergs) = self.state.current.ergs.overflowing_sub(instr.ergs);
        if out_of_ergs || self.state.depth >= VM_MAX_STACK_DEPTH {
            return false;
        }
        self.tracer.before_instruction(&self.state, &self.memory, instr);
        self.state.current.ergs = left;
        let f = &self.state.flags;
        if instr.holds(f.gt, f.lt, f.eq) {
            self.run_fast(instr);
        } else {
            self.state.current.pc = self.state.current.pc.wrapping_add(1);
        }
        self.tracer.after_instruction(&self.state, &self.memory, instr);
        true
    }

    /// Whether the specialised handler of `instr` runs it exactly now: it has one, no source
    /// of a binary op holds a pointer (user mode erases pointer metadata first; the generic
    /// path does that), and a `ret` has a near frame to return to.
    #[inline(always)]
    fn fast_ready(&self, instr: &Instr) -> bool {
        match instr.fast {
            GENERIC => false,
            k @ BINOP_BASE..JUMP_REG => {
                let imm = (k - BINOP_BASE) & 4 != 0;
                let src0 = if imm { 0 } else { 1u16 << (instr.src0 & 15) };
                !self.state.registers.any_pointer(src0 | 1u16 << (instr.src1 & 15))
            }
            RET => !self.state.current.near_calls.is_empty(),
            _ => true,
        }
    }

    /// Runs the specialised handler of `instr`, which [`Vm::fast_ready`] accepted.
    #[inline(always)]
    fn run_fast(&mut self, instr: &Instr) {
        macro_rules! binops {
            ($($k:literal)*) => {
                match instr.fast {
                    $($k => self.binop::<$k>(instr),)*
                    JUMP_REG => {
                        let target = self.state.registers.limbs(instr.src0)[0];
                        self.jump(instr, target);
                    }
                    JUMP_IMM => self.jump(instr, u64::from(instr.imm0)),
                    NEAR_CALL => {
                        // `near_call` reads the low 32 bits of `src0`, which erasing pointer
                        // metadata keeps.
                        let abi = U256::from(self.state.registers.limbs(instr.src0)[0]);
                        let new_pc = self.state.current.pc.wrapping_add(1);
                        self.near_call(instr, &abi, new_pc);
                    }
                    // A near `ret` does not read `src0`.
                    _ => {
                        self.ret(instr, &U256::ZERO, false);
                    }
                }
            };
        }
        binops!(
            1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32
            33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60
            61 62 63 64 65 66 67 68 69 70 71 72
        );
    }

    /// `jump`: pc to the low 16 bits of the target, the next pc to `dst0`.
    #[inline(always)]
    fn jump(&mut self, instr: &Instr, target: u64) {
        let next = self.state.current.pc.wrapping_add(1);
        self.state.current.pc = target as u16;
        self.state.registers.set_limbs(instr.dst0, [u64::from(next), 0, 0, 0]);
    }

    /// A binary op, `K` packing `1 + (op << 3 | imm << 2 | swap << 1 | set_flags)`.
    #[inline(always)]
    fn binop<const K: u8>(&mut self, instr: &Instr) {
        let code = K - BINOP_BASE;
        let (op, imm, swap, set) = (code >> 3, code & 4 != 0, code & 2 != 0, code & 1 != 0);
        let regs = &self.state.registers;
        let a = if imm { [u64::from(instr.imm0), 0, 0, 0] } else { regs.limbs(instr.src0) };
        let b = regs.limbs(instr.src1);
        let (a, b) = if swap { (b, a) } else { (a, b) };
        let (r, flags) = match op {
            0 | 1 => {
                let (r, of, eq) = if op == 0 { add4(a, b) } else { sub4(a, b) };
                (r, Flags::new(of, eq, !of && !eq))
            }
            2..=4 => {
                let (r, eq) = match op {
                    2 => bitwise4(a, b, |x, y| x & y),
                    3 => bitwise4(a, b, |x, y| x | y),
                    _ => bitwise4(a, b, |x, y| x ^ y),
                };
                (r, Flags::new(false, eq, false))
            }
            _ => {
                let x = U256::from_limbs(a);
                let shift = usize::from(b[0] as u8);
                let r = match op {
                    5 => x << shift,
                    6 => x >> shift,
                    7 => x.rotate_left(shift),
                    _ => x.rotate_right(shift),
                };
                (*r.as_limbs(), Flags::new(false, r.is_zero(), false))
            }
        };
        self.state.current.pc = self.state.current.pc.wrapping_add(1);
        self.state.registers.set_limbs(instr.dst0, r);
        if set {
            self.state.flags = flags;
        }
    }
}
