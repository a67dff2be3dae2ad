//! The VM state outside memory pages: registers, flags, the call stack and global counters.

pub mod flags;
pub mod registers;

pub use flags::Flags;
pub use registers::Registers;

use crate::frame::Frame;

/// Everything an instruction reads or writes except heap-like pages.
#[derive(Clone, Debug)]
pub struct State {
    /// The register file.
    pub registers: Registers,
    /// The condition flags.
    pub flags: Flags,
    /// The running far frame (its innermost near frame runs).
    pub current: Frame,
    /// The far frames that called it, outermost first.
    pub previous: Vec<Frame>,
    /// The kernel-only context register, set by `context.set_context_u128`, passed to the next
    /// far call and cleared by every far return.
    pub context_u128: u128,
    /// An exception raised by the last instruction (a failed pointer or heap operation): the
    /// next cycle executes `ret.panic` instead of the instruction at pc.
    pub pending_exception: bool,
    /// The transaction number in the block (`context.inc_tx_num`).
    pub tx_number: u16,
    /// Pubdata spent in frames that may still be rolled back (`context.meta` in kernel mode).
    pub pubdata_revert_counter: i32,
    /// Call-stack depth counted as zk_evm does: every near and far frame below the running one,
    /// plus the empty root context.
    pub depth: u32,
}

impl State {
    /// A run's first state: `frame` the only frame (depth 1, the empty root context below it as
    /// zk_evm counts), `registers` as given, flags clear, no context value, transaction 0.
    pub fn entry(registers: Registers, frame: Frame) -> Self {
        State {
            registers,
            flags: Flags::default(),
            current: frame,
            previous: Vec::new(),
            context_u128: 0,
            pending_exception: false,
            tx_number: 0,
            pubdata_revert_counter: 0,
            depth: 1,
        }
    }
}
