//! The batch fee input the operator hands the bootloader (zksync-era `BatchFeeInput`).

use serde::{Deserialize, Serialize};

use super::{
    FeeError, clip_batch_fee_model_input_v2, constants::L1_GAS_PER_PUBDATA_BYTE, scale_u64,
};
use crate::l1::ProtocolVersionId;

/// Fee input of the first fee model (V1): pubdata is paid for at the L1 gas price
/// (`L1_GAS_PER_PUBDATA_BYTE` L1 gas per byte). zksync-era `L1PeggedBatchFeeModelInput`; the serde
/// field order is the reference's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct L1PeggedBatchFeeModelInput {
    /// Fair L2 gas price, in base-token wei.
    pub fair_l2_gas_price: u64,
    /// L1 gas price given to the VM, in base-token wei.
    pub l1_gas_price: u64,
}

/// Fee input of the second fee model (V2, VM 1.4.1 on): the pubdata price is independent of the
/// L1 gas price. zksync-era `PubdataIndependentBatchFeeModelInput`; this is also the JSON that
/// `zks_getBatchFeeInput` returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PubdataIndependentBatchFeeModelInput {
    /// Fair L2 gas price, in base-token wei.
    pub fair_l2_gas_price: u64,
    /// Fair price of one pubdata byte, in base-token wei.
    pub fair_pubdata_price: u64,
    /// L1 gas price, kept for backward compatibility (new VMs do not use it).
    pub l1_gas_price: u64,
}

/// The fee input of a batch, in either model (zksync-era `BatchFeeInput`, externally tagged in
/// serde: `{"L1Pegged": {...}}` / `{"PubdataIndependent": {...}}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BatchFeeInput {
    /// V1: pubdata priced from the L1 gas price.
    L1Pegged(L1PeggedBatchFeeModelInput),
    /// V2: pubdata priced on its own.
    PubdataIndependent(PubdataIndependentBatchFeeModelInput),
}

impl Default for BatchFeeInput {
    /// All zeroes, L1-pegged (the reference's `Default`).
    fn default() -> Self {
        Self::L1Pegged(L1PeggedBatchFeeModelInput::default())
    }
}

/// `l1_gas_price · L1_GAS_PER_PUBDATA_BYTE`, the pubdata price implied by an L1-pegged input.
pub(crate) fn pegged_pubdata_price(l1_gas_price: u64) -> Result<u64, FeeError> {
    l1_gas_price
        .checked_mul(L1_GAS_PER_PUBDATA_BYTE)
        .ok_or(FeeError::Overflow("l1_gas_price * L1_GAS_PER_PUBDATA_BYTE"))
}

impl L1PeggedBatchFeeModelInput {
    /// The same input with the fair L2 gas price multiplied by `scale_factor` ([`scale_u64`]).
    #[must_use]
    pub fn scale_fair_l2_gas_price(self, scale_factor: f64) -> Self {
        Self { fair_l2_gas_price: scale_u64(self.fair_l2_gas_price, scale_factor), ..self }
    }
}

impl PubdataIndependentBatchFeeModelInput {
    /// The same input with the fair L2 gas price multiplied by `scale_factor`, then clipped with
    /// [`clip_batch_fee_model_input_v2`] (as the reference does; API use only).
    #[must_use]
    pub fn scale_fair_l2_gas_price(self, scale_factor: f64) -> Self {
        clip_batch_fee_model_input_v2(Self {
            fair_l2_gas_price: scale_u64(self.fair_l2_gas_price, scale_factor),
            ..self
        })
    }
}

impl BatchFeeInput {
    /// A V1 input.
    pub const fn l1_pegged(l1_gas_price: u64, fair_l2_gas_price: u64) -> Self {
        Self::L1Pegged(L1PeggedBatchFeeModelInput { fair_l2_gas_price, l1_gas_price })
    }

    /// A V2 input.
    pub const fn pubdata_independent(
        l1_gas_price: u64,
        fair_l2_gas_price: u64,
        fair_pubdata_price: u64,
    ) -> Self {
        Self::PubdataIndependent(PubdataIndependentBatchFeeModelInput {
            fair_l2_gas_price,
            fair_pubdata_price,
            l1_gas_price,
        })
    }

    /// The non-zero input zksync-era uses as a "sensible" default: L1-pegged, L1 gas price 1 gwei,
    /// fair L2 gas price 0.1 gwei.
    pub const fn sensible_l1_pegged_default() -> Self {
        Self::l1_pegged(1_000_000_000, 100_000_000)
    }

