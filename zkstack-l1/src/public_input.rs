//! The Verifier's public input for proving a batch: a hash of the previous and current batch
//! commitments, in the form each protocol generation's Executor.sol used.
//!
//! - From version 24 (era-contracts "Remove verifier params from commitment", #353, first released
//!   on the `release-v23` branch that shipped protocol version 24):
//!   `uint256(keccak(prev ‖ curr)) >> 32`.
//! - Boojum versions 18–23: `uint256(keccak(prev ‖ curr ‖ recursionNodeLevelVkHash ‖
//!   recursionLeafLevelVkHash)) >> 32`.
//! - Pre-Boojum (≤ 17): `uint256(keccak(prev ‖ curr ‖ recursionNodeLevelVkHash ‖
//!   recursionLeafLevelVkHash ‖ recursionCircuitsSetVksHash ‖ recursiveAggregationInput...)) &
//!   (~0 >> 8)` (`_getBlockProofPublicInput`).

use alloy_primitives::{B256, Keccak256, U256, keccak256};

use crate::ProtocolVersionId;

/// Executor.sol `PUBLIC_INPUT_SHIFT`: the hash is shifted right so that it fits the field.
pub const PUBLIC_INPUT_SHIFT: usize = 32;

/// First protocol version whose public input no longer hashes the recursion verification keys.
pub const VK_FREE_PUBLIC_INPUT_VERSION: ProtocolVersionId = ProtocolVersionId::SHARED_BRIDGE;

/// The recursion verification-key hashes older Executors mixed into the public input
/// (`VerifierParams`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VerifierParams {
    /// Hash of the recursion node-level verification key.
    pub recursion_node_level_vk_hash: B256,
    /// Hash of the recursion leaf-level verification key.
    pub recursion_leaf_level_vk_hash: B256,
    /// Hash of the recursion circuits' set of verification keys (hashed only before Boojum).
    pub recursion_circuits_set_vks_hash: B256,
}

/// The public input could not be formed for this version from what was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PublicInputError {
    /// Versions before 24 hash the recursion verification keys, which were not given.
    #[error("protocol version {0} hashes the recursion verification keys; none were given")]
    MissingVerifierParams(ProtocolVersionId),
    /// Pre-Boojum public inputs also hash the proof's recursive aggregation input; use
    /// [`pre_boojum_public_input`].
    #[error("protocol version {0} is pre-Boojum; use pre_boojum_public_input")]
    PreBoojum(ProtocolVersionId),
}

/// Current form (version 24 on): `uint256(keccak(prev ‖ curr)) >> 32`.
pub fn batch_proof_public_input(prev_commitment: B256, curr_commitment: B256) -> U256 {
    let hash = keccak256([prev_commitment, curr_commitment].concat());
    U256::from_be_bytes(hash.0) >> PUBLIC_INPUT_SHIFT
}

/// Boojum form of versions 18–23: `uint256(keccak(prev ‖ curr ‖ nodeVk ‖ leafVk)) >> 32`.
pub fn batch_proof_public_input_with_vks(
    prev_commitment: B256,
    curr_commitment: B256,
    params: &VerifierParams,
) -> U256 {
    let hash = keccak256(
        [
            prev_commitment,
            curr_commitment,
            params.recursion_node_level_vk_hash,
            params.recursion_leaf_level_vk_hash,
        ]
        .concat(),
    );
    U256::from_be_bytes(hash.0) >> PUBLIC_INPUT_SHIFT
}

/// Pre-Boojum form: `uint256(keccak(prev ‖ curr ‖ nodeVk ‖ leafVk ‖ circuitsSetVks ‖
/// recursiveAggregationInput...)) & (~0 >> 8)`.
pub fn pre_boojum_public_input(
    prev_commitment: B256,
    curr_commitment: B256,
    params: &VerifierParams,
    recursive_aggregation_input: &[U256],
) -> U256 {
    let mut hasher = Keccak256::new();
    for word in [
        prev_commitment,
        curr_commitment,
        params.recursion_node_level_vk_hash,
        params.recursion_leaf_level_vk_hash,
        params.recursion_circuits_set_vks_hash,
    ] {
        hasher.update(word);
    }
    for word in recursive_aggregation_input {
        hasher.update(word.to_be_bytes::<32>());
    }
    U256::from_be_bytes(hasher.finalize().0) & (U256::MAX >> 8)
}

