//! OpenAPI 3.1 documents rewritten as the OpenAPI 3.0 documents that mean the
//! same to a generator, before `openapiv3` (which models only 3.0) reads them.
//! See docs/openapi-3.1.md for why this is a pass over the JSON value rather
//! than a reader of our own, and what each construct becomes.
//!
//! The rest of the pipeline is unchanged: resolve, emit and the generated code
//! never know the document was 3.1. What cannot be said in 3.0 is dropped or
//! widened with a located warning, never silently.

use serde_json::{json, Map, Value};

use crate::error::{Location, Warning};
use crate::naming;
use crate::pointer::{escape, unescape};

/// Rewrites the 3.1 document `doc` as 3.0 in place, and says what it could
/// not carry over.
pub fn to_30(doc: &mut Value) -> Vec<Warning> {
    let mut out = Normalizer {
        warnings: Vec::new(),
    };
    let Some(root) = doc.as_object_mut() else {
        return out.warnings;
    };
    root.insert("openapi".to_owned(), json!("3.0.3"));
    root.remove("jsonSchemaDialect");
    if let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) {
        // 3.0 has no `summary`; the description says more anyway.
        info.remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            license.remove("identifier");
        }
    }
    root.entry("paths").or_insert_with(|| json!({}));
    out.inline_path_item_refs(root);
    out.webhooks(root);
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("pathItems");
    }
    out.walk(doc, &mut String::from("#"), false);
    out.warnings
}

struct Normalizer {
    warnings: Vec<Warning>,
}

/// Keywords of a schema whose values are schemas, and how: one schema, a list
/// of them, or a map of names to them. Only those 3.0 has: a schema's own
/// keywords are rewritten (and the others dropped) before its children are
/// walked.
const ONE: &[&str] = &["items", "not", "additionalProperties"];
const LIST: &[&str] = &["allOf", "anyOf", "oneOf"];
const MAP: &[&str] = &["properties"];

/// Keywords that only identify or annotate a schema: dropped without a word.
const IDENTIFYING: &[&str] = &["$schema", "$id", "$anchor", "$dynamicAnchor", "$comment"];

/// JSON Schema keywords 3.1 allows that 3.0 has no way to say; the value they
/// constrain is generated without them, with a warning.
const DROPPED: &[&str] = &[
    "$dynamicRef",
    "$defs",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "unevaluatedProperties",
];

