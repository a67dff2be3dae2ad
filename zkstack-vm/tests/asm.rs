//! The assembler and disassembler on their own: layout rules, refused mangles with their
//! positions, no panic on any input, and disassembly round trips. (Byte equality with
//! zkevm-assembly is checked live in `oracle/tests/asm*.rs`.)

use proptest::prelude::*;
use zkstack_vm::asm::{AsmErrorKind, AsmOptions, Metadata, assemble, assemble_with, disassemble};
use zkstack_vm::{DecodedInstruction, OPCODE_TABLE, Opcode, Register, decode, encode};

fn words(bytes: &[u8]) -> Vec<[u64; 4]> {
    bytes
        .chunks_exact(32)
        .map(|w| {
            let mut out = [0u64; 4];
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = u64::from_be_bytes(w[8 * i..8 * i + 8].try_into().unwrap_or_default());
            }
            out
        })
        .collect()
}

fn err_kind(src: &str) -> (usize, usize, String, AsmErrorKind) {
    let e = assemble(src).expect_err("must be refused");
    (e.line, e.column, e.token, e.kind)
}

#[test]
fn layout_landing_pads_padding_and_metadata() {
    let src = ".text\nmain:\n  add #42, r0, r1\n";
    let bytes = assemble_with(src, Metadata::None).expect("assembles");
    // add, the three default landing pads, then one word of padding (4 instructions exactly
    // fill a word, so the assembler adds a whole word of invalid instructions): 2 code words,
    // plus a zero word for an odd count.
    assert_eq!(bytes.len(), 3 * 32);
    let w = words(&bytes);
    assert_eq!(decode(w[0][0]).opcode(), Opcode::Add);
    assert_eq!(decode(w[0][0]).imm0, 42);
    for (slot, pc) in [(1, 1u16), (2, 2), (3, 3)] {
        let pad = decode(w[0][slot]);
        assert!(pad.variant.to_label());
        assert_eq!(pad.imm0, pc, "a landing pad returns to itself");
    }
    assert_eq!(w[1], [0; 4]);
    assert_eq!(w[2], [0; 4]);

    let hashed = assemble(src).expect("assembles");
    assert_eq!(hashed.len(), 3 * 32, "2 words + zero + keccak");
    assert_eq!(&hashed[64..96], alloy_keccak(src).as_slice());
}

fn alloy_keccak(src: &str) -> [u8; 32] {
    // The metadata word is keccak256 of the source text; recompute it through the API.
    let with = assemble_with(src, AsmOptions { metadata: Metadata::Hash([7; 32]), compat: false })
        .expect("ok");
    let plain = assemble(src).expect("ok");
    assert_eq!(with[..with.len() - 32], plain[..plain.len() - 32]);
    plain[plain.len() - 32..].try_into().unwrap_or_default()
}

#[test]
fn refuses_what_zkevm_assembly_would_mangle() {
    let cases: [(&str, usize, usize, &str, AsmErrorKind); 10] = [
        (".text\nf:\n add 65536, r0, r1\n", 3, 6, "65536", AsmErrorKind::ImmediateRange),
        (".text\nf:\n add #0x10000, r0, r1\n", 3, 6, "#0x10000", AsmErrorKind::ImmediateRange),
        (".text\nf:\n add -1, r0, r1\n", 3, 6, "-1", AsmErrorKind::NegativeImmediate),
        (".text\nf:\n add stack-[r1 - 2], r0, r1\n", 3, 16, "- 2", AsmErrorKind::NegativeImmediate),
        (".text\n add r1, r0, r2\n", 2, 2, "add r1, r0, r2", AsmErrorKind::UnlabeledSection),
        (".text\nf: add r1, r0, r2\n", 2, 4, "add r1, r0, r2", AsmErrorKind::TextAfterLabel),
        (
            ".text\nf:\n ret\n.rodata\nc:\n .cell 0x10\n",
            6,
            8,
            "0x10",
            AsmErrorKind::BadData("`.cell` takes a decimal integer or `@label`"),
        ),
        (".text\nf:\n .cell 5\n", 3, 2, ".cell 5", AsmErrorKind::DataInText),
        (".text\nf:\n add r16, r0, r1\n", 3, 6, "r16", AsmErrorKind::BadRegister),
        ("add r1, r0, r2\n.text\nf:\n", 1, 1, "add r1, r0, r2", AsmErrorKind::OutsideSection),
    ];
    for (src, line, column, token, kind) in cases {
        assert_eq!(err_kind(src), (line, column, token.to_owned(), kind), "{src}");
    }
}

#[test]
fn compat_reproduces_truncation() {
    let src = ".text\nf:\n add 100000, r0, r1\n";
    let bytes =
        assemble_with(src, AsmOptions { metadata: Metadata::None, compat: true }).expect("compat");
    let add = decode(words(&bytes)[0][0]);
    assert_eq!(add.imm0, (100_000u32 % 65_536) as u16);
}

