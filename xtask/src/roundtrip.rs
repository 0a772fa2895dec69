//! The random-instance round trip: for every component schema of a spec,
//! values drawn from the schema (`instances`) and judged valid by an
//! independent validator (`validate`) are read into the generated type and
//! written back by a test in the generated crate; what comes back must equal
//! what went in (numbers by value). A value that comes back different is
//! lost data, unless the spec's own union is ambiguous for it (the value
//! fits several alternatives), which is then said.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::instances::{Choice, Drawer, Instance};
use crate::validate::Schemas;

/// What the round trip takes: how many values per schema, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Valid values drawn for each component schema.
    pub per_schema: usize,
    /// The seed of the draws.
    pub seed: u64,
}

impl Default for Settings {
    /// What CI runs: a fixed seed.
    fn default() -> Self {
        Settings {
            per_schema: 12,
            seed: 20261202,
        }
    }
}

/// One drawn value on its way: the index of its type in the test's list,
/// the schema it was drawn from, and the value.
#[derive(Debug, Clone)]
pub struct Case {
    ty: usize,
    pointer: String,
    instance: Instance,
}

/// The values of one spec, ready to write for its crate's test.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The Rust types, in the order the test lists them.
    pub types: Vec<String>,
    cases: Vec<Case>,
    /// Draws the validator refused (the drawer's misses, not sdkgen's).
    pub discarded: usize,
    /// Schemas no valid value was drawn for, with why.
    pub undrawn: Vec<String>,
}

/// The outcome for one spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Valid values read and written back.
    pub instances: usize,
    /// Those that came back equal.
    pub identical: usize,
    /// Those that came back different, with where and how.
    pub lost: Vec<String>,
    /// Those the generated type refused to read (or write), with why.
    pub refused: Vec<String>,
    /// Those that came back different because the spec's union is
    /// ambiguous for them, with which alternatives fit.
    pub ambiguous: Vec<String>,
}

/// Draws `settings.per_schema` valid values for each component schema of
/// `doc` that has a generated type (`schema_types`: pointer, Rust path).
pub fn plan(
    doc: &Value,
    schemas: &Schemas,
    schema_types: &[(String, String)],
    settings: Settings,
) -> Plan {
    let mut plan = Plan::default();
    let mut drawer = Drawer::new(doc, settings.seed);
    for (pointer, rust_type) in schema_types {
        // A type of sdkgen's own making (a 3.1 webhook payload) is not in the
        // document as written.
        let Some(schema) = crate::spec_json::at(doc, pointer) else {
            continue;
        };
        let ty = plan.types.len();
        // A nullable schema's values are held as `Option<T>` wherever the
        // schema is used: `T` is the value, `None` the null.
        if schema
            .as_object()
            .is_some_and(crate::spec_json::allows_null)
        {
            plan.types.push(format!("Option<{rust_type}>"));
        } else {
            plan.types.push(rust_type.clone());
        }
        let mut drawn = 0;
        let mut last_error = None;
        for _ in 0..settings.per_schema * 4 {
            if drawn == settings.per_schema {
                break;
            }
            let Some(instance) = drawer.draw(pointer) else {
                last_error = Some("the schema nests too deep to draw".to_owned());
                continue;
            };
            match schemas.errors(pointer, &instance.value) {
                None => {
                    drawn += 1;
                    plan.cases.push(Case {
                        ty,
                        pointer: pointer.clone(),
                        instance,
                    });
                }
                Some(error) => {
                    plan.discarded += 1;
                    last_error = Some(error);
                }
            }
        }
        if drawn == 0 {
            plan.undrawn.push(format!(
                "{pointer}: {}",
                last_error.unwrap_or_else(|| "nothing drawn".to_owned())
            ));
        }
    }
    plan
}

impl Plan {
    /// The values, one per line: the type's index, a tab, the JSON text.
    pub fn input(&self) -> String {
        let mut text = String::new();
        for case in &self.cases {
            let _ = writeln!(text, "{}\t{}", case.ty, case.instance.value);
        }
        text
    }

