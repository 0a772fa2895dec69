//! Values that travel as text in a format of their own and are held as a
//! Rust type whose serde writes something else: `format: byte` as `Vec<u8>`
//! (base64, RFC 4648's standard alphabet, padded), and, with the `time`
//! crate (`time_format`), `date-time` and `date`. A [`Text`] type says how
//! it reads and writes its text; each module here is a serde `with` module
//! for one shape of struct field, as the generated structs name them: the
//! value itself here, and `option`, `nullable`, `list`, `option_list`
//! below. Text that does not parse is refused (the call's `Error::Decode`
//! keeps the body), never guessed at.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serializer};

/// A type that travels as text in its format.
pub trait Text: Sized {
    /// The text of the value.
    fn to_text(&self) -> String;
    /// The value of `text`, or why it is not one.
    fn from_text(text: &str) -> Result<Self, String>;
}

/// `format: byte`.
impl Text for Vec<u8> {
    fn to_text(&self) -> String {
        STANDARD.encode(self)
    }

    fn from_text(text: &str) -> Result<Self, String> {
        STANDARD
            .decode(text)
            .map_err(|e| format!("not base64 ({e})"))
    }
}

/// Writes `value` as its text.
pub fn serialize<T: Text, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_text())
}

/// Reads a value from its text.
pub fn deserialize<'de, T: Text, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    T::from_text(&text).map_err(serde::de::Error::custom)
}

/// One value as its text, for the list shapes.
struct AsText<'a, T>(&'a T);

impl<T: Text> serde::Serialize for AsText<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

fn parse<T: Text, E: serde::de::Error>(text: &str) -> Result<T, E> {
    T::from_text(text).map_err(E::custom)
}

/// An optional field: absent is `None` (the field also needs
/// `#[serde(default)]`).
pub mod option {
    use super::*;

    /// Writes `Some` as text (a `None` field is skipped before this).
    pub fn serialize<T: Text, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads text, or `null` as `None`.
    pub fn deserialize<'de, T: Text, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| parse(&text))
            .transpose()
    }
}

/// An optional field that may be `null`: absent is `None`, `null` is
/// `Some(None)` (the field also needs `#[serde(default)]`).
pub mod nullable {
    use super::*;

    /// Writes `Some(None)` as `null`, `Some(Some(_))` as text.
    pub fn serialize<T: Text, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(value)) => super::serialize(value, serializer),
            _ => serializer.serialize_none(),
        }
    }

    /// Reads a present value: `null` as `Some(None)`.
    pub fn deserialize<'de, T: Text, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        super::option::deserialize(deserializer).map(Some)
    }
}

/// A list.
pub mod list {
    use super::*;

    /// Writes each as text.
    pub fn serialize<T: Text, S: Serializer>(list: &[T], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(list.iter().map(AsText))
    }

    /// Reads each from text.
    pub fn deserialize<'de, T: Text, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|text| parse(text))
            .collect()
    }
}

/// An optional list.
pub mod option_list {
    use super::*;

    /// Writes `Some` as a list of text.
    pub fn serialize<T: Text, S: Serializer>(
        list: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match list {
            Some(list) => super::list::serialize(list, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a list of text, or `null` as `None`.
    pub fn deserialize<'de, T: Text, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        Option::<Vec<String>>::deserialize(deserializer)?
            .map(|list| list.iter().map(|text| parse(text)).collect())
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
