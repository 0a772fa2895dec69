//! Finding where a document that reads as JSON fails to read as OpenAPI 3.0.
//!
//! `openapiv3` reads several objects through `#[serde(flatten)]` (the map of
//! paths, of responses, a schema's fields) and `$ref`-or-item through an
//! untagged enum that reads the item a second time from a JSON value. Both hide
//! the place of an error from `serde_path_to_error`, so a wrong type inside an
//! operation would be reported at `#/paths`. Here the document is walked as
//! OpenAPI objects instead: each object is read on its own as its `openapiv3`
//! type, and the walk goes down into the first child that fails, so the error is
//! reported at the deepest object that does not read, at the key that breaks it.
//!
//! The line and column of that place come from reading the text once more and
//! stopping at the pointer: the parsers put a position on any error raised
//! while reading a node.

use std::fmt;

use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

use super::lenient::Lenient;

/// The kinds of OpenAPI object the walk knows the children of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Components,
    PathItem,
    Operation,
    Callback,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Schema,
    SecurityScheme,
    Example,
    Link,
}

/// A child object: its place below the parent (one key, or a map's key and
/// an entry's), what it is, and whether it may be a `$ref` instead.
struct Child<'a> {
    key: Vec<String>,
    kind: Kind,
    value: &'a Value,
    refable: bool,
}

/// Where reading failed: pointer segments (unescaped) and the reader's message.
type Failure = (Vec<String>, String);

/// The deepest place in `doc` that does not read as OpenAPI 3.0, as a JSON
/// pointer, and what is wrong there. `None` if the whole document reads.
pub fn deepest_failure(doc: &Value) -> Option<(String, String)> {
    let (segments, message) = walk(Kind::Document, doc, false)?;
    Some((crate::pointer::join(&segments), message))
}

fn walk(kind: Kind, value: &Value, refable: bool) -> Option<Failure> {
    if refable {
        if let Some(reference) = value.get("$ref") {
            return match reference {
                Value::String(_) => None,
                other => Some((
                    vec!["$ref".to_owned()],
                    format!("`$ref` must be a string such as \"#/components/schemas/Pet\", found {other}"),
                )),
            };
        }
    }
    let (path, message) = read_as(kind, value).err()?;
    for child in children(kind, value) {
        if let Some((mut below, message)) = walk(child.kind, child.value, child.refable) {
            below.splice(0..0, child.key);
            return Some((below, message));
        }
    }
    if !path.is_empty() {
        return Some((path, message));
    }
    // The reader lost the place (a flattened or untagged part): find the key
    // whose removal changes the verdict. With that key gone, the object reads,
    // or (when the key is required) fails only for its absence, which means
    // every other key read. A missing field is this object's own fault.
    let missing = message.starts_with("missing field");
    if let (Value::Object(map), false) = (value, missing) {
        for key in map.keys() {
            let mut without = map.clone();
            without.remove(key);
            let verdict = read_as(kind, &Value::Object(without));
            let culprit = match &verdict {
                Ok(()) => true,
                Err((_, other)) => *other == format!("missing field `{key}`"),
            };
            if culprit {
                let message = explain(kind, key, &map[key]).unwrap_or(message);
                return Some((vec![key.clone()], message));
            }
        }
    }
    Some((Vec::new(), message))
}

/// A better message than the reader's for a few mistakes with an obvious fix.
fn explain(kind: Kind, key: &str, value: &Value) -> Option<String> {
    match (kind, key, value) {
        (Kind::Schema, "type", Value::Array(_)) => Some(format!(
            "`type: {value}` is a list of types, which is OpenAPI 3.1; in 3.0 `type` is one \
             string (write `nullable: true` for \"null\")"
        )),
        _ => None,
    }
}

/// Reads `value` as the `openapiv3` type of `kind`; on failure, the path the
/// reader saw (often cut short) and its message.
fn read_as(kind: Kind, value: &Value) -> Result<(), Failure> {
    use openapiv3 as o;
    match kind {
        Kind::Document => read::<o::OpenAPI>(value),
        Kind::Components => read::<o::Components>(value),
        Kind::PathItem => read::<o::PathItem>(value),
        Kind::Operation => read::<o::Operation>(value),
        Kind::Callback => read::<o::Callback>(value),
        Kind::Parameter => read::<o::Parameter>(value),
        Kind::RequestBody => read::<o::RequestBody>(value),
        Kind::Response => read::<o::Response>(value),
        Kind::Header => read::<o::Header>(value),
        Kind::MediaType => read::<o::MediaType>(value),
        Kind::Schema => read::<o::Schema>(value),
        Kind::SecurityScheme => read::<o::SecurityScheme>(value),
        Kind::Example => read::<o::Example>(value),
        Kind::Link => read::<o::Link>(value),
    }
}

fn read<T: DeserializeOwned>(value: &Value) -> Result<(), Failure> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(_) => Ok(()),
        Err(error) => Err((
            super::path_segments(error.path()),
            error.into_inner().to_string(),
        )),
    }
}

