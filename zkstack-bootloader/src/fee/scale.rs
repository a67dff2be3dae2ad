//! Multiplying a price by a floating-point factor exactly as zksync-era does.

/// `(value as f64 * factor) as u64`, the scaling every zksync-era fee step uses (fee model scale
/// factors, overhead parts, the estimator's `estimated_fee_scale_factor`).
///
/// The result is bit-for-bit the reference's: `value` is first rounded to the nearest `f64`
/// (exact up to 2^53), the product is rounded once, and the cast back truncates towards zero and
/// saturates (negative or NaN → 0, above `u64::MAX` → `u64::MAX`). It never panics.
///
/// ```
/// use zkstack_bootloader::fee::scale_u64;
/// assert_eq!(scale_u64(1_000, 1.5), 1_500);
/// assert_eq!(scale_u64(7, 0.5), 3); // truncates
/// assert_eq!(scale_u64(u64::MAX, 2.0), u64::MAX); // saturates
/// assert_eq!(scale_u64(5, f64::NAN), 0);
/// ```
#[allow(clippy::cast_precision_loss)]
pub fn scale_u64(value: u64, factor: f64) -> u64 {
    (value as f64 * factor) as u64
}
