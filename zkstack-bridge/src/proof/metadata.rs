//! The first word of a v26+ message proof (era-contracts `MessageHashing.parseProofMetadata`).
//!
//! The word is `version ‖ log-leaf proof length ‖ batch-leaf proof length ‖ final-node flag`
//! followed by 28 zero bytes. A first word whose last 28 bytes are *not* all zero marks the old
//! format, in which the whole proof is a plain Merkle path.

use alloy_primitives::B256;

/// The only metadata version the contracts accept.
pub const SUPPORTED_PROOF_METADATA_VERSION: u8 = 1;

/// Why a proof's first word is not acceptable metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    /// New-format metadata with a version other than 1 (`UnsupportedProofMetadataVersion`).
    #[error("unsupported proof metadata version {0}")]
    UnsupportedVersion(u8),
    /// A final node that still claims a batch-leaf proof (`InvalidProofLengthForFinalNode`).
    #[error("final proof node with a non-empty batch leaf proof ({0} words)")]
    BatchProofOnFinalNode(u8),
}

/// Decoded v1 proof metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProofMetadata {
    /// Words of the path from the log leaf to the batch root.
    pub log_leaf_proof_len: u8,
    /// Words of the path from the batch leaf to the chain tree root (0 on a final node).
    pub batch_leaf_proof_len: u8,
    /// Whether the batch root is checked here, or the proof continues in the settlement layer.
    pub final_proof_node: bool,
}

/// How a proof's words are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProofFormat {
    /// Pre-v26: every word is a sibling on the path to the batch root.
    Legacy,
    /// v26+: the first word is this metadata.
    V1(ProofMetadata),
}

impl ProofMetadata {
    /// The metadata word (final flag written as 1).
    pub fn to_word(&self) -> B256 {
        let mut word = B256::ZERO;
        word[0] = SUPPORTED_PROOF_METADATA_VERSION;
        word[1] = self.log_leaf_proof_len;
        word[2] = self.batch_leaf_proof_len;
        word[3] = u8::from(self.final_proof_node);
        word
    }
}

impl ProofFormat {
    /// Reads the format from a proof's first word, accepting exactly what the contracts accept.
    /// Any nonzero flag byte reads as "final", as in Solidity.
    pub fn from_first_word(word: &B256) -> Result<Self, MetadataError> {
        if word[4..].iter().any(|b| *b != 0) {
            return Ok(Self::Legacy);
        }
        if word[0] != SUPPORTED_PROOF_METADATA_VERSION {
            return Err(MetadataError::UnsupportedVersion(word[0]));
        }
        let meta = ProofMetadata {
            log_leaf_proof_len: word[1],
            batch_leaf_proof_len: word[2],
            final_proof_node: word[3] != 0,
        };
        if meta.final_proof_node && meta.batch_leaf_proof_len != 0 {
            return Err(MetadataError::BatchProofOnFinalNode(meta.batch_leaf_proof_len));
        }
        Ok(Self::V1(meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::b256;
    use proptest::prelude::*;

    /// Metadata words of era-contracts `L2MessageVerification.t.sol` (real proofs).
    #[test]
    fn reads_the_words_of_real_proofs() {
        let single = b256!("0x0103000100000000000000000000000000000000000000000000000000000000");
        let nested = b256!("0x010f060000000000000000000000000000000000000000000000000000000000");
        let final_gw = b256!("0x0101000100000000000000000000000000000000000000000000000000000000");
        let meta = |l, b, f| {
            ProofFormat::V1(ProofMetadata {
                log_leaf_proof_len: l,
                batch_leaf_proof_len: b,
                final_proof_node: f,
            })
        };
        assert_eq!(ProofFormat::from_first_word(&single), Ok(meta(3, 0, true)));
        assert_eq!(ProofFormat::from_first_word(&nested), Ok(meta(15, 6, false)));
        assert_eq!(ProofFormat::from_first_word(&final_gw), Ok(meta(1, 0, true)));
        // A hash as first word: the old format.
        let hash = b256!("0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba");
        assert_eq!(ProofFormat::from_first_word(&hash), Ok(ProofFormat::Legacy));
    }

    #[test]
    fn rejects_what_the_contracts_reject() {
        assert_eq!(
            ProofFormat::from_first_word(&B256::ZERO),
            Err(MetadataError::UnsupportedVersion(0))
        );
        let mut w = B256::ZERO;
        w[0] = 2;
        assert_eq!(ProofFormat::from_first_word(&w), Err(MetadataError::UnsupportedVersion(2)));
        w[0] = 1;
        w[2] = 1;
        w[3] = 7;
        assert_eq!(ProofFormat::from_first_word(&w), Err(MetadataError::BatchProofOnFinalNode(1)));
    }

    proptest! {
        #[test]
        fn round_trips(l in any::<u8>(), b in any::<u8>(), f in any::<bool>()) {
            let meta = ProofMetadata { log_leaf_proof_len: l, batch_leaf_proof_len: if f { 0 } else { b }, final_proof_node: f };
            prop_assert_eq!(ProofFormat::from_first_word(&meta.to_word()), Ok(ProofFormat::V1(meta)));
        }

        #[test]
        fn any_word_reads_without_panic(word in any::<[u8; 32]>()) {
            let _ = ProofFormat::from_first_word(&B256::from(word));
        }
    }
}
