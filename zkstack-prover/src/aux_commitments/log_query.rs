//! zk_evm's `LogQuery` and its 20-element packing (circuit_encodings `log_query.rs`).

use alloy_primitives::U256;
use boojum::field::goldilocks::GoldilocksField;

/// Number of field elements a log query packs into (zkevm_circuits `LOG_QUERY_PACKED_WIDTH`).
pub(crate) const PACKED_WIDTH: usize = 20;

/// zk_evm 0.153.12's `aux_structures::LogQuery`: the witness tracer's record type, shared with
/// zkstack-vm.
///
/// For an event of the events queue, as zkSync's events sorter outputs it: `address` the
/// emitter of the `log.event` (the EventWriter), `key` and `written_value` its two words,
/// `is_service` its `.first` flag, `shard_id` and `tx_number` as emitted, and every other field
/// zero / `false`.
pub use zkstack_bootloader::vm::witness::LogQuery;

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

/// The packing of circuit_encodings' `OutOfCircuitFixedLengthEncodable` for `LogQuery`:
/// the 8 limbs of `read_value` then of `written_value` each carry three bytes of `key`
/// (little-endian) and then of `address` (reversed); the timestamp and the transaction number
/// carry the rest of the address, the aux byte and the shard; then the two flags; then the
/// rollback flag.
pub(crate) fn encoding(query: &LogQuery) -> [GoldilocksField; PACKED_WIDTH] {
    let key: [u8; 32] = query.key.to_le_bytes();
    let mut address: [u8; 20] = query.address.into_array();
    address.reverse();
    // Three bytes ride on each of the 16 value limbs: all of the key, then the address's
    // first 16 (reversed) bytes; its last four go with the timestamp and the tx number.
    let mut mixed = [0u8; 48];
    mixed[..32].copy_from_slice(&key);
    mixed[32..].copy_from_slice(&address[..16]);
    let mut out = [GoldilocksField::from_nonreduced_u64(0); PACKED_WIDTH];
    for (i, (dst, bytes)) in out.iter_mut().zip(mixed.chunks_exact(3)).enumerate() {
        let base =
            if i < 8 { limb(&query.read_value, i) } else { limb(&query.written_value, i - 8) };
        *dst = pack(base, [bytes[0], bytes[1], bytes[2]]);
    }
    out[16] = pack(u64::from(query.timestamp), [address[16], address[17], address[18]]);
    out[17] = pack(u64::from(query.tx_number), [address[19], query.aux_byte, query.shard_id]);
    out[18] = GoldilocksField::from_nonreduced_u64(
        u64::from(query.rw_flag) | u64::from(query.is_service) << 1,
    );
    out[19] = GoldilocksField::from_nonreduced_u64(u64::from(query.rollback));
    out
}
