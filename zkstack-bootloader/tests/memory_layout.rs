//! The v26 bootloader memory layout, against the numbers zksync-era multivm derives for the fast
//! VM's `Gateway` subversion (`vm_latest/constants.rs`, computed here by hand from its formulas:
//! 8 + 32 + 33 + 2 + (64 + 4) = 143 for the operator refunds, then three areas of 10 000 words,
//! 10 001 L2 blocks of 4 words, 196 608 words of compressed bytecodes, 2 words of priority-tx
//! data, 1 360 000 words of L1 messenger pubdata, 2 × 10 000 description words and 40 postOp
//! words; results at (63 800 000 − 320 000) / 32).

use zkstack_bootloader::memory::layout::{
    COMPRESSED_BYTECODES_BEGIN_SLOT, L1_MESSENGER_PUBDATA_BEGIN_SLOT, L2_BLOCK_INFO_BEGIN_SLOT,
    OPERATOR_REFUNDS_BEGIN_SLOT, RESULT_BEGIN_SLOT, TRUSTED_GAS_LIMIT_BEGIN_SLOT,
    TX_DESCRIPTION_BEGIN_SLOT, TX_ENCODING_BEGIN_SLOT, TX_OVERHEAD_BEGIN_SLOT, VM_HOOK_PARAMS_SLOT,
    VM_HOOK_SLOT,
};
use zkstack_bootloader::memory::{ExecutionMode, tx_meta};
use zkstack_bootloader::vm::U256;

#[test]
fn slots_match_multivm() {
    assert_eq!(OPERATOR_REFUNDS_BEGIN_SLOT, 143);
    assert_eq!(TX_OVERHEAD_BEGIN_SLOT, 10_143);
    assert_eq!(TRUSTED_GAS_LIMIT_BEGIN_SLOT, 20_143);
    assert_eq!(L2_BLOCK_INFO_BEGIN_SLOT, 30_143);
    assert_eq!(COMPRESSED_BYTECODES_BEGIN_SLOT, 70_147);
    assert_eq!(L1_MESSENGER_PUBDATA_BEGIN_SLOT, 266_757);
    assert_eq!(TX_DESCRIPTION_BEGIN_SLOT, 1_626_757);
    assert_eq!(TX_ENCODING_BEGIN_SLOT, 1_646_797);
    assert_eq!(RESULT_BEGIN_SLOT, 1_983_750);
    assert_eq!(VM_HOOK_SLOT, 1_983_749);
    assert_eq!(VM_HOOK_PARAMS_SLOT, 1_983_746);
}

/// multivm `assemble_tx_meta`: mode in the most significant byte, execute flag in the least.
#[test]
fn tx_meta_word() {
    assert_eq!(tx_meta(ExecutionMode::VerifyExecute, true), U256::from(1));
    assert_eq!(tx_meta(ExecutionMode::EstimateFee, true), U256::from(1));
    assert_eq!(tx_meta(ExecutionMode::EthCall, true), (U256::from(2) << 248) | U256::from(1));
    assert_eq!(tx_meta(ExecutionMode::EthCall, false), U256::from(2) << 248);
}
