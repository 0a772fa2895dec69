//! A generated crate split by tag compiles, clippy-clean, with any one tag's
//! feature alone, with none, and with the blocking client or every serde
//! impl (`full-serde`) beside one; the
//! markdown pages of the tag left on still pass as doctests. (Which items each
//! feature gates is checked in `resolve::features`' unit tests and in the
//! client-shapes golden.)

use sdkgen_tests::cargo_clean_run;

fn cargo(args: &[&str]) {
    cargo_clean_run(args, &[]);
}

#[test]
fn each_tag_compiles_alone_and_with_none() {
    // `full-serde` beside one tag: every type's other serde impl compiles
    // too (the others compile each type's impls by direction).
    for features in [
        "",
        "search",
        "charges",
        "files",
        "blocking,charges",
        "full-serde,files",
    ] {
        cargo(&[
            "clippy",
            "--quiet",
            "--package",
            "client-shapes",
            "--no-default-features",
            "--features",
            features,
            "--",
            "--deny",
            "warnings",
        ]);
    }
}

#[test]
fn pages_of_one_tag_pass_as_doctests_without_the_others() {
    cargo(&[
        "test",
        "--quiet",
        "--doc",
        "--package",
        "client-shapes",
        "--no-default-features",
        "--features",
        "files",
    ]);
}

#[test]
fn the_default_sdk_compiles_with_serde_impls_by_direction() {
    // Built alone, with its default features: the workspace's tests give it
    // `full-serde`, which would hide an impl the client needs and lacks.
    cargo(&[
        "clippy",
        "--quiet",
        "--package",
        "authlete",
        "--",
        "--deny",
        "warnings",
    ]);
}
