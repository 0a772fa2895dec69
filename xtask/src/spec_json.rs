//! A spec read as plain JSON, straight from its text: the random-instance
//! round trip and the conformance run read schemas here, not through
//! sdkgen's loader or IR, so that they check sdkgen's reading instead of
//! repeating it.

use std::path::Path;

use serde_json::Value;

/// A spec file (YAML or JSON) as a JSON value. The text is read with
/// sdkgen's lenient YAML reader, which only turns YAML into JSON (keys that
/// are not strings, `200:`, become their text; integers beyond 64 bits
/// floats); what the schemas mean is read here, apart from sdkgen.
pub fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_yaml::from_str::<sdkgen::load::lenient::Lenient>(&text)
        .map(|lenient| lenient.0)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether the document is OpenAPI 3.1 (JSON Schema 2020-12 schemas).
pub fn is_31(doc: &Value) -> bool {
    doc.get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.1"))
}

/// Whether a schema says `null` is one of its values: 3.0's `nullable`, or
/// `null` among 3.1's types.
pub fn allows_null(schema: &serde_json::Map<String, Value>) -> bool {
    schema.get("nullable") == Some(&Value::Bool(true))
        || match schema.get("type") {
            Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
            Some(Value::String(ty)) => ty == "null",
            _ => false,
        }
}

/// The value at a `#/…` JSON pointer of the document.
pub fn at<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    doc.pointer(pointer.strip_prefix('#')?)
}

/// A JSON pointer's segment, escaped (`~0`, `~1`).
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
