//! Stage 1, load: text to an `openapiv3::OpenAPI`, with errors that carry a JSON
//! pointer and, where the parser gives one, a line and column.
//!
//! Real specs bend the 3.0 rules in ways that stop `openapiv3` but not a
//! generator (a response without `description`, an integer bound beyond
//! `i64`). When the strict parse fails, the document is parsed again as plain
//! JSON, those deviations are repaired with a warning each (see `repair`), and
//! the result is read once more; if that fails too, the strict parse's error,
//! which has a line and column, is the one reported.

pub mod lenient;
mod repair;

use std::panic::{catch_unwind, AssertUnwindSafe};

use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::error::{Error, Location, Result, Warning};

/// A loaded document and what was repaired on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document.
    pub doc: OpenAPI,
    /// The repairs made to it.
    pub warnings: Vec<Warning>,
}

/// The few top-level keys read before the full parse, so that a Swagger 2.0 or
/// OpenAPI 3.1 document gets a message about its version rather than a type error
/// deep inside it.
#[derive(Deserialize)]
struct VersionProbe {
    openapi: Option<serde_json::Value>,
    swagger: Option<serde_json::Value>,
}

/// Parses `text` (YAML or JSON) as an OpenAPI 3.0.x document. `file` names the
/// document in error messages.
pub fn load(file: &str, text: &str) -> Result<Loaded> {
    if text.trim().is_empty() {
        return Err(Error::spec(
            file,
            Location::pointer("#"),
            "the document is empty; expected an OpenAPI 3.0 document",
        ));
    }
    let json = looks_like_json(text);
    let probe: VersionProbe = parse(file, text, json)?;
    check_version(file, &probe)?;
    let strict_error = match parse_guarded(file, text, json) {
        Ok(doc) => {
            return Ok(Loaded {
                doc,
                warnings: Vec::new(),
            })
        }
        Err(error) => error,
    };
    let mut value: serde_json::Value = if json {
        match serde_json::from_str(text) {
            Ok(value) => value,
            Err(_) => return Err(strict_error),
        }
    } else {
        match parse::<lenient::Lenient>(file, text, false) {
            Ok(lenient) => lenient.0,
            // The strict read said nothing useful when the reader panicked.
            Err(lenient_error) if is_guard_error(&strict_error) => return Err(lenient_error),
            Err(_) => return Err(strict_error),
        }
    };
    // Read through a JSON value, the document may load even with no repair:
    // an integer beyond 64 bits, for one, breaks serde's buffering of the YAML
    // but is a float in the value.
    let warnings = repair::repair(&mut value);
    let lenient = catch_unwind(AssertUnwindSafe(|| {
        serde_path_to_error::deserialize::<_, OpenAPI>(value)
    }));
    match lenient {
        Ok(Ok(doc)) => Ok(Loaded { doc, warnings }),
        _ => Err(strict_error),
    }
}

/// `parse` with a guard: openapiv3 2.2 reads a `$ref`-or-item a second time
/// from a JSON value to improve its message, and `expect`s that read to fail,
/// which it does not for some YAML (a key given twice, found by fuzzing). A
/// panic in the reader becomes an error here, and the lenient path that follows
/// reads the document another way.
fn parse_guarded<T: for<'de> Deserialize<'de>>(file: &str, text: &str, json: bool) -> Result<T> {
    catch_unwind(AssertUnwindSafe(|| parse(file, text, json)))
        .unwrap_or_else(|_| Err(Error::spec(file, Location::pointer("#"), GUARD_MESSAGE)))
}

const GUARD_MESSAGE: &str = "the OpenAPI reader failed on this document";

fn is_guard_error(error: &Error) -> bool {
    matches!(error, Error::Spec { message, .. } if message == GUARD_MESSAGE)
}

/// JSON documents start with `{`; everything else is read as YAML. serde_json is
/// used for JSON because it is several times faster than the YAML parser on the
/// multi-megabyte specs.
fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

fn check_version(file: &str, probe: &VersionProbe) -> Result<()> {
    if probe.swagger.is_some() {
        return Err(Error::spec(
            file,
            Location::pointer("#/swagger"),
            "this is a Swagger 2.0 document; sdkgen reads OpenAPI 3.0. Convert it first \
             (for example with swagger2openapi)",
        ));
    }
    let version = match &probe.openapi {
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
        Ok(())
    } else if version.starts_with("3.1") {
        Err(Error::spec(
            file,
            Location::pointer("#/openapi"),
            format!("OpenAPI {version} is not supported yet; sdkgen reads OpenAPI 3.0.x"),
        ))
    } else {
        Err(Error::spec(
            file,
            Location::pointer("#/openapi"),
            format!("unsupported OpenAPI version {version:?}; sdkgen reads OpenAPI 3.0.x"),
        ))
    }
}

/// Deserializes through `serde_path_to_error`, so a failure names the place it
/// happened as a JSON pointer.
fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str, json: bool) -> Result<T> {
    if json {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let pointer = pointer_of(err.path());
            let inner = err.into_inner();
            let line_column = (inner.line() > 0).then(|| (inner.line(), inner.column()));
            located(file, pointer, line_column, &inner)
        })
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| {
            let pointer = pointer_of(err.path());
            let inner = err.into_inner();
            let line_column = inner.location().map(|l| (l.line(), l.column()));
            located(file, pointer, line_column, &inner)
        })
    }
}

fn located(
    file: &str,
    pointer: String,
    line_column: Option<(usize, usize)>,
    message: &dyn std::fmt::Display,
) -> Error {
    // serde_yaml starts its message with a dotted path and puts positions in
    // it; both are already in front, as a pointer and line:column.
    let mut message = message.to_string();
    if let Some((head, rest)) = message.split_once(": ") {
        if !head.contains(' ') && !rest.is_empty() {
            message = rest.to_owned();
        }
    }
    let mut message = without_positions(&message);
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

/// Turns a serde path into an RFC 6901 JSON pointer (`~` and `/` escaped).
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        let part = match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } => key.replace('~', "~0").replace('/', "~1"),
            Segment::Enum { variant } => variant.clone(),
            Segment::Unknown => continue,
        };
        pointer.push('/');
        pointer.push_str(&part);
    }
    pointer
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
    fn openapi_31_is_refused_with_its_version() {
        let message = err("openapi: 3.1.0\ninfo: {title: x, version: '1'}\n");
        assert!(
            message.contains("OpenAPI 3.1.0 is not supported yet"),
            "{message}"
        );
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
    /// below it from serde; the error still names `#/paths` and a line.
    #[test]
    fn errors_below_paths_name_paths_and_a_line() {
        let text = "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses: 7\n";
        let message = err(text);
        assert!(message.starts_with("t.yaml:6:3: #/paths:"), "{message}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let text = "{\"openapi\": \"3.0.0\",\n \"info\": {\"title\": 5, \"version\": \"1\"}, \"paths\": {}}";
        let message = err(text);
        assert!(message.starts_with("t.yaml:2:"), "{message}");
        assert!(message.contains("#/info/title"), "{message}");
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
    fn unrepairable_documents_keep_the_strict_error() {
        let message = err("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200: {}\n      parameters: 5\n");
        assert!(message.starts_with("t.yaml:4:3: #/paths:"), "{message}");
    }
}
