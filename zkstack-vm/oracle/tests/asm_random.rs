//! Random programs (every opcode, modifier and addressing mode, shorthands, labels, constants,
//! globals) assembled by zkstack-vm and by zkevm-assembly 0.153.12: identical bytes; and random
//! mutations of them: whenever both accept, identical bytes, and ours never panics.

mod asm_support;

use asm_support::{RefOutcome, reference};
use proptest::prelude::*;
use proptest::sample::select;
use zkstack_vm::asm::{Metadata, assemble_with, disassemble};

const LABELS: usize = 6;
const CONSTANTS: usize = 4;
const GLOBALS: usize = 3;

fn reg() -> impl Strategy<Value = String> {
    (0u8..16).prop_map(|r| format!("r{r}"))
}

fn imm() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..8, any::<u16>(), Just(u16::MAX)]
}

/// `[..]` contents: register, offset, or both in either order.
fn brackets(global: bool) -> impl Strategy<Value = String> {
    let g = if global { 0..=1usize } else { 0..=0 };
    (prop::option::of(1u8..16), prop::option::of(imm()), g, 0..GLOBALS, any::<bool>()).prop_map(
        |(r, i, with_global, gi, flip)| {
            let mut parts = Vec::new();
            if let Some(r) = r {
                parts.push(format!("r{r}"));
            }
            if let Some(i) = i {
                // With a global the slot is added: keep the sum below 65536 (wrapping is refused).
                parts.push(if with_global == 1 { (i % 1024).to_string() } else { i.to_string() });
            }
            if with_global == 1 {
                parts.push(format!("@G{gi}"));
            }
            if parts.is_empty() {
                parts.push("0".to_owned());
            }
            if flip {
                parts.reverse();
            }
            format!("[{}]", parts.join(" + "))
        },
    )
}

fn src(labels: bool) -> BoxedStrategy<String> {
    let mut options = vec![
        reg().boxed(),
        imm().prop_map(|i| format!("#{i}")).boxed(),
        imm().prop_map(|i| format!("#0x{i:x}")).boxed(),
        (1u16..).prop_map(|i| i.to_string()).boxed(),
        brackets(false).prop_map(|b| format!("stack-={b}")).boxed(),
        brackets(false).prop_map(|b| format!("stack-{b}")).boxed(),
        brackets(true).prop_map(|b| format!("stack{b}")).boxed(),
        brackets(false).prop_map(|b| format!("stack={b}")).boxed(),
        // Offsets that stay below 65536 once the constant's address is added (wrapping is refused).
        (0..CONSTANTS, prop::option::of(1u8..16), 0u16..1024)
            .prop_map(|(c, r, i)| match r {
                Some(r) => format!("@C{c}[r{r} + {i}]"),
                None => format!("@C{c}[{i}]"),
            })
            .boxed(),
    ];
    if labels {
        options.push((0..LABELS).prop_map(|l| format!("@L{l}")).boxed());
        options.push((0..CONSTANTS).prop_map(|c| format!("@C{c}")).boxed());
    }
    prop::strategy::Union::new(options).boxed()
}

fn dst() -> BoxedStrategy<String> {
    prop_oneof![
        reg(),
        brackets(false).prop_map(|b| format!("stack+={b}")),
        brackets(false).prop_map(|b| format!("stack-{b}")),
        brackets(true).prop_map(|b| format!("stack{b}")),
    ]
    .boxed()
}

fn cond() -> impl Strategy<Value = &'static str> {
    select(vec!["", ".gt", ".lt", ".eq", ".ge", ".le", ".ne", ".gtlt", ".of"])
}

fn label() -> impl Strategy<Value = String> {
    (0..LABELS).prop_map(|l| format!("@L{l}"))
}

