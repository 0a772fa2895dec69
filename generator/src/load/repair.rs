//! Repairs of common deviations from OpenAPI 3.0 that `openapiv3` refuses but
//! that carry no meaning a generator needs. Each repair is a warning.

use serde_json::{Map, Value};

use crate::error::{Location, Warning};

/// Repairs `doc` in place and returns one warning per repair: a response object
/// without `description` gets an empty one (the field is required by the spec
/// and by `openapiv3`, but is only ever documentation).
///
/// Out-of-range integer bounds need no repair: `openapiv3` reads such a schema
/// as an untyped one, which resolve reads by its `type`.
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
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                walk(child, pointer, warnings);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{index}"));
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
}

/// Whether `pointer` names a response object: an entry of an operation's
/// `responses` or of `components.responses`.
fn is_response(pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.split('/').collect();
    matches!(
        parts.as_slice(),
        ["#", "components", "responses", _] | ["#", "paths", _, _, "responses", _]
    )
}
