//! `format: byte`: bytes that travel as base64 text (RFC 4648's standard
//! alphabet, padded), held as `Vec<u8>`. Each function pair is a serde
//! `with` module for one shape of field, as the generated structs name
//! them: the value itself here, and `option`, `nullable`, `list`,
//! `option_list` below. Text that is not base64 is refused (the call's
//! `Error::Decode` keeps the body), never guessed at.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serializer};

/// Writes `bytes` as base64.
pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&STANDARD.encode(bytes))
}

/// Reads base64 text.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let text = String::deserialize(deserializer)?;
    decode(&text)
}

fn decode<E: serde::de::Error>(text: &str) -> Result<Vec<u8>, E> {
    STANDARD
        .decode(text)
        .map_err(|e| E::custom(format!("not base64 ({e})")))
}

/// The text of one value, for the list shapes.
struct Text<'a>(&'a [u8]);

impl serde::Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

/// An optional field: absent is `None` (the field also needs
/// `#[serde(default)]`).
pub mod option {
    use super::*;

    /// Writes `Some` as base64 (a `None` field is skipped before this).
    pub fn serialize<S: Serializer>(
        bytes: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(bytes) => super::serialize(bytes, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads base64 text, or `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| decode(&text))
            .transpose()
    }
}

/// An optional field that may be `null`: absent is `None`, `null` is
/// `Some(None)` (the field also needs `#[serde(default)]`).
pub mod nullable {
    use super::*;

    /// Writes `Some(None)` as `null`, `Some(Some(_))` as base64.
    pub fn serialize<S: Serializer>(
        bytes: &Option<Option<Vec<u8>>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(Some(bytes)) => super::serialize(bytes, serializer),
            _ => serializer.serialize_none(),
        }
    }

    /// Reads a present value: `null` as `Some(None)`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<Vec<u8>>>, D::Error> {
        super::option::deserialize(deserializer).map(Some)
    }
}

/// A list of byte strings.
pub mod list {
    use super::*;

    /// Writes each as base64.
    pub fn serialize<S: Serializer>(list: &[Vec<u8>], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(list.iter().map(|bytes| Text(bytes)))
    }

    /// Reads each from base64.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<u8>>, D::Error> {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|text| decode(text))
            .collect()
    }
}

/// An optional list of byte strings.
pub mod option_list {
    use super::*;

    /// Writes `Some` as a list of base64.
    pub fn serialize<S: Serializer>(
        list: &Option<Vec<Vec<u8>>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match list {
            Some(list) => super::list::serialize(list, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a list of base64, or `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Vec<u8>>>, D::Error> {
        Option::<Vec<String>>::deserialize(deserializer)?
            .map(|list| list.iter().map(|text| decode(text)).collect())
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Shapes {
        #[serde(with = "super")]
        one: Vec<u8>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::option"
        )]
        maybe: Option<Vec<u8>>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::nullable"
        )]
        clearable: Option<Option<Vec<u8>>>,
        #[serde(with = "super::list")]
        many: Vec<Vec<u8>>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::option_list"
        )]
        some: Option<Vec<Vec<u8>>>,
    }

    #[test]
    fn every_shape_reads_and_writes_base64() {
        let text = json!({
            "one": "AAEC/w==",
            "maybe": "aGk=",
            "clearable": null,
            "many": ["", "YQ=="],
            "some": ["Yg=="]
        });
        let read: Shapes = serde_json::from_value(text.clone()).unwrap();
        assert_eq!(read.one, [0, 1, 2, 255]);
        assert_eq!(read.maybe.as_deref(), Some(&b"hi"[..]));
        assert_eq!(read.clearable, Some(None));
        assert_eq!(read.many, [b"".to_vec(), b"a".to_vec()]);
        assert_eq!(serde_json::to_value(&read).unwrap(), text);
        let absent: Shapes = serde_json::from_value(json!({"one": "", "many": []})).unwrap();
        assert_eq!(
            (absent.maybe, absent.clearable, absent.some),
            (None, None, None)
        );
    }

    #[test]
    fn text_that_is_not_base64_is_refused() {
        let error = serde_json::from_value::<Shapes>(json!({"one": "not base64!", "many": []}))
            .unwrap_err();
        assert!(error.to_string().contains("not base64"), "{error}");
    }
}
