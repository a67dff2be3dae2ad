//! `zkstack tx ...`: decode, hash and sign transactions; derive zkSync addresses and bytecode hashes.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};
use zkstack::bootloader::address::{bytecode_hash, create_address, create2_address};
use zkstack::bootloader::tx::{DecodedTx, SigningKey, Transaction, decode_raw};
use zkstack::l1::{Address, B256, Bytes, U256};

use super::CliError;
use super::output::{decode_hex, print_json, read_hex_or_raw};

/// Options of `zkstack tx`.
#[derive(Debug, clap::Args)]
pub struct TxArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: TxCommand,
}

/// The `zkstack tx` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TxCommand {
    /// Decode a raw transaction (legacy, EIP-2930, EIP-1559, 0x71, or an L1 transaction's canonical
    /// ABI form): type, hashes, recovered sender and every field.
    Decode {
        /// The raw transaction, 0x-hex.
        raw: Bytes,
        /// Refuse a transaction that commits to another chain.
        #[arg(long)]
        chain_id: Option<u64>,
        /// Print one JSON document instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Sign a raw (unsigned or signed) transaction with the secp256k1 key in the environment
    /// variable `ZKSTACK_PRIVATE_KEY` (0x-hex) and print the signed raw transaction.
    Sign {
        /// The raw transaction, 0x-hex.
        raw: Bytes,
        /// Print one JSON document (raw, hash, from) instead of the raw hex.
        #[arg(long)]
        json: bool,
    },
    /// The address a zkSync deployment gets.
    Address {
        /// CREATE or CREATE2.
        #[command(subcommand)]
        kind: AddressKind,
    },
    /// The versioned EraVM bytecode hash of a bytecode (a file, or 0x-hex on the command line).
    BytecodeHash {
        /// A file holding the bytecode (raw or hex), or the bytecode itself as 0x-hex.
        bytecode: String,
    },
}

/// zkSync deployment address derivations (ContractDeployer).
#[derive(Debug, clap::Subcommand)]
pub enum AddressKind {
    /// `keccak(keccak("zksyncCreate") ‖ sender ‖ deployment nonce)`.
    Create {
        /// The deployer.
        #[arg(long)]
        sender: Address,
        /// The deployer's deployment nonce.
        #[arg(long)]
        nonce: U256,
    },
    /// `keccak(keccak("zksyncCreate2") ‖ sender ‖ salt ‖ bytecode hash ‖ keccak(input))`.
    Create2 {
        /// The deployer.
        #[arg(long)]
        sender: Address,
        /// The salt.
        #[arg(long)]
        salt: B256,
        /// The versioned bytecode hash.
        #[arg(long)]
        bytecode_hash: B256,
        /// Constructor input (0x-hex; default empty).
        #[arg(long, default_value = "0x")]
        input: Bytes,
    },
}

/// Environment variable that holds the signing key of `zkstack tx sign`.
const KEY_VARIABLE: &str = "ZKSTACK_PRIVATE_KEY";

/// Runs a `zkstack tx` subcommand.
pub fn run(args: &TxArgs) -> Result<ExitCode, CliError> {
    let mut out = std::io::stdout().lock();
    match &args.command {
        TxCommand::Decode { raw, chain_id, json } => {
            let decoded = decode_raw(raw, *chain_id).map_err(|e| CliError::Usage(e.to_string()))?;
            let report = decoded_json(&decoded);
            if *json {
                drop(out);
                print_json(&report)?;
            } else {
                for (key, value) in report.as_object().into_iter().flatten() {
                    writeln!(
                        out,
                        "{key:<24} {}",
                        value.as_str().map_or_else(|| value.to_string(), str::to_owned)
                    )?;
                }
            }
        }
        TxCommand::Sign { raw, json } => {
            let key_hex = std::env::var(KEY_VARIABLE).map_err(|_| {
                CliError::Usage(format!("set {KEY_VARIABLE} to the 0x-hex private key"))
            })?;
            let key_bytes: B256 = key_hex.trim().parse().map_err(|_| {
                CliError::Usage(format!("{KEY_VARIABLE} is not a 32-byte 0x-hex key"))
            })?;
            let key = SigningKey::from_slice(key_bytes.as_slice()).map_err(|_| {
                CliError::Usage(format!("{KEY_VARIABLE} is not a valid secp256k1 key"))
            })?;
            let mut tx = Transaction::decode(raw).map_err(|e| CliError::Usage(e.to_string()))?;
            tx.sign(&key).map_err(|e| CliError::Usage(e.to_string()))?;
            let signed = Bytes::from(tx.encode());
            if *json {
                let decoded =
                    decode_raw(&signed, None).map_err(|e| CliError::Usage(e.to_string()))?;
                drop(out);
                print_json(&json!({ "raw": signed, "hash": decoded.hash, "from": decoded.from }))?;
            } else {
                writeln!(out, "{signed}")?;
            }
        }
        TxCommand::Address { kind } => {
            let address = match kind {
                AddressKind::Create { sender, nonce } => create_address(*sender, *nonce),
                AddressKind::Create2 { sender, salt, bytecode_hash, input } => {
                    create2_address(*sender, *bytecode_hash, *salt, input)
                }
            };
            writeln!(out, "{address}")?;
        }
        TxCommand::BytecodeHash { bytecode } => {
            let code = bytecode_argument(bytecode)?;
            let hash = bytecode_hash(&code).map_err(|e| CliError::Usage(e.to_string()))?;
            writeln!(out, "{hash}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A bytecode given as 0x-hex on the command line or as a file (raw bytes or hex text).
fn bytecode_argument(argument: &str) -> Result<Vec<u8>, CliError> {
    match argument.strip_prefix("0x") {
        Some(digits) => {
            decode_hex(digits).ok_or_else(|| CliError::Usage("bytecode is not valid hex".into()))
        }
        None => read_hex_or_raw(Path::new(argument)),
    }
}

fn decoded_json(d: &DecodedTx) -> Value {
    json!({
        "type": d.tx_type.as_u8(),
        "hash": d.hash,
        "signed_hash": d.signed_hash,
        "from": d.from,
        "signer": d.signer,
        "chain_id": d.chain_id,
        "to": d.to,
        "nonce": d.nonce.to_string(),
        "gas_limit": d.gas_limit.to_string(),
        "max_fee_per_gas": d.max_fee_per_gas.to_string(),
        "max_priority_fee_per_gas": d.max_priority_fee_per_gas.to_string(),
        "gas_per_pubdata_limit": d.gas_per_pubdata_limit.to_string(),
        "value": d.value.to_string(),
        "data": d.data,
        "factory_deps": d.factory_deps,
        "paymaster": d.paymaster.as_ref().map(|p| json!({ "paymaster": p.paymaster, "input": p.paymaster_input })),
        "signature": d.signature,
    })
}
