//! The batch's transactions: funded accounts signing transfers, a deployment with a factory
//! dependency, a withdrawal (L2BaseToken `withdraw`, which sends the withdrawal message through
//! the L1Messenger) and one L1 (priority) transaction.

use zkstack_bootloader::l1::mailbox::PriorityOpRequest;
use zkstack_bootloader::l1::{Address, Bytes, U256};
use zkstack_bootloader::tx::{
    BootloaderTransaction, Eip712Tx, Eip1559Tx, SigningKey, Transaction, sign, signer_address,
};

/// Chain id of the dump (SystemContext slot 0 holds 271).
pub const CHAIN_ID: u64 = 271;
/// Max fee per gas: 2.5 × the dump's base fee of 0.1 gwei.
pub const MAX_FEE: u64 = 250_000_000;
/// Gas limit of a transfer or withdrawal.
pub const TRANSFER_GAS: u64 = 2_000_000;
/// Gas limit of the deployment.
pub const DEPLOY_GAS: u64 = 20_000_000;

/// ContractDeployer.
pub const CONTRACT_DEPLOYER: Address = zkstack_bootloader::system::contracts_low_address(0x8006);
/// L2BaseToken.
pub const L2_BASE_TOKEN: Address = zkstack_bootloader::system::contracts_low_address(0x800a);

/// A transaction ready to push.
pub struct Tx {
    /// The bootloader encoding.
    pub boot: BootloaderTransaction,
    /// Factory dependencies shipped with it.
    pub deps: Vec<Vec<u8>>,
    /// Whether it is an L1 transaction.
    pub is_l1: bool,
}

/// An account with its key and next nonce.
pub struct Account {
    /// Signing key.
    pub key: SigningKey,
    /// Address.
    pub address: Address,
    /// Next nonce.
    pub nonce: u64,
}

impl Account {
    /// Account number `i` (key bytes `i + 1` repeated).
    pub fn new(i: u8) -> Self {
        let key = SigningKey::from_slice(&[i + 1; 32]).expect("key");
        let address = signer_address(&key);
        Account { key, address, nonce: 0 }
    }

    fn next_nonce(&mut self) -> U256 {
        self.nonce += 1;
        U256::from(self.nonce - 1)
    }

    /// An EIP-1559 call with `value` and `data` to `to`.
    pub fn call(&mut self, to: Address, value: U256, data: Bytes) -> Tx {
        let tx = Eip1559Tx {
            chain_id: CHAIN_ID,
            nonce: self.next_nonce(),
            max_fee_per_gas: U256::from(MAX_FEE),
            gas_limit: U256::from(TRANSFER_GAS),
            to: Some(to),
            value,
            data,
            ..Eip1559Tx::default()
        };
        let signed = sign(Transaction::Eip1559(tx), &self.key).expect("sign");
        Tx { boot: signed.to_bootloader().expect("convert"), deps: Vec::new(), is_l1: false }
    }

    /// `ContractDeployer.create(salt, bytecodeHash, "")` with the bytecode as factory dependency
    /// (EIP-712, as zksync-era deploys).
    pub fn deploy(&mut self, bytecode: &[u8], hash: [u8; 32]) -> Tx {
        // create(bytes32,bytes32,bytes) = 0x9c4d535b.
        let mut data = vec![0x9c, 0x4d, 0x53, 0x5b];
        data.extend_from_slice(&[0u8; 32]);
        data.extend_from_slice(&hash);
        data.extend_from_slice(&U256::from(96).to_be_bytes::<32>());
        data.extend_from_slice(&[0u8; 32]);
        let tx = Eip712Tx {
            chain_id: CHAIN_ID,
            nonce: self.next_nonce(),
            max_fee_per_gas: U256::from(MAX_FEE),
            gas_limit: U256::from(DEPLOY_GAS),
            to: Some(CONTRACT_DEPLOYER),
            data: data.into(),
            from: self.address,
            gas_per_pubdata: U256::from(50_000),
            factory_deps: vec![Bytes::copy_from_slice(bytecode)],
            ..Eip712Tx::default()
        };
        let signed = sign(Transaction::Eip712(tx), &self.key).expect("sign");
        Tx {
            boot: signed.to_bootloader().expect("convert"),
            deps: vec![bytecode.to_vec()],
            is_l1: false,
        }
    }

    /// `L2BaseToken.withdraw(receiver)` sending `amount`.
    pub fn withdraw(&mut self, receiver: Address, amount: U256) -> Tx {
        // withdraw(address) = 0x51cff8d9.
        let mut data = vec![0x51, 0xcf, 0xf8, 0xd9];
        data.extend_from_slice(&[0u8; 12]);
        data.extend_from_slice(receiver.as_slice());
        self.call(L2_BASE_TOKEN, amount, data.into())
    }
}

/// A priority operation from `sender` minting `mint` and sending `value` to `to`, serial id 0,
/// shipping `dep` as a factory dependency (published uncompressed, as L1 transactions' are).
pub fn l1_transfer(
    sender: Address,
    to: Address,
    mint: U256,
    value: U256,
    gas_price: u64,
    dep: &[u8],
) -> Tx {
    let hash = zkstack_bootloader::address::bytecode_hash(dep).expect("bytecode");
    let request = PriorityOpRequest {
        sender,
        contract_l2: to,
        mint_value: mint,
        l2_value: value,
        l2_calldata: Bytes::new(),
        l2_gas_limit: U256::from(TRANSFER_GAS),
        l2_gas_per_pubdata_byte_limit: U256::from(800),
        factory_dep_hashes: vec![U256::from_be_bytes(hash.0)],
        refund_recipient: sender,
    };
    Tx {
        boot: request.to_canonical_transaction(U256::ZERO, U256::from(gas_price)),
        deps: vec![dep.to_vec()],
        is_l1: true,
    }
}
