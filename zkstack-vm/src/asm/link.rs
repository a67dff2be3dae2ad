//! Layout and linking, as zkevm-assembly does them: the globals prologue, the code, the default
//! landing pads, padding to whole words, the constants, and the trailing metadata word.

use std::collections::HashMap;

use super::data::{self, MAX_WORDS, Word};
use super::error::{AsmError, AsmErrorKind};
use super::instruction::{self, Pending, Src0Ref};
use super::source::{Item, Section, SectionKind, Tok};
use super::statement;
use crate::U256;
use crate::decode::{DecodedInstruction, encode};
use crate::isa::{DstMode, Register, SrcMode};
use crate::opcodes::{Flags, Opcode, OpcodeVariant, RetKind};

/// The prefix of the internal labels the globals' initializers use; user labels may not take it.
pub(crate) const INTERNAL_INIT_PREFIX: &str = "_INTERNAL_INIT_";

/// The default landing pads zkevm-assembly appends when the program does not define these code
/// labels: each returns to itself (`ret.<kind>.to_label <reg>, @<label>`).
const LANDING_PADS: [(&str, RetKind, u8); 3] = [
    ("DEFAULT_UNWIND", RetKind::Panic, 0),
    ("DEFAULT_FAR_RETURN", RetKind::Ok, 1),
    ("DEFAULT_FAR_REVERT", RetKind::Revert, 1),
];

/// Where a label points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A code label: an instruction address.
    Code(u16),
    /// A `.rodata` label: a code-page word.
    Constant(usize),
    /// A `.data` label: a stack slot.
    Global(usize),
}

/// One 32-byte word of bytecode.
pub(crate) type Word32 = [u8; 32];

/// Assembles parsed sections into words; `metadata` is the trailing hash word, if any.
pub(crate) fn link<'a>(
    sections: &[Section<'a>],
    metadata: Option<Word32>,
    truncate: bool,
) -> Result<Vec<Word32>, AsmError> {
    let start = Tok { text: "", line: 1, col: 1 };
    let mut labels: HashMap<&'a str, (Target, Tok<'a>)> = HashMap::new();

    let (globals_len, initializers) = globals(sections, &mut labels)?;

    // The prologue: reserve the globals on the stack, then copy the non-zero initial values in.
    let mut code: Vec<Pending<'_>> = Vec::new();
    let prologue = |ins: DecodedInstruction| Pending {
        ins,
        src0: None,
        dst0_global: None,
        imm0_label: None,
        imm1_label: None,
        at: start,
    };
    if globals_len > 0 {
        let mut nop = DecodedInstruction::new(OpcodeVariant::new(Opcode::Nop));
        nop.variant.dst0 = DstMode::StackPush;
        nop.imm1 = globals_len as u16;
        code.push(prologue(nop));
    }
    let mut constants: Vec<(Word<'_>, Tok<'_>)> = Vec::new();
    for (slot, value, tok) in &initializers {
        let mut add = DecodedInstruction::new(OpcodeVariant::new(Opcode::Add));
        add.variant.src0 = SrcMode::CodePage;
        add.imm0 = constants.len() as u16; // plus the code length, below
        add.variant.dst0 = DstMode::StackAbsolute;
        add.imm1 = *slot as u16;
        let mut p = prologue(add);
        p.at = *tok;
        code.push(p);
        constants.push((Word::Value(*value), *tok));
    }
    let initializer_count = initializers.len();

    // Code and constants, section by section.
    let mut rodata_labels: Vec<(Tok<'_>, usize)> = Vec::new();
    for section in sections {
        for item in &section.items {
            match (section.kind, *item) {
                (SectionKind::Text, Item::Label(label)) => {
                    let pc = u16::try_from(code.len()).map_err(|_| {
                        label.err(AsmErrorKind::TooLarge("code address beyond 65535"))
                    })?;
                    define(label, Target::Code(pc), &mut labels)?;
                }
                (SectionKind::Text, Item::Statement(tok)) => {
                    let st = statement::parse(tok)?;
                    code.push(instruction::build(&st, truncate)?);
                    if code.len() > 4 * MAX_WORDS {
                        return Err(tok.err(AsmErrorKind::TooLarge("more than 65535 instructions")));
                    }
                }
                (SectionKind::Rodata, Item::Label(label)) => {
                    define(label, Target::Constant(0), &mut labels)?;
                    rodata_labels.push((label, constants.len()));
                }
                (SectionKind::Rodata, Item::Data(tok)) => {
                    for word in data::parse(tok)? {
                        constants.push((word, tok));
                    }
                    if constants.len() > MAX_WORDS {
                        return Err(tok.err(AsmErrorKind::TooLarge("more than 65535 constants")));
                    }
                }
                _ => {}
            }
        }
    }

    // Default landing pads, then padding: at least one invalid instruction, up to a whole word.
    for (name, kind, reg) in LANDING_PADS {
        if !matches!(labels.get(name), Some((Target::Code(_), _))) {
            let pc = code.len() as u16;
            if let Some((_, tok)) = labels.get(name) {
                return Err(tok.err(AsmErrorKind::DuplicateLabel));
            }
            let mut ret = DecodedInstruction::new(OpcodeVariant::new(Opcode::Ret(kind)));
            ret.variant.flags = Flags::new(true, false);
            ret.src0 = Register::new(reg).unwrap_or(Register::R0);
            ret.imm0 = pc;
            code.push(prologue(ret));
            labels.insert(name, (Target::Code(pc), start));
        }
    }
    let padding = 4 - code.len() % 4;
    for _ in 0..padding {
        code.push(prologue(DecodedInstruction::new(OpcodeVariant::INVALID)));
    }
    let code_words = code.len() / 4;
    if code.len() > usize::from(u16::MAX) {
        return Err(start.err(AsmErrorKind::TooLarge("more than 65535 instructions")));
    }
    for (label, index) in rodata_labels {
        labels.insert(label.text, (Target::Constant(code_words + index), label));
    }
    for (i, p) in code.iter_mut().enumerate() {
        if i < 1 + initializer_count && p.ins.variant.src0 == SrcMode::CodePage && p.src0.is_none()
        {
            p.ins.imm0 = checked_offset(p.ins.imm0, code_words, p.at)?;
        }
    }

    emit(&code, &constants, &labels, metadata, start)
}

