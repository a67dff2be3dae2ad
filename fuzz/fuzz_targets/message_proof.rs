//! L2→L1 message proofs as the contracts take `_proof`: walking arbitrary words never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkstack_bridge::l1::{B256, U256};
use zkstack_bridge::proof::process_proof;

fuzz_target!(|data: &[u8]| {
    if data.len() < 96 {
        return;
    }
    let (head, words) = data.split_at(96);
    let word = |i: usize| U256::from_be_slice(&head[i * 32..(i + 1) * 32]);
    let proof: Vec<B256> = words.chunks_exact(32).map(B256::from_slice).collect();
    let leaf = B256::from(word(2).to_be_bytes::<32>());
    let _ = process_proof(word(0), word(1), U256::from(proof.len()), leaf, &proof);
});
