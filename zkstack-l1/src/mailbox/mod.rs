//! The Mailbox's rules for L1→L2 transactions: what they cost and when they are accepted.
//!
//! - [`l2_transaction_base_cost`] / [`derive_l2_gas_price`]: Mailbox `l2TransactionBaseCost` and
//!   `_deriveL2GasPrice`, for rollup and validium pricing and any base-token ratio.
//! - [`validate_l1_to_l2_transaction`] and its parts: era-contracts `TransactionValidator.sol`.
//! - [`check_request`]: the checks `_requestL2TransactionSender`/`_requestL2Transaction` make
//!   before a request becomes a priority operation; [`PriorityOpRequest`] and the aliasing helpers
//!   build the resulting canonical transaction.
//! - [`constants`]: the `Config.sol` constants these use.
//!
//! All arithmetic is on `U256` with the contract's checked semantics: where Solidity 0.8 would
//! panic (overflow, division by zero), the functions return [`MailboxError::Panic`].
//!
//! The rules are those of the Mailbox since the shared-bridge release (fee parameters from the
//! 1.4.1 fee model, plus the base-token multiplier); for ETH-based chains the multiplier is 1/1.
//! Only `MAX_NEW_FACTORY_DEPS` depends on the protocol version here
//! ([`constants::max_new_factory_deps`]).

mod checked;
pub mod constants;
mod error;
mod fee;
mod request;
mod serialize;
mod validator;

pub use error::{MailboxError, UpgradeTxVerifyParam};
pub use fee::{
    BaseTokenMultiplier, FeeParams, PubdataPricingMode, derive_l2_gas_price,
    l2_transaction_base_cost,
};
pub use request::check_request;
pub use serialize::{
    L1_TO_L2_ALIAS_OFFSET, PriorityOpRequest, actual_refund_recipient, apply_l1_to_l2_alias,
    undo_l1_to_l2_alias,
};
pub use validator::{
    minimal_priority_transaction_gas_limit, overhead_for_transaction, transaction_body_gas_limit,
    validate_l1_to_l2_transaction, validate_upgrade_transaction,
};
