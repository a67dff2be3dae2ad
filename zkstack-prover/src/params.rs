//! Proof parameters: the knobs of Boojum's FRI-based IOP that trade proof size for prover time.

use boojum::cs::implementations::prover::ProofConfig;

use crate::error::ProveError;

/// Parameters of a Boojum proof. Defaults are quick and small, for tests and demos; production
/// recursion layers use larger LDE factors and proof-of-work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProofParams {
    /// Low-degree-extension blow-up factor of the FRI commitment (a power of two, at least 2).
    pub lde_factor: usize,
    /// Number of Merkle tree cap elements sent instead of a single root (a power of two).
    pub merkle_tree_cap_size: usize,
    /// Target soundness in bits; the number of FRI queries follows from it.
    pub security_bits: usize,
    /// Proof-of-work grinding bits (0 disables grinding).
    pub pow_bits: u32,
}

impl Default for ProofParams {
    fn default() -> Self {
        Self { lde_factor: 8, merkle_tree_cap_size: 16, security_bits: 100, pow_bits: 0 }
    }
}

impl ProofParams {
    /// Checks that the parameters are ones Boojum can prove with (it asserts otherwise).
    pub fn validate(&self) -> Result<(), ProveError> {
        let bad = |reason: &'static str| Err(ProveError::InvalidParams(reason));
        if !self.lde_factor.is_power_of_two() || self.lde_factor < 2 || self.lde_factor > 1024 {
            return bad("lde_factor must be a power of two in 2..=1024");
        }
        if !self.merkle_tree_cap_size.is_power_of_two() || self.merkle_tree_cap_size > 1024 {
            return bad("merkle_tree_cap_size must be a power of two up to 1024");
        }
        if self.security_bits == 0 || self.security_bits > 256 {
            return bad("security_bits must be in 1..=256");
        }
        if self.pow_bits > 32 || self.pow_bits as usize >= self.security_bits {
            return bad("pow_bits must be at most 32 and below security_bits");
        }
        // Boojum's prover silently lowers proof-of-work bits that buy no whole FRI query, and its
        // verifier then rejects the proof for differing from its own configuration: only accept
        // the values it keeps.
        // (Boojum 0.32 `compute_fri_schedule`: with r = log2(lde_factor) and raw = security -
        // pow, it subtracts r - raw % r from pow whenever raw % r != 0 and pow is that large.)
        let rate_log2 = self.lde_factor.trailing_zeros() as usize;
        let leftover = (self.security_bits - self.pow_bits as usize) % rate_log2;
        let lowered = leftover != 0 && self.pow_bits as usize >= rate_log2 - leftover;
        if lowered {
            return bad(
                "pow_bits would be lowered by Boojum: make security_bits - pow_bits a multiple of log2(lde_factor)",
            );
        }
        Ok(())
    }

    /// Converts into Boojum's own configuration type.
    pub(crate) fn to_boojum(self) -> ProofConfig {
        ProofConfig {
            fri_lde_factor: self.lde_factor,
            merkle_tree_cap_size: self.merkle_tree_cap_size,
            fri_folding_schedule: None,
            security_level: self.security_bits,
            pow_bits: self.pow_bits,
        }
    }
}