/// The Boojum-era public input for `version`: the VK-free form from version 24, the VK form for
/// 18–23 (which needs `params`).
pub fn public_input_for_version(
    version: ProtocolVersionId,
    prev_commitment: B256,
    curr_commitment: B256,
    params: Option<&VerifierParams>,
) -> Result<U256, PublicInputError> {
    if version.is_pre_boojum() {
        return Err(PublicInputError::PreBoojum(version));
    }
    if version >= VK_FREE_PUBLIC_INPUT_VERSION {
        return Ok(batch_proof_public_input(prev_commitment, curr_commitment));
    }
    let params = params.ok_or(PublicInputError::MissingVerifierParams(version))?;
    Ok(batch_proof_public_input_with_vks(prev_commitment, curr_commitment, params))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(n: u16) -> ProtocolVersionId {
        ProtocolVersionId::new(n).expect("supported")
    }

    fn b(hex: &str) -> B256 {
        hex.parse().expect("32-byte hex")
    }

    #[test]
    fn current_form_matches_era_contracts_test() {
        // era-contracts l1-contracts/test/foundry/l1/unit/concrete/Executor/ExecutorProof.t.sol
        // `test_Hashes`: getBatchProofPublicInput(prevCommitment, nextCommitment).
        let prev = b("0x8199d18dbc01ea80a635f515d6a12312daa1aa32b5404944477dcd41fd7b2bdf");
        let next = b("0x9fae89899313dc524150960147a32da2521608231cb39e2741b2ca13435d3f12");
        let expected: U256 =
            "0xC09291737B046C329198E1BEE081240EAFC26B675F0124BFB2A12FA6".parse().expect("hex");
        assert_eq!(batch_proof_public_input(prev, next), expected);
    }

    #[test]
    fn vk_form_matches_era_contracts_v20_test() {
        // era-contracts tag release-v20-1.4.1-short-term-fee-model-2dfbc6b,
        // l1-contracts/test/unit_tests/executor_proof.spec.ts "Test hashes".
        let prev = b("0x6ebf945305689a8c3ac993df7f002d41d311a762cd6bf39bb054ead8d1f54404");
        let next = b("0x5765f7967c60dcf0e77ba0a909980c19b5ceab56f6bc1a6e0bd308f5f8dec263");
        let params = VerifierParams {
            recursion_node_level_vk_hash: b(
                "0x5a3ef282b21e12fe1f4438e5bb158fc5060b160559c5158c6389d62d9fe3d080",
            ),
            recursion_leaf_level_vk_hash: b(
                "0x72167c43a46cf38875b267d67716edc4563861364a3c03ab7aee73498421e828",
            ),
            recursion_circuits_set_vks_hash: b(
                "0x05dc05911af0aee6a0950ee36dad423981cf05a58cfdb479109bff3c2262eaac",
            ),
        };
        let expected: U256 =
            "0xa37cc4d4684f5f0ddafc193a2ab9e364c1a8ebb2b30594c1f1e7dc08".parse().expect("hex");
        assert_eq!(batch_proof_public_input_with_vks(prev, next, &params), expected);
        let v20 = ProtocolVersionId::V1_4_1;
        assert_eq!(public_input_for_version(v20, prev, next, Some(&params)), Ok(expected));
    }

    #[test]
    fn pre_boojum_form_by_hand() {
        // Derived from `_getBlockProofPublicInput` (era-contracts ethereum/contracts/zksync/facets/
        // Executor.sol, 2023): keccak over the packed words, top byte masked off.
        let params = VerifierParams::default();
        let agg = [U256::from(7u8)];
        let mut preimage = [0u8; 6 * 32];
        preimage[6 * 32 - 1] = 7;
        let expected = U256::from_be_bytes(keccak256(preimage).0) & (U256::MAX >> 8);
        assert_eq!(pre_boojum_public_input(B256::ZERO, B256::ZERO, &params, &agg), expected);
    }

    #[test]
    fn version_selects_the_form() {
        let (p, c) = (B256::repeat_byte(1), B256::repeat_byte(2));
        let params = VerifierParams {
            recursion_node_level_vk_hash: B256::repeat_byte(3),
            recursion_leaf_level_vk_hash: B256::repeat_byte(4),
            recursion_circuits_set_vks_hash: B256::ZERO,
        };
        assert_eq!(public_input_for_version(v(24), p, c, None), Ok(batch_proof_public_input(p, c)));
        assert_eq!(
            public_input_for_version(v(23), p, c, Some(&params)),
            Ok(batch_proof_public_input_with_vks(p, c, &params))
        );
        assert_eq!(
            public_input_for_version(v(18), p, c, None),
            Err(PublicInputError::MissingVerifierParams(v(18)))
        );
        assert_eq!(
            public_input_for_version(v(17), p, c, None),
            Err(PublicInputError::PreBoojum(v(17)))
        );
        assert_ne!(
            batch_proof_public_input(p, c),
            batch_proof_public_input_with_vks(p, c, &params)
        );
    }

    proptest! {
        #[test]
        fn public_inputs_fit_their_width(p in any::<[u8; 32]>(), c in any::<[u8; 32]>(), agg in proptest::collection::vec(any::<[u8; 32]>(), 0..4)) {
            let (p, c) = (B256::from(p), B256::from(c));
            prop_assert!(batch_proof_public_input(p, c) < U256::from(1u8) << 224);
            let params = VerifierParams::default();
            prop_assert!(batch_proof_public_input_with_vks(p, c, &params) < U256::from(1u8) << 224);
            let agg: Vec<U256> = agg.into_iter().map(U256::from_be_bytes).collect();
            prop_assert!(pre_boojum_public_input(p, c, &params, &agg) < U256::from(1u8) << 248);
        }
    }
}
