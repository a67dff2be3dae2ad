//! The answer of a subcommand whose capability is not built yet.

use std::process::ExitCode;

/// Exit code of a subcommand that is not built yet (distinct from 1, a failure of a built one).
pub const NOT_BUILT_EXIT_CODE: u8 = 2;

/// Says on stderr that `subcommand` is not built yet and which issue tracks it; never pretends.
pub fn report(subcommand: &str, capability: &str, issue: u32) -> ExitCode {
    eprintln!(
        "zkstack {subcommand}: not built yet: the {capability} is tracked in issue #{issue}; \
         nothing was computed"
    );
    ExitCode::from(NOT_BUILT_EXIT_CODE)
}
