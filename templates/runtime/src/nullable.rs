//! Fields that may be absent, `null`, or a value.
//!
//! An optional property that is also `nullable` is generated as
//! `Option<Option<T>>`: `None` when absent, `Some(None)` for `null`, and
//! `Some(Some(value))` otherwise, so a PATCH body can send an explicit `null`.
//! An optional property of any JSON value is `Option<serde_json::Value>`:
//! `None` when absent, `Some(Value::Null)` for `null`. Serde reads a present
//! `null` as the outer `None` on its own, which would drop it; generated
//! code points `deserialize_with` here to keep it.

use serde::{Deserialize, Deserializer};

/// Reads a present field, `null` included, as `Some(…)`; an absent field is left
/// to `#[serde(default)]`, which makes it `None`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(deserializer).map(Some)
}
