//! The three condition flags.

#![allow(clippy::inline_always, reason = "the interpreter's per-cycle hot path")]

/// The VM flags that predicated instructions test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags {
    /// Less-than or overflow (`lt`/`of`).
    pub lt: bool,
    /// Equal / zero result.
    pub eq: bool,
    /// Greater-than.
    pub gt: bool,
}

impl Flags {
    /// The flags `lt`, `eq`, `gt`.
    #[inline(always)]
    pub const fn new(lt: bool, eq: bool, gt: bool) -> Self {
        Flags { lt, eq, gt }
    }
}
