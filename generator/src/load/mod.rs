//! Stage 1, load: text to an `openapiv3::OpenAPI`, with errors that carry a JSON
//! pointer and, where the parser gives one, a line and column.
//!
//! The text is read first into a JSON value (YAML through a lenient reader that
//! refuses a key given twice and keeps integers beyond 64 bits), then the
//! deviations from OpenAPI 3.0 that real specs carry and a generator can live
//! with (a response without `description`, an integer bound beyond `i64`) are
//! repaired with a warning each (see `repair`), and the value is read as
//! `openapiv3::OpenAPI`. When that read fails, `locate` finds the deepest place
//! that does not read and its line and column in the text.
//!
//! Reading from a value rather than straight from the text also keeps
//! `openapiv3` 2.2 from panicking: it reads a `$ref`-or-item a second time from
//! a JSON value to improve its message and `expect`s that read to fail, which
//! it does not when the two reads see different documents (a key given twice in
//! YAML, found by fuzzing).

pub mod lenient;
mod locate;
mod normalize;

pub use normalize::WEBHOOKS_EXTENSION;
mod repair;

use std::panic::{catch_unwind, AssertUnwindSafe};

use openapiv3::OpenAPI;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Location, Result, Warning};

/// A loaded document and what was repaired on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document.
    pub doc: OpenAPI,
    /// The repairs made to it.
    pub warnings: Vec<Warning>,
}

/// Parses `text` (YAML or JSON) as an OpenAPI 3.0.x or 3.1.x document (the
/// latter rewritten as 3.0). `file` names the document in error messages.
pub fn load(file: &str, text: &str) -> Result<Loaded> {
    if text.trim().is_empty() {
        return Err(Error::spec(
            file,
            Location::pointer("#"),
            "the document is empty; expected an OpenAPI 3.0 document",
        ));
    }
    let json = looks_like_json(text);
    let mut value = parse(file, text, json)?;
    let version = check_version(file, &value)?;
    if !json && version == Version::V30 && !needs_repair(text) {
        // YAML is read from its text first: serde_yaml hands a plain scalar
        // such as `version: 1.10` to a string field as written, which the
        // JSON value (the number 1.1) has lost. The lenient read above has
        // already refused a key given twice, the one input known to make
        // openapiv3 panic here; the guard is for any other.
        let strict = catch_unwind(AssertUnwindSafe(|| serde_yaml::from_str::<OpenAPI>(text)));
        if let Ok(Ok(doc)) = strict {
            return Ok(Loaded {
                doc,
                warnings: Vec::new(),
            });
        }
    }
    let mut warnings = prepare(&mut value, version);
    if json {
        // The common case reads the value itself, moving its strings rather
        // than copying them (a tenth of the time on GitHub's 3.7 MB spec); a
        // failure, rare, reads the text again for `locate`.
        let owned = std::mem::take(&mut value);
        let read = catch_unwind(AssertUnwindSafe(|| OpenAPI::deserialize(owned)));
        if let Ok(Ok(doc)) = read {
            return Ok(Loaded { doc, warnings });
        }
        value = parse(file, text, json)?;
        warnings = prepare(&mut value, version);
    }
    // Each round either reads the document or turns one YAML scalar into the
    // string its field wants; the bound only stops a document made of
    // thousands of them from taking long.
    for _ in 0..256 {
        let read = catch_unwind(AssertUnwindSafe(|| OpenAPI::deserialize(&value)));
        if let Ok(Ok(doc)) = read {
            return Ok(Loaded { doc, warnings });
        }
        let (pointer, message) = locate::deepest_failure(&value).unwrap_or_else(|| {
            (
                "#".to_owned(),
                "the OpenAPI reader failed on this document".to_owned(),
            )
        });
        match (
            json,
            repair::scalar_as_string(&mut value, &pointer, &message),
        ) {
            (false, Some(warning)) => warnings.push(warning),
            _ => {
                let line_column = locate::position(text, json, &pointer);
                return Err(located(file, pointer, line_column, &message));
            }
        }
    }
    Err(Error::spec(
        file,
        Location::pointer("#"),
        "too many unquoted numbers where OpenAPI wants strings; quote them",
    ))
}

