//! The checked-in generated crates (and the build.rs example, whose module is
//! generated at build time) compile with zero warnings and are clippy-clean
//! with `-D warnings`, all targets.

use std::process::Command;

use sdkgen_tests::repo_root;

#[test]
fn generated_crates_are_warning_free_and_clippy_clean() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(repo_root())
        .args([
            "clippy",
            "--quiet",
            "--all-targets",
            "--package",
            "authlete",
            "--package",
            "authlete-ciba-inline",
            "--package",
            "openapi-31-constructs",
            "--package",
            "sdkgen-example-buildrs",
            "--",
            "--deny",
            "warnings",
        ])
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "clippy failed:\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "clippy passed but printed warnings:\n{stderr}"
    );
}

/// rustdoc has nothing to warn about in the checked-in generated crates: spec
/// descriptions are rewritten where rustdoc would warn (see
/// `generator/src/emit/rustdoc.rs`); `cargo xtask corpus` checks the same on
/// every shared spec.
#[test]
fn generated_crates_document_without_warnings() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(repo_root())
        .env("RUSTDOCFLAGS", "--deny warnings")
        .args([
            "doc",
            "--quiet",
            "--no-deps",
            "--package",
            "authlete",
            "--package",
            "authlete-ciba-inline",
            "--package",
            "names-and-enums",
            "--package",
            "schema-constructs",
            "--package",
            "openapi-31-constructs",
        ])
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo doc failed:\n{stderr}");
    assert!(!stderr.contains("warning"), "rustdoc warned:\n{stderr}");
}
