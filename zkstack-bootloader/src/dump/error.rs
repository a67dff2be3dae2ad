//! What can be wrong with a dump.

/// A dump that cannot be read or used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DumpError {
    /// Not the JSON of a dump: the message names the missing or mistyped field.
    #[error("VM dump: {0}")]
    Json(String),
    /// A transaction the bootloader cannot take.
    #[error("VM dump transaction: {0}")]
    Transaction(String),
    /// A protocol version this crate does not run.
    #[error("VM dump: protocol version {0} is not supported (only Version26)")]
    UnsupportedVersion(String),
}
