//! How a generated struct reads itself from JSON: the object is read whole,
//! then each field takes its property out of it, and what is left is kept as
//! the struct's other properties.
//!
//! serde's derive writes a visitor per struct (a field enum with a dozen
//! `visit_*` methods, a loop matching each key, and, for the map of other
//! properties, a buffer of everything it does not know): most of what a
//! crate of a thousand schemas took to check. A generated `Deserialize` is
//! one call per field here, and the work is this module's, compiled once.
//! It gives what the derive gave: a required property left out is "missing
//! field", but for an `Option`, which is `None` (the generated code reads
//! such a field with [`Object::or_else`] and `Default::default`); a property
//! of the wrong type is an error that names it. The errors are serde_json's
//! whatever the struct is read from: the generated reads live in a function
//! that is not generic, and the deserializer gets the error at the end.
//!
//! Each read gives `Some` value or `None`, keeping the error for
//! [`Object::error`], and reads nothing more once one failed: the generated
//! code reads every field into one tuple and checks it once, which costs the
//! compiler a fraction of a `?` per field (each of which must drop the fields
//! read before it).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_json::{Error, Value};

/// A JSON object being read into a struct. Its errors are serde_json's,
/// whatever the object was read from: the generated code reads the fields
/// in a function that is not generic (compiled once per struct, not once
/// per deserializer), and gives the deserializer its error at the end.
#[derive(Debug)]
pub struct Object {
    /// In the order they came. A struct has tens of fields, so finding one
    /// by a look through them is quicker than hashing every key into a map.
    properties: Vec<(String, Value)>,
    /// The first failed field's error.
    error: Option<Error>,
}

impl Object {
    /// Reads the object.
    ///
    /// # Errors
    ///
    /// When the input is not a JSON object.
    pub fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Object {
            properties: deserializer.deserialize_map(Properties)?,
            error: None,
        })
    }

    /// The error of the field that could not be read (the first, in the
    /// order they were read).
    pub fn error(&mut self) -> Error {
        self.error
            .take()
            .unwrap_or_else(|| de::Error::custom("a field could not be read"))
    }

    /// The value of `key`, taken out (`None` inside when absent); `None`
    /// once a field has failed, so that the fields after it are not read.
    fn field(&mut self, key: &str) -> Option<Option<Value>> {
        if self.error.is_some() {
            return None;
        }
        Some(self.take(key))
    }

    /// `value` read as a `T`, or `None` with the error kept, naming `key`.
    /// The one step compiled per field type, kept small: a plain match, no
    /// closure (which would be one more function per type), and the error
    /// handled by non-generic code.
    fn value<T: DeserializeOwned>(&mut self, key: &str, value: Value) -> Option<T> {
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(error) => {
                self.fail(invalid(key, error));
                None
            }
        }
    }

    /// `value` read by `adapter`, as [`value`](Self::value) reads.
    fn adapted<T>(&mut self, key: &str, value: Value, adapter: Adapter<T>) -> Option<T> {
        match adapter(value) {
            Ok(value) => Some(value),
            Err(error) => {
                self.fail(invalid(key, error));
                None
            }
        }
    }

    /// Keeps `error` as the failed field's.
    fn fail(&mut self, error: Error) {
        self.error = Some(error);
    }

    /// Takes the value of `key` out; of a key sent twice, the last (as a map
    /// would keep it), and the others go too, so none is kept twice.
    fn take(&mut self, key: &str) -> Option<Value> {
        let last = self.properties.iter().rposition(|(name, _)| name == key)?;
        let (_, value) = self.properties.remove(last);
        if self.properties.iter().any(|(name, _)| name == key) {
            self.properties.retain(|(name, _)| name != key);
        }
        Some(value)
    }

    /// A required property. `None` when it is absent or not a `T` (see
    /// [`error`](Self::error)). serde's derive reads an absent `Option` as
    /// `None`; the generated code reads such a field with
    /// [`or_else`](Self::or_else) and `Default::default`, so that no type's
    /// `Deserialize` is compiled a second time for absent values.
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        match self.field(key)? {
            Some(value) => self.value(key, value),
            None => {
                self.fail(de::Error::missing_field(key));
                None
            }
        }
    }

    /// A required property that takes `default()` when absent. `None` when
    /// it is not a `T`.
    pub fn or_else<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
        default: fn() -> T,
    ) -> Option<T> {
        match self.field(key)? {
            Some(value) => self.value(key, value),
            None => Some(default()),
        }
    }

    /// An optional property: `Some(None)` when absent or `null`. `None`
    /// when it is not a `T`.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<Option<T>> {
        match self.field(key)? {
            Some(value) => self.value(key, value),
            None => Some(None),
        }
    }

    /// An optional property whose type holds `null`: `Some(None)` when
    /// absent, and a present `null` kept as `Some` of `T`'s null
    /// (`Some(Some(None))`, `Some(Some(Value::Null))`). `None` when it is not
    /// a `T`.
    pub fn present<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<Option<T>> {
        match self.field(key)? {
            Some(value) => self.value(key, value).map(Some),
            None => Some(None),
        }
    }

    /// A required property read by `adapter` (a serde `with` module's
    /// `deserialize`: bytes or dates written as text). `None` when it is
    /// absent or `adapter` refuses it.
    pub fn required_with<T>(&mut self, key: &'static str, adapter: Adapter<T>) -> Option<T> {
        match self.field(key)? {
            Some(value) => self.adapted(key, value, adapter),
            None => {
                self.fail(de::Error::missing_field(key));
                None
            }
        }
    }

    /// An optional property read by `adapter` when present; `Some(None)`
    /// when absent, `None` when `adapter` refuses it.
    pub fn optional_with<T>(
        &mut self,
        key: &'static str,
        adapter: Adapter<Option<T>>,
    ) -> Option<Option<T>> {
        match self.field(key)? {
            Some(value) => self.adapted(key, value, adapter),
            None => Some(None),
        }
    }

    /// The properties no field took, each read as a `V`; read after every
    /// field. `None` when one is not a `V`.
    pub fn rest<V: DeserializeOwned>(&mut self) -> Option<BTreeMap<String, V>> {
        if self.error.is_some() {
            return None;
        }
        let mut rest = BTreeMap::new();
        for (key, value) in std::mem::take(&mut self.properties) {
            match V::deserialize(value) {
                Ok(value) => {
                    rest.insert(key, value);
                }
                Err(error) => {
                    self.fail(de::Error::custom(format_args!("property `{key}`: {error}")));
                    return None;
                }
            }
        }
        Some(rest)
    }
}

/// Reads an object's properties in the order they come.
struct Properties;

impl<'de> Visitor<'de> for Properties {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut properties = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(entry) = map.next_entry()? {
            properties.push(entry);
        }
        Ok(properties)
    }
}

/// A serde `with` module's `deserialize`, as a field of a struct read from
/// JSON calls it.
pub type Adapter<T> = fn(Value) -> Result<T, Error>;

fn invalid(key: &str, error: Error) -> Error {
    de::Error::custom(format_args!("field `{key}`: {error}"))
}
