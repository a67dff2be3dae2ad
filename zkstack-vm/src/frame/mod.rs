//! The call stack: far frames (contracts) and the near frames inside them.

pub mod far;
pub mod near;

pub use far::{Frame, is_kernel_address};
pub use near::NearFrame;
