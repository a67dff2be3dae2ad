//! The demo chain, its genesis, the deposit and the batch outputs the demo supplies for the L2
//! stage.

use zkstack_bootloader::address::balance_storage_key;
use zkstack_bootloader::system::BaseSystemContracts;
use zkstack_bridge::addresses::L2_BASE_TOKEN_ADDRESS;
use zkstack_bridge::message::{L2Message, TxStatus, tx_status_log};
use zkstack_bridge::withdrawal::WithdrawalMessage;
use zkstack_l1::executor_abi::StoredBatchInfo;
use zkstack_l1::executor_model::{
    ChainConfig, L2TransactionRequest, RequestContext, SettlementLayer, genesis_stored_batch_info,
};
use zkstack_l1::mailbox::{
    BaseTokenMultiplier, FeeParams, MailboxError, PubdataPricingMode, constants,
    l2_transaction_base_cost,
};
use zkstack_l1::operator::{BatchOutputs, DaMode};
use zkstack_l1::pubdata::StateDiffRecord;
use zkstack_l1::{Address, B256, Bytes, ProtocolVersionId, U256};

/// The demo chain's id (zksync-era's local default).
pub const CHAIN_ID: u64 = 270;
/// The L1's chain id (zksync-era's local L1).
pub const L1_CHAIN_ID: u64 = 9;
/// L1's clock when the demo commits, proves and executes.
pub const L1_NOW: u64 = 1_750_000_000;
/// The account that deposits on L1, receives on L2 and withdraws back to L1.
pub const ACCOUNT: Address = Address::new([
    0x36, 0x61, 0x5c, 0xf3, 0x49, 0xd7, 0xf6, 0x34, 0x48, 0x91, 0xb1, 0xe7, 0xca, 0x7c, 0x72, 0x88,
    0x3f, 0x5d, 0xc0, 0x49,
]);
/// The L2 DA validator the chain's system logs name (a rollup's).
pub const L2_DA_VALIDATOR: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0x0a]);
/// L1 gas price of the deposit transaction: 20 gwei.
pub const L1_GAS_PRICE_WEI: u64 = 20_000_000_000;
/// L2 gas limit of the deposit. 300 000 ran out of gas in the real bootloader on the demo's
/// start (every slot it writes is an initial write there).
pub const DEPOSIT_L2_GAS_LIMIT: u64 = 1_000_000;

/// One ether in wei.
fn ether() -> U256 {
    U256::from(10u64).pow(U256::from(18u8))
}

/// The amount deposited: 1 ETH.
pub fn deposit_amount() -> U256 {
    ether()
}

/// The amount withdrawn back to L1: 0.25 ETH.
pub fn withdrawal_amount() -> U256 {
    ether() / U256::from(4u8)
}

/// A v29 (Interop) rollup settling on L1. The bytecode hashes are placeholders: the chain's
/// system contracts are not built, and only their hashes enter the commitment.
pub fn chain_config() -> ChainConfig {
    ChainConfig {
        chain_id: U256::from(CHAIN_ID),
        protocol_version: ProtocolVersionId::INTEROP,
        l1_chain_id: U256::from(L1_CHAIN_ID),
        settlement_layer: SettlementLayer::L1,
        l2_bootloader_bytecode_hash: B256::repeat_byte(0xb0),
        l2_default_account_bytecode_hash: B256::repeat_byte(0xaa),
        l2_evm_emulator_bytecode_hash: B256::repeat_byte(0xee),
        l2_da_validator: L2_DA_VALIDATOR,
        fee_params: FeeParams {
            pubdata_pricing_mode: PubdataPricingMode::Rollup,
            batch_overhead_l1_gas: 800_000,
            max_pubdata_per_batch: 120_000,
            max_l2_gas_per_batch: 80_000_000,
            priority_tx_max_pubdata: 99_000,
            minimal_l2_gas_price: 250_000_000,
        },
        base_token_multiplier: BaseTokenMultiplier::ETH,
        priority_tx_max_gas_limit: U256::from(constants::PRIORITY_TX_MAX_GAS_LIMIT),
    }
}

/// The chain when its L2 batch runs through the real bootloader: [`chain_config`] with the
/// dump's chain id and the real bootloader, default account and EVM emulator hashes (the dump
/// has no emulator: then [`chain_config`]'s placeholder stays, as L1 refuses a zero hash). L1
/// stays the v29 model (the only Executor version modelled); the bootloader is v26.
pub fn real_chain_config(chain_id: u64, contracts: &BaseSystemContracts) -> ChainConfig {
    let base = chain_config();
    ChainConfig {
        l2_evm_emulator_bytecode_hash: contracts
            .evm_emulator
            .as_ref()
            .map_or(base.l2_evm_emulator_bytecode_hash, |c| c.hash),
        chain_id: U256::from(chain_id),
        l2_bootloader_bytecode_hash: contracts.bootloader.hash,
        l2_default_account_bytecode_hash: contracts.default_aa.hash,
        ..base
    }
}

/// Batch 0 as L1 stores it. Root, enumeration index and commitment are placeholders: no genesis
/// state is built.
pub fn genesis() -> StoredBatchInfo {
    genesis_stored_batch_info(B256::repeat_byte(0x01), 50, B256::repeat_byte(0xc0))
}

