//! Fields that may be absent, `null`, or a value.
//!
//! An optional property that is also `nullable` is generated as
//! `Option<Option<T>>`: `None` when absent, `Some(None)` for `null`, and
//! `Some(Some(value))` otherwise, so a PATCH body can send an explicit `null`.
//! Serde reads a present `null` as the outer `None` on its own; generated code
//! points `deserialize_with` here to keep it as `Some(None)`.

use serde::{Deserialize, Deserializer};

/// Reads a present field, `null` included, as `Some(…)`; an absent field is left
/// to `#[serde(default)]`, which makes it `None`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
