//! Random JSON values that a spec's schemas allow, drawn from the schemas as
//! the spec writes them (JSON, not sdkgen's IR), with a seeded generator so
//! that a run can be repeated. What is drawn is only a candidate: `validate`
//! decides whether the schema allows it.
//!
//! The values reach into what a generated type must keep: optional
//! properties present or absent, properties no schema lists (JSON Schema
//! allows them unless `additionalProperties: false`), `null` where allowed,
//! numbers with every digit a double has, every alternative of a union.

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use serde_json::{Map, Number, Value};

use crate::spec_json;

/// How deep a value may nest before only required properties are drawn,
/// and past which a draw gives up (a schema that must hold itself).
const SHALLOW_DEPTH: usize = 5;
const MAX_DEPTH: usize = 14;

/// The alternative a draw took at a `oneOf`/`anyOf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Where in the value (a JSON pointer, `""` for the whole).
    pub at: String,
    /// The union schema's pointer in the spec.
    pub union: String,
    /// `oneOf` or `anyOf`.
    pub keyword: &'static str,
    /// How many alternatives it has.
    pub alternatives: usize,
}

/// A drawn value and the union alternatives it went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The value.
    pub value: Value,
    /// The unions met on the way.
    pub choices: Vec<Choice>,
}

/// Draws values from one spec's schemas.
pub struct Drawer<'a> {
    doc: &'a Value,
    rng: Pcg64,
    choices: Vec<Choice>,
}

impl<'a> Drawer<'a> {
    /// A drawer for `doc` whose draws follow from `seed`.
    pub fn new(doc: &'a Value, seed: u64) -> Self {
        Drawer {
            doc,
            rng: Pcg64::seed_from_u64(seed),
            choices: Vec::new(),
        }
    }

    /// A value of the schema at `pointer`, or `None` when the draw gave up
    /// (a schema nested too deep, or one no value can be drawn for).
    pub fn draw(&mut self, pointer: &str) -> Option<Instance> {
        self.choices.clear();
        let schema = spec_json::at(self.doc, pointer)?;
        let value = self.value(schema, pointer, "", 0)?;
        Some(Instance {
            value,
            choices: std::mem::take(&mut self.choices),
        })
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.rng.random_bool(probability)
    }

