//! `zkstack run`'s one-contract setup (`zkstack_vm::run::ContractRun`) against the same setup
//! built on zk_evm 0.153.12 (`one_contract/mod.rs`): for assembled programs — calldata echo,
//! revert and panic with storage, out of ergs, warm and cold storage, events, L2→L1 messages
//! and transient storage in kernel mode, near-call rollback, far calls with returned data, a
//! callee that panics, recursive far calls to itself, heap growth past the 4 KiB allowance,
//! aux-heap and forwarded-pointer returns, context values, the 3N+2 loop, near calls until out
//! of ergs — each at several starting ergs, the status, return data, ergs_used, pubdata,
//! events, L2→L1 messages and storage must be equal. Expected values come from zk_evm alone.

mod one_contract;

use one_contract::{Setup, compare, run_reference};
use zkstack_vm::Address;
use zkstack_vm::run::{DEFAULT_ADDRESS, DEFAULT_ERGS, RunStatus};

const KERNEL: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0]);
const CALLEE: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x23, 0x46]);
const PANICKER: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x23, 0x47]);

/// Constants the programs read from their code page: far-call ABIs (100,000 ergs or all that
/// may be passed, 32 bytes of heap calldata), the return ABI of a 32-byte aux-heap slice, the
/// pointer-forwarding mode, and the callees' addresses.
const HEADER: &str = "\t.text\n\t.file\t\"run\"\n\t.rodata.cst32\n\t.p2align\t5
ABI100K:\n\t.cell 627710173538668076383578942320769176911436000905206444696010752
ABIMAX:\n\t.cell 26959946660873538059280334323183841252964779206894675839632982147072
RETAUX:\n\t.cell 53919893334301279589334030174039261349809590045537603765200626909184
MODE1:\n\t.cell 26959946667150639794667015087019630673637144422540572481103610249216
CALLEE:\n\t.cell 74566
PANICKER:\n\t.cell 74567
\t.text\n\t.globl\t__entry\n__entry:\n.main:\n";

/// Returns the 32 bytes at heap offset 0 (ends the program).
const RETURN_WORD: &str = "\tadd 32, r0, r15\n\tshl.s 96, r15, r15\n\tret.ok r15\n";