/// Whether the text holds something `repair` changes that `openapiv3`
/// would read without complaint, but wrongly: an empty `$ref` (which names
/// nothing) or a bound written as a float (`minimum: 1.0`, which makes an
/// integer schema read as an untyped one). A scan of the text, so that the
/// common YAML document keeps its fast read.
fn needs_repair(text: &str) -> bool {
    let value_after = |key: &'static str| {
        text.match_indices(key).filter_map(move |(at, key)| {
            let rest = text[at + key.len()..].trim_start_matches(['"', '\'']);
            let rest = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
            Some(rest.trim_start_matches([' ', '\t']))
        })
    };
    let empty_ref = value_after("$ref").any(|v| v.starts_with("''") || v.starts_with("\"\""));
    let float_bound = repair::INTEGER_BOUNDS.iter().any(|key| {
        value_after(key).any(|v| {
            let number = v
                .split(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
                .next()
                .unwrap_or("");
            number.contains('.') || number.contains(['e', 'E'])
        })
    });
    empty_ref || float_bound
}

/// The OpenAPI versions sdkgen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V30,
    /// Read as the 3.0 document it means (see `normalize`).
    V31,
}

/// The value made ready for `openapiv3`: a 3.1 document rewritten as 3.0,
/// then the repairs; the warnings of both.
fn prepare(value: &mut Value, version: Version) -> Vec<Warning> {
    let mut warnings = match version {
        Version::V30 => Vec::new(),
        Version::V31 => normalize::to_30(value),
    };
    warnings.extend(repair::repair(value));
    warnings
}

/// The line and column of `pointer` in `text`, where it can be found: for
/// errors found after loading (a dangling `$ref`), which know only the pointer.
pub fn position(text: &str, pointer: &str) -> Option<(usize, usize)> {
    locate::position(text, looks_like_json(text), pointer)
}

/// JSON documents start with `{`; everything else is read as YAML. serde_json is
/// used for JSON because it is several times faster than the YAML parser on the
/// multi-megabyte specs.
fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

fn check_version(file: &str, doc: &Value) -> Result<Version> {
    if !doc.is_object() {
        let found = match doc {
            Value::Array(_) => "a list",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            _ => "null",
        };
        return Err(Error::spec(
            file,
            Location::pointer("#"),
            format!("the document is {found}, not a mapping; expected an OpenAPI 3.0 document"),
        ));
    }
    if doc.get("swagger").is_some() {
        return Err(Error::spec(
            file,
            Location::pointer("#/swagger"),
            "this is a Swagger 2.0 document; sdkgen reads OpenAPI 3.0. Convert it first \
             (for example with swagger2openapi)",
        ));
    }
    let version = match doc.get("openapi") {
        None => {
            return Err(Error::spec(
                file,
                Location::pointer("#"),
                "missing `openapi` field; expected `openapi: 3.0.x` at the top of the document",
            ))
        }
        Some(serde_json::Value::String(version)) => version.as_str(),
        Some(other) => {
            return Err(Error::spec(
                file,
                Location::pointer("#/openapi"),
                format!("`openapi` must be a string such as \"3.0.3\", found {other}"),
            ))
        }
    };
    if version.starts_with("3.0.") || version == "3.0" {
        Ok(Version::V30)
    } else if version.starts_with("3.1.") || version == "3.1" {
        Ok(Version::V31)
    } else if version.starts_with('3') {
        Err(Error::spec(
            file,
            Location::pointer("#/openapi"),
            format!("OpenAPI {version} is not supported yet; sdkgen reads OpenAPI 3.0.x and 3.1.x"),
        ))
    } else {
        Err(Error::spec(
            file,
            Location::pointer("#/openapi"),
            format!(
                "unsupported OpenAPI version {version:?}; sdkgen reads OpenAPI 3.0.x and 3.1.x"
            ),
        ))
    }
}

