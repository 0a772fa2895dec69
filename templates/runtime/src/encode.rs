//! Encoding of values into the parts of a URL.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Every byte but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is
/// percent-encoded in a path segment, so that a value can never add a segment
/// (`/`), start a query (`?`) or a fragment (`#`), or be read differently by a
/// server that decodes `+`.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` for use as one path segment.
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
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
pub fn cookie(name: &str, value: &str) -> String {
    format!("{name}={}", utf8_percent_encode(value, COOKIE_VALUE))
}

/// The text form of a scalar parameter value (string, number, boolean or enum)
/// as it goes into a path segment, query string or header: strings and enum
/// values as they are, numbers and booleans as JSON writes them.
pub fn scalar<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Null) => String::new(),
        Ok(other) => other.to_string(),
        // Scalars always serialize; an object or a map with non-string keys
        // (which generated code never passes here) is sent empty.
        Err(_) => String::new(),
    }
}
