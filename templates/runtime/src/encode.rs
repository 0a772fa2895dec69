//! Encoding of parameter values into a path segment, a header or a cookie.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderValue, COOKIE};
use reqwest::RequestBuilder;
use serde_json::Value;

use super::error::InvalidRequest;

/// Every byte but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is
/// percent-encoded in a path segment or a query value, so that a value can
/// never add a segment (`/`), start a query (`?`), a pair (`&`) or a fragment
/// (`#`), or be read differently by a server that decodes `+`.
const UNRESERVED_ONLY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` for use as one path segment (or a query name or
/// value).
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED_ONLY).to_string()
}

/// `value` as JSON, or why it cannot be.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|error| format!("does not serialize ({error})"))
}

/// Why path parameter `name` cannot be sent.
fn invalid_path(name: &str, reason: impl Into<String>) -> InvalidRequest {
    InvalidRequest::new(format!("path parameter `{name}`"), reason)
}

/// The error for path parameter `name` with no value: a path cannot leave
/// a segment out.
fn no_path_value(name: &str) -> InvalidRequest {
    invalid_path(name, "has no value (null), and a path cannot leave it out")
}

/// Path parameter `name`'s value as JSON.
fn path_json<T: serde::Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, InvalidRequest> {
    to_json(value).map_err(|reason| invalid_path(name, reason))
}

/// Path parameter `name`'s value written as `text` says, percent-encoded as
/// one path segment; an error when it has none (`null`) or does not
/// serialize.
pub fn path<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    text: Text,
) -> Result<String, InvalidRequest> {
    match text.of(value) {
        Ok(Some(text)) => Ok(path_segment(&text)),
        Ok(None) => Err(no_path_value(name)),
        Err(reason) => Err(invalid_path(name, reason)),
    }
}

/// A path parameter's value in OpenAPI's `label` style, percent-encoded and
/// ready to stand in the path: `.` before the value (`.blue`); an array's
/// items and an object's `key,value` pairs joined by commas (`.R,100,G,200`),
/// or, exploded, each item and `key=value` after a `.` of its own
/// (`.R=100.G=200`). An error for `null` and for a value that does not
/// serialize.
pub fn label<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    explode: bool,
) -> Result<String, InvalidRequest> {
    match pieces(&path_json(name, value)?, explode) {
        Some(pieces) => Ok(format!(".{}", pieces.join(if explode { "." } else { "," }))),
        None => Err(no_path_value(name)),
    }
}

/// A path parameter's value in OpenAPI's `matrix` style, percent-encoded and
/// ready to stand in the path: `;name=value` (`;name` for an empty string); an
/// array's items and an object's `key,value` pairs joined by commas, or,
/// exploded, `;name=item` for each item and `;key=value` for each property.
/// An error for `null` and for a value that does not serialize.
pub fn matrix<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    explode: bool,
) -> Result<String, InvalidRequest> {
    let value = path_json(name, value)?;
    let Some(pieces) = pieces(&value, explode) else {
        return Err(no_path_value(name));
    };
    let name = path_segment(name);
    Ok(match value {
        Value::String(text) if text.is_empty() => format!(";{name}"),
        Value::Array(_) if explode => pieces.iter().map(|p| format!(";{name}={p}")).collect(),
        Value::Object(_) if explode => pieces.iter().map(|p| format!(";{p}")).collect(),
        _ => format!(";{name}={}", pieces.join(",")),
    })
}

/// The pieces `label` and `matrix` join, each percent-encoded: a scalar's
/// text, an array's items, an object's keys and values in turn or, exploded,
/// its `key=value` pairs. `None` for `null`.
fn pieces(value: &Value, explode: bool) -> Option<Vec<String>> {
    let text = |value: &Value| path_segment(&super::pairs::text(value));
    Some(match value {
        Value::Null => return None,
        Value::Array(items) => items.iter().map(text).collect(),
        Value::Object(fields) if explode => fields
            .iter()
            .map(|(key, field)| format!("{}={}", path_segment(key), text(field)))
            .collect(),
        Value::Object(fields) => fields
            .iter()
            .flat_map(|(key, field)| [path_segment(key), text(field)])
            .collect(),
        scalar => vec![text(scalar)],
    })
}

/// How a path, header or cookie parameter's value becomes text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// OpenAPI's `simple` style (see [`simple`]).
    Simple,
    /// `content: {application/json: …}`: the value as JSON text.
    Json,
}

impl Text {
    /// `value` as text; `None` for `null` (an optional parameter left out);
    /// why not, when it does not serialize.
    pub fn of<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<Option<String>, String> {
        match self {
            Text::Simple => simple(value),
            Text::Json => json(value),
        }
    }
}

/// A value as JSON text, as a parameter with `content: {application/json:
/// …}` carries it; `None` for `null` (an optional parameter left out).
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Option<String>, String> {
    Ok(match to_json(value)? {
        Value::Null => None,
        value => Some(value.to_string()),
    })
}

/// Adds header `name` with `value` written as `text` says; nothing when
/// `value` is `null` (an optional parameter left out). A value a header
/// cannot carry (a line break) is an error, and the request is not sent.
pub fn header<T: serde::Serialize + ?Sized>(
    request: RequestBuilder,
    name: &'static str,
    value: &T,
    text: Text,
) -> Result<RequestBuilder, InvalidRequest> {
    let what = || format!("header parameter `{name}`");
    match text
        .of(value)
        .map_err(|reason| InvalidRequest::new(what(), reason))?
    {
        Some(text) => {
            let value = HeaderValue::from_str(&text).map_err(|_| {
                InvalidRequest::new(
                    what(),
                    "holds a character a header cannot carry (a line break or another control)",
                )
            })?;
            Ok(request.header(name, value))
        }
        None => Ok(request),
    }
}

/// Adds cookie `name` with `value` (written as `text` says, percent-encoded
/// where a cookie cannot carry it); nothing when `value` is `null`. Each
/// cookie is a `Cookie` header of its own here: the client joins them into
/// one before sending.
pub fn cookie<T: serde::Serialize + ?Sized>(
    request: RequestBuilder,
    name: &'static str,
    value: &T,
    text: Text,
) -> Result<RequestBuilder, InvalidRequest> {
    let text = text
        .of(value)
        .map_err(|reason| InvalidRequest::new(format!("cookie parameter `{name}`"), reason))?;
    Ok(match text {
        Some(text) => request.header(COOKIE, cookie_pair(name, &text)),
        None => request,
    })
}

/// What a cookie value may not hold as it is (RFC 6265's cookie-octet leaves
/// out controls, space, `"`, `,`, `;` and `\`), and `%`, so that the encoding
/// reads back unambiguously.
const COOKIE_VALUE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// `name=value` for a `Cookie` header, the value percent-encoded where a
/// cookie cannot carry it.
pub fn cookie_pair(name: &str, value: &str) -> String {
    format!("{name}={}", utf8_percent_encode(value, COOKIE_VALUE))
}

/// A parameter value in OpenAPI's `simple` style, as path and header
/// parameters take it: a scalar as its text (strings and enum values as they
/// are, numbers and booleans as JSON writes them), an array's items joined by
/// commas, an object as `key,value,…`; `None` for `null` (an optional
/// parameter left out); why not, when it does not serialize.
pub fn simple<T: serde::Serialize + ?Sized>(value: &T) -> Result<Option<String>, String> {
    let value = to_json(value)?;
    let text = super::pairs::text;
    Ok(match value {
        Value::Null => None,
        Value::Array(items) => Some(items.iter().map(text).collect::<Vec<_>>().join(",")),
        Value::Object(fields) => Some(
            fields
                .iter()
                .flat_map(|(key, field)| [key.clone(), text(field)])
                .collect::<Vec<_>>()
                .join(","),
        ),
        scalar => Some(text(&scalar)),
    })
}