/// Defines a label, refusing a second definition.
fn define<'a>(
    label: Tok<'a>,
    target: Target,
    labels: &mut HashMap<&'a str, (Target, Tok<'a>)>,
) -> Result<(), AsmError> {
    if labels.insert(label.text, (target, label)).is_some() {
        return Err(label.err(AsmErrorKind::DuplicateLabel));
    }
    Ok(())
}

/// `base + offset`, refusing what would wrap past 16 bits.
fn checked_offset(base: u16, offset: usize, at: Tok<'_>) -> Result<u16, AsmError> {
    u16::try_from(usize::from(base) + offset).map_err(|_| at.err(AsmErrorKind::OffsetOverflow))
}

/// The instruction with every label replaced by its address.
fn resolve(
    p: &Pending<'_>,
    labels: &HashMap<&str, (Target, Tok<'_>)>,
) -> Result<DecodedInstruction, AsmError> {
    let lookup = |label: Tok<'_>| {
        labels
            .get(label.text)
            .map(|(t, _)| *t)
            .ok_or_else(|| label.err(AsmErrorKind::UndefinedLabel))
    };
    let code_address = |label: Tok<'_>| match lookup(label)? {
        Target::Code(pc) => Ok(pc),
        _ => Err(label.err(AsmErrorKind::WrongLabelKind("a code label is needed here"))),
    };
    let global_slot = |label: Tok<'_>| match lookup(label)? {
        Target::Global(slot) => Ok(slot),
        _ => Err(label.err(AsmErrorKind::WrongLabelKind("a `.data` global is needed here"))),
    };
    let mut ins = p.ins;
    match p.src0 {
        Some(Src0Ref::Code { label, bare }) => match lookup(label)? {
            Target::Code(pc) => {
                if !bare && (ins.src0 != Register::R0 || ins.imm0 != 0) {
                    return Err(label.err(AsmErrorKind::WrongLabelKind(
                        "a code label's address takes no register or offset",
                    )));
                }
                ins.variant.src0 = SrcMode::Imm;
                ins.imm0 = pc;
            }
            Target::Constant(offset) => ins.imm0 = checked_offset(ins.imm0, offset, label)?,
            Target::Global(_) => {
                return Err(label.err(AsmErrorKind::WrongLabelKind(
                    "a global is a stack slot: `stack[@name]`",
                )));
            }
        },
        Some(Src0Ref::Global(label)) => {
            ins.imm0 = checked_offset(ins.imm0, global_slot(label)?, label)?;
        }
        None => {}
    }
    if let Some(label) = p.dst0_global {
        ins.imm1 = checked_offset(ins.imm1, global_slot(label)?, label)?;
    }
    if let Some(label) = p.imm0_label {
        ins.imm0 = code_address(label)?;
    }
    if let Some(label) = p.imm1_label {
        ins.imm1 = code_address(label)?;
    }
    Ok(ins)
}

