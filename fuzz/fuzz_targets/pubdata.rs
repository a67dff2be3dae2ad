//! Pubdata, compressed state diffs and compressed bytecodes: decoding never panics, and decoded
//! pubdata re-encodes to a form that decodes to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_l1::pubdata::{CompressedStateDiffs, Pubdata, decompress_bytecode};

fuzz_target!(|data: &[u8]| {
    if let Ok(pubdata) = Pubdata::decode(data) {
        let encoded = pubdata.encode().expect("decoded pubdata encodes");
        assert_eq!(Pubdata::decode(&encoded).expect("re-decodes"), pubdata);
    }
    let _ = CompressedStateDiffs::decode(data);
    let _ = decompress_bytecode(data);
});
