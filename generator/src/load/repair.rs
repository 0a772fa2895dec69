//! Repairs of common deviations from OpenAPI 3.0 that `openapiv3` refuses but
//! that carry no meaning a generator needs. Each repair is a warning.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::error::{Location, Warning};

/// The keywords of an integer schema whose value `repair` makes an `i64`.
pub const INTEGER_BOUNDS: [&str; 3] = ["minimum", "maximum", "multipleOf"];

/// Repairs `doc` in place and returns one warning per repair:
/// - a response object without `description` gets an empty one (the field is
///   required by the spec and by `openapiv3`, but is only ever documentation);
/// - an integer schema's `minimum`, `maximum` or `multipleOf` that does not fit
///   in `i64` is dropped (sdkgen generates no range checks), so that the schema
///   stays a typed integer; one written as a float with no fraction
///   (`minimum: 1.0`, as pydantic writes them) is that integer, silently;
/// - an empty `$ref` (`"$ref": ""`) names nothing: the object is read as
///   the empty schema, any JSON value.
pub fn repair(doc: &mut Value) -> Vec<Warning> {
    let mut warnings = Vec::new();
    walk(doc, &mut String::from("#"), &mut warnings);
    warnings
}

fn walk(value: &mut Value, pointer: &mut String, warnings: &mut Vec<Warning>) {
    match value {
        Value::Object(map) => {
            repair_object(map, pointer, warnings);
            for (key, child) in map.iter_mut() {
                let len = pointer.len();
                pointer.push('/');
                crate::pointer::push_escaped(pointer, key);
                walk(child, pointer, warnings);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                let len = pointer.len();
                let _ = write!(pointer, "/{index}");
                walk(child, pointer, warnings);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn repair_object(map: &mut Map<String, Value>, pointer: &str, warnings: &mut Vec<Warning>) {
    if is_response(pointer) && !map.contains_key("$ref") && !map.contains_key("description") {
        map.insert("description".to_owned(), Value::String(String::new()));
        warnings.push(Warning {
            location: Location::pointer(pointer),
            message: "response has no `description` (required by OpenAPI 3.0); read as empty"
                .to_owned(),
        });
    }
    if map.get("$ref").and_then(Value::as_str) == Some("") {
        map.clear();
        warnings.push(Warning {
            location: Location::pointer(format!("{pointer}/$ref")),
            message: "empty `$ref` names no schema; read as any JSON value".to_owned(),
        });
    }
    if map.get("type").and_then(Value::as_str) == Some("integer") {
        for keyword in INTEGER_BOUNDS {
            if let Some(whole) = map.get(keyword).and_then(whole_float) {
                map.insert(keyword.to_owned(), Value::from(whole));
            }
            let out_of_range = map
                .get(keyword)
                .is_some_and(|bound| bound.is_number() && bound.as_i64().is_none());
            if out_of_range {
                let bound = map.remove(keyword).unwrap_or_default();
                warnings.push(Warning {
                    location: Location::pointer(format!("{pointer}/{keyword}")),
                    message: format!(
                        "integer `{keyword}: {bound}` does not fit in 64 bits; ignored"
                    ),
                });
            }
        }
    }
}

/// The integer a float bound with no fraction stands for (`1.0` → 1). Only
/// below 2^53, where every integer is exactly a float: a bigger one may be
/// an integer literal too long for `i64` that the reader rounded.
fn whole_float(bound: &Value) -> Option<i64> {
    let float = bound.as_f64().filter(|_| bound.is_f64())?;
    let exact = float.fract() == 0.0 && float.abs() < 2f64.powi(53);
    exact.then_some(float as i64)
}

/// Whether `pointer` names a response object: an entry of an operation's
/// `responses` or of `components.responses`.
fn is_response(pointer: &str) -> bool {
    // Called for every object of the document: no allocation.
    let mut parts = pointer.split('/');
    if parts.next() != Some("#") {
        return false;
    }
    let prefix_ok = match parts.next() {
        Some("components") => parts.next() == Some("responses"),
        Some("paths") => {
            parts.next().is_some() && parts.next().is_some() && parts.next() == Some("responses")
        }
        _ => false,
    };
    prefix_ok && parts.next().is_some() && parts.next().is_none()
}

/// For a YAML document read after a repair: the number or boolean at
/// `pointer` where the reader (its `message`) wanted a string becomes that
/// string, with a warning. A read straight from the YAML text does the same
/// without a word, but keeps the scalar as written (`1.10`); here only the
/// number is left (`1.1`), hence the warning.
pub fn scalar_as_string(doc: &mut Value, pointer: &str, message: &str) -> Option<Warning> {
    if !message.ends_with("expected a string") {
        return None;
    }
    let mut place = doc;
    for segment in &crate::pointer::segments(pointer) {
        place = match place {
            Value::Object(map) => map.get_mut(segment)?,
            Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    let text = match place {
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => return None,
    };
    let warning = Warning {
        location: Location::pointer(pointer),
        message: format!(
            "unquoted `{text}` read as the string \"{text}\"; quote it to keep it as written"
        ),
    };
    *place = Value::String(text);
    Some(warning)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{is_response, repair};

    #[test]
    fn whole_float_bounds_of_integers_are_integers() {
        let mut doc =
            json!({"type": "integer", "minimum": 1.0, "maximum": -3.0, "multipleOf": 2.5});
        let warnings = repair(&mut doc);
        assert_eq!(doc, json!({"type": "integer", "minimum": 1, "maximum": -3}));
        let messages: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("multipleOf: 2.5"), "{messages:?}");
        let mut huge = json!({"type": "integer", "maximum": 1e19});
        assert_eq!(repair(&mut huge).len(), 1);
        assert_eq!(huge, json!({"type": "integer"}));
    }

    #[test]
    fn an_empty_ref_is_any_value() {
        let mut doc = json!({"properties": {"a": {"$ref": ""}, "b": {"$ref": "#/x"}}});
        let warnings = repair(&mut doc);
        assert_eq!(doc, json!({"properties": {"a": {}, "b": {"$ref": "#/x"}}}));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.pointer, "#/properties/a/$ref");
    }

    #[test]
    fn response_objects_are_told_by_their_pointer() {
        assert!(is_response("#/components/responses/NotFound"));
        assert!(is_response("#/paths/~1pets~1{id}/get/responses/200"));
        assert!(!is_response("#/components/responses"));
        assert!(!is_response("#/components/schemas/Pet"));
        assert!(!is_response("#/paths/~1pets/get/responses/200/content"));
        assert!(!is_response("#/paths/~1pets/get/parameters/0"));
        assert!(!is_response("#/webhooks/a/post/responses/200"));
    }
}
