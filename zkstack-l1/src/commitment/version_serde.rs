//! serde for protocol versions as zksync-era writes them (`"Version27"`), also accepting a bare number.

use std::fmt;

use serde::{Deserializer, Serializer, de};

use crate::ProtocolVersionId;

/// Serialises as `"VersionN"`, the spelling of zksync-era's `ProtocolVersionId` enum.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` passes a reference.
pub(crate) fn serialize<S: Serializer>(
    version: &ProtocolVersionId,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("Version{}", version.minor()))
}

/// Accepts `"VersionN"`, `"N"` or the number `N`.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<ProtocolVersionId, D::Error> {
    deserializer.deserialize_any(VersionVisitor)
}

struct VersionVisitor;

impl de::Visitor<'_> for VersionVisitor {
    type Value = ProtocolVersionId;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a protocol version such as \"Version27\" or 27")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        let minor = u16::try_from(value).map_err(|_| E::custom("protocol version out of range"))?;
        ProtocolVersionId::new(minor).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        let value = u64::try_from(value).map_err(|_| E::custom("negative protocol version"))?;
        self.visit_u64(value)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        let digits = value.strip_prefix("Version").unwrap_or(value);
        let minor: u16 =
            digits.parse().map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))?;
        ProtocolVersionId::new(minor).map_err(E::custom)
    }
}
