//! EraVM bytecode: loading arbitrary bytes as a program never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_vm::program::Program;

fuzz_target!(|data: &[u8]| {
    let _ = Program::from_bytecode(data);
});
