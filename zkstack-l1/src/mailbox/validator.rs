//! era-contracts `state-transition/libraries/TransactionValidator.sol`.

use alloy_primitives::U256;

use super::{
    MailboxError, UpgradeTxVerifyParam,
    checked::{add, div, mul, sub},
    constants::{
        L1_TX_DELTA_544_ENCODING_BYTES, L1_TX_DELTA_FACTORY_DEPS_L2_GAS,
        L1_TX_DELTA_FACTORY_DEPS_PUBDATA, L1_TX_INTRINSIC_L2_GAS, L1_TX_INTRINSIC_PUBDATA,
        L1_TX_MIN_L2_GAS_BASE, MEMORY_OVERHEAD_GAS, TX_SLOT_OVERHEAD_L2_GAS,
    },
};
use crate::priority::L2CanonicalTransaction;

/// The batch overhead an L1→L2 transaction pays: the larger of the slot overhead (10 000) and
/// 10 gas per byte of its ABI encoding (`getOverheadForTransaction`).
pub fn overhead_for_transaction(encoding_len: usize) -> U256 {
    let for_length = U256::from(MEMORY_OVERHEAD_GAS).saturating_mul(U256::from(encoding_len));
    U256::from(TX_SLOT_OVERHEAD_L2_GAS).max(for_length)
}

/// The part of `total_gas_limit` left for executing the transaction once the batch overhead is
/// paid (`getTransactionBodyGasLimit`); [`MailboxError::TxnBodyGasLimitNotEnoughGas`] if the
/// limit does not cover the overhead.
pub fn transaction_body_gas_limit(
    total_gas_limit: U256,
    encoding_len: usize,
) -> Result<U256, MailboxError> {
    total_gas_limit
        .checked_sub(overhead_for_transaction(encoding_len))
        .ok_or(MailboxError::TxnBodyGasLimitNotEnoughGas)
}

/// `⌈a / b⌉` as OpenZeppelin `Math.ceilDiv` computes it (`a == 0 ? 0 : (a - 1) / b + 1`).
fn ceil_div(a: U256, b: U256) -> Result<U256, MailboxError> {
    if a.is_zero() {
        return Ok(U256::ZERO);
    }
    add(div(sub(a, U256::from(1u8))?, b)?, U256::from(1u8))
}

/// The least L2 gas a priority transaction must offer for its body
/// (`getMinimalPriorityTransactionGasLimit`):
/// `max(167 157 + ⌈len · 1656 / 544⌉ + deps · 2473, 173 484) + (88 + deps · 64) · gas_per_pubdata`
/// — the last part evaluated as `88 · g + deps · 64 · g`, failing on overflow like the contract.
pub fn minimal_priority_transaction_gas_limit(
    encoding_len: usize,
    factory_deps: usize,
    l2_gas_price_per_pubdata: U256,
) -> Result<U256, MailboxError> {
    let deps = U256::from(factory_deps);
    let mut computation = U256::from(L1_TX_INTRINSIC_L2_GAS);
    computation = add(
        computation,
        ceil_div(
            mul(U256::from(encoding_len), U256::from(L1_TX_DELTA_544_ENCODING_BYTES))?,
            U256::from(544u16),
        )?,
    )?;
    computation = add(computation, mul(deps, U256::from(L1_TX_DELTA_FACTORY_DEPS_L2_GAS))?)?;
    computation = computation.max(U256::from(L1_TX_MIN_L2_GAS_BASE));

    let mut pubdata = mul(U256::from(L1_TX_INTRINSIC_PUBDATA), l2_gas_price_per_pubdata)?;
    pubdata = add(
        pubdata,
        mul(mul(deps, U256::from(L1_TX_DELTA_FACTORY_DEPS_PUBDATA))?, l2_gas_price_per_pubdata)?,
    )?;
    add(computation, pubdata)
}

/// `validateL1ToL2Transaction` for `transaction` as the Mailbox calls it, with the encoding
/// `abi.encode(transaction)`: the body gas limit must cover the overhead, stay within
/// `priority_tx_max_gas_limit`, not allow more than `priority_tx_max_pubdata` bytes of pubdata at
/// the transaction's `gasPerPubdataByteLimit`, and cover
/// [`minimal_priority_transaction_gas_limit`]. Checks run in the contract's order.
pub fn validate_l1_to_l2_transaction(
    transaction: &L2CanonicalTransaction,
    priority_tx_max_gas_limit: U256,
    priority_tx_max_pubdata: U256,
) -> Result<(), MailboxError> {
    let encoding_len = transaction.encoded_len();
    let body = transaction_body_gas_limit(transaction.gasLimit, encoding_len)?;
    if body > priority_tx_max_gas_limit {
        return Err(MailboxError::TooMuchGas);
    }
    let pubdata = div(body, transaction.gasPerPubdataByteLimit)?;
    if pubdata > priority_tx_max_pubdata {
        return Err(MailboxError::PubdataGreaterThanLimit {
            limit: priority_tx_max_pubdata,
            length: pubdata,
        });
    }
    let minimal = minimal_priority_transaction_gas_limit(
        encoding_len,
        transaction.factoryDeps.len(),
        transaction.gasPerPubdataByteLimit,
    )?;
    if minimal > body {
        return Err(MailboxError::ValidateTxnNotEnoughGas);
    }
    Ok(())
}

/// `validateUpgradeTransaction`: a protocol upgrade transaction comes from a system address
/// (`from ≤ 0xffff`), calls an address, pays nothing and uses no optional fields except
/// `reserved[1]` (an address). Fields are checked in the contract's order.
pub fn validate_upgrade_transaction(
    transaction: &L2CanonicalTransaction,
) -> Result<(), MailboxError> {
    let max_u16 = U256::from(u16::MAX);
    let max_u160 = (U256::from(1u8) << 160) - U256::from(1u8);
    let checks = [
        (transaction.from > max_u16, UpgradeTxVerifyParam::From),
        (transaction.to > max_u160, UpgradeTxVerifyParam::To),
        (!transaction.paymaster.is_zero(), UpgradeTxVerifyParam::Paymaster),
        (!transaction.value.is_zero(), UpgradeTxVerifyParam::Value),
        (!transaction.maxFeePerGas.is_zero(), UpgradeTxVerifyParam::MaxFeePerGas),
        (!transaction.maxPriorityFeePerGas.is_zero(), UpgradeTxVerifyParam::MaxPriorityFeePerGas),
        (!transaction.reserved[0].is_zero(), UpgradeTxVerifyParam::Reserved0),
        (transaction.reserved[1] > max_u160, UpgradeTxVerifyParam::Reserved1),
        (!transaction.reserved[2].is_zero(), UpgradeTxVerifyParam::Reserved2),
        (!transaction.reserved[3].is_zero(), UpgradeTxVerifyParam::Reserved3),
        (!transaction.signature.is_empty(), UpgradeTxVerifyParam::Signature),
        (!transaction.paymasterInput.is_empty(), UpgradeTxVerifyParam::PaymasterInput),
        (!transaction.reservedDynamic.is_empty(), UpgradeTxVerifyParam::ReservedDynamic),
    ];
    match checks.into_iter().find(|(failed, _)| *failed) {
        Some((_, param)) => Err(MailboxError::InvalidUpgradeTxn(param)),
        None => Ok(()),
    }
}