    /// The input kind `version` uses: V2 from protocol version 20 (VM 1.4.1), which then needs
    /// `fair_pubdata_price`; V1 before, which ignores it (zksync-era `for_protocol_version`).
    pub fn for_protocol_version(
        version: ProtocolVersionId,
        fair_l2_gas_price: u64,
        fair_pubdata_price: Option<u64>,
        l1_gas_price: u64,
    ) -> Result<Self, FeeError> {
        if version.is_pre_1_4_1() {
            return Ok(Self::l1_pegged(l1_gas_price, fair_l2_gas_price));
        }
        let fair_pubdata_price =
            fair_pubdata_price.ok_or(FeeError::MissingPubdataPrice(version.minor()))?;
        Ok(Self::pubdata_independent(l1_gas_price, fair_l2_gas_price, fair_pubdata_price))
    }

    /// The L1 gas price.
    pub const fn l1_gas_price(&self) -> u64 {
        match self {
            Self::L1Pegged(input) => input.l1_gas_price,
            Self::PubdataIndependent(input) => input.l1_gas_price,
        }
    }

    /// The fair L2 gas price.
    pub const fn fair_l2_gas_price(&self) -> u64 {
        match self {
            Self::L1Pegged(input) => input.fair_l2_gas_price,
            Self::PubdataIndependent(input) => input.fair_l2_gas_price,
        }
    }

    /// The fair pubdata price: `17 · l1_gas_price` for V1, the stored price for V2.
    pub fn fair_pubdata_price(&self) -> Result<u64, FeeError> {
        match self {
            Self::L1Pegged(input) => pegged_pubdata_price(input.l1_gas_price),
            Self::PubdataIndependent(input) => Ok(input.fair_pubdata_price),
        }
    }

    /// The V1 input; [`FeeError::NotL1Pegged`] for a V2 one (there is no way back).
    pub fn into_l1_pegged(self) -> Result<L1PeggedBatchFeeModelInput, FeeError> {
        match self {
            Self::L1Pegged(input) => Ok(input),
            Self::PubdataIndependent(_) => Err(FeeError::NotL1Pegged),
        }
    }

    /// The input as V2; a V1 input gets `fair_pubdata_price = 17 · l1_gas_price`.
    pub fn into_pubdata_independent(
        self,
    ) -> Result<PubdataIndependentBatchFeeModelInput, FeeError> {
        match self {
            Self::PubdataIndependent(input) => Ok(input),
            Self::L1Pegged(input) => Ok(PubdataIndependentBatchFeeModelInput {
                fair_l2_gas_price: input.fair_l2_gas_price,
                fair_pubdata_price: pegged_pubdata_price(input.l1_gas_price)?,
                l1_gas_price: input.l1_gas_price,
            }),
        }
    }

    /// The fair L2 gas price multiplied by `scale_factor` (V2 inputs are then clipped).
    #[must_use]
    pub fn scale_fair_l2_gas_price(self, scale_factor: f64) -> Self {
        match self {
            Self::L1Pegged(input) => Self::L1Pegged(input.scale_fair_l2_gas_price(scale_factor)),
            Self::PubdataIndependent(input) => {
                Self::PubdataIndependent(input.scale_fair_l2_gas_price(scale_factor))
            }
        }
    }

    /// The field-wise maximum of two inputs: V1 if both are V1, otherwise both as V2
    /// (zksync-era `stricter`).
    pub fn stricter(self, other: Self) -> Result<Self, FeeError> {
        if let (Self::L1Pegged(first), Self::L1Pegged(second)) = (self, other) {
            return Ok(Self::l1_pegged(
                first.l1_gas_price.max(second.l1_gas_price),
                first.fair_l2_gas_price.max(second.fair_l2_gas_price),
            ));
        }
        let first = self.into_pubdata_independent()?;
        let second = other.into_pubdata_independent()?;
        Ok(Self::pubdata_independent(
            first.l1_gas_price.max(second.l1_gas_price),
            first.fair_l2_gas_price.max(second.fair_l2_gas_price),
            first.fair_pubdata_price.max(second.fair_pubdata_price),
        ))
    }
}

impl From<L1PeggedBatchFeeModelInput> for BatchFeeInput {
    fn from(input: L1PeggedBatchFeeModelInput) -> Self {
        Self::L1Pegged(input)
    }
}

impl From<PubdataIndependentBatchFeeModelInput> for BatchFeeInput {
    fn from(input: PubdataIndependentBatchFeeModelInput) -> Self {
        Self::PubdataIndependent(input)
    }
}
