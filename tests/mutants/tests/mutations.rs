//! Mutated specs never make sdkgen panic: each run either generates a crate or
//! fails with an error that names a place in the document. (That the crates
//! it generates compile is proven by this crate's build script, which compiles
//! a fixed set of them; see `compiled_mutants_cover_every_kind` below.)

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use proptest::prelude::*;
use sdkgen_mutants::mutants::{MUTANTS, TRIED};
use sdkgen_mutants::mutate::{apply, seeds, Mutation, SEEDS};
use serde_json::Value;

fn repo_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Replace(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::BreakRef(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Rename(a, b)),
    ]
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
        let mut doc = seeds(repo_root()).swap_remove(seed);
        for mutation in &mutations {
            apply(&mut doc, mutation);
        }
        check(&doc, as_yaml)?;
    }
}

/// The compiled mutants are not all of one kind: every seed and every kind of
/// mutation is among them, so the build proves more than one easy case.
#[test]
fn compiled_mutants_cover_every_kind() {
    assert_eq!(MUTANTS.len(), 24);
    assert!(TRIED >= MUTANTS.len());
    for seed in SEEDS {
        assert!(
            MUTANTS.iter().any(|m| m.starts_with(seed)),
            "no compiled mutant of {seed}"
        );
    }
    for kind in ["drop ", "replace ", "rename "] {
        assert!(
            MUTANTS.iter().any(|m| m.contains(kind)),
            "no compiled mutant made by `{kind}`:\n{MUTANTS:#?}"
        );
    }
}
