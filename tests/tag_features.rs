//! A generated crate split by tag compiles, clippy-clean, with any one tag's
//! feature alone, with none, and with the blocking client beside one; the
//! markdown pages of the tag left on still pass as doctests. (Which items each
//! feature gates is checked in `resolve::features`' unit tests and in the
//! client-shapes golden.)

use std::process::Command;

use sdkgen_tests::repo_root;

fn cargo(args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(repo_root())
        .args(args)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo {args:?} failed:\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "cargo {args:?} warned:\n{stderr}"
    );
}

#[test]
fn each_tag_compiles_alone_and_with_none() {
    for features in ["", "search", "charges", "files", "blocking,charges"] {
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
