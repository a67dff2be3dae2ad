//! Raw transactions of every type: decoding never panics, and what decodes re-encodes to the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_bootloader::tx::{Transaction, decode_raw};

fuzz_target!(|data: &[u8]| {
    if let Ok(tx) = Transaction::decode(data) {
        assert_eq!(tx.encode(), data, "decoding is strict, so encoding gives the input back");
        let _ = tx.to_bootloader();
    }
    let _ = decode_raw(data, None);
});
