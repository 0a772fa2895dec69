//! An independent judge of what a spec's schemas allow: the `jsonschema`
//! crate, given the spec's component schemas as a JSON Schema document
//! (draft 4 for OpenAPI 3.0, whose schemas are a variant of it; 2020-12 for
//! 3.1, whose schemas are it). Every random instance is checked here before
//! it counts, and here a union is found ambiguous for a value.

use jsonschema::{Draft, Validator, ValidatorMap};
use serde_json::{Map, Value};

use crate::spec_json;

/// The compiled schemas of one spec, by the spec's own pointers.
pub struct Schemas {
    validators: ValidatorMap,
    /// `definitions` (draft 4) or `$defs` (2020-12): where the component
    /// schemas stand in the JSON Schema document.
    container: &'static str,
}

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schemas")
            .field("validators", &self.validators.len())
            .finish()
    }
}

impl Schemas {
    /// Compiles the component schemas of `doc`.
    pub fn new(doc: &Value) -> Result<Schemas, String> {
        let openapi_31 = spec_json::is_31(doc);
        let (draft, container) = if openapi_31 {
            (Draft::Draft202012, "$defs")
        } else {
            (Draft::Draft4, "definitions")
        };
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let converted: Map<String, Value> = schemas
            .into_iter()
            .map(|(key, schema)| (key, convert(schema, openapi_31, container)))
            .collect();
        let mut root = Map::new();
        root.insert(container.to_owned(), Value::Object(converted));
        let validators = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .build_map(&Value::Object(root))
            .map_err(|e| format!("the spec's schemas do not compile as JSON Schema: {e}"))?;
        Ok(Schemas {
            validators,
            container,
        })
    }

    /// The validator of the schema at `pointer` (`#/components/schemas/…`).
    fn validator(&self, pointer: &str) -> Option<&Validator> {
        let rest = pointer.strip_prefix("#/components/schemas/")?;
        self.validators.get(&format!("#/{}/{rest}", self.container))
    }

    /// Whether `value` is valid against the schema at `pointer`; `None`
    /// when the schema is not one of the compiled ones.
    pub fn is_valid(&self, pointer: &str, value: &Value) -> Option<bool> {
        Some(self.validator(pointer)?.is_valid(value))
    }

    /// Why `value` is not valid against the schema at `pointer` (the first
    /// few errors), or `None` when it is (or the schema is unknown).
    pub fn errors(&self, pointer: &str, value: &Value) -> Option<String> {
        let validator = self.validator(pointer)?;
        let errors: Vec<String> = validator
            .iter_errors(value)
            .take(3)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        (!errors.is_empty()).then(|| errors.join("; "))
    }
}

/// An OpenAPI schema as the JSON Schema it means: references to
/// `#/components/schemas/` point into `container`; in 3.0, `nullable` adds
/// `null` to the type (or the enum).
fn convert(schema: Value, openapi_31: bool, container: &str) -> Value {
    let Value::Object(mut map) = schema else {
        return schema;
    };
    if let Some(Value::String(reference)) = map.get_mut("$ref") {
        if let Some(name) = reference.strip_prefix("#/components/schemas/") {
            *reference = format!("#/{container}/{name}");
        }
    }
    for key in ["properties", "patternProperties", "$defs", "definitions"] {
        if let Some(Value::Object(children)) = map.remove(key) {
            let children = children
                .into_iter()
                .map(|(name, child)| (name, convert(child, openapi_31, container)))
                .collect();
            map.insert(key.to_owned(), Value::Object(children));
        }
    }
    for key in ["allOf", "oneOf", "anyOf", "prefixItems"] {
        if let Some(Value::Array(children)) = map.remove(key) {
            let children = children
                .into_iter()
                .map(|child| convert(child, openapi_31, container))
                .collect();
            map.insert(key.to_owned(), Value::Array(children));
        }
    }
    for key in [
        "items",
        "additionalProperties",
        "not",
        "contains",
        "propertyNames",
        "if",
        "then",
        "else",
        "unevaluatedProperties",
        "unevaluatedItems",
    ] {
        if let Some(child) = map.remove(key) {
            map.insert(key.to_owned(), convert(child, openapi_31, container));
        }
    }
    if openapi_31 {
        return Value::Object(map);
    }
    // 3.0: `$ref` ignores its siblings, as draft 4 does; `nullable` is ours.
    let nullable = map.remove("nullable") == Some(Value::Bool(true));
    if !nullable || map.contains_key("$ref") {
        return Value::Object(map);
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
    match map.get("type").cloned() {
        Some(Value::String(ty)) => {
            map.insert("type".to_owned(), Value::from(vec![ty, "null".to_owned()]));
            Value::Object(map)
        }
        // A union gets `null` as one more alternative, which keeps the
        // pointers of its own alternatives where the spec has them.
        _ if map.contains_key("oneOf") || map.contains_key("anyOf") => {
            let keyword = if map.contains_key("oneOf") {
                "oneOf"
            } else {
                "anyOf"
            };
            if let Some(Value::Array(alternatives)) = map.get_mut(keyword) {
                alternatives.push(serde_json::json!({"type": "null"}));
            }
            Value::Object(map)
        }
        _ => serde_json::json!({"anyOf": [{"type": "null"}, Value::Object(map)]}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(schemas: Value, version: &str) -> Value {
        json!({"openapi": version, "components": {"schemas": schemas}})
    }

    #[test]
    fn nullable_and_refs_mean_what_openapi_30_says() {
        let doc = spec(
            json!({
                "Name": {"type": "string", "nullable": true, "maxLength": 3},
                "Pet": {"type": "object", "required": ["name"], "properties": {"name": {"$ref": "#/components/schemas/Name"}}},
                "Kind": {"type": "string", "enum": ["a"], "nullable": true}
            }),
            "3.0.3",
        );
        let schemas = Schemas::new(&doc).unwrap();
        let valid = |pointer: &str, value: Value| schemas.is_valid(pointer, &value).unwrap();
        assert!(valid("#/components/schemas/Name", json!(null)));
        assert!(!valid("#/components/schemas/Name", json!("long")));
        assert!(valid("#/components/schemas/Pet", json!({"name": null})));
        assert!(!valid("#/components/schemas/Pet", json!({"name": 3})));
        assert!(valid("#/components/schemas/Kind", json!(null)));
        assert!(!valid("#/components/schemas/Kind", json!("b")));
        assert_eq!(
            schemas.is_valid("#/components/schemas/Missing", &json!(1)),
            None
        );
    }

    #[test]
    fn union_alternatives_are_validators_of_their_own() {
        let doc = spec(
            json!({"U": {"oneOf": [{"type": "string"}, {"type": "string", "enum": ["a"]}]}}),
            "3.1.0",
        );
        let schemas = Schemas::new(&doc).unwrap();
        // "a" fits both alternatives, so it is not valid for the oneOf.
        assert_eq!(
            schemas.is_valid("#/components/schemas/U", &json!("a")),
            Some(false)
        );
        assert_eq!(
            schemas.is_valid("#/components/schemas/U/oneOf/1", &json!("a")),
            Some(true)
        );
        assert!(schemas
            .errors("#/components/schemas/U", &json!("a"))
            .is_some());
    }
}
