//! Small EraVM programs for the base-layer circuits: one that gives every sorter some work, one
//! that calls the SHA-256 precompile.

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

/// The SHA-256 precompile's address, where [`SAMPLE_SHA256_PROGRAM`] must run
/// ([`super::ProveRequest::address`]) for its `log.precompile` to reach SHA-256.
pub const SHA256_PRECOMPILE_ADDRESS: u16 = 0x0002;

/// EraVM assembly that hashes one padded block (the empty message) with the SHA-256 precompile:
/// the block at heap words 0–1, the precompile ABI (input offset 0, length 2 words, output at word
/// 2, one round) in `r1`, then `log.precompile`, and the digest (SHA-256 of nothing,
/// `0xe3b0c442…b855`) stored in slot 0. Run at [`SHA256_PRECOMPILE_ADDRESS`], it adds a SHA256
/// round-function circuit instance to the run.
pub const SAMPLE_SHA256_PROGRAM: &str = "
        .text
        .file \"sha256\"
        .rodata.cst32
        .p2align 5
        .text
        .globl __entry
    __entry:
    .main:
        add 128, r0, r1
        shl.s 248, r1, r1
        st.1 r0, r1
        add 1, r0, r1
        shl.s 192, r1, r1
        add 1, r0, r2
        shl.s 96, r2, r2
        or r2, r1, r1
        add 2, r0, r2
        shl.s 64, r2, r2
        or r2, r1, r1
        add 2, r0, r2
        shl.s 32, r2, r2
        or r2, r1, r1
        log.precompile r1, r0, r3
        add 64, r0, r4
        ld.1 r4, r5
        sstore r0, r5
        ret.ok r0
";