/// The OpenAPI objects directly below an object of `kind`.
fn children(kind: Kind, value: &Value) -> Vec<Child<'_>> {
    let mut out = Vec::new();
    let Value::Object(map) = value else {
        return out;
    };
    let mut one = |key: &str, kind: Kind, refable: bool| {
        if let Some(value) = map.get(key) {
            out.push(Child {
                key: vec![key.to_owned()],
                kind,
                value,
                refable,
            });
        }
    };
    // Children in maps or lists are pushed below; single children here.
    match kind {
        Kind::Document => one("components", Kind::Components, false),
        Kind::Operation => one("requestBody", Kind::RequestBody, true),
        Kind::Parameter | Kind::Header => one("schema", Kind::Schema, true),
        Kind::MediaType => one("schema", Kind::Schema, true),
        Kind::Schema => {
            one("items", Kind::Schema, true);
            one("not", Kind::Schema, true);
            if map
                .get("additionalProperties")
                .is_some_and(Value::is_object)
            {
                one("additionalProperties", Kind::Schema, true);
            }
        }
        _ => {}
    }
    let grouped: &[(&str, Kind, bool, Group)] = match kind {
        Kind::Document => &[("paths", Kind::PathItem, true, Group::MapSkippingExtensions)],
        Kind::Components => &[
            ("schemas", Kind::Schema, true, Group::Map),
            ("responses", Kind::Response, true, Group::Map),
            ("parameters", Kind::Parameter, true, Group::Map),
            ("examples", Kind::Example, true, Group::Map),
            ("requestBodies", Kind::RequestBody, true, Group::Map),
            ("headers", Kind::Header, true, Group::Map),
            ("securitySchemes", Kind::SecurityScheme, true, Group::Map),
            ("links", Kind::Link, true, Group::Map),
            ("callbacks", Kind::Callback, true, Group::Map),
        ],
        Kind::PathItem => &[("parameters", Kind::Parameter, true, Group::List)],
        Kind::Operation => &[
            ("parameters", Kind::Parameter, true, Group::List),
            (
                "responses",
                Kind::Response,
                true,
                Group::MapSkippingExtensions,
            ),
            ("callbacks", Kind::Callback, true, Group::Map),
        ],
        Kind::Callback => &[],
        Kind::Parameter | Kind::Header => &[
            ("content", Kind::MediaType, false, Group::Map),
            ("examples", Kind::Example, true, Group::Map),
        ],
        Kind::RequestBody => &[("content", Kind::MediaType, false, Group::Map)],
        Kind::Response => &[
            ("headers", Kind::Header, true, Group::Map),
            ("content", Kind::MediaType, false, Group::Map),
            ("links", Kind::Link, true, Group::Map),
        ],
        Kind::MediaType => &[("examples", Kind::Example, true, Group::Map)],
        Kind::Schema => &[
            ("properties", Kind::Schema, true, Group::Map),
            ("allOf", Kind::Schema, true, Group::List),
            ("oneOf", Kind::Schema, true, Group::List),
            ("anyOf", Kind::Schema, true, Group::List),
        ],
        Kind::SecurityScheme | Kind::Example | Kind::Link => &[],
    };
    for &(key, child_kind, refable, group) in grouped {
        let Some(inner) = map.get(key) else { continue };
        let prefix = |name: String| vec![key.to_owned(), name];
        match (group, inner) {
            (Group::List, Value::Array(items)) => {
                for (index, value) in items.iter().enumerate() {
                    out.push(Child {
                        key: prefix(index.to_string()),
                        kind: child_kind,
                        value,
                        refable,
                    });
                }
            }
            (Group::Map | Group::MapSkippingExtensions, Value::Object(entries)) => {
                for (name, value) in entries {
                    if group == Group::MapSkippingExtensions && name.starts_with("x-") {
                        continue;
                    }
                    out.push(Child {
                        key: prefix(name.clone()),
                        kind: child_kind,
                        value,
                        refable,
                    });
                }
            }
            _ => {}
        }
    }
    if kind == Kind::PathItem {
        for method in [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ] {
            if let Some(value) = map.get(method) {
                out.push(Child {
                    key: vec![method.to_owned()],
                    kind: Kind::Operation,
                    value,
                    refable: false,
                });
            }
        }
    }
    if kind == Kind::Callback {
        for (name, value) in map {
            out.push(Child {
                key: vec![name.clone()],
                kind: Kind::PathItem,
                value,
                refable: false,
            });
        }
    }
    out
}

/// How children sit below a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    List,
    Map,
    /// A map whose `x-` keys are extensions, not children.
    MapSkippingExtensions,
}

/// The line and column of the value at `pointer` in `text`, read as JSON or
/// YAML as `json` says.
pub fn position(text: &str, json: bool, pointer: &str) -> Option<(usize, usize)> {
    let segments = crate::pointer::segments(pointer);
    let seed = Navigate {
        segments: &segments,
    };
    if json {
        let mut de = serde_json::Deserializer::from_str(text);
        let error = seed.deserialize(&mut de).err()?;
        (error.line() > 0).then(|| (error.line(), error.column()))
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        let error = seed.deserialize(de).err()?;
        error.location().map(|l| (l.line(), l.column()))
    }
}

/// Reads down to the value at `segments` and fails there, so that the parser's
/// error carries the position. Succeeds only if the place is not found.
struct Navigate<'s> {
    segments: &'s [String],
}

impl<'de> DeserializeSeed<'de> for Navigate<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Navigate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the place an error points at")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.segments.split_first() else {
            return Err(here());
        };
        while let Some(Lenient(key)) = map.next_key()? {
            // Keys are compared as the lenient reader wrote them (`200:` is "200").
            let key = match key {
                Value::String(key) => key,
                other => other.to_string(),
            };
            if key == *first {
                return map.next_value_seed(Navigate { segments: rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.segments.split_first() else {
            return Err(here());
        };
        let Ok(target) = first.parse::<usize>() else {
            return Ok(());
        };
        let mut index = 0;
        while index < target {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
        seq.next_element_seed(Navigate { segments: rest })
            .map(|_| ())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    // Scalars: every `visit_*` left to its default fails with a position,
    // which is all that is wanted when the place is reached.
}

fn here<E: serde::de::Error>() -> E {
    E::custom("here")
}
