//! The DA bytes of a committed batch, for every protocol version (the first byte picks it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_l1::ProtocolVersionId;
use zkstack_l1::pubdata::decode_commit_da_input;

fuzz_target!(|data: &[u8]| {
    let Some((&version, rest)) = data.split_first() else { return };
    let Ok(version) = ProtocolVersionId::new(u16::from(version % 32)) else { return };
    if let Ok(da) = decode_commit_da_input(rest, version) {
        let _ = da.pubdata();
    }
});
