//! zk_evm's `LogQuery` and its 20-element packing (circuit_encodings `log_query.rs`).

use alloy_primitives::{Address, U256};
use boojum::field::goldilocks::GoldilocksField;

/// Number of field elements a log query packs into (zkevm_circuits `LOG_QUERY_PACKED_WIDTH`).
pub(crate) const PACKED_WIDTH: usize = 20;

/// A log query with the fields of zk_evm 0.153.12's `aux_structures::LogQuery`.
///
/// For an event of the events queue, as zkSync's events sorter outputs it: `address` the
/// emitter of the `log.event` (the EventWriter), `key` and `written_value` its two words,
/// `is_service` its `.first` flag, `shard_id` and `tx_number_in_block` as emitted, and every
/// other field zero / `false`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LogQuery {
    /// zk_evm's timestamp of the query.
    pub timestamp: u32,
    /// Transaction number in the batch.
    pub tx_number_in_block: u16,
    /// Auxiliary byte (the query type in zk_evm).
    pub aux_byte: u8,
    /// Shard.
    pub shard_id: u8,
    /// Address of the emitting contract.
    pub address: Address,
    /// Key.
    pub key: U256,
    /// Value read.
    pub read_value: U256,
    /// Value written.
    pub written_value: U256,
    /// Write flag.
    pub rw_flag: bool,
    /// Rollback flag.
    pub rollback: bool,
    /// Service flag (`.first` of an event).
    pub is_service: bool,
}

/// The `i`-th little-endian 32-bit limb of `value` (boojum `decompose_u256_as_u32x8`).
pub(crate) fn limb(value: &U256, i: usize) -> u64 {
    let word = value.as_limbs()[i / 2];
    if i.is_multiple_of(2) { word & 0xffff_ffff } else { word >> 32 }
}

/// `base + b0·2^32 + b1·2^40 + b2·2^48` as a field element. `base` is below 2^32, so the sum
/// stays below 2^56 < p and equals circuit_encodings' field `linear_combination` of the same
/// terms.
fn pack(base: u64, bytes: [u8; 3]) -> GoldilocksField {
    let value =
        base | u64::from(bytes[0]) << 32 | u64::from(bytes[1]) << 40 | u64::from(bytes[2]) << 48;
    GoldilocksField::from_nonreduced_u64(value)
}

impl LogQuery {
    /// The packing of circuit_encodings' `OutOfCircuitFixedLengthEncodable` for `LogQuery`:
    /// the 8 limbs of `read_value` then of `written_value` each carry three bytes of `key`
    /// (little-endian) and then of `address` (reversed); the timestamp and the transaction number
    /// carry the rest of the address, the aux byte and the shard; then the two flags; then the
    /// rollback flag.
    pub(crate) fn encoding(&self) -> [GoldilocksField; PACKED_WIDTH] {
        let key: [u8; 32] = self.key.to_le_bytes();
        let mut address: [u8; 20] = self.address.into_array();
        address.reverse();
        // Three bytes ride on each of the 16 value limbs: all of the key, then the address's
        // first 16 (reversed) bytes; its last four go with the timestamp and the tx number.
        let mut mixed = [0u8; 48];
        mixed[..32].copy_from_slice(&key);
        mixed[32..].copy_from_slice(&address[..16]);
        let mut out = [GoldilocksField::from_nonreduced_u64(0); PACKED_WIDTH];
        for (i, (dst, bytes)) in out.iter_mut().zip(mixed.chunks_exact(3)).enumerate() {
            let base =
                if i < 8 { limb(&self.read_value, i) } else { limb(&self.written_value, i - 8) };
            *dst = pack(base, [bytes[0], bytes[1], bytes[2]]);
        }
        out[16] = pack(u64::from(self.timestamp), [address[16], address[17], address[18]]);
        out[17] =
            pack(u64::from(self.tx_number_in_block), [address[19], self.aux_byte, self.shard_id]);
        out[18] = GoldilocksField::from_nonreduced_u64(
            u64::from(self.rw_flag) | u64::from(self.is_service) << 1,
        );
        out[19] = GoldilocksField::from_nonreduced_u64(u64::from(self.rollback));
        out
    }
}
