//! The batch commitment: keccak(pass-through hash ‖ meta parameters hash ‖ auxiliary output hash).

use alloy_primitives::{B256, keccak256};

use super::{AuxiliaryOutput, CommitmentError, CommitmentInput, MetaParameters, PassThroughData};

/// zkPorter has never been enabled; zksync-era's `ZKPORTER_IS_AVAILABLE`.
pub const ZKPORTER_IS_AVAILABLE: bool = false;

/// The three parts of a batch commitment, computed from a [`CommitmentInput`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BatchCommitment {
    /// State after the batch.
    pub pass_through_data: PassThroughData,
    /// System contracts of the batch.
    pub meta_parameters: MetaParameters,
    /// What the batch did.
    pub auxiliary_output: AuxiliaryOutput,
}

/// The hashes of the parts and the commitment itself (field names as zksync-era's
/// `L1BatchCommitmentHash`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CommitmentHashes {
    /// keccak of the pass-through data.
    pub pass_through_data: B256,
    /// keccak of the auxiliary output.
    pub aux_output: B256,
    /// keccak of the meta parameters.
    pub meta_parameters: B256,
    /// The batch commitment.
    pub commitment: B256,
}

impl BatchCommitment {
    /// Computes all parts from the input.
    ///
    /// ```
    /// use zkstack_l1::commitment::{BatchCommitment, CommitmentInput};
    ///
    /// let json = r#"{"PreBoojum": {"common": {"l2_to_l1_logs": [], "rollup_last_leaf_index": 1,
    ///   "rollup_root_hash": "0x0000000000000000000000000000000000000000000000000000000000000001",
    ///   "bootloader_code_hash": "0x0000000000000000000000000000000000000000000000000000000000000002",
    ///   "default_aa_code_hash": "0x0000000000000000000000000000000000000000000000000000000000000003",
    ///   "protocol_version": "Version17"}, "initial_writes": [], "repeated_writes": []}}"#;
    /// # #[cfg(feature = "serde")] {
    /// let input: CommitmentInput = serde_json::from_str(json).unwrap();
    /// let hashes = BatchCommitment::new(&input).unwrap().hashes();
    /// assert_ne!(hashes.commitment, zkstack_l1::B256::ZERO);
    /// # }
    /// ```
    pub fn new(input: &CommitmentInput) -> Result<Self, CommitmentError> {
        let common = input.common();
        Ok(Self {
            pass_through_data: PassThroughData {
                index_repeated_storage_changes: common.rollup_last_leaf_index,
                new_state_root: common.rollup_root_hash,
            },
            meta_parameters: MetaParameters {
                zkporter_is_available: ZKPORTER_IS_AVAILABLE,
                bootloader_code_hash: common.bootloader_code_hash,
                default_aa_code_hash: common.default_aa_code_hash,
                evm_emulator_code_hash: common.evm_emulator_code_hash,
                protocol_version: common.protocol_version,
            },
            auxiliary_output: AuxiliaryOutput::new(input)?,
        })
    }

    /// The part hashes and `keccak(abi.encode(passThroughHash, metaHash, auxHash))`.
    pub fn hashes(&self) -> CommitmentHashes {
        let pass_through_data = self.pass_through_data.hash();
        let meta_parameters = self.meta_parameters.hash();
        let aux_output = self.auxiliary_output.hash();
        let commitment = keccak256([pass_through_data, meta_parameters, aux_output].concat());
        CommitmentHashes { pass_through_data, aux_output, meta_parameters, commitment }
    }
}

/// Computes the commitment hashes of `input` in one call.
pub fn batch_commitment(input: &CommitmentInput) -> Result<CommitmentHashes, CommitmentError> {
    BatchCommitment::new(input).map(|commitment| commitment.hashes())
}
