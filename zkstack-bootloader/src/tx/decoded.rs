//! [`decode_raw`]: everything a wallet or the CLI wants to know about raw transaction bytes.

use alloy_primitives::{Address, B256, Bytes, U256};

use super::eip712::PaymasterParams;
use super::envelope::{Transaction, TxType};
use super::error::TxError;

/// A decoded transaction with its hashes and sender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedTx {
    /// The transaction itself ([`Transaction::encode`] gives back the input bytes).
    pub tx: Transaction,
    /// Its type.
    pub tx_type: TxType,
    /// The transaction hash.
    pub hash: B256,
    /// The hash the sender signed (`None` for L1 transactions).
    pub signed_hash: Option<B256>,
    /// The initiator (see [`Transaction::sender`]).
    pub from: Address,
    /// The ECDSA key that signed: the sender for Ethereum types; for 0x71 the key that recovers
    /// from its signature, if it is a valid ECDSA signature (a custom account may use another
    /// scheme, and its `from` need not be a key at all).
    pub signer: Option<Address>,
    /// The chain id the transaction commits to.
    pub chain_id: Option<u64>,
    /// Callee (`None`: contract creation).
    pub to: Option<Address>,
    /// Nonce (serial id for L1 transactions).
    pub nonce: U256,
    /// Gas limit.
    pub gas_limit: U256,
    /// `maxFeePerGas` as the bootloader sees it.
    pub max_fee_per_gas: U256,
    /// `maxPriorityFeePerGas` as the bootloader sees it.
    pub max_priority_fee_per_gas: U256,
    /// `gasPerPubdataByteLimit` as the bootloader sees it.
    pub gas_per_pubdata_limit: U256,
    /// Value sent.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Factory dependency bytecodes (0x71 only).
    pub factory_deps: Vec<Bytes>,
    /// Paymaster, if any.
    pub paymaster: Option<PaymasterParams>,
    /// The signature the account is given (empty for L1 transactions).
    pub signature: Bytes,
}

/// Decodes raw transaction bytes and derives hashes and sender.
///
/// Accepts the RLP forms of legacy, EIP-2930, EIP-1559 and 0x71 transactions and the canonical
/// ABI form of L1 transactions (see [`Transaction::decode`]). With `chain_id` given, a transaction
/// that commits to another chain is refused as zksync-era `TransactionRequest::from_bytes` does.
/// An Ethereum-type transaction whose sender cannot be recovered, or a 0x71 transaction whose
/// signature gives no hash, is an error.
pub fn decode_raw(bytes: &[u8], chain_id: Option<u64>) -> Result<DecodedTx, TxError> {
    let tx = Transaction::decode(bytes)?;
    if let (Some(expected), Some(found)) = (chain_id, tx.chain_id())
        && expected != found
    {
        return Err(TxError::WrongChainId { expected, found });
    }
    let hash = tx.hash()?;
    let signed_hash = tx.signed_hash()?;
    let from = tx.sender()?;
    let (signer, signature) = match &tx {
        Transaction::Eip712(inner) => {
            (tx.recover_signer().ok(), inner.signature_bytes().unwrap_or_default())
        }
        Transaction::L1(_) => (None, Bytes::new()),
        _ => (
            Some(from),
            tx.ecdsa_signature()
                .map(|s| Bytes::copy_from_slice(&s.to_packed()))
                .unwrap_or_default(),
        ),
    };
    Ok(DecodedTx {
        tx_type: tx.tx_type(),
        hash,
        signed_hash,
        from,
        signer,
        chain_id: tx.chain_id(),
        to: tx.to(),
        nonce: tx.nonce(),
        gas_limit: tx.gas_limit(),
        max_fee_per_gas: tx.max_fee_per_gas(),
        max_priority_fee_per_gas: tx.max_priority_fee_per_gas(),
        gas_per_pubdata_limit: tx.gas_per_pubdata_limit(),
        value: tx.value(),
        data: tx.data().clone(),
        factory_deps: tx.factory_deps().to_vec(),
        paymaster: tx.paymaster().cloned(),
        signature,
        tx,
    })
}
