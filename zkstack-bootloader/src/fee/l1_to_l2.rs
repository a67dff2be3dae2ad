//! What an L1→L2 transaction costs and the least gas it must carry — implemented once, in
//! [`crate::l1::mailbox`] (Mailbox `l2TransactionBaseCost`, `_deriveL2GasPrice`,
//! `TransactionValidator.getMinimalPriorityTransactionGasLimit`), and re-exported here so fee
//! code finds every rule under [`crate::fee`].

pub use zkstack_l1::mailbox::{
    BaseTokenMultiplier, FeeParams as MailboxFeeParams, PubdataPricingMode, derive_l2_gas_price,
    l2_transaction_base_cost, minimal_priority_transaction_gas_limit, overhead_for_transaction,
    transaction_body_gas_limit,
};
