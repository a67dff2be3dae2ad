//! Errors of proving and verifying.

/// Why a proof could not be produced.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ProveError {
    /// The requested circuit is empty or larger than the crate allows.
    #[error("circuit size {requested} is outside {min}..={max}")]
    InvalidCircuitSize {
        /// What was asked for.
        requested: usize,
        /// The smallest accepted size.
        min: usize,
        /// The largest accepted size.
        max: usize,
    },
    /// The proof parameters are not usable.
    #[error("invalid proof parameters: {0}")]
    InvalidParams(&'static str),
    /// Boojum stopped on an internal assertion (for example a circuit too small for the
    /// Merkle cap size); the message is Boojum's.
    #[error("boojum failed during {stage}: {message}")]
    Boojum {
        /// `setup` or `prove`.
        stage: &'static str,
        /// Boojum's panic message.
        message: String,
    },
}

/// Why a prover key could not be encoded or decoded.
#[derive(Debug, thiserror::Error)]
pub enum KeyEncodingError {
    /// The bytes do not start with the prover-key header, or their checksum does not match.
    #[error("not a prover key written by this crate, or corrupted (header or checksum mismatch)")]
    Corrupted,
    /// bincode could not encode or decode the key.
    #[error("prover key encoding: {0}")]
    Bincode(#[from] bincode::Error),
}

/// Why a proof was not accepted.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// The proof's public inputs are not the statement being checked.
    #[error("the proof's public inputs do not match the claimed statement")]
    PublicInputMismatch,
    /// The proof is well-formed but the verifier rejects it.
    #[error("the verifier rejected the proof")]
    Rejected,
    /// The proof does not even have the shape the verification key expects.
    #[error("the proof is malformed for this verification key")]
    Malformed,
    /// The proof was made with other parameters than the verifier requires.
    #[error("the proof's {0} differs from the required proof parameters")]
    ConfigMismatch(&'static str),
    /// The key or the proof belongs to another circuit than the one being verified.
    #[error("the key or the proof is for another circuit")]
    WrongCircuit,
    /// The proof could not be decoded.
    #[error("the proof could not be decoded: {0}")]
    Decode(String),
}