impl Normalizer {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Warning {
            location: Location::pointer(pointer),
            message: message.into(),
        });
    }

    /// 3.1 lets `paths` (and webhooks) refer to `components.pathItems`, which
    /// 3.0 does not have: each such path item is written out in place.
    fn inline_path_item_refs(&mut self, root: &mut Map<String, Value>) {
        let items = root
            .get("components")
            .and_then(|c| c.get("pathItems"))
            .cloned()
            .unwrap_or_else(|| json!({}));
        for section in ["paths", "webhooks"] {
            let Some(entries) = root.get_mut(section).and_then(Value::as_object_mut) else {
                continue;
            };
            for (key, item) in entries.iter_mut() {
                let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
                    continue;
                };
                let pointer = format!("#/{section}/{}", escape(key));
                match reference
                    .strip_prefix("#/components/pathItems/")
                    .and_then(|name| items.get(unescape(name)))
                {
                    Some(target) => *item = target.clone(),
                    None => {
                        let message = format!(
                            "`$ref: {reference}` points at no entry of components.pathItems; \
                             the path is left out"
                        );
                        self.warn(&pointer, message);
                        *item = json!({});
                    }
                }
            }
        }
    }

    /// Webhooks are requests the API sends, not ones the client makes: the
    /// client has no method for them, but their payloads are types a receiver
    /// needs. Each inline request body schema becomes a component schema named
    /// after the webhook (`newPet` → `NewPetPayload`); a `$ref` body's type is
    /// a component already.
    fn webhooks(&mut self, root: &mut Map<String, Value>) {
        let Some(Value::Object(webhooks)) = root.remove("webhooks") else {
            return;
        };
        let components = root
            .entry("components")
            .or_insert_with(|| json!({}))
            .as_object_mut();
        let Some(components) = components else {
            return;
        };
        let schemas = components.entry("schemas").or_insert_with(|| json!({}));
        let Some(schemas) = schemas.as_object_mut() else {
            return;
        };
        // What resolve needs to type the `webhooks` module: each webhook's
        // name, method, payload schema and docs, under an extension of ours
        // (the 3.0 model has no place for them).
        let mut found = Vec::new();
        for (name, item) in &webhooks {
            let Some(item) = item.as_object() else {
                continue;
            };
            let methods: Vec<(&String, &Value)> =
                item.iter().filter(|(key, _)| is_method(key)).collect();
            for (method, operation) in &methods {
                let Some(content) = operation
                    .get("requestBody")
                    .and_then(|b| b.get("content"))
                    .and_then(Value::as_object)
                else {
                    continue;
                };
                let Some((media_type, schema)) = content
                    .iter()
                    .find(|(m, _)| m.contains("json"))
                    .or_else(|| content.iter().next())
                    .and_then(|(m, media)| Some((m, media.get("schema")?)))
                else {
                    continue;
                };
                let pointer = format!(
                    "#/webhooks/{}/{method}/requestBody/content/{}/schema",
                    escape(name),
                    escape(media_type)
                );
                let doc = operation
                    .get("summary")
                    .or_else(|| operation.get("description"))
                    .cloned()
                    .unwrap_or(Value::Null);
                let mut record = |schema: String| {
                    found.push(json!({
                        "key": name,
                        "method": method,
                        "schema": schema,
                        "doc": doc,
                        "pointer": format!("#/webhooks/{}/{method}", escape(name)),
                    }))
                };
                if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
                    record(reference.to_owned());
                    let target = reference.rsplit('/').next().unwrap_or(reference);
                    self.warn(
                        &pointer,
                        format!(
                            "webhook `{name}` is a request the API sends: no client method, \
                             `webhooks::Verifier` reads it; its payload is the type of \
                             schema `{target}`"
                        ),
                    );
                    continue;
                }
                let wanted = naming::webhook_payload_key(name, method, methods.len() > 1);
                let mut key = wanted.clone();
                let mut n = 2;
                while schemas.contains_key(&key) {
                    key = format!("{wanted}{n}");
                    n += 1;
                }
                self.warn(
                    &pointer,
                    format!(
                        "webhook `{name}` is a request the API sends: no client method, \
                         `webhooks::Verifier` reads it; its payload is the type of \
                         schema `{key}`"
                    ),
                );
                record(format!("#/components/schemas/{}", escape(&key)));
                schemas.insert(key, schema.clone());
            }
        }
        if !found.is_empty() {
            root.insert(WEBHOOKS_EXTENSION.to_owned(), Value::Array(found));
        }
    }

    /// Walks the document; `in_schema` says `value` is a schema.
    fn walk(&mut self, value: &mut Value, pointer: &mut String, in_schema: bool) {
        if in_schema {
            self.schema(value, pointer);
        }
        match value {
            Value::Object(map) => {
                // An operation may leave `responses` out in 3.1.
                let is_operation_parent = pointer_ends_in_path_item(pointer);
                for (key, child) in map.iter_mut() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape(key));
                    if is_operation_parent && is_method(key) {
                        if let Some(operation) = child.as_object_mut() {
                            operation.entry("responses").or_insert_with(|| json!({}));
                        }
                    }
                    let child_is_schema = if in_schema {
                        ONE.contains(&key.as_str())
                    } else {
                        key == "schema"
                            || pointer.starts_with("#/components/schemas/") && depth(pointer) == 4
                    };
                    if in_schema && (LIST.contains(&key.as_str()) || MAP.contains(&key.as_str())) {
                        self.schema_children(child, pointer);
                    } else {
                        self.walk(child, pointer, child_is_schema);
                    }
                    pointer.truncate(len);
                }
            }
            Value::Array(items) if !in_schema => {
                for (index, child) in items.iter_mut().enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{index}"));
                    self.walk(child, pointer, false);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// The schemas in a list (`allOf`) or map (`properties`) keyword.
    fn schema_children(&mut self, holder: &mut Value, pointer: &mut String) {
        match holder {
            Value::Array(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{index}"));
                    self.walk(child, pointer, true);
                    pointer.truncate(len);
                }
            }
            Value::Object(entries) => {
                for (key, child) in entries.iter_mut() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape(key));
                    self.walk(child, pointer, true);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// One schema's own keywords, rewritten as 3.0 says them.
    fn schema(&mut self, value: &mut Value, pointer: &str) {
        let Value::Object(schema) = value else {
            return;
        };
        // `$ref` beside other keywords: 3.1 applies both, 3.0 ignores the
        // others. A one-member `allOf` keeps both (and reads as the member's
        // type, with the description).
        if schema.contains_key("$ref") && schema.len() > 1 {
            let reference = schema.remove("$ref").unwrap_or_default();
            let mut all_of = vec![json!({ "$ref": reference })];
            if let Some(Value::Array(more)) = schema.remove("allOf") {
                all_of.extend(more);
            }
            schema.insert("allOf".to_owned(), Value::Array(all_of));
        }
        // `type: [T, "null"]` is `type: T` and `nullable: true`.
        if let Some(Value::Array(types)) = schema.get("type").cloned() {
            let nullable = types.iter().any(|t| t == "null");
            let others: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
            schema.remove("type");
            match others.as_slice() {
                [] => {}
                [one] => {
                    schema.insert("type".to_owned(), one.clone());
                }
                many => {
                    let message = format!(
                        "`type` lists several types ({}); generated as any of them",
                        many.iter()
                            .map(Value::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    self.warn(&format!("{pointer}/type"), message);
                    let alternatives: Vec<Value> =
                        many.iter().map(|t| json!({ "type": t })).collect();
                    schema.insert("anyOf".to_owned(), Value::Array(alternatives));
                }
            }
            if nullable {
                schema.insert("nullable".to_owned(), json!(true));
            }
        } else if schema.get("type").is_some_and(|t| t == "null") {
            schema.remove("type");
            schema.insert("nullable".to_owned(), json!(true));
        }
        // `{type: "null"}` among the alternatives of a union makes the union
        // nullable.
        for key in ["anyOf", "oneOf"] {
            let Some(Value::Array(alternatives)) = schema.get_mut(key) else {
                continue;
            };
            let before = alternatives.len();
            alternatives.retain(|a| !is_null_schema(a));
            if alternatives.len() < before {
                if alternatives.len() == 1 {
                    // `anyOf: [X, null]` is a nullable X.
                    let only = alternatives.remove(0);
                    schema.remove(key);
                    let mut all_of = vec![only];
                    if let Some(Value::Array(more)) = schema.remove("allOf") {
                        all_of.extend(more);
                    }
                    schema.insert("allOf".to_owned(), Value::Array(all_of));
                }
                schema.insert("nullable".to_owned(), json!(true));
            }
        }
        if let Some(constant) = schema.remove("const") {
            schema.insert("enum".to_owned(), json!([constant]));
        }
        if let Some(Value::Array(examples)) = schema.remove("examples") {
            if !schema.contains_key("example") {
                if let Some(first) = examples.into_iter().next() {
                    schema.insert("example".to_owned(), first);
                }
            }
        }
        for (bound, exclusive) in [
            ("minimum", "exclusiveMinimum"),
            ("maximum", "exclusiveMaximum"),
        ] {
            if let Some(limit) = schema.get(exclusive).filter(|v| v.is_number()).cloned() {
                schema.insert(bound.to_owned(), limit);
                schema.insert(exclusive.to_owned(), json!(true));
            }
        }
        if let Some(prefix) = schema.remove("prefixItems") {
            let kinds: Vec<&Value> = prefix
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            // Past the tuple, `items` says what may follow (anything when
            // it is absent, nothing when it is `false` or `maxItems` stops
            // at the tuple): one Rust type must hold every item.
            let rest = schema.get("items");
            let closed = rest == Some(&json!(false))
                || schema
                    .get("maxItems")
                    .and_then(Value::as_u64)
                    .is_some_and(|max| max <= kinds.len() as u64);
            let same = kinds.windows(2).all(|w| w[0] == w[1]);
            let items = match (kinds.first(), same, rest) {
                (Some(first), true, _) if closed => (*first).clone(),
                (Some(first), true, Some(rest)) if rest == *first => (*first).clone(),
                _ => json!({}),
            };
            self.warn(
                &format!("{pointer}/prefixItems"),
                "`prefixItems` (a tuple) has no 3.0 form; generated as a Vec of the \
                 items' common type (serde_json::Value when they differ, or when the \
                 items past the tuple may be of another type)",
            );
            schema.insert("items".to_owned(), items);
        }
        let encoding = schema.remove("contentEncoding");
        if encoding.as_ref().and_then(Value::as_str) == Some("base64") {
            schema.insert("format".to_owned(), json!("byte"));
        }
        if schema.remove("contentMediaType").is_some() && !schema.contains_key("format") {
            schema.insert("format".to_owned(), json!("binary"));
        }
        for keyword in IDENTIFYING {
            schema.remove(*keyword);
        }
        for keyword in DROPPED {
            if schema.remove(*keyword).is_some() {
                self.warn(
                    &format!("{pointer}/{}", escape(keyword)),
                    format!(
                        "`{keyword}` has no OpenAPI 3.0 form; the schema is generated without it"
                    ),
                );
            }
        }
    }
}

/// `{type: "null"}` and nothing else.
fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").is_some_and(|t| t == "null")
        && schema.as_object().is_some_and(|o| o.len() == 1)
}

fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// The root extension that carries a 3.1 document's webhooks to resolve.
pub const WEBHOOKS_EXTENSION: &str = "x-sdkgen-webhooks";

/// Whether `pointer` names a path item: `#/paths/{path}` or a callback's
/// `#/…/callbacks/{name}/{expression}`.
fn pointer_ends_in_path_item(pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.split('/').collect();
    matches!(parts.as_slice(), ["#", "paths", _])
        || parts.len() >= 3 && parts[parts.len() - 3] == "callbacks"
}

fn depth(pointer: &str) -> usize {
    pointer.split('/').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3.1 document with `schema` as component `S`, normalized: the schema
    /// and the warnings' pointers and messages.
    fn schema(schema: Value) -> (Value, Vec<(String, String)>) {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "components": {"schemas": {"S": schema}}
        });
        let warnings = to_30(&mut doc);
        let warnings = warnings
            .into_iter()
            .map(|w| (w.location.pointer, w.message))
            .collect();
        (doc["components"]["schemas"]["S"].clone(), warnings)
    }

    #[test]
    fn the_document_becomes_30() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "info": {"title": "t", "summary": "s", "version": "1",
                     "license": {"name": "MIT", "identifier": "MIT"}},
            "components": {}
        });
        assert_eq!(to_30(&mut doc), []);
        assert_eq!(
            doc,
            json!({
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1", "license": {"name": "MIT"}},
                "components": {},
                "paths": {}
            })
        );
    }

    #[test]
    fn type_lists_with_null_are_nullable() {
        assert_eq!(
            schema(json!({"type": ["string", "null"]})).0,
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(schema(json!({"type": "null"})).0, json!({"nullable": true}));
        let (many, warnings) = schema(json!({"type": ["string", "integer"]}));
        assert_eq!(
            many,
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(warnings[0].0, "#/components/schemas/S/type");
    }

    #[test]
    fn null_alternatives_make_unions_nullable() {
        assert_eq!(
            schema(json!({"anyOf": [{"$ref": "#/components/schemas/P"}, {"type": "null"}]})).0,
            json!({"allOf": [{"$ref": "#/components/schemas/P"}], "nullable": true})
        );
        assert_eq!(
            schema(json!({"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})).0,
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
    }

    #[test]
    fn const_examples_and_exclusive_bounds() {
        assert_eq!(
            schema(json!({"type": "string", "const": "cat", "examples": ["cat", "dog"]})).0,
            json!({"type": "string", "enum": ["cat"], "example": "cat"})
        );
        assert_eq!(
            schema(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10})).0,
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true,
                   "maximum": 10, "exclusiveMaximum": true})
        );
    }

    #[test]
    fn refs_with_siblings_become_one_member_all_ofs() {
        assert_eq!(
            schema(json!({"$ref": "#/components/schemas/P", "description": "the owner"})).0,
            json!({"description": "the owner", "allOf": [{"$ref": "#/components/schemas/P"}]})
        );
        // Nested schemas are rewritten too.
        assert_eq!(
            schema(json!({"type": "object", "properties": {
                "a": {"$ref": "#/components/schemas/P", "description": "d"},
                "b": {"type": "array", "items": {"type": ["integer", "null"]}}
            }}))
            .0,
            json!({"type": "object", "properties": {
                "a": {"description": "d", "allOf": [{"$ref": "#/components/schemas/P"}]},
                "b": {"type": "array", "items": {"type": "integer", "nullable": true}}
            }})
        );
    }

    #[test]
    fn tuples_and_content_keywords() {
        let (tuple, warnings) = schema(
            json!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}], "items": false}),
        );
        assert_eq!(tuple, json!({"type": "array", "items": {"type": "number"}}));
        assert_eq!(warnings[0].0, "#/components/schemas/S/prefixItems");
        // Past the tuple anything may follow, unless `items` or `maxItems`
        // says otherwise.
        let (open, _) = schema(
            json!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}]}),
        );
        assert_eq!(open, json!({"type": "array", "items": {}}));
        let (bounded, _) =
            schema(json!({"type": "array", "prefixItems": [{"type": "number"}], "maxItems": 1}));
        assert_eq!(
            bounded,
            json!({"type": "array", "maxItems": 1, "items": {"type": "number"}})
        );
        let (rest, _) = schema(
            json!({"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "number"}}),
        );
        assert_eq!(rest, json!({"type": "array", "items": {}}));
        let (mixed, _) = schema(
            json!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}]}),
        );
        assert_eq!(mixed, json!({"type": "array", "items": {}}));
        assert_eq!(
            schema(json!({"type": "string", "contentEncoding": "base64"})).0,
            json!({"type": "string", "format": "byte"})
        );
        assert_eq!(
            schema(json!({"type": "string", "contentMediaType": "image/png"})).0,
            json!({"type": "string", "format": "binary"})
        );
    }

    #[test]
    fn keywords_without_a_30_form_are_dropped_with_a_warning() {
        let (dropped, warnings) = schema(json!({
            "$id": "https://example.com/s", "$comment": "c",
            "type": "object", "patternProperties": {"^x": {"type": "string"}}
        }));
        assert_eq!(dropped, json!({"type": "object"}));
        assert_eq!(
            warnings,
            [(
                "#/components/schemas/S/patternProperties".to_owned(),
                "`patternProperties` has no OpenAPI 3.0 form; the schema is generated without it"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn path_items_from_components_are_written_out_and_responses_may_be_absent() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"$ref": "#/components/pathItems/A"},
                "/b": {"$ref": "#/components/pathItems/missing"}
            },
            "components": {"pathItems": {"A": {"get": {"operationId": "getA"}}}}
        });
        let warnings = to_30(&mut doc);
        assert_eq!(
            doc["paths"]["/a"],
            json!({"get": {"operationId": "getA", "responses": {}}})
        );
        assert_eq!(doc["paths"]["/b"], json!({}));
        assert_eq!(doc["components"], json!({}));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.pointer, "#/paths/~1b");
    }

    #[test]
    fn webhook_payloads_become_component_schemas() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "webhooks": {"newPet": {"post": {"requestBody": {"content": {"application/json": {
                "schema": {"type": "object", "properties": {"id": {"type": ["integer", "null"]}}}
            }}}}}}
        });
        let warnings = to_30(&mut doc);
        assert!(doc.get("webhooks").is_none());
        assert_eq!(
            doc["components"]["schemas"]["newPet_payload"],
            json!({"type": "object", "properties": {"id": {"type": "integer", "nullable": true}}})
        );
        assert_eq!(
            warnings[0].location.pointer,
            "#/webhooks/newPet/post/requestBody/content/application~1json/schema"
        );
    }
}
