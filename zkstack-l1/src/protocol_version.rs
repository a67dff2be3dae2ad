//! Protocol versions: the minor version of the ZK Stack protocol selects encodings and constants.

use std::fmt;

/// The minor protocol version of a ZK Stack chain (`0.N.patch` in packed semver).
///
/// Every encoding that changed over time takes one explicitly; there is no silent default beyond
/// [`ProtocolVersionId::LATEST`]. Version boundaries follow zksync-era
/// `core/lib/basic_types/src/protocol_version.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u16", into = "u16"))]
pub struct ProtocolVersionId(u16);

/// A protocol version number this crate does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unsupported protocol version {0} (supported: 0..={max})", max = ProtocolVersionId::LATEST.0)]
pub struct UnsupportedProtocolVersion(pub u16);

/// Bit offset of the minor version inside a packed semantic version (`minor << 32 | patch`).
pub const PACKED_SEMVER_MINOR_OFFSET: u32 = 32;

impl ProtocolVersionId {
    /// The newest version this crate supports.
    pub const LATEST: Self = Self(31);
    /// First version proved with Boojum (VM 1.4.0).
    pub const BOOJUM: Self = Self(18);
    /// First version with EIP-4844 blobs (VM 1.4.1).
    pub const V1_4_1: Self = Self(20);
    /// First version of VM 1.4.2.
    pub const V1_4_2: Self = Self(21);
    /// First version of VM 1.5.0 (16 blobs, bigger bootloader memory from 24).
    pub const V1_5_0: Self = Self(23);
    /// First version of the shared bridge (`...SharedBridge` Executor calls).
    pub const SHARED_BRIDGE: Self = Self(24);
    /// First version of the Gateway upgrade (version-byte Executor calls, L2 DA validators).
    pub const GATEWAY: Self = Self(26);
    /// First version with the EVM emulator and FFLONK (VM with EVM emulator).
    pub const EVM_EMULATOR: Self = Self(27);
    /// First version of interop (`address chain` Executor calls, version byte 1).
    pub const INTEROP: Self = Self(29);

    /// Returns the version with minor number `minor`, if it is supported.
    pub const fn new(minor: u16) -> Result<Self, UnsupportedProtocolVersion> {
        if minor <= Self::LATEST.0 {
            Ok(Self(minor))
        } else {
            Err(UnsupportedProtocolVersion(minor))
        }
    }

    /// The minor version number.
    pub const fn minor(self) -> u16 {
        self.0
    }

    /// Versions before Boojum (≤ 17).
    pub const fn is_pre_boojum(self) -> bool {
        self.0 < Self::BOOJUM.0
    }

    /// VM 1.4.0 (18, 19).
    pub const fn is_1_4_0(self) -> bool {
        self.0 >= Self::BOOJUM.0 && self.0 < Self::V1_4_1.0
    }

    /// VM 1.4.1 (20).
    pub const fn is_1_4_1(self) -> bool {
        self.0 == Self::V1_4_1.0
    }

    /// Versions before VM 1.4.1 (≤ 19).
    pub const fn is_pre_1_4_1(self) -> bool {
        self.0 < Self::V1_4_1.0
    }

    /// Versions before VM 1.5.0 (≤ 22).
    pub const fn is_pre_1_5_0(self) -> bool {
        self.0 < Self::V1_5_0.0
    }

    /// Versions before the shared bridge (≤ 22, as zksync-era counts it).
    pub const fn is_pre_shared_bridge(self) -> bool {
        self.0 <= 22
    }

    /// Versions before the Gateway upgrade (≤ 25).
    pub const fn is_pre_gateway(self) -> bool {
        self.0 < Self::GATEWAY.0
    }

    /// Versions before the EVM emulator / FFLONK upgrade (≤ 26).
    pub const fn is_pre_evm_emulator(self) -> bool {
        self.0 < Self::EVM_EMULATOR.0
    }

    /// Versions before interop (≤ 28).
    pub const fn is_pre_interop(self) -> bool {
        self.0 < Self::INTEROP.0
    }

    /// The packed semantic version `minor << 32 | patch` as L1 contracts store it.
    pub const fn packed_semver(self, patch: u32) -> u64 {
        ((self.0 as u64) << PACKED_SEMVER_MINOR_OFFSET) | patch as u64
    }

    /// Splits a packed semantic version into (version, patch); the major part must be 0.
    pub fn from_packed_semver(packed: u64) -> Result<(Self, u32), UnsupportedProtocolVersion> {
        let minor = packed >> PACKED_SEMVER_MINOR_OFFSET;
        let minor = u16::try_from(minor).map_err(|_| UnsupportedProtocolVersion(u16::MAX))?;
        Ok((Self::new(minor)?, packed as u32))
    }
}

impl TryFrom<u16> for ProtocolVersionId {
    type Error = UnsupportedProtocolVersion;
    fn try_from(minor: u16) -> Result<Self, Self::Error> {
        Self::new(minor)
    }
}

impl From<ProtocolVersionId> for u16 {
    fn from(version: ProtocolVersionId) -> Self {
        version.0
    }
}

impl fmt::Display for ProtocolVersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_follow_zksync_era() {
        // Expected boundaries from zksync-era core/lib/basic_types/src/protocol_version.rs.
        let v = |n| ProtocolVersionId::new(n).expect("supported");
        assert!(v(17).is_pre_boojum() && !v(18).is_pre_boojum());
        assert!(v(18).is_1_4_0() && v(19).is_1_4_0() && !v(20).is_1_4_0());
        assert!(v(20).is_1_4_1() && !v(21).is_1_4_1());
        assert!(v(22).is_pre_1_5_0() && !v(23).is_pre_1_5_0());
        assert!(v(22).is_pre_shared_bridge() && !v(23).is_pre_shared_bridge());
        assert!(v(25).is_pre_gateway() && !v(26).is_pre_gateway());
        assert!(v(28).is_pre_interop() && !v(29).is_pre_interop());
        assert_eq!(ProtocolVersionId::new(32), Err(UnsupportedProtocolVersion(32)));
    }

    #[test]
    fn packed_semver_round_trips() {
        let v = ProtocolVersionId::GATEWAY;
        assert_eq!(v.packed_semver(3), (26 << 32) | 3);
        assert_eq!(ProtocolVersionId::from_packed_semver((26 << 32) | 3), Ok((v, 3)));
        assert!(ProtocolVersionId::from_packed_semver(1 << 60).is_err());
    }
}
