//! Why base system contracts could not be loaded.

/// A contract that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SystemContractsError {
    /// Not valid EraVM bytecode (length, word count).
    #[error("{name}: {reason}")]
    Bytecode {
        /// Which contract.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A required file is missing.
    #[error("{0} is required")]
    Missing(String),
}