/// Reads the text as a JSON value (leniently, see `lenient`). A failure is
/// read again through `serde_path_to_error`, so that it names the place it
/// happened as a JSON pointer: tracking the path costs a third of the read,
/// and only a failure needs it.
fn parse(file: &str, text: &str, json: bool) -> Result<Value> {
    let quick = if json {
        serde_json::from_str::<lenient::Lenient>(text).ok()
    } else {
        serde_yaml::from_str::<lenient::Lenient>(text).ok()
    };
    if let Some(lenient::Lenient(value)) = quick {
        return Ok(value);
    }
    if json {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de)
            .map(|lenient::Lenient(value)| value)
            .map_err(|err| {
                let pointer = crate::pointer::join(&path_segments(err.path()));
                let inner = err.into_inner();
                let line_column = (inner.line() > 0).then(|| (inner.line(), inner.column()));
                located(
                    file,
                    pointer,
                    line_column,
                    &without_positions(&inner.to_string()),
                )
            })
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de)
            .map(|lenient::Lenient(value)| value)
            .map_err(|err| {
                let pointer = crate::pointer::join(&path_segments(err.path()));
                let inner = err.into_inner();
                let line_column = inner.location().map(|l| (l.line(), l.column()));
                located(file, pointer, line_column, &yaml_message(&inner))
            })
    }
}

fn located(
    file: &str,
    pointer: String,
    line_column: Option<(usize, usize)>,
    message: &dyn std::fmt::Display,
) -> Error {
    let mut message = message.to_string();
    if pointer == "#" {
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            message = format!(
                "missing `{field}`; an OpenAPI 3.0 document needs `openapi`, `info` (with \
                 `title` and `version`) and `paths` at the top"
            );
        }
    }
    Error::spec(
        file,
        Location {
            pointer,
            line_column,
        },
        message,
    )
}

/// serde_yaml's message without what is already in front of it: it starts
/// with a dotted path and puts positions in it, which the error gives as a
/// pointer and line:column.
fn yaml_message(error: &serde_yaml::Error) -> String {
    let mut message = error.to_string();
    if let Some((head, rest)) = message.split_once(": ") {
        if !head.contains(' ') && !rest.is_empty() {
            message = rest.to_owned();
        }
    }
    without_positions(&message)
}

