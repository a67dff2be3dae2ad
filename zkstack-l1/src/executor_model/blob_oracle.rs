//! What an L1 commit transaction knows about its EIP-4844 blobs: the `BLOBHASH` opcode and the
//! point-evaluation precompile (address `0x0a`), behind a trait.
//!
//! The model never evaluates KZG itself. The real check belongs to an L1 client (or a KZG library
//! such as `c-kzg`); [`TestBlobOracle`] stands in for it in tests.

use alloy_primitives::{B256, FixedBytes};
use sha2::{Digest, Sha256};

/// EIP-4844 `VERSIONED_HASH_VERSION_KZG`.
pub const VERSIONED_HASH_VERSION_KZG: u8 = 0x01;

/// The input of the point-evaluation precompile as `RollupL1DAValidator` builds it:
/// `versioned_hash ‖ z ‖ y ‖ commitment ‖ proof` (192 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PointEvaluationInput {
    /// `BLOBHASH(index)` of the blob.
    pub versioned_hash: B256,
    /// The opening point, the 16 bytes of the DA input right-aligned in a word.
    pub z: B256,
    /// The claimed evaluation.
    pub y: B256,
    /// The KZG commitment.
    pub commitment: FixedBytes<48>,
    /// The KZG proof.
    pub proof: FixedBytes<48>,
}

impl PointEvaluationInput {
    /// Size of the precompile input.
    pub const SIZE: usize = 192;

    /// The precompile input bytes (also the argument of `PointEvalCallFailed`).
    pub fn to_bytes(&self) -> [u8; Self::SIZE] {
        let mut out = [0u8; Self::SIZE];
        out[..32].copy_from_slice(self.versioned_hash.as_slice());
        out[32..64].copy_from_slice(self.z.as_slice());
        out[64..96].copy_from_slice(self.y.as_slice());
        out[96..144].copy_from_slice(self.commitment.as_slice());
        out[144..].copy_from_slice(self.proof.as_slice());
        out
    }
}

/// EIP-4844 `kzg_to_versioned_hash`: `0x01 ‖ sha256(commitment)[1..]`.
pub fn kzg_to_versioned_hash(commitment: &FixedBytes<48>) -> B256 {
    let mut hash: [u8; 32] = Sha256::digest(commitment.as_slice()).into();
    hash[0] = VERSIONED_HASH_VERSION_KZG;
    B256::from(hash)
}

/// The blobs of the L1 transaction that commits a batch.
pub trait BlobOracle {
    /// `BLOBHASH(index)`: the versioned hash of the transaction's `index`-th blob, zero past the end.
    fn blob_versioned_hash(&self, index: usize) -> B256;

    /// Whether the point-evaluation precompile succeeds on `input` (it checks that the commitment
    /// hashes to the versioned hash and that the proof opens the committed polynomial at `z` to `y`).
    fn point_evaluation(&self, input: &PointEvaluationInput) -> bool;
}

/// A transaction without blobs: every `BLOBHASH` is zero and every evaluation fails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoBlobs;

impl BlobOracle for NoBlobs {
    fn blob_versioned_hash(&self, _index: usize) -> B256 {
        B256::ZERO
    }

    fn point_evaluation(&self, _input: &PointEvaluationInput) -> bool {
        false
    }
}

/// A test oracle: the given versioned hashes, and a precompile that succeeds when the commitment
/// hashes to the versioned hash (as the real one checks first) and `accept` holds.
///
/// It does not verify KZG proofs; `accept` decides what a valid opening is (e.g. a fixed set of
/// `(z, y)` pairs).
///
/// ```
/// use zkstack_l1::executor_model::{BlobOracle, PointEvaluationInput, TestBlobOracle, kzg_to_versioned_hash};
/// use zkstack_l1::B256;
/// use alloy_primitives::FixedBytes;
///
/// let commitment = FixedBytes::<48>::repeat_byte(7);
/// let hash = kzg_to_versioned_hash(&commitment);
/// let oracle = TestBlobOracle::new(vec![hash], |input: &PointEvaluationInput| input.y == B256::repeat_byte(1));
/// assert_eq!(oracle.blob_versioned_hash(0), hash);
/// assert_eq!(oracle.blob_versioned_hash(1), B256::ZERO);
/// let input = PointEvaluationInput {
///     versioned_hash: hash, z: B256::ZERO, y: B256::repeat_byte(1), commitment, proof: FixedBytes::ZERO,
/// };
/// assert!(oracle.point_evaluation(&input));
/// ```
pub struct TestBlobOracle<F> {
    versioned_hashes: Vec<B256>,
    accept: F,
}

impl<F: Fn(&PointEvaluationInput) -> bool> TestBlobOracle<F> {
    /// An oracle for a transaction carrying blobs with these versioned hashes.
    pub fn new(versioned_hashes: Vec<B256>, accept: F) -> Self {
        Self { versioned_hashes, accept }
    }
}

impl<F: Fn(&PointEvaluationInput) -> bool> BlobOracle for TestBlobOracle<F> {
    fn blob_versioned_hash(&self, index: usize) -> B256 {
        self.versioned_hashes.get(index).copied().unwrap_or_default()
    }

    fn point_evaluation(&self, input: &PointEvaluationInput) -> bool {
        kzg_to_versioned_hash(&input.commitment) == input.versioned_hash && (self.accept)(input)
    }
}

impl<F> std::fmt::Debug for TestBlobOracle<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestBlobOracle")
            .field("versioned_hashes", &self.versioned_hashes)
            .finish_non_exhaustive()
    }
}
