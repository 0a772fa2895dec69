//! Mutated specs never make sdkgen panic: each run either generates a crate or
//! fails with an error that names a place in the document. The mutations are
//! the kinds real specs get wrong: a key dropped, a value of the wrong type, a
//! `$ref` that points nowhere or to another file, and names Rust cannot use.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

/// Our own specs, as JSON values.
fn seeds() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    [
        "spec/authlete.yaml",
        "tests/fixtures/authlete-ciba-inline.yaml",
        "tests/fixtures/schema-constructs.yaml",
        "tests/fixtures/names-and-enums.yaml",
    ]
    .iter()
    .map(|path| {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        serde_yaml::from_str::<sdkgen::load::lenient::Lenient>(&text)
            .unwrap()
            .0
    })
    .collect()
}

/// One step on the way to a value: an object key or an array index.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path to every value in `value`, the root first.
fn paths(value: &Value) -> Vec<Vec<Step>> {
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

const REPLACEMENTS: &[&str] = &[
    "null",
    "true",
    "7",
    "-1.5",
    "\"x\"",
    "[]",
    "{}",
    "[1, \"a\"]",
];
const ODD_NAMES: &[&str] = &[
    "type", "self", "Self", "+1", "-1", "", "日本", "Result", "a/b~c", "123", "Client", "_", "r#x",
];
const BAD_REFS: &[&str] = &[
    "#/components/schemas/Missing",
    "other.yaml#/components/schemas/Pet",
    "#/components/parameters/none",
    "#/paths",
    "#",
    "",
];

/// A mutation, with selectors that pick where and what.
#[derive(Clone, Debug)]
enum Mutation {
    Drop(usize),
    Replace(usize, usize),
    BreakRef(usize, usize),
    Rename(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Replace(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::BreakRef(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Rename(a, b)),
    ]
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let all = paths(doc);
    match mutation {
        Mutation::Drop(at) => {
            let path = &all[at % all.len()];
            if let Some((last, parent)) = path.split_last() {
                match (get_mut(doc, parent), last) {
                    (Some(Value::Object(map)), Step::Key(key)) => {
                        map.shift_remove(key);
                    }
                    (Some(Value::Array(items)), Step::Index(i)) => {
                        items.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        Mutation::Replace(at, with) => {
            let path = &all[at % all.len()];
            let replacement: Value =
                serde_json::from_str(REPLACEMENTS[with % REPLACEMENTS.len()]).unwrap();
            if let Some(value) = get_mut(doc, path) {
                *value = replacement;
            }
        }
        Mutation::BreakRef(at, with) => {
            let refs: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::Key(k)) if k == "$ref"))
                .collect();
            if refs.is_empty() {
                return;
            }
            let path = refs[at % refs.len()].clone();
            if let Some(value) = get_mut(doc, &path) {
                *value = Value::String(BAD_REFS[with % BAD_REFS.len()].to_owned());
            }
        }
        Mutation::Rename(at, with) => {
            let keys: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::Key(_))))
                .collect();
            if keys.is_empty() {
                return;
            }
            let path = keys[at % keys.len()].clone();
            let (Some(Step::Key(old)), parent) = (path.last(), &path[..path.len() - 1]) else {
                return;
            };
            if let Some(Value::Object(map)) = get_mut(doc, parent) {
                if let Some(value) = map.shift_remove(old) {
                    map.insert(ODD_NAMES[with % ODD_NAMES.len()].to_owned(), value);
                }
            }
        }
    }
}

/// Runs the whole pipeline and checks the outcome.
fn check(doc: &Value, as_yaml: bool) -> Result<(), TestCaseError> {
    let text = if as_yaml {
        serde_yaml::to_string(doc).unwrap()
    } else {
        serde_json::to_string_pretty(doc).unwrap()
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        sdkgen::generate("mutated", &text, &sdkgen::Config::default())
            .map(|output| output.crate_files())
    }));
    match outcome {
        Err(_) => Err(TestCaseError::fail(format!("panicked on:\n{text}"))),
        Ok(Ok(files)) => {
            prop_assert!(files.files.contains_key("src/lib.rs"));
            Ok(())
        }
        Ok(Err(sdkgen::Error::Spec {
            location, message, ..
        })) => {
            prop_assert!(
                location.pointer.starts_with('#'),
                "error without a JSON pointer: {location}: {message}"
            );
            prop_assert!(!message.is_empty());
            Ok(())
        }
        Ok(Err(other)) => Err(TestCaseError::fail(format!(
            "not a spec error: {other}\n{text}"
        ))),
    }
}

proptest! {
    // Failures are shrunk and printed; nothing is written into the repository.
    // The seed is fixed so that the default suite gives the same verdict on
    // every run; raise `cases` and change the seed to explore further, or run
    // cargo-fuzz (README, Fuzzing), which explores without end.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5d6e_7f80),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_specs_generate_or_fail_with_a_location(
        seed in 0usize..4,
        mutations in proptest::collection::vec(mutation(), 1..4),
        as_yaml in any::<bool>(),
    ) {
        let mut doc = seeds().swap_remove(seed);
        for mutation in &mutations {
            apply(&mut doc, mutation);
        }
        check(&doc, as_yaml)?;
    }
}