/// The globals (`.data` words): their count, and the slots with a non-zero initial value.
type Initializers<'a> = Vec<(usize, U256, Tok<'a>)>;

fn globals<'a>(
    sections: &[Section<'a>],
    labels: &mut HashMap<&'a str, (Target, Tok<'a>)>,
) -> Result<(usize, Initializers<'a>), AsmError> {
    let mut globals_len = 0usize;
    let mut initializers: Initializers<'a> = Vec::new();
    for section in sections.iter().filter(|s| s.kind == SectionKind::Globals) {
        for item in &section.items {
            match *item {
                Item::Label(label) => define(label, Target::Global(globals_len), labels)?,
                Item::Data(tok) => {
                    for word in data::parse(tok)? {
                        match word {
                            Word::Value(v) => {
                                if !v.is_zero() {
                                    initializers.push((globals_len, v, tok));
                                }
                                globals_len += 1;
                            }
                            Word::CodeAddress(l) => {
                                return Err(l.err(AsmErrorKind::WrongLabelKind(
                                    "globals hold values only",
                                )));
                            }
                        }
                    }
                    if globals_len > MAX_WORDS {
                        return Err(tok.err(AsmErrorKind::TooLarge("more than 65535 global words")));
                    }
                }
                Item::Statement(_) => {}
            }
        }
    }

    Ok((globals_len, initializers))
}

/// Links and encodes the code, appends the constants and the metadata.
fn emit<'a>(
    code: &[Pending<'a>],
    constants: &[(Word<'a>, Tok<'a>)],
    labels: &HashMap<&'a str, (Target, Tok<'a>)>,
    metadata: Option<Word32>,
    start: Tok<'a>,
) -> Result<Vec<Word32>, AsmError> {
    let code_words = code.len() / 4;
    let mut words: Vec<Word32> = Vec::with_capacity(code_words + constants.len() + 2);
    for chunk in code.chunks(4) {
        let mut word = [0u8; 32];
        for (slot, p) in chunk.iter().enumerate() {
            let ins = resolve(p, labels)?;
            let encoded = encode(&ins).map_err(|_| p.at.err(AsmErrorKind::NotEncodable))?;
            word[8 * slot..8 * slot + 8].copy_from_slice(&encoded.to_be_bytes());
        }
        words.push(word);
    }
    for (word, _) in constants {
        let value = match *word {
            Word::Value(v) => v,
            Word::CodeAddress(label) => match labels.get(label.text) {
                Some((Target::Code(pc), _)) => U256::from(*pc),
                Some(_) => {
                    return Err(label
                        .err(AsmErrorKind::WrongLabelKind("`.cell @label` needs a code label")));
                }
                None => return Err(label.err(AsmErrorKind::UndefinedLabel)),
            },
        };
        words.push(value.to_be_bytes::<32>());
    }
    match metadata {
        Some(hash) => {
            if words.len() % 2 == 1 {
                words.push([0; 32]);
            }
            words.push(hash);
        }
        None => {
            if words.len().is_multiple_of(2) {
                words.push([0; 32]);
            }
        }
    }
    if words.len() > MAX_WORDS {
        return Err(start.err(AsmErrorKind::TooLarge("more than 65535 words of bytecode")));
    }
    Ok(words)
}
