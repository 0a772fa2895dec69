//! `cargo xtask scale-spec`: a synthetic spec N times the size of a real one,
//! for measuring how generation grows with the size of a spec. Every path,
//! operation and component is repeated under N prefixes (`/s0/…`, `s0-…`,
//! `/s1/…`, …), and every `$ref` of a copy points into its own copy, so
//! the copies are N independent APIs in one document with the real one's
//! shapes, names and descriptions. Tags are kept: the copies share the
//! real spec's groups (and so its per-tag features).

use std::path::Path;

use serde_json::{Map, Value};

/// Writes `times` copies of the spec at `spec` (JSON or YAML) into `out` as
/// JSON.
pub fn run(spec: &Path, times: usize, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let doc: Value = serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let scaled = scale(&doc, times)?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let json = serde_json::to_string_pretty(&scaled).map_err(|e| e.to_string())?;
    std::fs::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "{} × {times} → {} ({} paths)",
        spec.display(),
        out.display(),
        scaled["paths"].as_object().map_or(0, Map::len)
    );
    Ok(())
}

/// The document with its paths and components repeated `times` times.
pub fn scale(doc: &Value, times: usize) -> Result<Value, String> {
    let paths = doc["paths"]
        .as_object()
        .ok_or("the spec has no `paths` object")?;
    let mut out = doc.clone();
    let mut new_paths = Map::new();
    let mut new_components = Map::new();
    for copy in 0..times {
        let prefix = format!("s{copy}-");
        for (path, item) in paths {
            let mut item = item.clone();
            retarget(&mut item, &prefix);
            rename_operations(&mut item, &prefix);
            new_paths.insert(format!("/s{copy}{path}"), item);
        }
        if let Some(components) = doc["components"].as_object() {
            for (kind, entries) in components {
                let Some(entries) = entries.as_object() else {
                    continue;
                };
                // Security schemes are named by requirements, not `$ref`s.
                let rename = kind != "securitySchemes";
                let target = new_components
                    .entry(kind.clone())
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .expect("inserted as an object");
                for (name, entry) in entries {
                    let mut entry = entry.clone();
                    retarget(&mut entry, &prefix);
                    let name = if rename {
                        format!("{prefix}{name}")
                    } else {
                        name.clone()
                    };
                    target.insert(name, entry);
                }
            }
        }
    }
    out["paths"] = Value::Object(new_paths);
    if doc.get("components").is_some() {
        out["components"] = Value::Object(new_components);
    }
    Ok(out)
}

/// Points every local component `$ref` inside `value` at the copy `prefix`.
fn retarget(value: &mut Value, prefix: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref" {
                    if let Value::String(target) = child {
                        if let Some(rest) = target.strip_prefix("#/components/") {
                            if let Some((kind, name)) = rest.split_once('/') {
                                *target = format!("#/components/{kind}/{prefix}{name}");
                            }
                        }
                    }
                } else {
                    retarget(child, prefix);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| retarget(item, prefix)),
        _ => {}
    }
}

/// Prefixes the `operationId` of each operation of a path item.
fn rename_operations(item: &mut Value, prefix: &str) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    for (_, operation) in item.iter_mut() {
        if let Some(Value::String(id)) = operation.get_mut("operationId") {
            *id = format!("{prefix}{id}");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn copies_point_into_their_own_components() {
        let doc = json!({
            "openapi": "3.0.3",
            "paths": {"/pets": {"get": {"operationId": "list", "tags": ["pets"],
                "responses": {"200": {"$ref": "#/components/responses/Pets"}}}}},
            "components": {
                "responses": {"Pets": {"description": "d", "content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/Pet"}}}}},
                "schemas": {"Pet": {"type": "object"}},
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}}
            }
        });
        let scaled = super::scale(&doc, 2).unwrap();
        let op = &scaled["paths"]["/s1/pets"]["get"];
        assert_eq!(op["operationId"], "s1-list");
        assert_eq!(op["tags"], json!(["pets"]));
        assert_eq!(
            op["responses"]["200"]["$ref"],
            "#/components/responses/s1-Pets"
        );
        let response = &scaled["components"]["responses"]["s1-Pets"];
        assert_eq!(
            response["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/s1-Pet"
        );
        assert!(scaled["components"]["schemas"]["s0-Pet"].is_object());
        assert_eq!(scaled["paths"].as_object().unwrap().len(), 2);
        assert!(scaled["components"]["securitySchemes"]["key"].is_object());
        // The original document is left as it was.
        assert!(doc["paths"]["/pets"].is_object());
    }
}