/// One instruction line.
fn instruction() -> BoxedStrategy<String> {
    let arith = (
        select(vec!["add", "sub", "mul", "div", "and", "or", "xor", "shl", "shr", "rol", "ror"]),
        cond(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(op, c, bang, swap, bang_first)| {
            let swap = swap && matches!(op, "sub" | "div" | "shl" | "shr" | "rol" | "ror");
            let labels = matches!(op, "add" | "sub");
            let four = matches!(op, "mul" | "div");
            (src(labels), reg(), dst(), reg()).prop_map(move |(s, r1, d, r2)| {
                let s_mod = if swap { ".s" } else { "" };
                let name = match (bang, bang_first) {
                    (true, true) => format!("{op}!{s_mod}{c}"),
                    (true, false) => format!("{op}{s_mod}{c}!"),
                    _ => format!("{op}{s_mod}{c}"),
                };
                if four {
                    format!("{name} {s}, {r1}, {d}, {r2}")
                } else {
                    format!("{name} {s}, {r1}, {d}")
                }
            })
        });
    let ptr = (
        select(vec!["add", "sub", "pack", "shrink"]),
        any::<bool>(),
        cond(),
        src(false),
        reg(),
        dst(),
    )
        .prop_map(|(op, swap, c, s, r, d)| {
            format!("ptr.{op}{}{c} {s}, {r}, {d}", if swap { ".s" } else { "" })
        });
    let jump = (cond(), src(true)).prop_map(|(c, s)| format!("jump{c} {s}"));
    let nop = prop_oneof![
        Just("nop".to_owned()),
        brackets(false).prop_map(|b| format!("nop stack+={b}")),
        brackets(false).prop_map(|b| format!("nop stack-={b}")),
        (cond(), src(false), dst())
            .prop_filter("no globals in nop", |(_, s, d)| !s.contains('@') && !d.contains('@'))
            .prop_filter("nop stack-= is a shorthand", |(_, s, _)| !s.starts_with("stack-="))
            .prop_map(|(c, s, d)| format!("nop{c} {s}, r0, {d}, r0")),
    ];
    let context = (
        select(vec![
            "this",
            "caller",
            "code_source",
            "meta",
            "ergs_left",
            "gas_left",
            "sp",
            "get_context_u128",
            "set_context_u128",
            "set_ergs_per_pubdata",
            "set_gas_per_pubdata",
            "inc_tx_num",
        ]),
        cond(),
        reg(),
    )
        .prop_map(|(op, c, r)| {
            if op == "inc_tx_num" {
                format!("context.{op}{c}")
            } else {
                format!("context.{op}{c} {r}")
            }
        });
    let log = prop_oneof![
        (
            select(vec!["sread", "swrite", "precompile", "decommit", "tread", "twrite"]),
            cond(),
            reg(),
            reg(),
            reg()
        )
            .prop_map(|(op, c, a, b, d)| format!("log.{op}{c} {a}, {b}, {d}")),
        (select(vec!["event", "to_l1"]), any::<bool>(), cond(), reg(), reg(), reg()).prop_map(
            |(op, f, c, a, b, d)| format!(
                "log.{op}{}{c} {a}, {b}, {d}",
                if f { ".first" } else { "" }
            )
        ),
        (select(vec!["event", "to_l1"]), any::<bool>(), reg(), reg())
            .prop_map(|(op, f, a, b)| format!("{op}{} {a}, {b}", if f { ".first" } else { "" })),
        (select(vec!["sread", "sload", "sstore", "tread", "tload", "tstore"]), reg(), reg())
            .prop_map(|(op, a, b)| format!("{op} {a}, {b}")),
        (select(vec!["decom", "precompile"]), reg(), reg(), reg())
            .prop_map(|(op, a, b, c)| format!("{op} {a}, {b}, {c}")),
    ];
    let calls = prop_oneof![
        (select(vec!["near_call", "call", "invoke"]), cond(), reg(), label(), label()).prop_map(
            |(op, c, r, a, b)| format!("{op}{} {r}, {a}, {b}", if op == "invoke" { "" } else { c })
        ),
        (cond(), label()).prop_map(|(c, a)| format!("call{c} {a}")),
        (
            select(vec!["", ".delegate", ".mimic"]),
            any::<bool>(),
            any::<bool>(),
            cond(),
            reg(),
            reg(),
            label()
        )
            .prop_map(|(k, st, sh, c, a, b, l)| format!(
                "far_call{k}{}{}{c} {a}, {b}, {l}",
                if st { ".static" } else { "" },
                if sh { ".shard" } else { "" }
            )),
        (select(vec!["", ".ok", ".revert", ".panic"]), cond(), reg())
            .prop_map(|(k, c, r)| format!("ret{k}{c} {r}")),
        (select(vec![".ok", ".revert", ".panic"]), cond(), reg(), label())
            .prop_map(|(k, c, r, l)| format!("ret{k}.to_label{c} {r}, {l}")),
        select(vec!["ret", "revert", "panic"]).prop_map(str::to_owned),
    ];
    let uma_src = prop_oneof![reg(), imm().prop_map(|i| format!("#{i}"))];
    let uma = prop_oneof![
        (
            select(vec![
                "heap_read",
                "heap_write",
                "aux_heap_read",
                "aux_heap_write",
                "fat_ptr_read",
                "static_read",
                "static_write",
                "rh",
                "wh",
                "rah",
                "wah",
                "rptr",
                "rs",
                "ws"
            ]),
            any::<bool>(),
            cond(),
            uma_src.clone(),
            reg(),
            reg(),
            reg()
        )
            .prop_map(|(op, inc, c, s, a, b, d)| {
                // A fat-pointer read takes its pointer from a register only.
                let s = if matches!(op, "fat_ptr_read" | "rptr") && s.starts_with('#') {
                    "r1".to_owned()
                } else {
                    s
                };
                format!("uma.{op}{}{c} {s}, {a}, {b}, {d}", if inc { ".inc" } else { "" })
            }),
        (select(vec!["ld.1", "ld.2", "st.1", "st.2"]), uma_src.clone(), reg())
            .prop_map(|(op, s, a)| format!("{op} {s}, {a}")),
        (select(vec!["ld.1.inc", "ld.2.inc", "st.1.inc", "st.2.inc"]), uma_src, reg(), reg())
            .prop_map(|(op, s, a, b)| format!("{op} {s}, {a}, {b}")),
        (reg(), reg()).prop_map(|(s, a)| format!("ld {s}, {a}")),
        (reg(), reg(), reg()).prop_map(|(s, a, b)| format!("ld.inc {s}, {a}, {b}")),
    ];
    let invalid = cond().prop_map(|c| format!("invalid{c}"));
    prop_oneof![4 => arith, 1 => ptr, 1 => jump, 1 => nop, 1 => context, 2 => log, 2 => calls, 2 => uma, 1 => invalid].boxed()
}

/// A program: labels `L*` spread over the code, constants `C*`, globals `G*`.
fn program() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(instruction(), LABELS..60),
        prop::collection::vec(
            prop_oneof![
                any::<u64>().prop_map(|v| v.to_string()),
                Just("-1".to_owned()),
                (0..LABELS).prop_map(|l| format!("@L{l}"))
            ],
            CONSTANTS..8,
        ),
        prop::collection::vec(prop_oneof![Just(0u64), any::<u64>()], GLOBALS..6),
        any::<bool>(),
    )
        .prop_map(|(code, constants, globals, with_globals)| {
            let mut out = String::from("\t.text\n\t.file\t\"random\"\n");
            let stride = code.len() / LABELS;
            for (i, line) in code.iter().enumerate() {
                if i % stride == 0 && i / stride < LABELS {
                    out.push_str(&format!("L{}:\n", i / stride));
                }
                out.push_str(&format!("\t{line}\n"));
            }
            out.push_str("\t.rodata.cst32\n\t.p2align\t5\n");
            for (i, c) in constants.iter().enumerate() {
                if i < CONSTANTS {
                    out.push_str(&format!("C{i}:\n"));
                }
                out.push_str(&format!("\t.cell {c}\n"));
            }
            if with_globals {
                out.push_str("\t.data\n");
                for (i, g) in globals.iter().enumerate() {
                    if i < GLOBALS {
                        out.push_str(&format!("G{i}:\n"));
                    }
                    out.push_str(&format!("\t.cell {g}\n"));
                }
            } else {
                out.push_str("\t.data\n");
                for i in 0..GLOBALS {
                    out.push_str(&format!("G{i}:\n"));
                }
            }
            out
        })
}

