//! `name=value` pairs: the query string of a request and the body of an
//! `application/x-www-form-urlencoded` request, written in the OpenAPI style
//! each parameter or property asks for.

use serde::Serialize;
use serde_json::Value;

use super::error::InvalidRequest;

/// How a value is written as pairs (OpenAPI's `style` with `explode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// `form`, exploded (OpenAPI's default): an array repeats its name
    /// (`id=1&id=2`), an object's properties are pairs of their own (`a=1&b=2`).
    Form,
    /// `form` with `explode: false`: one pair, items joined by commas
    /// (`id=1,2`; an object as `k,v,k,v`).
    FormJoined,
    /// `spaceDelimited`: items joined by spaces (`id=1%202`).
    SpaceDelimited,
    /// `pipeDelimited`: items joined by pipes (`id=1|2`).
    PipeDelimited,
    /// `deepObject`: an object's properties in brackets (`a[b]=1`), an array's
    /// items as `a[]=1` (or `a[0][b]=1` when they are objects), nested as deep
    /// as the value is, as Stripe and Rails read them.
    DeepObject,
    /// `content: {application/json: …}`: one pair whose value is the JSON
    /// text (`filter={"a":1}`, percent-encoded).
    Json,
}

/// One pair: a name and its value in pieces, joined by `delimiter`. The pieces
/// are kept apart so that a delimiter inside a piece is encoded and the one
/// between pieces is not.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pair {
    name: String,
    pieces: Vec<String>,
    delimiter: &'static str,
}

/// Pairs in the order they were pushed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairs(Vec<Pair>);

impl Pairs {
    /// No pairs.
    pub fn new() -> Self {
        Pairs::default()
    }