/// `message` without the " at line N column M" that serde_yaml writes into it.
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        let after = &rest[at + " at line ".len()..];
        let line_digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[line_digits..];
        match tail.strip_prefix(" column ") {
            Some(column) if line_digits > 0 => {
                let column_digits = column.bytes().take_while(u8::is_ascii_digit).count();
                out.push_str(&rest[..at]);
                rest = &column[column_digits..];
            }
            _ => {
                out.push_str(&rest[..at + 1]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The segments of a serde path (map keys, list indexes), unescaped.
fn path_segments(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        load("t.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn empty_document_is_named() {
        assert_eq!(
            err("  \n"),
            "t.yaml:#: the document is empty; expected an OpenAPI 3.0 document"
        );
    }

    #[test]
    fn positions_are_taken_out_of_messages() {
        assert_eq!(
            without_positions(
                "did not find ',' at line 3 column 1, while parsing at line 2 column 7"
            ),
            "did not find ',', while parsing"
        );
        assert_eq!(without_positions("at lineage 5"), "at lineage 5");
    }

    /// Found by fuzzing: openapiv3's reader panicked on a key given twice.
    #[test]
    fn a_key_given_twice_is_an_error_not_a_panic() {
        let text = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /pets:\n    description: one\n    description: two\n";
        assert_eq!(
            err(text),
            "t.yaml:5:5: #/paths/~1pets: the key `description` is given twice in one mapping"
        );
    }

    #[test]
    fn swagger_2_is_recognised() {
        let message = err("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n");
        assert!(message.contains("#/swagger"), "{message}");
        assert!(message.contains("Swagger 2.0"), "{message}");
    }

    #[test]
    fn openapi_32_is_refused_with_its_version() {
        let message = err("openapi: 3.2.0\ninfo: {title: x, version: '1'}\n");
        assert!(
            message.contains("OpenAPI 3.2.0 is not supported yet"),
            "{message}"
        );
    }

    /// 3.1 is read as the 3.0 document it means; `paths` may be left out.
    #[test]
    fn openapi_31_is_read_as_30() {
        let loaded = load(
            "t.yaml",
            "openapi: 3.1.0\ninfo: {title: x, version: '1'}\ncomponents:\n  schemas:\n    n: {type: [integer, 'null']}\n",
        )
        .unwrap();
        assert_eq!(loaded.doc.openapi, "3.0.3");
        assert!(loaded.doc.paths.paths.is_empty());
        let schema = loaded.doc.components.unwrap().schemas["n"]
            .clone()
            .into_item()
            .unwrap();
        assert!(schema.schema_data.nullable);
    }

    #[test]
    fn type_errors_carry_pointer_and_line() {
        let text = "openapi: 3.0.3\ninfo:\n  title: [a]\n  version: '1'\npaths: {}\n";
        assert_eq!(
            err(text),
            "t.yaml:3:10: #/info/title: invalid type: sequence, expected a string"
        );
    }

    /// openapiv3 reads `paths` through a flattened map, which hides the path
    /// below it from serde; the walk in `locate` finds the place again.
    #[test]
    fn errors_below_paths_name_the_deepest_place_and_its_line() {
        let text = "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses: 7\n";
        assert_eq!(
            err(text),
            "t.yaml:8:18: #/paths/~1pets/get/responses: invalid type: integer `7`, expected struct Responses"
        );
    }

    /// A schema's fields are flattened and its `$ref`-or-item is untagged in
    /// openapiv3: both lose the place, which the walk recovers key by key.
    #[test]
    fn errors_inside_schemas_name_the_key() {
        let text = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name:\n          type: string\n          nullable: maybe\n";
        assert_eq!(
            err(text),
            "t.yaml:11:21: #/components/schemas/Pet/properties/name/nullable: invalid type: string \"maybe\", expected a boolean"
        );
    }

    #[test]
    fn a_list_of_types_is_explained_as_openapi_31() {
        let text = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: [string, 'null']}\n";
        let message = err(text);
        assert!(
            message.starts_with(
                "t.yaml:11:30: #/paths/~1a/get/responses/200/content/application~1json/schema/type: `type: [\"string\",\"null\"]` is a list of types, which is OpenAPI 3.1"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_ref_that_is_not_a_string_is_named() {
        let text = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: 5\n      responses: {}\n";
        let message = err(text);
        assert!(
            message.starts_with(
                "t.yaml:7:17: #/paths/~1a/get/parameters/0/$ref: `$ref` must be a string"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_document_that_is_not_a_mapping_is_named() {
        assert_eq!(
            err("just some words\n"),
            "t.yaml:#: the document is a string, not a mapping; expected an OpenAPI 3.0 document"
        );
    }

    #[test]
    fn positions_are_found_in_yaml_and_json() {
        let yaml = "a:\n  b:\n    - x\n    - {c: 1}\n  200: y\n";
        assert_eq!(position(yaml, "#/a/b/1/c"), Some((4, 11)));
        assert_eq!(position(yaml, "#/a/200"), Some((5, 8)));
        assert_eq!(position(yaml, "#/a/missing"), None);
        let json = "{\"a\": {\"b/c\": [1,\n 2]}}";
        assert_eq!(position(json, "#/a/b~1c/1").map(|(line, _)| line), Some(2));
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let text = "{\"openapi\": \"3.0.0\",\n \"info\": {\"title\": 5, \"version\": \"1\"}, \"paths\": {}}";
        let message = err(text);
        assert!(message.starts_with("t.yaml:2:"), "{message}");
        assert!(message.contains("#/info/title"), "{message}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn valid_document_loads() {
        let loaded = load(
            "t.yaml",
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n",
        )
        .unwrap();
        assert_eq!(loaded.doc.info.title, "x");
        assert_eq!(loaded.warnings, []);
    }

    #[test]
    fn responses_without_description_are_repaired() {
        let loaded = load(
            "t.yaml",
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          content: {}\n",
        )
        .unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(
            loaded.warnings[0].location.pointer,
            "#/paths/~1a/get/responses/200"
        );
        assert!(loaded.warnings[0].message.contains("description"));
    }

    #[test]
    fn an_empty_ref_is_any_value_in_yaml_and_json() {
        for text in [
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        v: {$ref: ''}\n",
            r#"{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}, "components": {"schemas": {"A": {"properties": {"v": {"$ref": ""}}}}}}"#,
        ] {
            let loaded = load("t", text).unwrap();
            assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
            assert_eq!(loaded.warnings[0].location.pointer, "#/components/schemas/A/properties/v/$ref");
            let resolved = crate::resolve::resolve("t", &loaded.doc).unwrap();
            let a = resolved.api.types.iter().find(|t| t.name == "A").unwrap();
            let crate::ir::TypeKind::Struct(body) = &a.kind else { panic!("{a:?}") };
            assert_eq!(body.fields[0].ty, crate::ir::TypeRef::Json);
        }
        assert!(needs_repair("a:\n  $ref:  \"\"\n"));
        assert!(!needs_repair("a:\n  $ref: '#/x'\n  minimum: 10\n"));
        assert!(needs_repair("{minimum: 1.0}"));
        assert!(needs_repair("\"maximum\": 1e3"));
    }

    /// pydantic writes integer bounds as floats (`minimum: 1.0`): they are
    /// those integers, with no warning, so `--strict` reads FastAPI's specs.
    #[test]
    fn whole_float_bounds_of_integers_are_kept_silently() {
        let loaded = load(
            "t.yaml",
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    n: {type: integer, minimum: 1.0, maximum: 150.0}\n",
        )
        .unwrap();
        assert_eq!(loaded.warnings.len(), 0, "{:?}", loaded.warnings);
        let Some(openapiv3::ReferenceOr::Item(n)) =
            loaded.doc.components.unwrap().schemas.get("n").cloned()
        else {
            panic!()
        };
        let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(n)) = n.schema_kind else {
            panic!()
        };
        assert_eq!((n.minimum, n.maximum), (Some(1), Some(150)));
    }

    #[test]
    fn integer_bounds_beyond_i64_are_dropped() {
        let loaded = load(
            "t.yaml",
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    n: {type: integer, minimum: -9223372036854776000, maximum: 5}\n",
        )
        .unwrap();
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert_eq!(
            loaded.warnings[0].location.pointer,
            "#/components/schemas/n/minimum"
        );
    }

    #[test]
    fn unrepairable_documents_name_the_deepest_place() {
        let message = err("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200: {}\n      parameters: 5\n");
        assert_eq!(
            message,
            "t.yaml:8:19: #/paths/~1a/get/parameters: invalid type: integer `5`, expected a sequence"
        );
    }

    /// serde_yaml gives an unquoted scalar to a string field as written; after
    /// a repair, the value path can only give the number's text, and says so.
    #[test]
    fn unquoted_numbers_in_string_fields_read_as_strings() {
        let plain = load(
            "t.yaml",
            "openapi: 3.0.3\ninfo: {title: x, version: 1.10}\npaths: {}\n",
        )
        .unwrap();
        assert_eq!(plain.doc.info.version, "1.10");
        assert_eq!(plain.warnings, []);

        let repaired = load(
            "t.yaml",
            "openapi: 3.0.3\ninfo: {title: 2024, version: 1.10}\npaths:\n  /a:\n    get:\n      responses:\n        200: {}\n",
        )
        .unwrap();
        assert_eq!(repaired.doc.info.title, "2024");
        assert_eq!(repaired.doc.info.version, "1.1");
        let messages: Vec<(&str, &str)> = repaired
            .warnings
            .iter()
            .map(|w| (w.location.pointer.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "#/paths/~1a/get/responses/200",
                    "response has no `description` (required by OpenAPI 3.0); read as empty"
                ),
                (
                    "#/info/title",
                    "unquoted `2024` read as the string \"2024\"; quote it to keep it as written"
                ),
                (
                    "#/info/version",
                    "unquoted `1.1` read as the string \"1.1\"; quote it to keep it as written"
                ),
            ]
        );
    }

    #[test]
    fn json_numbers_are_not_strings() {
        let message = err(
            "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"x\", \"version\": 1}, \"paths\": {}}",
        );
        assert!(
            message.contains("#/info/version: invalid type: integer `1`, expected a string"),
            "{message}"
        );
    }
}