fn cases() -> u32 {
    std::env::var("ZKSTACK_ASM_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Valid random programs: both assemblers accept them, with identical bytes, in both
    /// metadata modes; the disassembly assembles back to the same bytes in both assemblers.
    #[test]
    fn random_programs_assemble_identically(src in program()) {
        for keccak in [false, true] {
            let metadata = if keccak { Metadata::SourceKeccak } else { Metadata::None };
            let ours = assemble_with(&src, metadata);
            let theirs = reference(&src, keccak);
            match (&ours, &theirs) {
                (Ok(a), RefOutcome::Bytes(b)) => prop_assert_eq!(a, b),
                _ => prop_assert!(false, "ours {:?}\nreference {:?}\n{}", ours, theirs, src),
            }
        }
        let bytes = assemble_with(&src, Metadata::None).expect("checked above");
        let text = disassemble(&bytes).expect("assembler output disassembles");
        let again = assemble_with(&text, Metadata::None);
        prop_assert_eq!(again.as_ref(), Ok(&bytes));
        prop_assert_eq!(reference(&text, false), RefOutcome::Bytes(bytes));
    }

    /// Random edits of valid programs: ours never panics, and whenever both accept, the bytes
    /// are identical.
    #[test]
    fn mutated_programs_never_diverge(
        src in program(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), select(vec!["", " ", ",", "!", ".", "[", "]", "+", "-", "@", "#", "r", "1", "0", "65536", "\n", ":", "s", "x", "stack", "eq"])), 1..4),
    ) {
        let mut text = src.clone();
        for (at, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) { i -= 1; }
            let remove = if insert.is_empty() { 1 } else { 0 };
            let end = (i + remove).min(text.len());
            text.replace_range(i..end, insert);
        }
        let ours = assemble_with(&text, Metadata::None);
        if let (Ok(a), RefOutcome::Bytes(b)) = (&ours, reference(&text, false)) {
            prop_assert_eq!(a, &b, "{}", text);
        }
    }
}