/// The DA mode: rollup pubdata in calldata. The blob commitment (a KZG commitment the circuits
/// check) is a placeholder: there is no KZG and no prover of EraVM batches yet.
pub fn da_mode() -> DaMode {
    DaMode::RollupCalldata { blob_commitment: B256::repeat_byte(0xbc) }
}

/// The ETH deposit: [`ACCOUNT`] sends [`deposit_amount`] to itself on L2 through the Bridgehub's
/// direct request, paying exactly the Mailbox's base cost on top (`mintValue = base cost +
/// l2Value`, as `requestL2TransactionDirect` callers compute it).
pub fn deposit_request() -> Result<(L2TransactionRequest, RequestContext), MailboxError> {
    deposit_request_at(L1_NOW)
}

/// [`deposit_request`] made on L1 fifteen minutes before `l1_now`.
pub fn deposit_request_at(
    l1_now: u64,
) -> Result<(L2TransactionRequest, RequestContext), MailboxError> {
    let config = chain_config();
    let gas_price = U256::from(L1_GAS_PRICE_WEI);
    let l2_gas_limit = U256::from(DEPOSIT_L2_GAS_LIMIT);
    let gas_per_pubdata = U256::from(constants::REQUIRED_L2_GAS_PRICE_PER_PUBDATA);
    let base_cost = l2_transaction_base_cost(
        gas_price,
        l2_gas_limit,
        gas_per_pubdata,
        &config.fee_params,
        config.base_token_multiplier,
    )?;
    let request = L2TransactionRequest {
        sender: ACCOUNT,
        contract_l2: ACCOUNT,
        mint_value: base_cost + deposit_amount(),
        l2_value: deposit_amount(),
        l2_calldata: Bytes::new(),
        l2_gas_limit,
        l2_gas_per_pubdata_byte_limit: gas_per_pubdata,
        factory_deps: vec![],
        refund_recipient: Address::ZERO,
    };
    let ctx = RequestContext {
        gas_price,
        timestamp: l1_now - 900,
        sender_is_tx_origin: true,
        refund_recipient_has_code: false,
    };
    Ok((request, ctx))
}

/// The withdrawal [`ACCOUNT`] makes on L2 (`L2BaseToken.withdraw`): its L2→L1 message, sent by
/// L2BaseToken (`0x800a`) through the L1Messenger in the batch's second transaction.
pub fn withdrawal_message() -> L2Message {
    let data = WithdrawalMessage::BaseToken {
        receiver: ACCOUNT,
        amount: withdrawal_amount(),
        extra: Bytes::new(),
    }
    .encode();
    L2Message { tx_number_in_batch: 1, sender: L2_BASE_TOKEN_ADDRESS, data: data.into() }
}

/// The outputs of batch 1, SUPPLIED in place of executing it (the EraVM interpreter is not
/// built): transaction 0 is the deposit (`deposit_tx_hash`), transaction 1 the withdrawal.
///
/// Realistic parts: the priority transaction hash and the bootloader's success log for it; the
/// withdrawal's message and its L1Messenger log; the state diff of [`ACCOUNT`]'s L2BaseToken
/// balance slot (`balance[account]` at 0x800a, tree key `blake2s(address ‖ slot)`), written for
/// the first time with the deposit minus the withdrawal (fees and refunds not modelled); one new
/// enumeration index. Placeholders: the state root (no state tree is built), the bootloader heap
/// and events queue commitments (circuit outputs) and the L2 transaction-status rolling hash.
pub fn supplied_outputs(deposit_tx_hash: B256) -> BatchOutputs {
    let genesis = genesis();
    let timestamp = L1_NOW - 600;
    let slot = balance_storage_key(ACCOUNT);
    let balance = StateDiffRecord {
        address: slot.address,
        key: U256::from_be_bytes(slot.key.0),
        derived_key: slot.hashed_key(),
        enumeration_index: 0,
        initial_value: U256::ZERO,
        final_value: deposit_amount() - withdrawal_amount(),
    };
    let withdrawal = withdrawal_message();
    BatchOutputs {
        number: genesis.batchNumber + 1,
        timestamp,
        last_l2_block_timestamp: timestamp + 2,
        prev_batch_hash: genesis.batchHash,
        new_state_root: B256::repeat_byte(0x02),
        index_repeated_storage_changes: genesis.indexRepeatedStorageChanges + 1,
        state_diffs: vec![balance],
        user_logs: vec![tx_status_log(deposit_tx_hash, TxStatus::Success, 0), withdrawal.to_log()],
        messages: vec![withdrawal.data],
        bytecodes: vec![],
        priority_tx_hashes: vec![deposit_tx_hash],
        bootloader_heap_hash: B256::repeat_byte(0x03),
        events_queue_hash: B256::repeat_byte(0x04),
        l2_txs_status_rolling_hash: B256::repeat_byte(0x05),
        message_root_rolling_hash: B256::ZERO,
        upgrade_tx_hash: B256::ZERO,
        aggregation_root: B256::ZERO,
    }
}
