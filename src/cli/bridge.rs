//! `zkstack bridge ...`: message inclusion proofs, asset ids and deposit requests of the shared
//! bridge.

use std::io::Write as _;
use std::process::ExitCode;

use serde_json::{Value, json};
use zkstack::bridge::addresses::{ETH_TOKEN_ADDRESS, L2_ASSET_ROUTER_ADDRESS};
use zkstack::bridge::asset::{asset_id, eth_asset_id, ntv_asset_id};
use zkstack::bridge::cli::{VerifyProofArgs, verify_proof};
use zkstack::bridge::deposit::{
    BridgeBurnData, BridgeMintData, SecondBridgeCalldata, TokenData, deposit_calldata, tx_data_hash,
};
use zkstack::bridge::request::{
    BridgehubL2TransactionRequest, CallContext, L2TransactionRequestDirect,
    L2TransactionRequestTwoBridgesInner, L2TransactionRequestTwoBridgesOuter,
    TWO_BRIDGES_MAGIC_VALUE, check_mint_value, direct_msg_value, two_bridges_msg_value,
};
use zkstack::l1::mailbox::{derive_l2_gas_price, validate_l1_to_l2_transaction};
use zkstack::l1::priority::NewPriorityRequest;
use zkstack::l1::{Address, B256, Bytes, L2CanonicalTransaction, U256};

use super::CliError;
use super::fee_params::ChainFeeArgs;
use super::output::print_json;

/// Options of `zkstack bridge`.
#[derive(Debug, clap::Args)]
pub struct BridgeArgs {
    /// What to compute.
    #[command(subcommand)]
    pub command: BridgeCommand,
}

/// The `zkstack bridge` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BridgeCommand {
    /// Verify that an L2→L1 message is included under a root, with the proof words exactly as the
    /// contracts take `_proof` (old format, v26+ format, nested Gateway proofs). Exit code 0 when
    /// valid, 1 when not.
    VerifyProof(VerifyProofCli),
    /// The asset id of a token: the native token vault's (`--token`), ether's (`--eth`), or any
    /// deployment tracker's (`--tracker` and `--asset-data`).
    AssetId {
        /// Chain the asset originates from (for `--eth`: the L1 chain id).
        #[arg(long)]
        chain_id: U256,
        /// Token address on its origin chain (native token vault asset).
        #[arg(long, conflicts_with_all = ["eth", "tracker", "asset_data"])]
        token: Option<Address>,
        /// Ether's asset id.
        #[arg(long, conflicts_with_all = ["tracker", "asset_data"])]
        eth: bool,
        /// Deployment tracker of a custom asset.
        #[arg(long, requires = "asset_data")]
        tracker: Option<Address>,
        /// Asset data word of a custom asset.
        #[arg(long, requires = "tracker")]
        asset_data: Option<B256>,
        /// Print one JSON document instead of the bare id.
        #[arg(long)]
        json: bool,
    },
    /// Build an L1→L2 deposit: the Bridgehub call to send on L1 and the canonical L2 transaction
    /// it becomes, with its hash. Without `--token`: a direct deposit of the base token
    /// (`requestL2TransactionDirect`, `--amount` becomes the L2 value). With `--token`: a deposit
    /// through the L1 asset router (`requestL2TransactionTwoBridges`). Exit code 1, with the
    /// reason, when the Bridgehub or Mailbox would revert.
    DepositTx(Box<DepositTxCli>),
}

