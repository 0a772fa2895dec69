//! Mutations of OpenAPI documents, the kinds real specs get wrong: a key
//! dropped, a value of the wrong type, a `$ref` that points nowhere or to
//! another file, and names Rust cannot use. Shared by the build script (which
//! compiles a fixed set of mutants) and the property test.

use std::path::Path;

use serde_json::Value;

/// Our own specs (paths from the repository root): the documents mutated.
pub const SEEDS: &[&str] = &[
    "spec/authlete.yaml",
    "tests/fixtures/authlete-ciba-inline.yaml",
    "tests/fixtures/schema-constructs.yaml",
    "tests/fixtures/names-and-enums.yaml",
];

/// The seeds as JSON values, read from the repository at `root`.
pub fn seeds(root: &Path) -> Vec<Value> {
    SEEDS
        .iter()
        .map(|path| {
            let text =
                std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            serde_yaml::from_str::<sdkgen::load::lenient::Lenient>(&text)
                .unwrap_or_else(|e| panic!("{path}: {e}"))
                .0
        })
        .collect()
}

/// A small deterministic random source (SplitMix64), so that the build script
/// picks the same mutants on every machine.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_usize(&mut self) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as usize
    }

    /// A mutation with random selectors.
    pub fn mutation(&mut self) -> Mutation {
        let (a, b) = (self.next_usize(), self.next_usize());
        match self.next_usize() % 4 {
            0 => Mutation::Drop(a),
            1 => Mutation::Replace(a, b),
            2 => Mutation::BreakRef(a, b),
            _ => Mutation::Rename(a, b),
        }
    }
}

/// One step on the way to a value: an object key or an array index.
#[derive(Clone, Debug)]
pub enum Step {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// The path to every value in `value`, the root first.
pub fn paths(value: &Value) -> Vec<Vec<Step>> {
    let mut all = vec![Vec::new()];
    let mut index = 0;
    while index < all.len() {
        let path = all[index].clone();
        match get(value, &path) {
            Some(Value::Object(map)) => {
                for key in map.keys() {
                    let mut child = path.clone();
                    child.push(Step::Key(key.clone()));
                    all.push(child);
                }
            }
            Some(Value::Array(items)) => {
                for i in 0..items.len() {
                    let mut child = path.clone();
                    child.push(Step::Index(i));
                    all.push(child);
                }
            }
            _ => {}
        }
        index += 1;
    }
    all
}

fn get<'v>(mut value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    for step in path {
        value = match step {
            Step::Key(key) => value.get(key)?,
            Step::Index(i) => value.get(*i)?,
        };
    }
    Some(value)
}

fn get_mut<'v>(mut value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    for step in path {
        value = match step {
            Step::Key(key) => value.get_mut(key)?,
            Step::Index(i) => value.get_mut(*i)?,
        };
    }
    Some(value)
}

/// Values put in place of others: every JSON type.
pub const REPLACEMENTS: &[&str] = &[
    "null",
    "true",
    "7",
    "-1.5",
    "\"x\"",
    "[]",
    "{}",
    "[1, \"a\"]",
];
/// Names Rust cannot use as they are.
pub const ODD_NAMES: &[&str] = &[
    "type", "self", "Self", "+1", "-1", "", "日本", "Result", "a/b~c", "123", "Client", "_", "r#x",
];
/// References that point nowhere, to another file, or at the wrong kind of object.
pub const BAD_REFS: &[&str] = &[
    "#/components/schemas/Missing",
    "other.yaml#/components/schemas/Pet",
    "#/components/parameters/none",
    "#/paths",
    "#",
    "",
];

/// A mutation, with selectors that pick where and what. Each selector is
/// taken modulo the number of choices, so any numbers make a valid mutation.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Removes the value at the selected path.
    Drop(usize),
    /// Replaces the selected value with one of [`REPLACEMENTS`].
    Replace(usize, usize),
    /// Points the selected `$ref` at one of [`BAD_REFS`].
    BreakRef(usize, usize),
    /// Renames the selected key to one of [`ODD_NAMES`].
    Rename(usize, usize),
}

/// Applies `mutation` to `doc` and says what it did (`drop #/paths/~1a/get`),
/// or `None` if it found nothing to change.
pub fn apply(doc: &mut Value, mutation: &Mutation) -> Option<String> {
    let all = paths(doc);
    match mutation {
        Mutation::Drop(at) => {
            let path = &all[at % all.len()];
            let (last, parent) = path.split_last()?;
            match (get_mut(doc, parent), last) {
                (Some(Value::Object(map)), Step::Key(key)) => {
                    map.shift_remove(key);
                }
                (Some(Value::Array(items)), Step::Index(i)) => {
                    items.remove(*i);
                }
                _ => return None,
            }
            Some(format!("drop {}", pointer(path)))
        }
        Mutation::Replace(at, with) => {
            let path = &all[at % all.len()];
            let text = REPLACEMENTS[with % REPLACEMENTS.len()];
            let replacement: Value = serde_json::from_str(text).expect("REPLACEMENTS are JSON");
            *get_mut(doc, path)? = replacement;
            Some(format!("replace {} with {text}", pointer(path)))
        }
        Mutation::BreakRef(at, with) => {
            let refs: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::Key(k)) if k == "$ref"))
                .collect();
            if refs.is_empty() {
                return None;
            }
            let path = refs[at % refs.len()];
            let target = BAD_REFS[with % BAD_REFS.len()];
            *get_mut(doc, path)? = Value::String(target.to_owned());
            Some(format!("point {} at {target:?}", pointer(path)))
        }
        Mutation::Rename(at, with) => {
            let keys: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::Key(_))))
                .collect();
            if keys.is_empty() {
                return None;
            }
            let path = keys[at % keys.len()];
            let (Some(Step::Key(old)), parent) = (path.last(), &path[..path.len() - 1]) else {
                return None;
            };
            let Some(Value::Object(map)) = get_mut(doc, parent) else {
                return None;
            };
            let value = map.shift_remove(old)?;
            let new = ODD_NAMES[with % ODD_NAMES.len()];
            map.insert(new.to_owned(), value);
            Some(format!("rename {} to {new:?}", pointer(path)))
        }
    }
}

/// The JSON pointer of `path`.
fn pointer(path: &[Step]) -> String {
    let mut out = String::from("#");
    for step in path {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Step::Index(index) => out.push_str(&index.to_string()),
        }
    }
    out
}
