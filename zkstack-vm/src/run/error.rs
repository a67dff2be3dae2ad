//! Why a one-contract run could not start or finish.

use crate::ProgramError;
use crate::exec::VmError;

/// A one-contract run that did not produce an outcome. A contract that reverts or panics is not
/// an error: that is the run's [`crate::run::RunStatus`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// The bytecode is empty.
    #[error("bytecode is empty")]
    Empty,
    /// The bytecode is not a valid code page (unaligned or too long).
    #[error(transparent)]
    Program(#[from] ProgramError),
    /// A bytecode hash needs an odd number of 32-byte words.
    #[error("bytecode has {0} words; a deployable bytecode has an odd number of words")]
    EvenWordCount(usize),
    /// The calldata does not fit a fat pointer (2^32 bytes or more).
    #[error("calldata of {0} bytes does not fit a fat pointer")]
    CalldataTooLong(usize),
    /// The interpreter refused an instruction, or a far call named code the world lacks.
    #[error(transparent)]
    Vm(#[from] VmError),
}
