//! secp256k1 ECDSA: signing transaction hashes with k256 and recovering their senders with the
//! checks DefaultAccount makes (era-contracts `system-contracts/contracts/DefaultAccount.sol`,
//! `_isValidSignature`).

use alloy_primitives::{Address, B256, U256, keccak256, uint};
use k256::ecdsa::{RecoveryId, Signature, SigningKey, VerifyingKey};

use super::error::SignatureError;

/// The largest `s` DefaultAccount accepts: ⌊secp256k1n / 2⌋ (EIP-2).
pub const SECP256K1_HALF_ORDER: U256 =
    uint!(0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0_U256);

/// An ECDSA signature as Ethereum carries it: `r`, `s` and the parity of the nonce point's `y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EcdsaSignature {
    /// `r`.
    pub r: U256,
    /// `s`.
    pub s: U256,
    /// Whether `y` of the nonce point is odd (recovery id 1).
    pub y_parity: bool,
}

impl EcdsaSignature {
    /// The 65-byte packed form `r ‖ s ‖ v` with `v = 27 + yParity`: what the bootloader passes to
    /// accounts as `Transaction.signature` (zksync-era `PackedEthSignature::serialize_packed`).
    pub fn to_packed(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[..32].copy_from_slice(&self.r.to_be_bytes::<32>());
        out[32..64].copy_from_slice(&self.s.to_be_bytes::<32>());
        out[64] = 27 + u8::from(self.y_parity);
        out
    }

    /// Parses the packed form, accepting only `v` of 27 or 28 as DefaultAccount does.
    pub fn from_packed(bytes: &[u8]) -> Result<Self, SignatureError> {
        let bytes: &[u8; 65] = bytes.try_into().map_err(|_| SignatureError::Length(bytes.len()))?;
        let y_parity = match bytes[64] {
            27 => false,
            28 => true,
            v => return Err(SignatureError::PackedV(v)),
        };
        Ok(Self {
            r: U256::from_be_slice(&bytes[..32]),
            s: U256::from_be_slice(&bytes[32..64]),
            y_parity,
        })
    }

    /// Recovers the address that signed `hash`.
    ///
    /// Rejects what DefaultAccount rejects: `s` above [`SECP256K1_HALF_ORDER`] ([`SignatureError::HighS`]),
    /// and `r`/`s` of zero or not below the curve order, for which `ecrecover` yields no address.
    pub fn recover(&self, hash: &B256) -> Result<Address, SignatureError> {
        if self.s > SECP256K1_HALF_ORDER {
            return Err(SignatureError::HighS);
        }
        let signature =
            Signature::from_scalars(self.r.to_be_bytes::<32>(), self.s.to_be_bytes::<32>())
                .map_err(|_| SignatureError::OutOfRange)?;
        let key = VerifyingKey::recover_from_prehash(
            hash.as_slice(),
            &signature,
            RecoveryId::new(self.y_parity, false),
        )
        .map_err(|_| SignatureError::Recovery)?;
        Ok(address_of(&key))
    }

    /// Signs `hash` (RFC 6979 nonce, `s` normalised to the lower half).
    pub fn sign(key: &SigningKey, hash: &B256) -> Result<Self, SignatureError> {
        let (signature, recovery_id) =
            key.sign_prehash_recoverable(hash.as_slice()).map_err(|_| SignatureError::Signing)?;
        if recovery_id.is_x_reduced() {
            // Not expressible in Ethereum's v (probability about 2^-128).
            return Err(SignatureError::Signing);
        }
        let (r, s) = signature.split_bytes();
        Ok(Self {
            r: U256::from_be_slice(&r),
            s: U256::from_be_slice(&s),
            y_parity: recovery_id.is_y_odd(),
        })
    }
}

/// The Ethereum address of a public key: the last 20 bytes of keccak256 of its uncompressed point.
pub fn address_of(key: &VerifyingKey) -> Address {
    let point = key.to_encoded_point(false);
    Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..])
}

/// The Ethereum address of a signing key.
pub fn signer_address(key: &SigningKey) -> Address {
    address_of(key.verifying_key())
}
