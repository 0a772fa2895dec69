//! Choosing the alternative of a union (`oneOf`, `anyOf`) that a JSON value
//! is read into, when no tag says which.
//!
//! Taking the first alternative that parses loses data: an object read into
//! an alternative that does not list its properties, or a string read into
//! an enum's catch-all while a plain string alternative stands beside it.
//! So each alternative's [`Shape`] is weighed against the value first:
//!
//! - an alternative that cannot hold the value is left out: a property fixed
//!   to one value (a one-value `enum`, as tags are written) that holds
//!   another, a property a closed schema (`additionalProperties: false`)
//!   does not list, a JSON type the schema does not have;
//! - of the others, one that takes the value as a listed value beats one that
//!   keeps it only in its catch-all (`Unknown`); then the one that lists the
//!   most of the value's properties; then the one that leaves the fewest
//!   unlisted; then the first.
//!
//! Alternatives are then tried in that order, and the first that parses is
//! the value's. A value none parses stays as it came, in the union's
//! `Unknown`.

use std::cmp::Reverse;

use serde_json::Value;

/// What an alternative of a union accepts, as far as choosing needs: the
/// JSON types of its values and, for objects, the properties it lists.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Any value: an alternative read as JSON, or one whose shape is known
    /// only by reading it.
    Any,
    /// `null` alone: the alternative of a tagged union that may be null,
    /// which a tag cannot pick.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number without a fraction.
    Integer,
    /// Any number.
    Number,
    /// Any string.
    String,
    /// A string enum: a listed value fits; another is kept in its catch-all,
    /// a weaker fit.
    Enum(&'static [&'static str]),
    /// An integer enum: as [`Shape::Enum`], for integers.
    IntEnum(&'static [i64]),
    /// An array whose items fit the shape.
    Array(&'static Shape),
    /// An object used as a map, whose values fit the shape.
    Map(&'static Shape),
    /// An object schema.
    Object(&'static Object),
    /// A union: the best fit among its alternatives.
    OneOf(&'static [Shape]),
    /// `null`, or a value of the shape.
    Nullable(&'static Shape),
}

/// An object schema, as far as choosing needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Object {
    /// The properties it lists.
    pub properties: &'static [&'static str],
    /// Those it requires: a value without one is another alternative's
    /// (serde alone would read a missing nullable one as `None`).
    pub required: &'static [&'static str],
    /// Properties fixed to one string (a one-value `enum`): a value that
    /// holds another there is not this alternative.
    pub tags: &'static [(&'static str, &'static str)],
    /// Whether it forbids properties it does not list.
    pub closed: bool,
}

/// How well a value fits a shape; a greater fit is a better one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fit {
    /// Every part of the value is taken as a listed value, none kept in an
    /// enum's catch-all.
    exact: bool,
    /// How many of the value's properties (all through it) are listed.
    listed: usize,
    /// How few are not.
    unlisted: Reverse<usize>,
}

impl Fit {
    const EXACT: Fit = Fit {
        exact: true,
        listed: 0,
        unlisted: Reverse(0),
    };

    /// The fit of a whole made of `parts`: exact when each is, adding up
    /// the properties.
    fn all(mut parts: impl Iterator<Item = Option<Fit>>) -> Option<Fit> {
        parts.try_fold(Fit::EXACT, |whole, part| {
            let part = part?;
            Some(Fit {
                exact: whole.exact && part.exact,
                listed: whole.listed + part.listed,
                unlisted: Reverse(whole.unlisted.0 + part.unlisted.0),
            })
        })
    }
}

/// The indexes of the alternatives that could hold `value`, best first (see
/// the module's docs); the ones that cannot are left out.
pub fn ranked(value: &Value, alternatives: &[Shape]) -> Vec<usize> {
    let mut fits: Vec<(Fit, usize)> = alternatives
        .iter()
        .enumerate()
        .filter_map(|(index, shape)| fit(value, shape).map(|fit| (fit, index)))
        .collect();
    // Stable: of equal fits, the earlier alternative first.
    fits.sort_by_key(|(fit, _)| Reverse(*fit));
    fits.into_iter().map(|(_, index)| index).collect()
}

fn fit(value: &Value, shape: &Shape) -> Option<Fit> {
    let weak = Fit {
        exact: false,
        ..Fit::EXACT
    };
    match (shape, value) {
        (Shape::Any, _) => Some(Fit::EXACT),
        (Shape::Null | Shape::Nullable(_), Value::Null) => Some(Fit::EXACT),
        (Shape::Nullable(inner), _) => fit(value, inner),
        (Shape::Bool, Value::Bool(_)) => Some(Fit::EXACT),
        (Shape::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Some(Fit::EXACT),
        (Shape::Number, Value::Number(_)) => Some(Fit::EXACT),
        (Shape::String, Value::String(_)) => Some(Fit::EXACT),
        (Shape::Enum(listed), Value::String(text)) => Some(if listed.contains(&text.as_str()) {
            Fit::EXACT
        } else {
            weak
        }),
        (Shape::IntEnum(listed), Value::Number(n)) => {
            let n = n.as_i64()?;
            Some(if listed.contains(&n) {
                Fit::EXACT
            } else {
                weak
            })
        }
        (Shape::Array(item), Value::Array(items)) => Fit::all(items.iter().map(|v| fit(v, item))),
        (Shape::Map(item), Value::Object(fields)) => {
            Fit::all(fields.values().map(|v| fit(v, item)))
        }
        (Shape::Object(object), Value::Object(fields)) => object_fit(object, fields),
        (Shape::OneOf(shapes), _) => shapes.iter().filter_map(|s| fit(value, s)).max(),
        _ => None,
    }
}

fn object_fit(object: &Object, fields: &serde_json::Map<String, Value>) -> Option<Fit> {
    if object
        .required
        .iter()
        .any(|name| !fields.contains_key(*name))
    {
        return None;
    }
    for (property, tag) in object.tags {
        match fields.get(*property) {
            Some(Value::String(value)) if value == tag => {}
            Some(_) => return None,
            None => {}
        }
    }
    let listed = fields
        .keys()
        .filter(|key| object.properties.contains(&key.as_str()))
        .count();
    let unlisted = fields.len() - listed;
    if object.closed && unlisted > 0 {
        return None;
    }
    Some(Fit {
        exact: true,
        listed,
        unlisted: Reverse(unlisted),
    })
}
