//! Near frames: calls within one contract.

/// What a `near_call` saves of its caller, and the callee's exception handler. The callee runs
/// in the same far frame (same stack page, heaps, addresses); on return the caller's pc, sp and
/// ergs come back from here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NearFrame {
    /// Where the callee continues in the caller on `ret.revert`/`ret.panic`.
    pub exception_handler: u16,
    /// The caller's pc after the `near_call`.
    pub return_pc: u16,
    /// The caller's stack pointer.
    pub sp: u16,
    /// The ergs the caller kept.
    pub ergs: u32,
    /// Pubdata the caller had spent when it made the call.
    pub pubdata_spent: i32,
}
