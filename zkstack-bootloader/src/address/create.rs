//! Contract addresses of CREATE and CREATE2 on EraVM, and of CREATE for EVM deployments.

use alloy_primitives::{Address, B256, U256, b256, keccak256};
use alloy_rlp::Encodable;

/// `keccak256("zksyncCreate")` (era-contracts `Constants.sol` `CREATE_PREFIX`).
pub const CREATE_PREFIX: B256 =
    b256!("63bae3a9951d38e8a3fbb7b70909afc1200610fc5bc55ade242f815974674f23");

/// `keccak256("zksyncCreate2")` (era-contracts `Constants.sol` `CREATE2_PREFIX`).
pub const CREATE2_PREFIX: B256 =
    b256!("2020dba91b30cc0006188af794c2fb30dd8520db7e2c088b7fc7c103c00ca494");

/// `keccak256(CREATE_PREFIX ‖ bytes32(sender) ‖ bytes32(deploymentNonce))[12..]`
/// (ContractDeployer `getNewAddressCreate`, zksync-era `deployed_address_create`).
///
/// The nonce is the sender's *deployment* nonce ([`super::AccountNonce::deployment_nonce`]).
pub fn create_address(sender: Address, deployment_nonce: U256) -> Address {
    let mut preimage = [0u8; 96];
    preimage[..32].copy_from_slice(CREATE_PREFIX.as_slice());
    preimage[44..64].copy_from_slice(sender.as_slice());
    preimage[64..].copy_from_slice(&deployment_nonce.to_be_bytes::<32>());
    Address::from_slice(&keccak256(preimage)[12..])
}

/// `keccak256(CREATE2_PREFIX ‖ bytes32(sender) ‖ salt ‖ bytecodeHash ‖ keccak256(input))[12..]`
/// (ContractDeployer `getNewAddressCreate2`), `input` being the constructor calldata.
pub fn create2_address(
    sender: Address,
    bytecode_hash: B256,
    salt: B256,
    constructor_input: &[u8],
) -> Address {
    let mut preimage = [0u8; 160];
    preimage[..32].copy_from_slice(CREATE2_PREFIX.as_slice());
    preimage[44..64].copy_from_slice(sender.as_slice());
    preimage[64..96].copy_from_slice(salt.as_slice());
    preimage[96..128].copy_from_slice(bytecode_hash.as_slice());
    preimage[128..].copy_from_slice(keccak256(constructor_input).as_slice());
    Address::from_slice(&keccak256(preimage)[12..])
}

/// Ethereum's CREATE address `keccak256(rlp([sender, nonce]))[12..]`, used for EVM-emulated
/// deployments (zksync-era `deployed_address_evm_create`), `nonce` being the transaction nonce.
pub fn evm_create_address(sender: Address, nonce: U256) -> Address {
    let mut payload = Vec::with_capacity(54);
    sender.encode(&mut payload);
    nonce.encode(&mut payload);
    let mut rlp = Vec::with_capacity(56);
    alloy_rlp::Header { list: true, payload_length: payload.len() }.encode(&mut rlp);
    rlp.extend_from_slice(&payload);
    Address::from_slice(&keccak256(rlp)[12..])
}