    /// A value of `schema` (standing at `pointer` in the spec) for the place
    /// `at` in the value being drawn.
    fn value(&mut self, schema: &'a Value, pointer: &str, at: &str, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let Some(object) = schema.as_object() else {
            // `true`, `{}` and the like: anything.
            return Some(self.any(depth));
        };
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            let target = spec_json::at(self.doc, reference)?;
            // In 3.1 a `$ref` applies beside its siblings; drawing from the
            // target is the usual case, and the validator judges the rest.
            return self.value(target, reference, at, depth + 1);
        }
        if spec_json::allows_null(object) && self.chance(0.1) {
            return Some(Value::Null);
        }
        if let Some(value) = object.get("const") {
            return Some(value.clone());
        }
        if let Some(Value::Array(values)) = object.get("enum") {
            let values: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
            if values.is_empty() {
                return Some(Value::Null);
            }
            let index = self.rng.random_range(0..values.len());
            return Some(values[index].clone());
        }
        for keyword in ["oneOf", "anyOf"] {
            if let Some(Value::Array(alternatives)) = object.get(keyword) {
                return self.union(object, alternatives, keyword, pointer, at, depth);
            }
        }
        if let Some(Value::Array(members)) = object.get("allOf") {
            return self.all_of(object, members, pointer, at, depth);
        }
        match self.type_of(object).as_deref() {
            Some("object") => self.object(&[(object, pointer.to_owned())], at, depth),
            Some("array") => self.array(object, pointer, at, depth),
            Some("string") => Some(Value::String(self.string(object))),
            Some("integer") => self.integer(object),
            Some("number") => Some(self.number(object)),
            Some("boolean") => Some(Value::Bool(self.chance(0.5))),
            Some("null") => Some(Value::Null),
            _ => Some(self.any(depth)),
        }
    }

    /// The schema's type: its `type` (one of a 3.1 list, `null` aside), else
    /// what its keywords imply.
    fn type_of(&mut self, object: &Map<String, Value>) -> Option<String> {
        match object.get("type") {
            Some(Value::String(ty)) => Some(ty.clone()),
            Some(Value::Array(types)) => {
                let types: Vec<&str> = types
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null")
                    .collect();
                if types.is_empty() {
                    return Some("null".to_owned());
                }
                let index = self.rng.random_range(0..types.len());
                Some(types[index].to_owned())
            }
            _ if object.contains_key("properties")
                || object.contains_key("additionalProperties")
                || object.contains_key("required") =>
            {
                Some("object".to_owned())
            }
            _ if object.contains_key("items") => Some("array".to_owned()),
            _ => None,
        }
    }

    fn union(
        &mut self,
        object: &'a Map<String, Value>,
        alternatives: &'a [Value],
        keyword: &'static str,
        pointer: &str,
        at: &str,
        depth: usize,
    ) -> Option<Value> {
        if alternatives.is_empty() {
            return Some(self.any(depth));
        }
        let index = self.rng.random_range(0..alternatives.len());
        self.choices.push(Choice {
            at: at.to_owned(),
            union: pointer.to_owned(),
            keyword,
            alternatives: alternatives.len(),
        });
        let alternative_pointer = format!("{pointer}/{keyword}/{index}");
        // Properties beside the alternatives apply too (a common way to say
        // "these fields, and one of these shapes").
        let mut value = if object.contains_key("properties") {
            let own = self.object(&[(object, pointer.to_owned())], at, depth)?;
            let chosen = self.value(&alternatives[index], &alternative_pointer, at, depth + 1)?;
            merge(own, chosen)
        } else {
            self.value(&alternatives[index], &alternative_pointer, at, depth + 1)?
        };
        // A discriminator's property holds the tag that names the chosen
        // alternative: its mapping's key, else its schema's name.
        if let (Some(property), Value::Object(fields)) = (
            object
                .get("discriminator")
                .and_then(|d| d.get("propertyName"))
                .and_then(Value::as_str),
            &mut value,
        ) {
            if let Some(tag) = discriminator_tag(self.doc, object, &alternatives[index], property) {
                fields.insert(property.to_owned(), Value::String(tag));
            }
        }
        Some(value)
    }

    /// An `allOf`: one object drawn from every member's properties when
    /// they are objects, else a value of the first member that has a type.
    fn all_of(
        &mut self,
        object: &'a Map<String, Value>,
        members: &'a [Value],
        pointer: &str,
        at: &str,
        depth: usize,
    ) -> Option<Value> {
        let mut parts: Vec<(&'a Map<String, Value>, String)> = vec![(object, pointer.to_owned())];
        let mut others = Vec::new();
        self.gather(members, pointer, &mut parts, &mut others, 0);
        let objects = parts.iter().any(|(part, _)| {
            part.contains_key("properties")
                || part.contains_key("additionalProperties")
                || part.get("type").and_then(Value::as_str) == Some("object")
        });
        if objects || others.is_empty() {
            return self.object(&parts, at, depth);
        }
        let (first, first_pointer) = others.remove(0);
        self.value(first, &first_pointer, at, depth + 1)
    }

    /// The members of an `allOf`, through `$ref`s and nested `allOf`s: object
    /// parts into `parts`, other members (unions, scalars) into `others`.
    fn gather(
        &self,
        members: &'a [Value],
        pointer: &str,
        parts: &mut Vec<(&'a Map<String, Value>, String)>,
        others: &mut Vec<(&'a Value, String)>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for (index, member) in members.iter().enumerate() {
            let mut member_pointer = format!("{pointer}/allOf/{index}");
            let mut member = member;
            if let Some(reference) = member.get("$ref").and_then(Value::as_str) {
                match spec_json::at(self.doc, reference) {
                    Some(target) => {
                        member = target;
                        member_pointer = reference.to_owned();
                    }
                    None => continue,
                }
            }
            let Some(object) = member.as_object() else {
                continue;
            };
            if let Some(Value::Array(inner)) = object.get("allOf") {
                parts.push((object, member_pointer.clone()));
                self.gather(inner, &member_pointer, parts, others, depth + 1);
            } else if object.contains_key("oneOf")
                || object.contains_key("anyOf")
                || object.contains_key("enum")
                || matches!(
                    object.get("type").and_then(Value::as_str),
                    Some("string" | "integer" | "number" | "boolean" | "array")
                )
            {
                others.push((member, member_pointer));
            } else {
                parts.push((object, member_pointer));
            }
        }
    }

    /// An object from the properties of `parts` (one schema, or the
    /// members of an `allOf`): every required one, each optional one at
    /// even odds (fewer when deep), and a few the schemas do not list when
    /// they allow them.
    fn object(
        &mut self,
        parts: &[(&'a Map<String, Value>, String)],
        at: &str,
        depth: usize,
    ) -> Option<Value> {
        let mut required: Vec<&str> = Vec::new();
        let mut properties: Vec<(&'a str, &'a Value, String)> = Vec::new();
        let mut additional: Option<(&'a Value, String)> = None;
        let mut closed = false;
        for (part, pointer) in parts {
            if let Some(Value::Array(names)) = part.get("required") {
                required.extend(names.iter().filter_map(Value::as_str));
            }
            if let Some(Value::Object(listed)) = part.get("properties") {
                for (name, schema) in listed {
                    properties.retain(|(n, _, _)| n != name);
                    let here = format!("{pointer}/properties/{}", spec_json::escape(name));
                    properties.push((name.as_str(), schema, here));
                }
            }
            match part.get("additionalProperties") {
                Some(Value::Bool(false)) => closed = true,
                Some(schema @ Value::Object(_)) => {
                    additional = Some((schema, format!("{pointer}/additionalProperties")));
                }
                _ => {}
            }
        }
        let mut fields = Map::new();
        for (name, schema, pointer) in &properties {
            let wanted = required.contains(name)
                || (depth < SHALLOW_DEPTH && self.chance(if depth < 2 { 0.6 } else { 0.3 }));
            if !wanted {
                continue;
            }
            let here = format!("{at}/{}", spec_json::escape(name));
            let value = match self.value(schema, pointer, &here, depth + 1) {
                Some(value) => value,
                None if required.contains(name) => return None,
                None => continue,
            };
            fields.insert((*name).to_owned(), value);
        }
        for name in required {
            if !fields.contains_key(name) {
                // Required but listed nowhere: any value will do.
                fields.insert(name.to_owned(), self.any(depth + 1));
            }
        }
        if !closed && depth < SHALLOW_DEPTH {
            let extra = self.rng.random_range(0..=2);
            for n in 0..extra {
                let name = format!("x_unlisted_{n}");
                let value = match &additional {
                    Some((schema, pointer)) => {
                        let here = format!("{at}/{name}");
                        match self.value(schema, pointer, &here, depth + 1) {
                            Some(value) => value,
                            None => continue,
                        }
                    }
                    None => self.any(depth + 1),
                };
                fields.insert(name, value);
            }
        }
        Some(Value::Object(fields))
    }

    fn array(
        &mut self,
        object: &'a Map<String, Value>,
        pointer: &str,
        at: &str,
        depth: usize,
    ) -> Option<Value> {
        let min = usize_of(object.get("minItems")).unwrap_or(0);
        let max = usize_of(object.get("maxItems")).unwrap_or(min.max(3));
        let max = max.max(min).min(min + 4);
        let len = if depth >= SHALLOW_DEPTH {
            min
        } else {
            self.rng.random_range(min..=max)
        };
        let items = object.get("items");
        let unique = object.get("uniqueItems") == Some(&Value::Bool(true));
        let mut values: Vec<Value> = Vec::with_capacity(len);
        let mut tries = 0;
        while values.len() < len && tries < len * 4 + 4 {
            tries += 1;
            let here = format!("{at}/{}", values.len());
            let value = match items {
                Some(schema) => self.value(schema, &format!("{pointer}/items"), &here, depth + 1),
                None => Some(self.any(depth + 1)),
            }?;
            if unique && values.contains(&value) {
                continue;
            }
            values.push(value);
        }
        Some(Value::Array(values))
    }

    fn string(&mut self, object: &Map<String, Value>) -> String {
        let format = object.get("format").and_then(Value::as_str).unwrap_or("");
        if let Some(text) = self.formatted(format) {
            return text;
        }
        let min = usize_of(object.get("minLength")).unwrap_or(0);
        let longest = usize_of(object.get("maxLength"));
        let max = longest.unwrap_or(min + 12).max(min);
        if let Some(pattern) = object.get("pattern").and_then(Value::as_str) {
            // A few tries for a match of the lengths the schema asks; the
            // validator turns away what still does not fit (a lookaround
            // left out).
            for _ in 0..16 {
                let Some(text) = self.matching(pattern, longest.unwrap_or(8)) else {
                    break;
                };
                let len = text.chars().count();
                if len >= min && longest.is_none_or(|m| len <= m) {
                    return text;
                }
            }
        }
        let len = self.rng.random_range(min..=max.min(min + 24));
        const ALPHABET: &[char] = &[
            'a', 'b', 'c', 'x', 'y', 'z', 'A', 'Q', '0', '7', ' ', '-', '_', '.', '/', '%', '&',
            '"', '\\', 'é', '日', '🦀',
        ];
        (0..len)
            .map(|_| ALPHABET[self.rng.random_range(0..ALPHABET.len())])
            .collect()
    }

    /// A string of a `format` whose values have a form of their own.
    fn formatted(&mut self, format: &str) -> Option<String> {
        let rng = &mut self.rng;
        Some(match format {
            "date-time" => format!(
                "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
                rng.random_range(0..40),
                rng.random_range(1..=12),
                rng.random_range(1..=28),
                rng.random_range(0..24),
                rng.random_range(0..60),
                rng.random_range(0..60),
                ["Z", ".123Z", "+02:00", "-05:30"][rng.random_range(0..4)]
            ),
            "date" => format!(
                "20{:02}-{:02}-{:02}",
                rng.random_range(0..40),
                rng.random_range(1..=12),
                rng.random_range(1..=28)
            ),
            "time" => format!(
                "{:02}:{:02}:{:02}Z",
                rng.random_range(0..24),
                rng.random_range(0..60),
                rng.random_range(0..60)
            ),
            "uuid" => {
                let n: u128 = rng.random();
                let hex = format!("{n:032x}");
                format!(
                    "{}-{}-4{}-a{}-{}",
                    &hex[0..8],
                    &hex[8..12],
                    &hex[13..16],
                    &hex[17..20],
                    &hex[20..32]
                )
            }
            "email" => format!("user{}@example.com", rng.random_range(0..1000)),
            "uri" | "url" | "uri-reference" | "iri" => {
                format!(
                    "https://example.com/p/{}?q=a%20b",
                    rng.random_range(0..1000)
                )
            }
            "hostname" => format!("host{}.example.com", rng.random_range(0..1000)),
            "ipv4" => format!(
                "{}.{}.{}.{}",
                rng.random_range(1..=255),
                rng.random_range(0..=255),
                rng.random_range(0..=255),
                rng.random_range(0..=255)
            ),
            "ipv6" => format!("2001:db8::{:x}", rng.random_range(1..0xffff)),
            "byte" => "c2RrZ2VuIGtlZXBzIGl0".to_owned(),
            _ => return None,
        })
    }

    /// A string that matches `pattern`, when the pattern reads as a regex
    /// the generator can draw from; repeats go up to `longest`.
    fn matching(&mut self, pattern: &str, longest: usize) -> Option<String> {
        let mut parser = regex_syntax::ParserBuilder::new().unicode(false).build();
        // The generator knows no lookaround, and draws from unanchored
        // patterns only: a string the rest matches whole matches it
        // anchored, and mostly matches the lookarounds too.
        let pattern = without_lookarounds(pattern);
        let inner = pattern.trim_start_matches('^');
        let inner = inner.strip_suffix('$').unwrap_or(inner);
        let hir = parser.parse(inner).ok()?;
        let repeat = u32::try_from(longest.clamp(8, 64)).unwrap_or(64);
        let regex = rand_regex::Regex::with_hir(hir, repeat).ok()?;
        Some(self.rng.sample::<String, _>(&regex))
    }

    fn integer(&mut self, object: &Map<String, Value>) -> Option<Value> {
        let format = object.get("format").and_then(Value::as_str).unwrap_or("");
        let (low, high): (i128, i128) = match format {
            "int32" => (i32::MIN.into(), i32::MAX.into()),
            "int16" => (i16::MIN.into(), i16::MAX.into()),
            "int8" => (i8::MIN.into(), i8::MAX.into()),
            "uint8" => (0, u8::MAX.into()),
            "uint16" => (0, u16::MAX.into()),
            "uint32" => (0, u32::MAX.into()),
            "uint64" | "uint" => (0, u64::MAX.into()),
            _ => (i64::MIN.into(), i64::MAX.into()),
        };
        let (mut low, mut high) = (low, high);
        if let Some(min) = number_of(object.get("minimum")) {
            let exclusive = exclusive(object, "exclusiveMinimum");
            low = low.max(min.ceil() as i128 + i128::from(exclusive && min.fract() == 0.0));
        }
        if let Some(min) = object.get("exclusiveMinimum").and_then(Value::as_f64) {
            low = low.max(min.floor() as i128 + 1);
        }
        if let Some(max) = number_of(object.get("maximum")) {
            let exclusive = exclusive(object, "exclusiveMaximum");
            high = high.min(max.floor() as i128 - i128::from(exclusive && max.fract() == 0.0));
        }
        if let Some(max) = object.get("exclusiveMaximum").and_then(Value::as_f64) {
            high = high.min(max.ceil() as i128 - 1);
        }
        if low > high {
            return None;
        }
        // Mostly small numbers, sometimes the edges of the range.
        let n = match self.rng.random_range(0..10) {
            0 => low,
            1 => high,
            _ => {
                let (a, b) = (low.max(-1000), high.min(1000));
                if a <= b {
                    self.rng.random_range(a..=b)
                } else {
                    low
                }
            }
        };
        let n = match number_of(object.get("multipleOf")) {
            Some(step) if step >= 1.0 && step.fract() == 0.0 => {
                let step = step as i128;
                let rounded = n - n.rem_euclid(step);
                if rounded < low {
                    rounded + step
                } else {
                    rounded
                }
            }
            _ => n,
        };
        if let Ok(n) = i64::try_from(n) {
            Some(Value::from(n))
        } else {
            u64::try_from(n).ok().map(Value::from)
        }
    }

    /// A number with the digits a double can hold, inside the bounds.
    fn number(&mut self, object: &Map<String, Value>) -> Value {
        let low = number_of(object.get("minimum"))
            .or(number_of(object.get("exclusiveMinimum")))
            .unwrap_or(-1.0e7);
        let high = number_of(object.get("maximum"))
            .or(number_of(object.get("exclusiveMaximum")))
            .unwrap_or(1.0e7)
            .max(low);
        if let Some(step) = number_of(object.get("multipleOf")).filter(|s| *s > 0.0) {
            let steps = ((high - low) / step).floor().max(0.0) as i64;
            let k = self.rng.random_range(0..=steps.min(1000));
            return Number::from_f64((low / step).ceil() * step + k as f64 * step)
                .map_or(Value::Null, Value::Number);
        }
        let x: f64 = self.rng.random_range(0.0..1.0);
        let n = low + (high - low) * x;
        let n = if n == low && exclusive(object, "exclusiveMinimum") {
            (low + high) / 2.0
        } else {
            n
        };
        // Now and then a whole number, which JSON writes without a point.
        let n = if self.chance(0.2) && n.round() >= low && n.round() <= high {
            n.round()
        } else {
            n
        };
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }

    /// Any small JSON value, `null` more often than the others: it is the
    /// value a reader most easily confuses with an absent one.
    fn any(&mut self, depth: usize) -> Value {
        if self.chance(0.2) {
            return Value::Null;
        }
        let kinds = if depth >= SHALLOW_DEPTH { 5 } else { 7 };
        match self.rng.random_range(0..kinds) {
            0 => Value::Null,
            1 => Value::Bool(self.chance(0.5)),
            2 => Value::from(self.rng.random_range(-100_000..100_000_i64)),
            3 => Number::from_f64(self.rng.random_range(-1.0e6..1.0e6))
                .map_or(Value::Null, Value::Number),
            4 => Value::String(self.string(&Map::new())),
            5 => Value::Array(
                (0..self.rng.random_range(0..3))
                    .map(|_| self.any(depth + 1))
                    .collect(),
            ),
            _ => {
                let mut fields = Map::new();
                for n in 0..self.rng.random_range(0..3) {
                    fields.insert(format!("k{n}"), self.any(depth + 1));
                }
                Value::Object(fields)
            }
        }
    }
}

/// The tag a discriminator gives `alternative`: a key of its mapping that
/// points at it, else the one value the alternative fixes the property to,
/// else the name of the schema it refers to.
fn discriminator_tag(
    doc: &Value,
    union: &Map<String, Value>,
    alternative: &Value,
    property: &str,
) -> Option<String> {
    let reference = alternative.get("$ref").and_then(Value::as_str).or_else(|| {
        // A 3.1 `$ref` with siblings is often written as a one-member allOf.
        match alternative
            .get("allOf")
            .and_then(Value::as_array)?
            .as_slice()
        {
            [only] => only.get("$ref").and_then(Value::as_str),
            _ => None,
        }
    });
    let name = reference.and_then(|r| r.rsplit('/').next());
    let mapping = union
        .get("discriminator")
        .and_then(|d| d.get("mapping"))
        .and_then(Value::as_object);
    if let (Some(mapping), Some(reference)) = (mapping, reference) {
        if let Some((tag, _)) = mapping
            .iter()
            .find(|(_, target)| target.as_str() == Some(reference) || target.as_str() == name)
        {
            return Some(tag.clone());
        }
    }
    fixed_value(doc, alternative, property, 0).or(name.map(str::to_owned))
}

/// The one value a schema fixes `property` to (`enum` of one, or `const`),
/// through `$ref`s and `allOf`s.
fn fixed_value(doc: &Value, schema: &Value, property: &str, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return fixed_value(doc, spec_json::at(doc, reference)?, property, depth + 1);
    }
    if let Some(found) = schema.get("properties").and_then(|p| p.get(property)) {
        let found = match found.get("$ref").and_then(Value::as_str) {
            Some(reference) => spec_json::at(doc, reference)?,
            None => found,
        };
        if let Some(value) = found.get("const").and_then(Value::as_str) {
            return Some(value.to_owned());
        }
        return match found.get("enum").and_then(Value::as_array)?.as_slice() {
            [only] => only.as_str().map(str::to_owned),
            _ => None,
        };
    }
    schema
        .get("allOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(|member| fixed_value(doc, member, property, depth + 1))
}

/// `pattern` without its lookahead and lookbehind groups (`(?!…)`, `(?=…)`,
/// `(?<!…)`, `(?<=…)`).
fn without_lookarounds(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = ["(?!", "(?=", "(?<!", "(?<="]
        .iter()
        .filter_map(|open| rest.find(open))
        .min()
    {
        out.push_str(&rest[..start]);
        let mut depth = 0;
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest[start..].char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `b`'s properties over `a`'s, when both are objects; else `b`.
fn merge(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Object(mut a), Value::Object(b)) => {
            a.extend(b);
            Value::Object(a)
        }
        (_, b) => b,
    }
}

fn usize_of(value: Option<&Value>) -> Option<usize> {
    value?.as_u64().and_then(|n| usize::try_from(n).ok())
}

fn number_of(value: Option<&Value>) -> Option<f64> {
    value?.as_f64()
}

/// Whether a 3.0 `exclusiveMinimum`/`exclusiveMaximum` is `true` (the
/// bound beside it excluded).
fn exclusive(object: &Map<String, Value>, keyword: &str) -> bool {
    object.get(keyword) == Some(&Value::Bool(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Schemas;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "openapi": "3.0.3",
            "components": {"schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["name", "kind"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "maxLength": 8},
                        "kind": {"type": "string", "enum": ["cat", "dog"]},
                        "age": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 30},
                        "weight": {"type": "number", "exclusiveMinimum": true, "minimum": 0},
                        "born": {"type": "string", "format": "date-time"},
                        "code": {"type": "string", "pattern": "^[A-Z]{2}[0-9]{3}$"},
                        "owner": {"$ref": "#/components/schemas/Owner"},
                        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}
                    }
                },
                "Owner": {"type": "object", "nullable": true, "additionalProperties": false,
                          "properties": {"id": {"type": "string", "format": "uuid"}}},
                "Shape": {"oneOf": [
                    {"type": "object", "required": ["r"], "properties": {"r": {"type": "number"}}},
                    {"type": "string", "enum": ["none"]}
                ]}
            }}
        })
    }

    #[test]
    fn draws_are_valid_and_repeatable() {
        let doc = doc();
        let schemas = Schemas::new(&doc).unwrap();
        let draw = |seed| {
            let mut drawer = Drawer::new(&doc, seed);
            (0..200)
                .map(|_| drawer.draw("#/components/schemas/Pet").unwrap().value)
                .collect::<Vec<_>>()
        };
        let values = draw(7);
        assert_eq!(values, draw(7));
        assert_ne!(values, draw(8));
        for value in &values {
            assert_eq!(
                schemas.errors("#/components/schemas/Pet", value),
                None,
                "{value}"
            );
        }
        // Optional properties come and go; unlisted ones appear; null where
        // allowed; the closed object never gets extras.
        assert!(values.iter().any(|v| v.get("age").is_some()));
        assert!(values.iter().any(|v| v.get("age").is_none()));
        assert!(values.iter().any(|v| v.get("x_unlisted_0").is_some()));
        assert!(values.iter().any(|v| v.get("owner") == Some(&Value::Null)));
        assert!(values
            .iter()
            .filter_map(|v| v.get("owner")?.as_object())
            .all(|owner| owner.keys().all(|k| k == "id")));
    }

    #[test]
    fn lookarounds_are_left_out() {
        assert_eq!(
            without_lookarounds("^(?![0-9a-f]{8}-[0-9a-f]{4}$)^[a-z]([a-z0-9-]*[a-z0-9]+)?$"),
            "^^[a-z]([a-z0-9-]*[a-z0-9]+)?$"
        );
        assert_eq!(
            without_lookarounds(r"^([a-z]+[a-z\-]*(?<!-))(\.[a-z]+(?<!\)))*$"),
            r"^([a-z]+[a-z\-]*)(\.[a-z]+)*$"
        );
    }

    #[test]
    fn unions_record_the_alternative_taken() {
        let doc = doc();
        let mut drawer = Drawer::new(&doc, 1);
        let instance = drawer.draw("#/components/schemas/Shape").unwrap();
        assert_eq!(
            instance.choices,
            [Choice {
                at: String::new(),
                union: "#/components/schemas/Shape".to_owned(),
                keyword: "oneOf",
                alternatives: 2
            }]
        );
    }
}
