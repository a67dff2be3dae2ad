//! Errors of proving and verifying.

/// Why a proof could not be produced.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ProveError {
    /// The requested circuit is empty or larger than the crate allows.
    #[error("circuit size {requested} is outside 1..={max}")]
    InvalidCircuitSize {
        /// What was asked for.
        requested: usize,
        /// The largest accepted size.
        max: usize,
    },
    /// The proof parameters are not usable.
    #[error("invalid proof parameters: {0}")]
    InvalidParams(&'static str),
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
    /// The proof could not be decoded.
    #[error("the proof could not be decoded: {0}")]
    Decode(String),
}