/// Arguments of `zkstack bridge deposit-tx`.
#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)]
pub struct DepositTxCli {
    /// The L2 chain the deposit goes to.
    #[arg(long)]
    chain_id: U256,
    /// The chain's base token is ether: `msg.value` carries the mint value. Without it the base
    /// token is an ERC-20 the Bridgehub pulls by allowance, and `msg.value` carries only ether
    /// sent to the second bridge.
    #[arg(long)]
    base_token_is_eth: bool,
    /// Receiver on L2 (for a direct deposit: the L2 contract called).
    #[arg(long)]
    to: Address,
    /// Amount in wei: base-token wei for a direct deposit (the L2 value), token units with
    /// `--token`.
    #[arg(long)]
    amount: U256,
    /// L1 token to deposit through the asset router, native to L1 (`0x…01` for ether on a chain
    /// whose base token is not ether). Needs `--shared-bridge`.
    #[arg(long, requires = "shared_bridge")]
    token: Option<Address>,
    /// The L1 asset router (shared bridge): the second bridge of a `--token` deposit.
    #[arg(long, requires = "token")]
    shared_bridge: Option<Address>,
    /// Second-bridge calldata in the new form `0x01 ‖ abi.encode(assetId, burnData)` instead of
    /// the legacy `abi.encode(token, amount, receiver)` that the SDKs send.
    #[arg(long, requires = "token")]
    new_encoding: bool,
    /// The L1's chain id (`block.chainid` on L1): origin chain of the token, in its asset id and
    /// metadata.
    #[arg(long, default_value = "1")]
    l1_chain_id: U256,
    /// The token's `name()` (for the metadata the L2 receives; not needed for ether).
    #[arg(long, requires = "token")]
    token_name: Option<String>,
    /// The token's `symbol()`.
    #[arg(long, requires = "token")]
    token_symbol: Option<String>,
    /// The token's `decimals()`.
    #[arg(long, requires = "token")]
    token_decimals: Option<u8>,
    /// L2 calldata of a direct request (0x-hex; default empty).
    #[arg(long, conflicts_with = "token")]
    l2_calldata: Option<Bytes>,
    /// `msg.sender` of the Bridgehub call on L1.
    #[arg(long)]
    sender: Address,
    /// `tx.origin` of the L1 transaction (default: `--sender`, an EOA). A sender that is not the
    /// origin is aliased on L2.
    #[arg(long)]
    tx_origin: Option<Address>,
    /// Where L2 refunds go (default: the sender, aliased if it is not the origin).
    #[arg(long)]
    refund_recipient: Option<Address>,
    /// The refund recipient has code on L1 (then it is aliased).
    #[arg(long, requires = "refund_recipient")]
    refund_recipient_has_code: bool,
    /// L2 gas limit of the transaction.
    #[arg(long)]
    l2_gas_limit: U256,
    /// L2 gas per pubdata byte limit (the Mailbox accepts only 800).
    #[arg(long, default_value = "800")]
    gas_per_pubdata: U256,
    /// L1 gas price in wei (`tx.gasprice`), from which the Mailbox derives the L2 gas price.
    #[arg(long, required_unless_present = "l2_gas_price")]
    l1_gas_price: Option<U256>,
    /// The L2 gas price directly (the transaction's `maxFeePerGas`), instead of deriving it from
    /// `--l1-gas-price` and the fee parameters.
    #[arg(long, conflicts_with = "l1_gas_price")]
    l2_gas_price: Option<U256>,
    /// The chain's fee parameters.
    #[command(flatten)]
    fees: ChainFeeArgs,
    /// The chain's `priorityTxMaxGasLimit`.
    #[arg(long, default_value_t = 80_000_000)]
    priority_tx_max_gas_limit: u64,
    /// The mint value directly (default: base cost plus L2 value, what the SDKs pay); it must
    /// cover them.
    #[arg(long)]
    mint_value: Option<U256>,
    /// The priority operation id the transaction gets (its `nonce`; part of the hash).
    #[arg(long)]
    serial_id: U256,
    /// Expiration timestamp of the priority operation: adds the `NewPriorityRequest` log data.
    #[arg(long)]
    expiration: Option<u64>,
    /// The Bridgehub's L1 address, printed as the call's target (default: "bridgehub").
    #[arg(long)]
    bridgehub: Option<Address>,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    json: bool,
}

/// Arguments of `zkstack bridge verify-proof`.
#[derive(Debug, clap::Args)]
pub struct VerifyProofCli {
    /// Chain that sent the message.
    #[arg(long)]
    chain_id: U256,
    /// Batch of that chain holding the message.
    #[arg(long)]
    batch: U256,
    /// Index of the message's log in the batch's L2→L1 log tree.
    #[arg(long)]
    index: U256,
    /// Index of the sending transaction within the batch.
    #[arg(long)]
    tx_number: u16,
    /// L2 contract that sent the message.
    #[arg(long)]
    sender: Address,
    /// The message bytes (0x-hex).
    #[arg(long)]
    data: Bytes,
    /// The proof words, comma-separated 0x-hex (may be empty).
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    proof: Vec<B256>,
    /// The root the proof must end in (the batch's L2 logs root, or for a nested proof the
    /// settlement layer's).
    #[arg(long)]
    root: B256,
    /// Chain whose batch the proof must end in (default: whatever the proof names).
    #[arg(long, requires = "settlement_batch")]
    settlement_chain_id: Option<U256>,
    /// Batch number the proof must end in (with `--settlement-chain-id`).
    #[arg(long, requires = "settlement_chain_id")]
    settlement_batch: Option<U256>,
    /// Print one JSON document instead of a sentence.
    #[arg(long)]
    json: bool,
}