    /// Adds `value` under `name` in `style`. Nothing is added for `null`
    /// (an optional parameter left out) or an empty array; a value that does
    /// not serialize is an error.
    pub fn push<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) -> Result<(), InvalidRequest> {
        let value = super::encode::to_json(value)
            .map_err(|reason| InvalidRequest::new(format!("query parameter `{name}`"), reason))?;
        self.push_value(name.to_owned(), &value, style);
        Ok(())
    }

    fn push_value(&mut self, name: String, value: &Value, style: Style) {
        match (value, style) {
            (Value::Null, _) => {}
            (value, Style::Json) => self.single(name, value.to_string()),
            // Items that are arrays or objects have no exploded form of their
            // own in OpenAPI: they are nested with brackets and indexes.
            (Value::Array(items), Style::Form) if items.iter().any(is_nested) => {
                self.deep(name, value)
            }
            (Value::Array(items), Style::Form) => {
                for item in items {
                    self.scalar_or_nested(name.clone(), item);
                }
            }
            (Value::Object(fields), Style::Form) => {
                for (key, field) in fields {
                    self.scalar_or_nested(key.clone(), field);
                }
            }
            (Value::Array(_) | Value::Object(_), Style::DeepObject) => self.deep(name, value),
            (Value::Array(items), joined) => {
                if !items.is_empty() {
                    self.joined(name, items.iter().map(text).collect(), joined);
                }
            }
            (Value::Object(fields), joined) => {
                let pieces = fields
                    .iter()
                    .flat_map(|(key, field)| [key.clone(), text(field)])
                    .collect();
                self.joined(name, pieces, joined);
            }
            (scalar, _) => self.single(name, text(scalar)),
        }
    }

    /// A scalar as one pair; an array or object inside an exploded form value
    /// has no form of its own in OpenAPI, so it is nested with brackets.
    fn scalar_or_nested(&mut self, name: String, value: &Value) {
        match value {
            Value::Array(_) | Value::Object(_) => self.deep(name, value),
            Value::Null => {}
            scalar => self.single(name, text(scalar)),
        }
    }

    fn deep(&mut self, name: String, value: &Value) {
        match value {
            Value::Object(fields) => {
                for (key, field) in fields {
                    self.deep(format!("{name}[{key}]"), field);
                }
            }
            Value::Array(items) => {
                let nested = items.iter().any(is_nested);
                for (index, item) in items.iter().enumerate() {
                    // Items that are objects need their index, or their
                    // properties could not be told apart.
                    let key = if nested {
                        format!("{name}[{index}]")
                    } else {
                        format!("{name}[]")
                    };
                    self.deep(key, item);
                }
            }
            Value::Null => {}
            scalar => self.single(name, text(scalar)),
        }
    }

    fn single(&mut self, name: String, value: String) {
        self.0.push(Pair {
            name,
            pieces: vec![value],
            delimiter: "",
        });
    }

    fn joined(&mut self, name: String, pieces: Vec<String>, style: Style) {
        let delimiter = match style {
            Style::SpaceDelimited => " ",
            Style::PipeDelimited => "|",
            _ => ",",
        };
        self.0.push(Pair {
            name,
            pieces,
            delimiter,
        });
    }

    /// Whether no pair was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs as a query string (without `?`): every character but the
    /// unreserved ones percent-encoded, delimiters between items as the style
    /// writes them (`,` and `|` as they are, a space as `%20`).
    pub fn query_string(&self) -> String {
        let encode = |text: &str| super::encode::path_segment(text);
        self.0
            .iter()
            .map(|pair| {
                let delimiter = if pair.delimiter == " " {
                    "%20"
                } else {
                    pair.delimiter
                };
                let pieces: Vec<String> = pair.pieces.iter().map(|p| encode(p)).collect();
                format!("{}={}", encode(&pair.name), pieces.join(delimiter))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The pairs as an `application/x-www-form-urlencoded` body (spaces as
    /// `+`, as HTML forms send them).
    pub fn form_body(&self) -> String {
        let mut body = form_urlencoded::Serializer::new(String::new());
        for pair in &self.0 {
            body.append_pair(&pair.name, &pair.pieces.join(pair.delimiter));
        }
        body.finish()
    }
}

/// A form body from the properties of `value` (an object): each in the style
/// `styles` names for it (the request body's `encoding`), else exploded form.
/// A value that is not an object has no form: an error, as is one that does
/// not serialize.
pub fn form_body<T: Serialize + ?Sized>(
    value: &T,
    styles: &[(&str, Style)],
) -> Result<String, InvalidRequest> {
    form_of(json_body(value)?, styles)
}

/// [`form_body`] of a body already made JSON.
pub(crate) fn form_of(value: Value, styles: &[(&str, Style)]) -> Result<String, InvalidRequest> {
    let mut pairs = Pairs::new();
    for (name, field) in &fields_of(value)? {
        let style = styles
            .iter()
            .find(|(styled, _)| styled == name)
            .map_or(Style::Form, |(_, style)| *style);
        match (style, field) {
            // Spreading an object property's fields would lose its name:
            // it is nested with brackets, as form parsers read them.
            (Style::Form, Value::Object(_)) => pairs.deep(name.clone(), field),
            (style, field) => pairs.push_value(name.clone(), field, style),
        }
    }
    Ok(pairs.form_body())
}

/// The properties of a form or multipart body: an error when it does not
/// serialize or is not an object (its fields have no names to send).
pub(crate) fn body_fields<T: Serialize + ?Sized>(
    value: &T,
) -> Result<serde_json::Map<String, Value>, InvalidRequest> {
    fields_of(json_body(value)?)
}

/// A request body as JSON: the one step that depends on the body's type,
/// so that each encoding after it is compiled once for every operation.
///
/// # Errors
///
/// When it does not serialize.
pub(crate) fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Value, InvalidRequest> {
    super::encode::to_json(value).map_err(|reason| InvalidRequest::new("the request body", reason))
}

fn fields_of(value: Value) -> Result<serde_json::Map<String, Value>, InvalidRequest> {
    match value {
        Value::Object(fields) => Ok(fields),
        _ => Err(InvalidRequest::new(
            "the request body",
            "is not an object, so it has no fields to send as a form",
        )),
    }
}

fn is_nested(value: &Value) -> bool {
    matches!(value, Value::Array(_) | Value::Object(_))
}

/// The text of a scalar as a parameter carries it: strings as they are,
/// numbers and booleans as JSON writes them, anything else as JSON.
pub(super) fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