    /// Compares what the test wrote back (`output`: a line per value, `ok\t`
    /// and the JSON text, or `err\t` and why) with what went in.
    pub fn report(&self, output: &str, schemas: &Schemas) -> Report {
        let mut report = Report::default();
        let mut lines = output.lines();
        for case in &self.cases {
            report.instances += 1;
            let sent = &case.instance.value;
            let line = lines.next().unwrap_or("err\tno result");
            let (kind, text) = line.split_once('\t').unwrap_or(("err", line));
            let back = match (kind, serde_json::from_str::<Value>(text)) {
                ("ok", Ok(back)) => back,
                _ => {
                    report
                        .refused
                        .push(format!("{}: {sent} was refused: {text}", case.pointer));
                    continue;
                }
            };
            let Some(place) = first_difference(sent, &back, "") else {
                report.identical += 1;
                continue;
            };
            let difference = format!(
                "at `{place}` sent {} got back {}",
                shown(sent, &place),
                shown(&back, &place)
            );
            match ambiguity(&case.instance.choices, sent, &place, schemas) {
                Some(why) => report
                    .ambiguous
                    .push(format!("{}: {difference}: {why}", case.pointer)),
                None => report
                    .lost
                    .push(format!("{}: {sent}: {difference}", case.pointer)),
            }
        }
        report
    }
}

/// The test written into a generated crate: reads `roundtrip.in` (see
/// [`Plan::input`]) into the listed types and writes each back into
/// `roundtrip.out`. It never fails itself; the xtask judges the output.
pub fn test_code(types: &[String]) -> String {
    let mut list = String::new();
    for ty in types {
        let _ = writeln!(list, "    read_write::<{ty}>,");
    }
    format!(
        r#"
/// Reads `text` as `T` and writes it back: `ok` and the JSON, or `err` and
/// why.
fn read_write<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> String {{
    match serde_json::from_str::<T>(text) {{
        Ok(typed) => match serde_json::to_string(&typed) {{
            Ok(back) => format!("ok\t{{back}}"),
            Err(error) => format!("err\tdoes not serialize: {{error}}"),
        }},
        Err(error) => format!("err\tdoes not read: {{error}}"),
    }}
}}

/// The component schemas' types, in the order `roundtrip.in` numbers them.
const TYPES: &[fn(&str) -> String] = &[
{list}];

#[test]
fn random_values_round_trip() {{
    let dir = env!("CARGO_MANIFEST_DIR");
    let Ok(input) = std::fs::read_to_string(format!("{{dir}}/roundtrip.in")) else {{
        return;
    }};
    let mut output = String::new();
    for line in input.lines() {{
        let (ty, text) = line.split_once('\t').expect("index and JSON");
        let ty: usize = ty.parse().expect("a type index");
        output.push_str(&TYPES[ty](text).replace('\n', " "));
        output.push('\n');
    }}
    std::fs::write(format!("{{dir}}/roundtrip.out"), output).expect("roundtrip.out is written");
}}
"#
    )
}

/// Writes the plan's values beside the crate's test.
pub fn write_input(plan: &Plan, krate: &Path) -> Result<(), String> {
    let path = krate.join("roundtrip.in");
    std::fs::write(&path, plan.input()).map_err(|e| format!("{}: {e}", path.display()))
}

/// The first place (a JSON pointer) where `a` and `b` differ, numbers
/// compared by value.
pub fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (!same_number(x, y)).then(|| at.to_owned()),
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(at.to_owned());
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(x, y, &format!("{at}/{i}")))
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            for key in keys {
                let here = format!("{at}/{}", crate::spec_json::escape(key));
                match (x.get(key), y.get(key)) {
                    (Some(x), Some(y)) => {
                        if let Some(place) = first_difference(x, y, &here) {
                            return Some(place);
                        }
                    }
                    _ => return Some(here),
                }
            }
            None
        }
        _ => (a != b).then(|| at.to_owned()),
    }
}

fn same_number(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
        (Some(a), Some(b), _, _) => a == b,
        (_, _, Some(a), Some(b)) => a == b,
        _ => x.as_f64() == y.as_f64(),
    }
}

/// The value at `place` for a message, or `nothing`.
fn shown(value: &Value, place: &str) -> String {
    value
        .pointer(place)
        .map_or_else(|| "nothing".to_owned(), Value::to_string)
}

