//! Picks a fixed set of mutated specs that sdkgen generates a crate for, and
//! writes each generated client into `$OUT_DIR/mutants.rs` as a module, so
//! that building this crate (and `cargo clippy -D warnings` in CI) proves that
//! what sdkgen generates from odd but accepted input compiles cleanly.

#[path = "src/mutate.rs"]
#[allow(dead_code)] // the build script uses part of what the library exports
mod mutate;

use std::fmt::Write as _;
use std::path::Path;

/// How many mutants are compiled. Each is a whole client (~1,000–3,000 lines);
/// 24 keep this crate's build near half a minute on two cores.
const MUTANTS: usize = 24;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("../..");
    for seed in mutate::SEEDS {
        println!("cargo:rerun-if-changed={}", root.join(seed).display());
    }
    println!("cargo:rerun-if-changed=src/mutate.rs");
    let seeds = mutate::seeds(&root);
    let mut rng = mutate::Rng(0x5d6e_7f80);
    let mut modules = String::new();
    let mut kept = Vec::new();
    let mut tried = 0;
    while kept.len() < MUTANTS {
        tried += 1;
        assert!(
            tried < 5_000,
            "only {} of {tried} mutants generated",
            kept.len()
        );
        let seed = rng.next_usize() % seeds.len();
        let mut doc = seeds[seed].clone();
        let count = 1 + rng.next_usize() % 3;
        let mutations: Vec<String> = (0..count)
            .filter_map(|_| mutate::apply(&mut doc, &rng.mutation()))
            .collect();
        if doc == seeds[seed] {
            continue; // a mutation that changed nothing proves nothing new
        }
        let as_yaml = rng.next_usize().is_multiple_of(2);
        let text = if as_yaml {
            serde_yaml::to_string(&doc).expect("a JSON value writes as YAML")
        } else {
            serde_json::to_string_pretty(&doc).expect("a JSON value writes as JSON")
        };
        match sdkgen::generate_module("mutant", &text, &sdkgen::Config::default()) {
            Ok(output) => {
                let index = kept.len();
                let described = format!("{}: {}", mutate::SEEDS[seed], mutations.join("; "));
                writeln!(modules, "/// Mutant {index}: {described}").unwrap();
                writeln!(
                    modules,
                    "pub mod mutant_{index:02} {{\n{}\n}}",
                    output.source
                )
                .unwrap();
                kept.push(described);
            }
            // Refused with a located error: the property test checks those.
            Err(sdkgen::Error::Spec { .. }) => {}
            Err(other) => panic!(
                "mutant of {} ({}): not a spec error: {other}",
                mutate::SEEDS[seed],
                mutations.join("; ")
            ),
        }
    }
    writeln!(
        modules,
        "/// What each mutant is: its seed spec and mutations."
    )
    .unwrap();
    writeln!(modules, "pub const MUTANTS: &[&str] = &{kept:?};").unwrap();
    writeln!(modules, "/// How many mutants were tried to find them.").unwrap();
    writeln!(modules, "pub const TRIED: usize = {tried};").unwrap();
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("mutants.rs");
    std::fs::write(&out, modules).expect("OUT_DIR is writable");
}