fn program(body: &str) -> Vec<u8> {
    let src = format!("{HEADER}{body}");
    zkstack_vm::asm::assemble(&src).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

struct Case {
    name: &'static str,
    setup: Setup,
}

fn case(name: &'static str, body: &str, address: Address) -> Case {
    Case { name, setup: Setup::new(program(body), address, DEFAULT_ERGS) }
}

fn cases() -> Vec<Case> {
    let echo = format!("\tld r1, r2\n\tst.1 r0, r2\n{RETURN_WORD}");
    let callee =
        format!("\tld r1, r2\n\tadd 1, r2, r2\n\tsstore r0, r2\n\tst.1 r0, r2\n{RETURN_WORD}");
    let panicker = "\tadd 5, r0, r2\n\tsstore r2, r2\n\tret.panic r0\n";
    let mut out = vec![
        case("echo", &echo, DEFAULT_ADDRESS),
        case(
            "revert with data",
            "\tadd 7, r0, r2\n\tsstore r2, r2\n\tst.1 r0, r2\n\tadd 32, r0, r3\n\tshl.s 96, r3, r1\n\tret.revert r1\n",
            DEFAULT_ADDRESS,
        ),
        case("panic", "\tadd 7, r0, r2\n\tsstore r2, r2\n\tret.panic r0\n", DEFAULT_ADDRESS),
        case("loop until out of ergs", "loop:\n\tadd 1, r2, r2\n\tjump @loop\n", DEFAULT_ADDRESS),
        case(
            "warm and cold storage",
            "\tadd 5, r0, r2\n\tsload r2, r3\n\tsload r2, r3\n\tadd 9, r0, r4\n\tsstore r2, r4
\tsstore r4, r4\n\tsstore r4, r0\n\tsload r4, r5\n\tsstore r2, r4\n\tret.ok r0\n",
            DEFAULT_ADDRESS,
        ),
        case(
            "counter with events, messages, transient storage",
            &format!(
                "\tsload r0, r3\n\tadd 1, r3, r3\n\tsstore r0, r3\n\tlog.event.first r3, r0, r0
\tlog.event r0, r3, r0\n\tlog.to_l1.first r0, r3, r0\n\tlog.to_l1 r3, r3, r0
\tlog.twrite r3, r3, r0\n\tlog.tread r3, r0, r4\n\tst.1 r0, r4\n{RETURN_WORD}"
            ),
            KERNEL,
        ),
        case("event in user mode", "\tlog.event.first r0, r0, r0\n\tret.ok r0\n", DEFAULT_ADDRESS),
        case(
            "near call reverts its storage and events",
            "\tadd 3, r0, r2\n\tsstore r2, r2\n\tnear_call r0, @inner, @handler\n\tret.panic r0
inner:\n\tsstore r0, r2\n\tlog.event.first r2, r2, r0\n\tret.revert r0
handler:\n\tadd 4, r0, r3\n\tsstore r3, r3\n\tret.ok r0\n",
            KERNEL,
        ),
        case(
            "heap growth past the allowance",
            "\tadd 10000, r0, r2\n\tadd 99, r0, r3\n\tst.1 r2, r3\n\tadd 64, r0, r1\n\tshl.s 32, r1, r1
\tadd r2, r1, r1\n\tshl.s 64, r1, r1\n\tret.ok r1\n",
            DEFAULT_ADDRESS,
        ),
        case(
            "aux heap return",
            "\tadd 55, r0, r2\n\tst.2 r0, r2\n\tadd @RETAUX[0], r0, r1\n\tret.ok r1\n",
            DEFAULT_ADDRESS,
        ),
        case(
            "context values",
            "\tcontext.this r2\n\tst.1 r0, r2\n\tcontext.caller r2\n\tadd 32, r0, r3\n\tst.1 r3, r2
\tcontext.code_source r2\n\tadd 64, r0, r3\n\tst.1 r3, r2\n\tcontext.ergs_left r2\n\tadd 96, r0, r3
\tst.1 r3, r2\n\tcontext.meta r2\n\tadd 128, r0, r3\n\tst.1 r3, r2\n\tcontext.sp r2\n\tadd 160, r0, r3
\tst.1 r3, r2\n\tcontext.get_context_u128 r2\n\tadd 192, r0, r3\n\tst.1 r3, r2
\tadd 224, r0, r1\n\tshl.s 96, r1, r1\n\tret.ok r1\n",
            DEFAULT_ADDRESS,
        ),
        case(
            "3N+2 loop, N = 1000",
            "\tadd 1000, r0, r1\nloop:\n\tadd 1, r2, r2\n\tsub.s! 1, r1, r1\n\tjump.ne @loop\n\tret.ok r0\n",
            DEFAULT_ADDRESS,
        ),
        case("near calls until out of ergs", "\tnear_call r0, @.main, @handler\nhandler:\n\tret.panic r0\n", DEFAULT_ADDRESS),
        case(
            "far call with returned data",
            &format!(
                "\tadd 77, r0, r2\n\tst.1 r0, r2\n\tadd @ABI100K[0], r0, r1\n\tadd @CALLEE[0], r0, r2
\tfar_call r1, r2, @failed\n\tld r1, r3\n\tsstore r0, r3\n\tst.1 r0, r3\n{RETURN_WORD}failed:\n\tret.revert r0\n"
            ),
            DEFAULT_ADDRESS,
        ),
        case(
            "far call to a callee that panics",
            "\tadd @ABIMAX[0], r0, r1\n\tadd @PANICKER[0], r0, r2\n\tfar_call r1, r2, @failed\n\tret.panic r0
failed:\n\tadd 9, r0, r5\n\tsstore r5, r5\n\tret.ok r0\n",
            DEFAULT_ADDRESS,
        ),
        case(
            "recursive far calls to itself",
            &format!(
                "\tld r1, r2\n\tsub! r2, r0, r0\n\tjump.eq @done\n\tsub.s 1, r2, r2\n\tadd r2, r0, stack[0]
\tst.1 r0, r2\n\tadd @ABIMAX[0], r0, r1\n\tcontext.this r3\n\tfar_call r1, r3, @failed
\tadd stack[0], r0, r2\n\tsstore r2, r2\n\tld r1, r4\n\tst.1 r0, r4\n{RETURN_WORD}done:\n\tadd 1000, r0, r4\n\tst.1 r0, r4\n{RETURN_WORD}failed:\n\tret.revert r0\n"
            ),
            DEFAULT_ADDRESS,
        ),
        case(
            "forwarding the calldata pointer",
            "\tadd @MODE1[0], r0, r2\n\tptr.pack r1, r2, r1\n\tret.ok r1\n",
            KERNEL,
        ),
        case(
            "forwarding the calldata pointer in user mode",
            "\tadd @MODE1[0], r0, r2\n\tptr.pack r1, r2, r1\n\tret.ok r1\n",
            DEFAULT_ADDRESS,
        ),
    ];
    for c in &mut out {
        c.setup.calldata = match c.name {
            "recursive far calls to itself" => {
                let mut word = vec![0u8; 32];
                word[31] = 5;
                word
            }
            "echo" => vec![0xab; 32],
            _ => vec![0xde, 0xad, 0xbe, 0xef, 0x01],
        };
        match c.name {
            "near calls until out of ergs" => c.setup.ergs = 1_000_000, // 40,000 frames deep
            "loop until out of ergs" => c.setup.ergs = 1_000_000,
            _ => {}
        }
        c.setup.others = vec![(CALLEE, program(&callee)), (PANICKER, program(panicker))];
    }
    out
}

#[test]
fn one_contract_runs_match_zk_evm() {
    let mut failures = Vec::new();
    let mut statuses = std::collections::BTreeSet::new();
    for c in cases() {
        for ergs in [c.setup.ergs, 200_000, 20_000, 6_000, 300, 40] {
            let mut setup = c.setup.clone();
            setup.ergs = ergs;
            let ours = match setup.ours().run() {
                Ok(outcome) => outcome,
                Err(e) => {
                    failures.push(format!("{} ({ergs} ergs): zkstack-vm refused: {e}", c.name));
                    continue;
                }
            };
            let mut reference = setup.reference();
            let theirs = match run_reference(&setup, &mut reference, 50_000_000) {
                Ok(outcome) => outcome,
                Err(e) => {
                    failures.push(format!("{} ({ergs} ergs): {e}", c.name));
                    continue;
                }
            };
            if let Err(e) = compare(&ours, &theirs) {
                failures.push(format!("{} ({ergs} ergs): {e}", c.name));
            }
            statuses.insert((c.name, ergs == c.setup.ergs, format!("{:?}", ours.status)));
        }
    }
    assert!(failures.is_empty(), "{} divergences:\n{}", failures.len(), failures.join("\n"));
    // The programs do what they are meant to with all their ergs, so the comparison covers
    // every status and the paths named above.
    let full = |name: &str| {
        statuses.iter().find(|s| s.0 == name && s.1).map(|s| s.2.clone()).unwrap_or_default()
    };
    for (name, status) in [
        ("echo", RunStatus::Ok),
        ("revert with data", RunStatus::Revert),
        ("panic", RunStatus::Panic),
        ("loop until out of ergs", RunStatus::Panic),
        ("counter with events, messages, transient storage", RunStatus::Ok),
        ("event in user mode", RunStatus::Panic),
        ("near call reverts its storage and events", RunStatus::Ok),
        ("heap growth past the allowance", RunStatus::Ok),
        ("aux heap return", RunStatus::Ok),
        ("far call with returned data", RunStatus::Ok),
        ("far call to a callee that panics", RunStatus::Ok),
        ("recursive far calls to itself", RunStatus::Ok),
        ("forwarding the calldata pointer", RunStatus::Ok),
        ("forwarding the calldata pointer in user mode", RunStatus::Panic),
        ("near calls until out of ergs", RunStatus::Panic),
    ] {
        assert_eq!(full(name), format!("{status:?}"), "{name}");
    }
}

/// What the programs compute, checked on zk_evm's side, so the comparison above is not between
/// two VMs that both do nothing.
#[test]
fn programs_compute_what_they_say() {
    let all = cases();
    let get = |name: &str| {
        let c = all.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name}"));
        let mut vm = c.setup.reference();
        run_reference(&c.setup, &mut vm, 50_000_000).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    assert_eq!(get("echo").return_data, vec![0xab; 32]);
    let far = get("far call with returned data");
    assert_eq!(far.return_data[31], 78, "the callee adds one to the 77 it was sent");
    assert_eq!(far.storage.len(), 2, "caller and callee each wrote slot 0");
    let recursive = get("recursive far calls to itself");
    assert_eq!(recursive.return_data[30..], [0x03, 0xe8], "1000 from the innermost frame");
    assert_eq!(recursive.storage.len(), 4, "levels 1..4 wrote slots 1..4, level 0 is slot 0 = 0");
    let counter = get("counter with events, messages, transient storage");
    assert_eq!(counter.events.len(), 2);
    assert_eq!(counter.l2_to_l1_logs.len(), 2);
    assert_eq!(counter.return_data[31], 1, "transient slot 1 read back");
    let forwarded = get("forwarding the calldata pointer");
    assert_eq!(forwarded.return_data, vec![0xde, 0xad, 0xbe, 0xef, 0x01]);
    let near = get("near call reverts its storage and events");
    assert!(near.events.is_empty());
    assert_eq!(near.storage.len(), 2, "slots 3 and 4; the near call's write to slot 0 is gone");
}
