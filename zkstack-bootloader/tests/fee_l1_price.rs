//! L1 gas and pubdata pricing of the node's gas adjuster, hand-derived from zksync-era commit
//! 3e29e4a0 `core/node/fee_model/src/l1_gas_price/gas_adjuster/mod.rs`
//! (`estimate_effective_gas_price`, `estimate_effective_pubdata_price`, `cap_pubdata_fee`). The
//! sample blob base fee 393 216 · 2 is the median the reference's `kept_updated` test expects
//! from its fee history; the pricing steps applied to it are derived here.

use alloy_primitives::U256;
use zkstack_bootloader::fee::{
    FeeError,
    L1BatchCommitmentMode::{Rollup, Validium},
    L1PricingConfig, PubdataPriceSource, effective_l1_gas_price, l1_pubdata_price,
};

#[test]
fn effective_gas_price() {
    // (10 + 5) · 0.8 = 12 (the `internal_l1_pricing_multiplier` of the reference's test config).
    let config = L1PricingConfig { internal_l1_pricing_multiplier: 0.8, ..Default::default() };
    assert_eq!(effective_l1_gas_price(&config, 10, 5), Ok(12));
    // Bounded by `max_l1_gas_price`.
    let capped = L1PricingConfig { max_l1_gas_price: 11, ..config };
    assert_eq!(effective_l1_gas_price(&capped, 10, 5), Ok(11));
    // An enforced price wins outright.
    let enforced = L1PricingConfig { internal_enforced_l1_gas_price: Some(7), ..config };
    assert_eq!(effective_l1_gas_price(&enforced, 10, 5), Ok(7));
    assert_eq!(
        effective_l1_gas_price(&config, u64::MAX, 1),
        Err(FeeError::Overflow("L1 base + priority fee"))
    );
}

#[test]
fn pubdata_price_per_mode() {
    let config = L1PricingConfig::default();
    let calldata = PubdataPriceSource::Calldata { effective_l1_gas_price: 12 };
    // 17 · 12 = 204 for a rollup, 0 for a validium.
    assert_eq!(l1_pubdata_price(&config, Rollup, calldata), Ok(204));
    assert_eq!(l1_pubdata_price(&config, Validium, calldata), Ok(0));
    // Capped by `max_blob_base_fee`.
    let capped = L1PricingConfig { max_blob_base_fee: 100, ..config };
    assert_eq!(l1_pubdata_price(&capped, Rollup, calldata), Ok(100));

    // Blobs: one blob gas per byte, times `internal_pubdata_pricing_multiplier`.
    let blobs = PubdataPriceSource::Blobs { blob_base_fee: U256::from(393_216u64 * 2) };
    assert_eq!(l1_pubdata_price(&config, Rollup, blobs), Ok(786_432));
    let doubled = L1PricingConfig { internal_pubdata_pricing_multiplier: 2.0, ..config };
    assert_eq!(l1_pubdata_price(&doubled, Rollup, blobs), Ok(1_572_864));
    assert_eq!(l1_pubdata_price(&config, Validium, blobs), Ok(0));
    // A blob base fee beyond u64 gives the cap, even for a validium (reference order).
    let huge = PubdataPriceSource::Blobs { blob_base_fee: U256::from(u64::MAX) + U256::from(1u8) };
    assert_eq!(l1_pubdata_price(&capped, Validium, huge), Ok(100));

    assert_eq!(l1_pubdata_price(&config, Rollup, PubdataPriceSource::Custom), Ok(0));

    let relayed =
        PubdataPriceSource::RelayedL2Calldata { l2_pubdata_price: U256::from(493_216u32) };
    assert_eq!(l1_pubdata_price(&config, Rollup, relayed), Ok(493_216));
    let too_big = PubdataPriceSource::RelayedL2Calldata { l2_pubdata_price: U256::MAX };
    assert_eq!(
        l1_pubdata_price(&config, Rollup, too_big),
        Err(FeeError::Overflow("L2 pubdata price"))
    );

    // An enforced pubdata price wins over every source.
    let enforced = L1PricingConfig { internal_enforced_pubdata_price: Some(5), ..config };
    assert_eq!(l1_pubdata_price(&enforced, Validium, calldata), Ok(5));
}

/// Calldata prices above 2^53 pass through `f64` like the reference: 17 · (2^53 + 1) rounds.
#[test]
fn calldata_price_rounds_through_f64() {
    let price = (1u64 << 53) + 1;
    let source = PubdataPriceSource::Calldata { effective_l1_gas_price: price };
    let got = l1_pubdata_price(&L1PricingConfig::default(), Rollup, source).expect("fits");
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let expected = (price * 17) as f64 as u64;
    assert_eq!(got, expected);
    assert_ne!(got, price * 17);
}
