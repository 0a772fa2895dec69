//! Which operations a server deduplicates, so that the client may retry
//! them whatever their method: those with an idempotency key header
//! parameter (as payment APIs declare), and those `x-idempotent` marks.

use super::Resolver;
use crate::ir::{Idempotency, Parameter, ParameterLocation, TypeRef};

/// The header names taken for an idempotency key, in lower case.
const KEY_HEADERS: &[&str] = &["idempotency-key", "x-idempotency-key"];

/// The header `x-idempotent: true` sends the key in.
const DEFAULT_HEADER: &str = "Idempotency-Key";

impl Resolver<'_> {
    /// The idempotency of `operation`, whose resolved parameters are
    /// `parameters`: `x-idempotent: true` (the key in `Idempotency-Key`), or
    /// a header name, or `false` (even with a key parameter: the client then
    /// neither makes a key nor retries); else an idempotency key parameter.
    pub(super) fn idempotency(
        &mut self,
        operation: &openapiv3::Operation,
        parameters: &[Parameter],
        pointer: &str,
    ) -> Option<Idempotency> {
        let header = match operation.extensions.get("x-idempotent") {
            None => None,
            Some(serde_json::Value::Bool(false)) => return None,
            Some(serde_json::Value::Bool(true)) => Some(DEFAULT_HEADER.to_owned()),
            Some(serde_json::Value::String(name)) if !name.trim().is_empty() => {
                Some(name.trim().to_owned())
            }
            Some(other) => {
                self.warn(
                    format!("{pointer}/x-idempotent"),
                    format!("x-idempotent is {other}, not true, false or a header name; ignored"),
                );
                None
            }
        };
        let is_key = |p: &Parameter, name: &str| {
            p.location == ParameterLocation::Header && p.wire_name.eq_ignore_ascii_case(name)
        };
        let found = match &header {
            Some(name) => parameters.iter().position(|p| is_key(p, name)),
            None => parameters
                .iter()
                .position(|p| KEY_HEADERS.iter().any(|name| is_key(p, name))),
        };
        let header = header.or_else(|| found.map(|i| parameters[i].wire_name.clone()))?;
        let generated = match found {
            None => true,
            Some(i) => {
                let parameter = &parameters[i];
                !parameter.required && parameter.ty.unwrapped() == &TypeRef::String
            }
        };
        Some(Idempotency {
            header,
            parameter: found,
            generated,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::Idempotency;

    fn idempotency(operation: &str) -> Vec<Option<Idempotency>> {
        let text = format!(
            "openapi: 3.0.3
info: {{title: t, version: '1'}}
paths:
  /a:
    post:
{operation}
      responses: {{'204': {{description: ok}}}}
"
        );
        let loaded = crate::load::load("t.yaml", &text).unwrap();
        let resolved = crate::resolve::resolve("t.yaml", &loaded.doc).unwrap();
        resolved
            .api
            .operations
            .into_iter()
            .map(|op| op.idempotency)
            .collect()
    }

    #[test]
    fn a_key_parameter_or_the_extension_makes_an_operation_idempotent() {
        let optional =
            "      parameters: [{in: header, name: Idempotency-Key, schema: {type: string}}]";
        assert_eq!(
            idempotency(optional),
            [Some(Idempotency {
                header: "Idempotency-Key".to_owned(),
                parameter: Some(0),
                generated: true,
            })]
        );
        let required = "      parameters: [{in: header, name: idempotency-key, required: true, schema: {type: string}}]";
        assert_eq!(
            idempotency(required)[0].as_ref().map(|i| i.generated),
            Some(false),
            "the caller gives every key"
        );
        assert_eq!(
            idempotency("      x-idempotent: true"),
            [Some(Idempotency {
                header: "Idempotency-Key".to_owned(),
                parameter: None,
                generated: true,
            })]
        );
        assert_eq!(
            idempotency("      x-idempotent: X-Request-Id")[0]
                .as_ref()
                .map(|i| i.header.as_str()),
            Some("X-Request-Id")
        );
        let refused = format!("      x-idempotent: false\n{optional}");
        assert_eq!(idempotency(&refused), [None]);
        assert_eq!(idempotency("      summary: plain"), [None]);
    }
}