/// Why the spec is ambiguous for the part of `sent` at `place`, when it is:
/// a union the draw went through above `place` whose alternatives more than
/// one accept the value there.
fn ambiguity(choices: &[Choice], sent: &Value, place: &str, schemas: &Schemas) -> Option<String> {
    let mut above: Vec<&Choice> = choices
        .iter()
        .filter(|c| place == c.at || place.starts_with(&format!("{}/", c.at)) || c.at.is_empty())
        .collect();
    // The innermost union first.
    above.sort_by_key(|c| std::cmp::Reverse(c.at.len()));
    above.into_iter().find_map(|choice| {
        let value = sent.pointer(&choice.at)?;
        let fits: Vec<usize> = (0..choice.alternatives)
            .filter(|i| {
                let pointer = format!("{}/{}/{i}", choice.union, choice.keyword);
                schemas.is_valid(&pointer, value) == Some(true)
            })
            .collect();
        (fits.len() > 1).then(|| {
            format!(
                "the value at `{}` fits alternatives {fits:?} of `{}` ({}), so the spec does not \
                 say which it is",
                choice.at, choice.union, choice.keyword
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value_and_places_are_pointers() {
        assert_eq!(
            first_difference(&json!({"a": 5}), &json!({"a": 5.0}), ""),
            None
        );
        assert_eq!(
            first_difference(
                &json!({"a": [1, {"b": 2}]}),
                &json!({"a": [1, {"b": 3}]}),
                ""
            ),
            Some("/a/1/b".to_owned())
        );
        assert_eq!(
            first_difference(&json!({"a": 1, "c/d": 2}), &json!({"a": 1}), ""),
            Some("/c~1d".to_owned())
        );
        assert_eq!(
            first_difference(&json!(12758008.736488119), &json!(12758008.73648812), ""),
            Some(String::new())
        );
    }

    #[test]
    fn a_value_that_fits_two_alternatives_is_the_specs_ambiguity() {
        let doc = json!({"openapi": "3.0.3", "components": {"schemas": {
            "U": {"anyOf": [
                {"type": "object", "properties": {"a": {"type": "string"}}},
                {"type": "object", "properties": {"b": {"type": "string"}}}
            ]},
            "V": {"oneOf": [{"type": "integer"}, {"type": "string"}]}
        }}});
        let schemas = Schemas::new(&doc).unwrap();
        let choice = |union: &str, keyword| Choice {
            at: String::new(),
            union: union.to_owned(),
            keyword,
            alternatives: 2,
        };
        let why = ambiguity(
            &[choice("#/components/schemas/U", "anyOf")],
            &json!({"a": "x"}),
            "/a",
            &schemas,
        );
        assert!(why.unwrap().contains("fits alternatives [0, 1]"));
        let none = ambiguity(
            &[choice("#/components/schemas/V", "oneOf")],
            &json!("x"),
            "",
            &schemas,
        );
        assert_eq!(none, None);
    }

    #[test]
    fn the_report_counts_each_outcome() {
        let doc = json!({"openapi": "3.0.3", "components": {"schemas": {
            "N": {"type": "integer"}
        }}});
        let schemas = Schemas::new(&doc).unwrap();
        let types = [("#/components/schemas/N".to_owned(), "c::N".to_owned())];
        let plan = plan(
            &doc,
            &schemas,
            &types,
            Settings {
                per_schema: 3,
                seed: 1,
            },
        );
        assert_eq!(plan.input().lines().count(), 3);
        let values: Vec<&str> = plan
            .input()
            .lines()
            .map(|l| l.split_once('\t').unwrap().1)
            .map(|v| Box::leak(v.to_owned().into_boxed_str()) as &str)
            .collect();
        let output = format!(
            "ok\t{}\nok\t\"changed\"\nerr\tdoes not read: x\n",
            values[0]
        );
        let report = plan.report(&output, &schemas);
        assert_eq!(report.instances, 3);
        assert_eq!(report.identical, 1);
        assert_eq!(report.lost.len(), 1);
        assert_eq!(report.refused.len(), 1);
    }
}
