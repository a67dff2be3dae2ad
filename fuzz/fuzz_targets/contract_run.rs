//! `zkstack_vm::run::ContractRun` (the setup of `zkstack run`) on arbitrary bytecode and
//! calldata with a small ergs cap.
//!
//! What must hold: the run ends in `Ok(outcome)` with status ok, revert or panic, or in a typed
//! `RunError` (bad bytecode shape, an instruction the interpreter refuses); the host never
//! panics, and the ergs used never exceed the ergs given. The cap (at most 262,140 ergs) bounds
//! the run's length; memory growth is paid in ergs, so it is bounded too (libFuzzer's RSS limit
//! catches it if not).
//!
//! Input: 2 bytes ergs / 4, 1 byte flags (bit 0: run at a kernel address, where the kernel-only
//! opcodes are allowed), 1 byte word count (made odd, at most 127), the bytecode (zero-padded
//! when the input is short), then the calldata.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_vm::Address;
use zkstack_vm::run::ContractRun;

/// A kernel address (below 2^16) that no system contract of the setup occupies.
const KERNEL: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x90, 0x01]);

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let ergs = u32::from(u16::from_be_bytes([data[0], data[1]])) * 4;
    let kernel = data[2] & 1 != 0;
    let words = usize::from(data[3] % 64) * 2 + 1;
    let rest = &data[4..];
    let (code, calldata) = rest.split_at(rest.len().min(words * 32));
    let mut bytecode = code.to_vec();
    bytecode.resize(words * 32, 0);
    let mut run = ContractRun::new(bytecode).calldata(calldata).ergs(ergs);
    if kernel {
        run = run.address(KERNEL);
    }
    if let Ok(outcome) = run.run() {
        assert!(outcome.ergs_used <= ergs, "used {} of {ergs}", outcome.ergs_used);
    }
});
