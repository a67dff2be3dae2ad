//! Typed errors of the assembler and the disassembler.

/// An assembly error, located at the offending token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {kind} (at `{token}`)")]
pub struct AsmError {
    /// 1-based line of the source text.
    pub line: usize,
    /// 1-based column (in characters) of the token's first character.
    pub column: usize,
    /// The offending token, as written.
    pub token: String,
    /// What is wrong with it.
    pub kind: AsmErrorKind,
}

/// What is wrong with an assembly token.
///
/// Several kinds name inputs that zkevm-assembly accepts but silently changes (truncated
/// immediates, dropped signs, ignored lines): this assembler refuses them instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AsmErrorKind {
    /// A character other than a printable ASCII character, a space or a tab outside a comment.
    #[error("character not allowed outside comments")]
    BadCharacter,
    /// Content before the first section directive (zkevm-assembly ignores it).
    #[error(
        "content before the first `.text`/`.rodata`/`.data` section (zkevm-assembly ignores it)"
    )]
    OutsideSection,
    /// Content in a section that has no label (zkevm-assembly drops it).
    #[error("content in a section without any label (zkevm-assembly drops it)")]
    UnlabeledSection,
    /// Data before the first label of a data section.
    #[error("data before the first label of its section")]
    UnlabeledData,
    /// Something after a label's colon (zkevm-assembly ignores it).
    #[error("text after a label's colon (zkevm-assembly ignores it)")]
    TextAfterLabel,
    /// A label name with characters outside `[A-Za-z0-9_.$]`, or a reserved one.
    #[error("invalid label name (allowed: letters, digits, `_`, `.`, `$`; not a section name)")]
    BadLabelName,
    /// A label defined twice.
    #[error("duplicate label")]
    DuplicateLabel,
    /// A reference to a label that is not defined where it may be used.
    #[error("undefined label")]
    UndefinedLabel,
    /// A label of the wrong kind for its use (data where code is needed, or a global).
    #[error("label of the wrong kind here ({0})")]
    WrongLabelKind(&'static str),
    /// An unknown instruction mnemonic.
    #[error("unknown mnemonic")]
    UnknownMnemonic,
    /// A modifier this instruction does not take.
    #[error("unknown modifier for this instruction")]
    BadModifier,
    /// A modifier given twice.
    #[error("duplicate modifier")]
    DuplicateModifier,
    /// Two mutually exclusive modifiers (two conditions, two variants).
    #[error("conflicting modifiers")]
    ConflictingModifiers,
    /// The instruction needs a variant modifier (`log.sread`, `context.this`, ...).
    #[error("missing variant modifier")]
    MissingVariant,
    /// Wrong number of operands.
    #[error("expected {expected} operand(s), found {found}")]
    OperandCount {
        /// How many the instruction takes.
        expected: usize,
        /// How many were written.
        found: usize,
    },
    /// An operand of the wrong form for its position.
    #[error("expected {0}")]
    BadOperand(&'static str),
    /// A register other than `r0`..`r15`.
    #[error("no such register (r0..r15)")]
    BadRegister,
    /// An immediate above 65535 (zkevm-assembly would silently truncate it).
    #[error("immediate above 65535 (zkevm-assembly would truncate it)")]
    ImmediateRange,
    /// A negative immediate or offset (zkevm-assembly would silently drop the sign).
    #[error("negative immediate or offset (zkevm-assembly would drop the sign)")]
    NegativeImmediate,
    /// A label plus offset beyond 65535 (zkevm-assembly would wrap it).
    #[error("label offset beyond 65535 (zkevm-assembly would wrap it)")]
    OffsetOverflow,
    /// A malformed `.cell` or `.zero` directive.
    #[error("bad data directive: {0}")]
    BadData(&'static str),
    /// `.cell`/`.zero` inside `.text` (zkevm-assembly ignores it).
    #[error("data directive inside `.text` (zkevm-assembly ignores it)")]
    DataInText,
    /// The combination of opcode, addressing modes and flags has no opcode-table entry.
    #[error("no opcode-table entry for this combination of addressing modes and flags")]
    NotEncodable,
    /// A form zkevm-assembly parses but cannot assemble correctly.
    #[error("not supported: {0}")]
    Unsupported(&'static str),
    /// The program exceeds an EraVM limit.
    #[error("program too large: {0}")]
    TooLarge(&'static str),
}

/// A disassembly error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DisasmError {
    /// The input is empty.
    #[error("empty bytecode")]
    Empty,
    /// The length is not a multiple of 32 bytes.
    #[error("bytecode length {0} is not a multiple of 32")]
    NotWordAligned(usize),
    /// An even number of words: no assembler output has one.
    #[error("bytecode has an even number of words ({0})")]
    EvenWordCount(usize),
    /// More words than a 16-bit code address can reach.
    #[error("bytecode has {0} words, more than 65535")]
    TooLong(usize),
    /// No prefix of the bytecode is code the assembler could have produced: the first word is
    /// not four expressible instructions ending in padding.
    #[error("no assembler-expressible code section: word {word} cannot be written in assembly")]
    Inexpressible {
        /// The first word that cannot be written.
        word: usize,
    },
}