#[test]
fn labels_constants_and_globals_link() {
    let src = "
    .text
main:
    add @C[1], r0, r1
    near_call r0, @f, @DEFAULT_UNWIND
    add stack[@g + 1], r0, stack[@g]
f:
    ret
    .rodata
C:
    .cell 1
    .cell -1
    .data
g:
    .cell 0
    .cell 5
";
    let bytes = assemble_with(src, Metadata::None).expect("assembles");
    let w = words(&bytes);
    // Prologue: reserve 2 global slots, initialise slot 1 (non-zero) from an internal constant.
    let reserve = decode(w[0][0]);
    assert_eq!((reserve.opcode(), reserve.imm1), (Opcode::Nop, 2));
    let init = decode(w[0][1]);
    assert_eq!((init.opcode(), init.imm1), (Opcode::Add, 1));
    // 2 + 4 user instructions + 3 landing pads = 9, padded to 12: 3 code words.
    assert_eq!(init.imm0, 3, "the initializer's constant comes first in the data");
    let load = decode(w[0][2]);
    assert_eq!(load.imm0, 3 + 1 + 1, "@C is after the internal constant; +1");
    let call = decode(w[0][3]);
    assert_eq!((call.imm0, call.imm1), (5, 6), "f at pc 5, DEFAULT_UNWIND appended at pc 6");
    let globals = decode(w[1][0]);
    assert_eq!((globals.imm0, globals.imm1), (1, 0));
    assert_eq!(bytes.len() / 32, 3 + 3 + 1, "3 code words, 3 constants, 1 padding word");
}

#[test]
fn disassembly_of_a_program_round_trips() {
    let src = "
    .text
main:
    sub.s.eq! stack-=[r2 + 3], r4, stack+=[7]
    ptr.pack.s r1, r2, r3
    far_call.mimic.static.shard r1, r2, @main
    ret.revert.to_label.lt r1, @main
    uma.aux_heap_write.inc #5, r1, r2, r0
    context.set_ergs_per_pubdata r3
    log.event.first r1, r2, r0
    jump.gtlt @C[r1 + 2]
    nop stack-=[1]
    .rodata
C:
    .cell 12345678901234567890
";
    let bytes = assemble_with(src, Metadata::None).expect("assembles");
    let text = disassemble(&bytes).expect("disassembles");
    assert_eq!(assemble_with(&text, Metadata::None).expect("reassembles"), bytes, "{text}");
}

#[test]
fn disassembler_rejects_malformed_bytecode() {
    use zkstack_vm::asm::DisasmError;
    assert_eq!(disassemble(&[]), Err(DisasmError::Empty));
    assert_eq!(disassemble(&[0; 33]), Err(DisasmError::NotWordAligned(33)));
    assert_eq!(disassemble(&[0; 64]), Err(DisasmError::EvenWordCount(2)));
    // A first word whose last instruction is not padding cannot start assembler output.
    let mut bytes = [0u8; 32];
    bytes[31] = 0x39;
    assert!(matches!(disassemble(&bytes), Err(DisasmError::Inexpressible { word: 0 })));
}

/// A random code word from table entries with random fields; `encode` keeps only valid ones.
fn instruction_word() -> impl Strategy<Value = u64> {
    (0..OPCODE_TABLE.len(), 0u8..8, any::<[u8; 4]>(), any::<u16>(), any::<u16>(), any::<bool>())
        .prop_map(|(index, condition, regs, imm0, imm1, zero_fields)| {
            let mut d = DecodedInstruction::new(OPCODE_TABLE[index]);
            d.condition = zkstack_vm::Condition::from_bits(condition);
            if !zero_fields {
                d.src0 = Register::from_nibble(regs[0]);
                d.src1 = Register::from_nibble(regs[1]);
                d.dst0 = Register::from_nibble(regs[2]);
                d.dst1 = Register::from_nibble(regs[3]);
                d.imm0 = imm0 % 8;
                d.imm1 = imm1 % 8;
            }
            encode(&d).unwrap_or(0)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(src in ".{0,400}") {
        let _ = assemble(&src);
    }

    #[test]
    fn never_panics_on_assembly_like_text(
        lines in prop::collection::vec(
            "[ \t]{0,2}([a-z_.!]{1,12}|\\.(text|rodata|data)|[A-Za-z_.]{1,6}:|\\.cell [-+@0-9a-z]{0,20})([ \t]{1,2}[-+#@\\[\\]a-z0-9, =!]{0,30})?",
            0..20,
        )
    ) {
        let _ = assemble(&lines.join("\n"));
    }

    #[test]
    fn disassembly_never_panics_and_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = disassemble(&bytes) {
            prop_assert_eq!(assemble_with(&text, Metadata::None), Ok(bytes));
        }
    }

    /// Bytecode shaped like assembler output (instruction words ending in padding, then data):
    /// when it disassembles, it reassembles to itself; and most of it does.
    #[test]
    fn random_code_round_trips(
        code in prop::collection::vec(instruction_word(), 1..40),
        data in prop::collection::vec(any::<[u8; 32]>(), 0..4),
    ) {
        let mut instructions = code;
        instructions.push(0);
        while instructions.len() % 4 != 0 {
            instructions.push(0);
        }
        let mut bytes: Vec<u8> = instructions.iter().flat_map(|x| x.to_be_bytes()).collect();
        for word in &data {
            bytes.extend_from_slice(word);
        }
        if (bytes.len() / 32).is_multiple_of(2) {
            bytes.extend_from_slice(&[0; 32]);
        }
        if let Ok(text) = disassemble(&bytes) {
            prop_assert_eq!(assemble_with(&text, Metadata::None), Ok(bytes));
        }
    }
}
