//! A small EraVM program that gives every sorter of the base layer some work.

/// EraVM assembly (zkevm-assembly's dialect, which `zkstack asm` also reads): a storage write
/// and read, an event and an L2→L1 message, then a successful return. Run as the entry point it
/// produces one or more instances of each of ten base-layer circuit types (Main VM, code
/// decommitter and its sorter, log demuxer, storage sorter and application, RAM permutation,
/// events and L1-message sorters, L1-message rehasher), each small enough to prove on a laptop in
/// tiny geometry. The tests and `examples/era_prove_program.rs` use it.
pub const SAMPLE_PROGRAM: &str = "
        .text
        .file \"zkstack\"
        .rodata.cst32
        .p2align 5
        .text
        .globl __entry
    __entry:
    .main:
        add 1, r0, r1
        add 2, r0, r2
        sstore r1, r2
        sload r1, r0
        log.event.first r1, r2, r0
        log.to_l1.first r1, r2, r0
        ret.ok r0
";
