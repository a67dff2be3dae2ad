//! Executor calldata of any generation: decoding never panics, and what decodes re-encodes to the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_l1::executor_abi::decode_executor_call;

fuzz_target!(|data: &[u8]| {
    if let Ok(call) = decode_executor_call(data) {
        assert_eq!(call.encode(), data, "decoding is canonical, so encoding gives the input back");
    }
});
