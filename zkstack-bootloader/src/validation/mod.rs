//! Account-validation rules: what a transaction's validation may touch, checked while the real
//! bootloader runs it (zksync-era multivm `vm_fast` `FullValidationTracer`, after EIP-4337 and
//! EIP-7562).
//!
//! Validation may read only the account's own storage, slots keyed by the account's address,
//! slots derived from it through keccak mappings (and up to 127 slots after them), trusted slots
//! and contracts, ETH balances when a system contract moves them, the chain id, and code hashes
//! of existing contracts; it may not read `context.meta`, call contracts without code, or run
//! out of its computational gas. [`validate_next`] runs the next pushed transaction of a
//! [`BatchExecutor`](crate::executor::BatchExecutor) up to the end of its validation with these
//! rules.

mod rules;
mod run;
mod trusted;

pub use rules::{ValidationParams, ValidationRules, ViolatedRule};
pub use run::{ValidationOutcome, validate_next};
pub use trusted::{TRUSTED_ADDRESS_SLOTS, trusted_token_slots};
