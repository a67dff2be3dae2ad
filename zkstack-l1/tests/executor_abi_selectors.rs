//! Selectors of every Executor function against hex read from the contracts and from on-chain data.
//!
//! Our selectors are computed by `sol!` as keccak256 of the canonical signatures; the expected hex
//! below was read, independently, from:
//! - pre-Boojum: the first 4 bytes of zksync-era
//!   `core/node/consistency_checker/src/tests/commit_l1_batch_200000_testnet_goerli.calldata`
//!   (commitBlocks), and the Era mainnet diamond's pre-Boojum Executor facet selector list
//!   `['0x0c4dd810', '0xce9dcf16', '0x7739cbe7', '0xa9a2d18a']` recorded in shazow/whatsabi
//!   `src/__tests__/proxies.test.ts`;
//! - Boojum and shared bridge: the Executor facet's selector list in the `diamond_cut_data` of
//!   era-contracts `l1-contracts/deploy-script-config-template/config-prepare-registration-calldata.toml`
//!   (0f23da43, c3d93e7c, 6edd4f12, 6f497ac6, 701f58c5, 7f61885c, 97c09d34, c37533bb), and the
//!   first 4 bytes of the mainnet/sepolia commitBatches calldata fixtures (701f58c5);
//! - Gateway: era-contracts `l1-contracts/selectors` at `main` (v26 snapshot);
//! - interop: era-contracts `l1-contracts/selectors` on branch `draft-v31`.

use std::collections::HashSet;

use zkstack_l1::executor_abi::{
    CallKind, EXECUTOR_FUNCTIONS, ExecutorGeneration, executor_function,
};

const EXPECTED: [(&str, &str, ExecutorGeneration, CallKind); 20] = {
    use CallKind::{Commit, Execute, Precommit, Prove, Revert};
    use ExecutorGeneration::{Boojum, Gateway, Interop, PreBoojum, SharedBridge};
    [
        ("0c4dd810", "commitBlocks", PreBoojum, Commit),
        ("7739cbe7", "proveBlocks", PreBoojum, Prove),
        ("ce9dcf16", "executeBlocks", PreBoojum, Execute),
        ("a9a2d18a", "revertBlocks", PreBoojum, Revert),
        ("701f58c5", "commitBatches", Boojum, Commit),
        ("7f61885c", "proveBatches", Boojum, Prove),
        ("c3d93e7c", "executeBatches", Boojum, Execute),
        ("97c09d34", "revertBatches", Boojum, Revert),
        ("6edd4f12", "commitBatchesSharedBridge", SharedBridge, Commit),
        ("c37533bb", "proveBatchesSharedBridge", SharedBridge, Prove),
        ("6f497ac6", "executeBatchesSharedBridge", SharedBridge, Execute),
        ("0f23da43", "revertBatchesSharedBridge", SharedBridge, Revert),
        ("98f81962", "commitBatchesSharedBridge", Gateway, Commit),
        ("e12a6137", "proveBatchesSharedBridge", Gateway, Prove),
        ("cf02827d", "executeBatchesSharedBridge", Gateway, Execute),
        ("0b6db820", "precommitSharedBridge", Interop, Precommit),
        ("0db9eb87", "commitBatchesSharedBridge", Interop, Commit),
        ("9271e450", "proveBatchesSharedBridge", Interop, Prove),
        ("a085344d", "executeBatchesSharedBridge", Interop, Execute),
        ("7ca4eff7", "revertBatchesSharedBridge", Interop, Revert),
    ]
};

#[test]
fn every_selector_matches_the_contracts() {
    assert_eq!(EXECUTOR_FUNCTIONS.len(), EXPECTED.len());
    for (function, (hex, name, generation, kind)) in EXECUTOR_FUNCTIONS.iter().zip(EXPECTED) {
        assert_eq!(alloy_primitives::hex::encode(function.selector), hex, "{}", function.signature);
        assert_eq!(function.name, name);
        assert!(function.signature.starts_with(&format!("{name}(")), "{}", function.signature);
        assert_eq!(function.generation, generation, "{}", function.signature);
        assert_eq!(function.kind, kind, "{}", function.signature);
        let keccak = alloy_primitives::keccak256(function.signature.as_bytes());
        assert_eq!(function.selector.as_slice(), &keccak[..4], "{}", function.signature);
        assert_eq!(executor_function(function.selector), Some(function));
    }
    let unique: HashSet<_> = EXECUTOR_FUNCTIONS.iter().map(|f| f.selector).collect();
    assert_eq!(unique.len(), EXECUTOR_FUNCTIONS.len(), "selectors must not collide");
}

#[test]
fn canonical_signatures_spell_out_the_structs() {
    // The struct layouts as written in era-contracts IExecutor.sol (release-v18-boojum, release-v26,
    // main) and in the pre-Boojum ABI of zksync-era `core/lib/contracts/src/lib.rs`.
    let stored = "(uint64,bytes32,uint64,uint256,bytes32,bytes32,uint256,bytes32)";
    let commit = "(uint64,uint64,uint64,bytes32,uint256,bytes32,bytes32,bytes32,bytes,bytes)";
    let block =
        "(uint64,uint64,uint64,bytes32,uint256,bytes32,bytes32,bytes,bytes,bytes,bytes[],bytes[])";
    let proof = "(uint256[],uint256[])";
    let signatures: Vec<_> = EXECUTOR_FUNCTIONS.iter().map(|f| f.signature).collect();
    for expected in [
        format!("commitBlocks({stored},{block}[])"),
        format!("proveBlocks({stored},{stored}[],{proof})"),
        format!("executeBlocks({stored}[])"),
        format!("commitBatches({stored},{commit}[])"),
        format!("proveBatches({stored},{stored}[],{proof})"),
        format!("commitBatchesSharedBridge(uint256,{stored},{commit}[])"),
        format!("proveBatchesSharedBridge(uint256,{stored},{stored}[],{proof})"),
        format!("executeBatchesSharedBridge(uint256,{stored}[])"),
        "commitBatchesSharedBridge(uint256,uint256,uint256,bytes)".to_owned(),
        "precommitSharedBridge(address,uint256,bytes)".to_owned(),
        "revertBatchesSharedBridge(address,uint256)".to_owned(),
    ] {
        assert!(signatures.contains(&expected.as_str()), "missing {expected}");
    }
}