/// Runs a `zkstack bridge` subcommand.
pub fn run(args: &BridgeArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        BridgeCommand::VerifyProof(cli) => verify(cli),
        BridgeCommand::DepositTx(cli) => deposit_tx(cli),
        BridgeCommand::AssetId { chain_id, token, eth, tracker, asset_data, json } => {
            let id = match (token, eth, tracker, asset_data) {
                (Some(token), false, None, None) => ntv_asset_id(*chain_id, *token),
                (None, true, None, None) => eth_asset_id(*chain_id),
                (None, false, Some(tracker), Some(data)) => asset_id(*chain_id, *tracker, *data),
                _ => {
                    return Err(CliError::Usage(
                        "give exactly one of --token, --eth, or --tracker with --asset-data".into(),
                    ));
                }
            };
            if *json {
                print_json(&json!({ "asset_id": id }))?;
            } else {
                writeln!(std::io::stdout().lock(), "{id}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn verify(cli: &VerifyProofCli) -> Result<ExitCode, CliError> {
    let report = verify_proof(&VerifyProofArgs {
        chain_id: cli.chain_id,
        batch_number: cli.batch,
        index: cli.index,
        tx_number_in_batch: cli.tx_number,
        sender: cli.sender,
        data: cli.data.to_vec(),
        proof: cli.proof.clone(),
        expected_root: cli.root,
        settlement: cli.settlement_chain_id.zip(cli.settlement_batch),
    });
    if cli.json {
        let settlement = report.settlement.as_ref().map(|s| {
            json!({ "chain_id": s.chain_id.to_string(), "batch_number": s.batch_number.to_string(), "root": s.root })
        });
        let mut doc =
            json!({ "valid": report.valid, "reason": report.reason, "hops": report.hops });
        doc["settlement"] = settlement.unwrap_or_default();
        print_json(&doc)?;
    } else {
        writeln!(std::io::stdout().lock(), "{}", report.reason)?;
    }
    Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// What the Bridgehub is called with, and what the Mailbox makes of it.
struct BuiltDeposit {
    function: &'static str,
    msg_value: U256,
    calldata: Vec<u8>,
    mint_value: U256,
    request: BridgehubL2TransactionRequest,
    /// For a two-bridges deposit: the asset router's side (asset id, second-bridge calldata,
    /// `txDataHash`).
    router: Option<Value>,
}

fn usage(reason: impl std::fmt::Display) -> CliError {
    CliError::Usage(reason.to_string())
}

fn deposit_tx(cli: &DepositTxCli) -> Result<ExitCode, CliError> {
    let fee_params = cli.fees.fee_params();
    let multiplier = cli.fees.multiplier();
    let l2_gas_price = match (cli.l2_gas_price, cli.l1_gas_price) {
        (Some(price), _) => price,
        (None, Some(l1)) => {
            derive_l2_gas_price(l1, cli.gas_per_pubdata, &fee_params, multiplier)
                .map_err(|e| usage(format!("the Mailbox reverts deriving the L2 gas price: {e}")))?
        }
        (None, None) => return Err(usage("give --l1-gas-price or --l2-gas-price")),
    };
    // `l2TransactionBaseCost`: the L2 gas price times the gas limit.
    let base_cost = l2_gas_price
        .checked_mul(cli.l2_gas_limit)
        .ok_or_else(|| usage("base cost overflows (Solidity panic 0x11)"))?;
    let ctx = CallContext {
        caller: cli.sender,
        tx_origin: cli.tx_origin.unwrap_or(cli.sender),
        refund_recipient_has_code: cli.refund_recipient_has_code,
    };
    let built = match cli.token {
        None => build_direct(cli, base_cost, &ctx)?,
        Some(token) => build_two_bridges(cli, token, base_cost, &ctx)?,
    };
    check_mint_value(built.mint_value, base_cost, built.request.l2Value)
        .map_err(|e| usage(format!("the Mailbox reverts (MsgValueTooLow): {e}")))?;
    let tx = built
        .request
        .to_priority_op_request(&[])
        .to_canonical_transaction(cli.serial_id, l2_gas_price);
    validate_l1_to_l2_transaction(
        &tx,
        U256::from(cli.priority_tx_max_gas_limit),
        U256::from(cli.fees.priority_tx_max_pubdata),
    )
    .map_err(|e| usage(format!("the Mailbox reverts validating the transaction: {e}")))?;
    let hash = tx.canonical_hash();
    let to = cli.bridgehub.map_or_else(|| json!("bridgehub"), |a| json!(a));
    let mut doc = json!({
        "l1_call": {
            "to": to,
            "function": built.function,
            "value": built.msg_value.to_string(),
            "calldata": Bytes::from(built.calldata.clone()),
        },
        "mint_value": built.mint_value.to_string(),
        "base_cost": base_cost.to_string(),
        "l2_gas_price": l2_gas_price.to_string(),
        "l2_canonical_tx": canonical_json(&tx),
        "l2_tx_hash": hash,
    });
    if let Some(router) = built.router.clone() {
        doc["asset_router"] = router;
    }
    if let Some(expiration) = cli.expiration {
        let event = NewPriorityRequest::for_transaction(tx.clone(), expiration, vec![]);
        doc["new_priority_request_data"] = json!(Bytes::from(event.log_data()));
    }
    if cli.json {
        print_json(&doc)?;
    } else {
        let mut out = std::io::stdout().lock();
        let target = cli.bridgehub.map_or_else(|| "the Bridgehub".to_owned(), |a| a.to_string());
        writeln!(out, "L1 call:     {} on {target}", built.function)?;
        writeln!(out, "  value:     {} wei", built.msg_value)?;
        writeln!(out, "  calldata:  {}", Bytes::from(built.calldata))?;
        writeln!(out, "mint value:  {} (base cost {base_cost})", built.mint_value)?;
        writeln!(
            out,
            "L2 tx:       from {} to {}",
            built.request.sender, built.request.contractL2
        )?;
        writeln!(out, "  value:     {}", built.request.l2Value)?;
        writeln!(out, "  gas:       {} at {l2_gas_price} per gas", built.request.l2GasLimit)?;
        writeln!(out, "  refund to: {}", built.request.refundRecipient)?;
        writeln!(out, "  calldata:  {}", built.request.l2Calldata)?;
        writeln!(out, "L2 tx hash:  {hash}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A direct request: `--amount` of the base token to `--to`, minted plus the base cost.
fn build_direct(
    cli: &DepositTxCli,
    base_cost: U256,
    ctx: &CallContext,
) -> Result<BuiltDeposit, CliError> {
    let mint_value = match cli.mint_value {
        Some(mint) => mint,
        None => base_cost.checked_add(cli.amount).ok_or_else(|| usage("mint value overflows"))?,
    };
    let direct = L2TransactionRequestDirect {
        chainId: cli.chain_id,
        mintValue: mint_value,
        l2Contract: cli.to,
        l2Value: cli.amount,
        l2Calldata: cli.l2_calldata.clone().unwrap_or_default(),
        l2GasLimit: cli.l2_gas_limit,
        l2GasPerPubdataByteLimit: cli.gas_per_pubdata,
        factoryDeps: vec![],
        refundRecipient: cli.refund_recipient.unwrap_or_default(),
    };
    let request =
        direct.to_mailbox_request(ctx).map_err(|e| usage(format!("the Mailbox reverts: {e}")))?;
    Ok(BuiltDeposit {
        function: "requestL2TransactionDirect",
        msg_value: direct_msg_value(cli.base_token_is_eth, mint_value),
        calldata: direct.calldata(),
        mint_value,
        request,
        router: None,
    })
}

/// A deposit of `token` through the L1 asset router: the second-bridge calldata, what
/// `L1AssetRouter.bridgehubDeposit` returns for a token native to L1 (the NTV locks it and the
/// L2 gets the legacy `finalizeDeposit` call), and the outer request.
fn build_two_bridges(
    cli: &DepositTxCli,
    token: Address,
    base_cost: U256,
    ctx: &CallContext,
) -> Result<BuiltDeposit, CliError> {
    let shared_bridge = cli.shared_bridge.ok_or_else(|| usage("--token needs --shared-bridge"))?;
    let is_eth = token == ETH_TOKEN_ADDRESS;
    if is_eth && cli.base_token_is_eth {
        return Err(usage(
            "ether is the base token of this chain: deposit it directly (drop --token); the asset \
             router reverts with AssetIdNotSupported",
        ));
    }
    let metadata = if is_eth {
        TokenData::ether(cli.l1_chain_id)
    } else {
        match (&cli.token_name, &cli.token_symbol, cli.token_decimals) {
            (Some(name), Some(symbol), Some(decimals)) => {
                TokenData::from_values(cli.l1_chain_id, name, symbol, decimals)
            }
            _ => {
                return Err(usage(
                    "an ERC-20 deposit needs --token-name, --token-symbol and --token-decimals \
                     (the metadata the L2 receives)",
                ));
            }
        }
    };
    // Ether goes to the second bridge as value; an ERC-20 is pulled by allowance.
    let second_bridge_value = if is_eth { cli.amount } else { U256::ZERO };
    let second = if cli.new_encoding {
        let burn = BridgeBurnData { amount: cli.amount, receiver: cli.to, maybe_token: token };
        SecondBridgeCalldata::New {
            asset_id: ntv_asset_id(cli.l1_chain_id, token),
            transfer_data: burn.encode().into(),
        }
    } else {
        // What the SDKs send: for ether an amount of 0, meaning `msg.value`.
        let amount = if is_eth { U256::ZERO } else { cli.amount };
        SecondBridgeCalldata::Legacy { token, amount, l2_receiver: cli.to }
    };
    let (asset, transfer_data) = second
        .asset_and_transfer_data(cli.l1_chain_id, second_bridge_value)
        .ok_or_else(|| usage("not a deposit form of the second-bridge calldata"))?;
    let burn = BridgeBurnData::decode(&transfer_data).map_err(usage)?;
    let mint = BridgeMintData {
        original_caller: cli.sender,
        receiver: burn.receiver,
        origin_token: token,
        amount: burn.amount,
        erc20_metadata: metadata.encode().into(),
    };
    let l2_calldata = deposit_calldata(cli.l1_chain_id, cli.sender, asset, &mint.encode(), true)
        .map_err(usage)?;
    let data_hash =
        tx_data_hash(second.version(), cli.l1_chain_id, cli.sender, asset, token, &transfer_data)
            .map_err(usage)?;
    let mint_value = cli.mint_value.unwrap_or(base_cost);
    let outer = L2TransactionRequestTwoBridgesOuter {
        chainId: cli.chain_id,
        mintValue: mint_value,
        l2Value: U256::ZERO,
        l2GasLimit: cli.l2_gas_limit,
        l2GasPerPubdataByteLimit: cli.gas_per_pubdata,
        refundRecipient: cli.refund_recipient.unwrap_or_default(),
        secondBridgeAddress: shared_bridge,
        secondBridgeValue: second_bridge_value,
        secondBridgeCalldata: second.encode().into(),
    };
    let inner = L2TransactionRequestTwoBridgesInner {
        magicValue: TWO_BRIDGES_MAGIC_VALUE,
        l2Contract: L2_ASSET_ROUTER_ADDRESS,
        l2Calldata: l2_calldata.into(),
        factoryDeps: vec![],
        txDataHash: data_hash,
    };
    let request = outer
        .to_mailbox_request(&inner, ctx)
        .map_err(|e| usage(format!("the Bridgehub reverts: {e}")))?;
    let msg_value = two_bridges_msg_value(cli.base_token_is_eth, mint_value, second_bridge_value)
        .map_err(usage)?;
    Ok(BuiltDeposit {
        function: "requestL2TransactionTwoBridges",
        msg_value,
        calldata: outer.calldata(),
        mint_value,
        request,
        router: Some(json!({
            "asset_id": asset,
            "second_bridge_calldata": Bytes::from(second.encode()),
            "second_bridge_value": second_bridge_value.to_string(),
            "tx_data_hash": data_hash,
        })),
    })
}

/// The canonical transaction's fields, numbers in decimal, addresses as addresses.
fn canonical_json(tx: &L2CanonicalTransaction) -> Value {
    let address = |word: U256| Address::from_word(B256::from(word));
    json!({
        "tx_type": tx.txType.to_string(),
        "from": address(tx.from),
        "to": address(tx.to),
        "gas_limit": tx.gasLimit.to_string(),
        "gas_per_pubdata_byte_limit": tx.gasPerPubdataByteLimit.to_string(),
        "max_fee_per_gas": tx.maxFeePerGas.to_string(),
        "max_priority_fee_per_gas": tx.maxPriorityFeePerGas.to_string(),
        "paymaster": tx.paymaster.to_string(),
        "nonce": tx.nonce.to_string(),
        "value": tx.value.to_string(),
        "reserved": tx.reserved.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "data": tx.data,
        "signature": tx.signature,
        "factory_deps": tx.factoryDeps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "paymaster_input": tx.paymasterInput,
        "reserved_dynamic": tx.reservedDynamic,
    })
}
