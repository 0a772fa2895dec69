//! A struct with a field of each kind sdkgen writes, twice: its `Deserialize`
//! as sdkgen writes it (`runtime::object`), and serde's derive with the
//! attributes sdkgen wrote before. Shared by the test that compares them and
//! the benchmark that times them.

use std::collections::BTreeMap;

use sdkgen_runtime::object::Object;
use serde::Deserialize;
use serde_json::Value;

/// The fields' values, to compare the two structs.
pub type Fields = (
    String,
    Option<i64>,
    u32,
    Option<String>,
    Option<Option<u8>>,
    Option<Value>,
    Vec<u8>,
    Option<Vec<u8>>,
    Option<Option<Vec<u8>>>,
    BTreeMap<String, Value>,
);

/// As sdkgen writes it.
#[derive(Debug)]
pub struct Written(pub Fields);

fn seven() -> u32 {
    7
}

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Not generic: compiled once, whatever reads the struct.
        fn read(mut object: Object) -> Result<Written, serde_json::Error> {
            let (
                Some(name),
                Some(count),
                Some(size),
                Some(note),
                Some(level),
                Some(extra),
                Some(data),
                Some(more),
                Some(most),
                Some(additional),
            ) = (
                object.required("name"),
                object.or_else("count", Default::default),
                object.or_else("size", seven),
                object.optional("note"),
                object.present("level"),
                object.present("extra"),
                object.required_with("data", sdkgen_runtime::text_format::deserialize),
                object.optional_with("more", sdkgen_runtime::text_format::option::deserialize),
                object.optional_with("most", sdkgen_runtime::text_format::nullable::deserialize),
                object.rest(),
            )
            else {
                return Err(object.error());
            };
            Ok(Written((
                name, count, size, note, level, extra, data, more, most, additional,
            )))
        }
        match read(Object::read(deserializer)?) {
            Ok(value) => Ok(value),
            Err(error) => Err(serde::de::Error::custom(error)),
        }
    }
}

/// What serde derived from the attributes sdkgen wrote before.
#[derive(Debug, Deserialize)]
pub struct Derived {
    name: String,
    count: Option<i64>,
    #[serde(default = "seven")]
    size: u32,
    note: Option<String>,
    #[serde(default, deserialize_with = "sdkgen_runtime::nullable::deserialize")]
    level: Option<Option<u8>>,
    #[serde(default, deserialize_with = "sdkgen_runtime::nullable::deserialize")]
    extra: Option<Value>,
    #[serde(with = "sdkgen_runtime::text_format")]
    data: Vec<u8>,
    #[serde(default, with = "sdkgen_runtime::text_format::option")]
    more: Option<Vec<u8>>,
    #[serde(default, with = "sdkgen_runtime::text_format::nullable")]
    most: Option<Option<Vec<u8>>>,
    #[serde(flatten)]
    additional: BTreeMap<String, Value>,
}

impl Derived {
    /// Its fields, as `Written` holds them.
    pub fn fields(self) -> Fields {
        (
            self.name,
            self.count,
            self.size,
            self.note,
            self.level,
            self.extra,
            self.data,
            self.more,
            self.most,
            self.additional,
        )
    }
}

/// A struct holding the first kind, once and in a list: nested objects.
#[derive(Debug)]
pub struct WrittenOuter(pub Written, pub Vec<Written>);

impl<'de> Deserialize<'de> for WrittenOuter {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        fn read(mut object: Object) -> Result<WrittenOuter, serde_json::Error> {
            let (Some(inner), Some(list)) = (object.required("inner"), object.required("list"))
            else {
                return Err(object.error());
            };
            Ok(WrittenOuter(inner, list))
        }
        match read(Object::read(deserializer)?) {
            Ok(value) => Ok(value),
            Err(error) => Err(serde::de::Error::custom(error)),
        }
    }
}

/// The same, derived.
#[derive(Debug, Deserialize)]
pub struct DerivedOuter {
    inner: Derived,
    list: Vec<Derived>,
}

impl DerivedOuter {
    /// Its fields, as `WrittenOuter` holds them.
    pub fn fields(self) -> (Fields, Vec<Fields>) {
        (
            self.inner.fields(),
            self.list.into_iter().map(Derived::fields).collect(),
        )
    }
}
